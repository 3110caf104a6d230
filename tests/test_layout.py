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
