"""Which polygons a view is drawn with: print keeps every vertex; national views the national ones."""

import pytest

from geo.io import with_register
from geo.register import read_ordninger
from layers.data import NATIONAL_VIEW, detail_for


def test_print_screen_and_norway(dataset):
    assert detail_for(medium="trykk", omrade="Hallingdal", data=dataset) == "trykk"
    assert detail_for(medium="skjerm", omrade="Hallingdal", data=dataset) == "region"
    assert detail_for(medium="skjerm", omrade="Studieområdet", data=dataset) == "region"
    assert detail_for(medium="skjerm", omrade="Hele Norge") == "norge"
    with pytest.raises(ValueError, match="medium"):
        detail_for(medium="lerret", omrade="Hallingdal")


def test_a_nationwide_study_area_is_drawn_with_the_national_polygons(dataset):
    from bench.synthetic import make_register

    register = read_ordninger(
        make_register(dataset), names=dataset.names, tjenester=dataset.register.tjenester, file="nasjonalt.csv"
    )
    national = with_register(dataset, register)
    assert len(national.studieomrade) > NATIONAL_VIEW
    assert detail_for(medium="skjerm", omrade="Studieområdet", data=national) == "norge"


def test_preload_fills_the_caches_the_first_page_reads():
    from layers import data
    from ui.views import preload

    preload()
    assert data.shipped.cache_info().currsize >= 1
    assert data.shipped_kommuner("2020", "region") is data.shipped_kommuner("2020", "region")
    assert data.shipped_kommuner.cache_info().hits >= 1
