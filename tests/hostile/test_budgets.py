"""A small file never buys big work: each heavy case answers within seconds, under a CPU and a
memory budget, with a message (each runs in its own process, so a runaway case fails alone)."""

import pytest

from tests.hostile.conftest import EXPECTED, read_under_budget

HEAVY = [
    "langt_navn.csv",
    "mange_ukjente_navn.csv",
    "for_mange_rader.csv",
    "xlsx_enorm_dimensjon.xlsx",
    "xlsx_zip_bombe.xlsx",
    "felt_over_grensen.csv",
    "aapent_anforselstegn.csv",
    "xlsx_entiteter.xlsx",
]


@pytest.mark.parametrize("name", HEAVY)
def test_heavy_cases_answer_quickly_with_a_message(name):
    result = read_under_budget(name, cpu_s=20, memory_mb=2500)  # the CPU and memory budget is the bound
    assert "feil" in result, result
    assert any(EXPECTED[name] in p for p in result["feil"]), result["feil"][:3]


def test_many_problems_are_bounded_and_counted():
    result = read_under_budget("mange_ukjente_navn.csv")
    assert len(result["feil"]) == 201 and "og " in result["feil"][-1] and "feil til" in result["feil"][-1]


def test_a_valid_register_that_spans_norway_is_refused_as_a_map(dataset, monkeypatch):
    """Every arrangement with most of Norway as members: the map says it is too much, quickly."""
    import pandas as pd

    from geo.io import with_register
    from layers._common import MapTooLarge
    from layers.data import prepare_kommuner
    from layers.filters import Filters
    from layers.registry import build_layer

    everyone = tuple(dataset.kommuner["kommunenummer"][:300])
    o = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(120)],
            "navn": [f"A {i}" for i in range(120)],
            "tjenester": [("legevakt",)] * 120,
            "deltakere": [everyone] * 120,
            "deltakere_komplett": True,
            "vertskommune": "",
            "juridisk_form": "",
            "etablert": pd.NA,
            "etablert_periode": "",
            "kilde": "x",
            "alias": [()] * 120,
            "merknad": "",
            "rad": range(2, 122),
        }
    )
    m = pd.DataFrame([{"ordning_id": i, "kommunenummer": k, "er_vert": False} for i in o["id"] for k in everyone])
    import dataclasses

    data = with_register(dataset, dataclasses.replace(dataset.register, ordninger=o, medlemskap=m))
    from geo import areas as geo_areas

    def no_geometry_work(*args, **kwargs):
        raise AssertionError("geometry work began before the budget was checked")

    monkeypatch.setattr(geo_areas, "dissolve_arrangements", no_geometry_work)
    with pytest.raises(MapTooLarge, match=r"120 ordninger med til sammen 36000 medlemskommuner"):
        build_layer(
            data, prepare_kommuner(data, "norge"), "dekning", Filters(tjenester=("legevakt",), omrade="Hele Norge")
        )
