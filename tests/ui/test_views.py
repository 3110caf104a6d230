"""What the server loads before the first visitor: the default view, and then out of the collector's sight."""

import subprocess
import sys

from geo import settings


def test_preload_draws_the_default_view_and_freezes_what_it_loaded():
    code = (
        "import gc; from ui.views import preload; from layers import web_map; preload(); "
        "print(gc.get_freeze_count() > 10_000, len(web_map._GEOJSON) > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.split() == ["True", "True"]
