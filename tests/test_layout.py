"""The code's shape: folium only in layers/folium_map.py, matplotlib only in layers/static_map.py."""

import re

from geo import settings

SOURCES = [*(settings.ROOT / "layers").glob("*.py"), *(settings.ROOT / "geo").glob("*.py"), settings.ROOT / "app.py"]


def _importers(pattern: str) -> set[str]:
    found = set()
    for path in SOURCES:
        if re.search(pattern, path.read_text(encoding="utf-8"), flags=re.M):
            found.add(path.relative_to(settings.ROOT).as_posix())
    return found


def test_folium_is_known_only_to_its_renderer():
    assert _importers(r"^\s*(import|from) (folium|branca)\b") == {"layers/folium_map.py"}


def test_matplotlib_is_known_only_to_its_renderer():
    assert _importers(r"matplotlib|mpl_toolkits") == {"layers/static_map.py"}


def test_streamlit_is_known_only_to_the_page_and_its_live_map():
    assert _importers(r"^\s*(import|from) (streamlit|streamlit_folium)\b") == {"app.py", "layers/live_map.py"}


def test_the_page_imports_no_folium_and_no_scipy():
    """The app's path: folium (the HTML export) and scipy (mapclassify) are loaded only when used."""
    import subprocess
    import sys

    code = (
        "import sys\nimport layers.live_map, layers.view, layers.exports, geo.io, store.links\n"
        "heavy = ('folium', 'branca', 'scipy', 'sklearn', 'streamlit_folium', 'sqlalchemy')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=settings.ROOT)
    assert out.stdout.strip() == "[]"
