"""«Avvik fra rapporten»: every figure we draw differently from the report, with its reason, is
derived from the report's own tables and the register (scripts/deviations.py); the shipped file, the
section in data/README.md and the maps' notes all say what the data and the report say today."""

import importlib.util
import re

import pytest

from geo import settings
from geo.counties import ERAS
from layers.filters import Filters
from layers.registry import build_layer


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("deviations", settings.ROOT / "scripts" / "deviations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def screen_kommuner(dataset):
    from layers.data import prepare_kommuner

    return prepare_kommuner(dataset, "region")


@pytest.fixture(scope="module")
def rows(script, dataset, report_text):
    return script.deviations(dataset, report_text)


def test_the_shipped_file_and_the_readme_section_are_what_the_report_and_data_say(script, rows):
    assert (settings.DATA_DIR / "avvik_fra_rapporten.csv").read_text(encoding="utf-8") == script.to_csv(rows)
    readme = (settings.DATA_DIR / "README.md").read_text(encoding="utf-8")
    block = readme.split(script.START, 1)[1].split(script.END, 1)[0].strip()
    assert block == script.section(rows)


def test_the_crossing_figures_are_the_reports_tables_and_the_maps_count(rows, report_tables, dataset, screen_kommuner):
    printed = [len(report_tables[t]) for t in ("2.4", "2.5", "2.6", "2.7")]
    crossing = [r for r in rows if r["lag"] == "fylkesgrense"]
    assert {r["fylkesinndeling"] for r in crossing} == set(ERAS)
    for r in crossing:
        assert r["rapporten"].startswith(f"{sum(printed)} ({' + '.join(map(str, printed))} rader")
        spec = build_layer(dataset, screen_kommuner, "fylkesgrense", Filters(fylkesinndeling=r["fylkesinndeling"]))
        assert re.search(rf": {r['registeret']} av \d+ ordninger krysser", spec.subtitle)  # the map's own figure
        assert any(n.startswith("Avvik fra rapporten") and f"kartet {r['registeret']}." in n for n in spec.notes)
        assert r["forklaring"]  # every difference has its reason


def test_the_per_kommune_tables_and_the_count_map(rows, report_tables, dataset, screen_kommuner):
    counts = dataset.register.medlemskap["kommunenummer"].value_counts()
    spec = build_layer(dataset, screen_kommuner, "antall", Filters())
    for r in (r for r in rows if r["lag"] == "antall"):
        kommune = re.match(r"Ordninger for (.+) \(tabell", r["tema"])[1]
        knr = next(k for k, n in dataset.names.display.items() if n == kommune)
        assert int(r["registeret"]) == counts[knr] != int(r["rapporten"].split()[0])
        assert any(f"Ordninger for {kommune}" in n for n in spec.notes)
    assert any(r["tema"].startswith("Ordninger for Ål") for r in rows)  # Tabell 4.4 has rows Ål is in no list of
    narrowed = build_layer(dataset, screen_kommuner, "antall", Filters(tjenester=("legevakt",)))
    assert not any(n.startswith("Avvik fra rapporten") for n in narrowed.notes)  # compared only with all arrangements
