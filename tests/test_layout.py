"""The code's shape: data flows one way, ``ui/`` above ``layers/`` above ``geo/``, and each outside
library is known where it belongs (folium only to the HTML export, matplotlib only to print,
Streamlit only to the page)."""

import ast
import subprocess
import sys

import pytest

from geo import settings

PACKAGES = ("geo", "layers", "ui", "store")
#: Which of our packages each package may import: nothing back up.
MAY_IMPORT = {"geo": {"geo"}, "layers": {"geo", "layers"}, "store": {"geo", "store"}, "ui": set(PACKAGES)}
#: Command lines are edges: the export's reads a saved register (``--lagret``) from the store, which
#: itself knows only ``geo`` (no map code knows the database).
EDGES = {"layers/export.py": {"store"}}


def _sources(*folders: str):
    for folder in folders:
        yield from sorted((settings.ROOT / folder).rglob("*.py"))


def _imports(path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (a deferred import counts too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def _importers(module: str) -> set[str]:
    everything = [*_sources(*PACKAGES), settings.ROOT / "app.py", settings.ROOT / "serve.py"]
    return {
        p.relative_to(settings.ROOT).as_posix()
        for p in everything
        if any(m == module or m.startswith(module + ".") for m in _imports(p))
    }


@pytest.mark.parametrize("package", PACKAGES)
def test_no_package_imports_one_above_it(package):
    wrong = {
        f"{p.relative_to(settings.ROOT).as_posix()} → {m}"
        for p in _sources(package)
        for m in _imports(p)
        if m.split(".")[0] in PACKAGES
        and m.split(".")[0] not in MAY_IMPORT[package] | EDGES.get(p.relative_to(settings.ROOT).as_posix(), set())
    }
    assert wrong == set()


def test_folium_is_known_only_to_its_renderer():
    assert _importers("folium") | _importers("branca") == {"layers/folium_map.py"}


def test_matplotlib_is_known_only_to_its_renderer():
    assert _importers("matplotlib") == {"layers/static_map.py"}


def test_streamlit_is_known_only_to_the_page():
    assert {p for p in _importers("streamlit") if not p.startswith("ui/")} == {"app.py", "serve.py"}


def test_the_page_imports_no_folium_and_no_scipy():
    """The app's path: folium (the HTML export) and scipy (mapclassify) are loaded only when used."""
    code = (
        "import sys\nimport ui.live_map, ui.views, layers.state, layers.formats, geo.io, store.links\n"
        "heavy = ('folium', 'branca', 'scipy', 'sklearn', 'streamlit_folium', 'sqlalchemy')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=settings.ROOT)
    assert out.stdout.strip() == "[]"
