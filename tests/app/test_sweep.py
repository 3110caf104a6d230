"""Every view opens: each layer of the registry in every area kind (the study area, a region, all of
Norway), on both kommune divisions, for the shipped register, for an upload with only two
services and for the example register of cooperation over time (as of 2018, with what was not in
force drawn where a layer can: Vestregionen by its fylkeskommuner, ended and later councils as
outlines). Each shows a map or a Norwegian message, never an exception.

One AppTest per register and division; the layer and area are changed as a user would, through the
sidebar's widgets, so what is checked is the page itself (its tables and its export row too).
"""

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings
from geo.regions import NORWAY, STUDY_AREA
from layers.registry import LAYERS

APP = str(settings.ROOT / "app.py")
OVER_TIME = settings.DATA_DIR / "eksempler" / "samarbeid_over_tid.csv"

#: An upload with one legevakt arrangement (three Hallingdal kommuner) and one PPT arrangement.
TWO_SERVICES = (
    "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
    'lv-hallingdal,Legevakt i Hallingdal,legevakt,"Hol; Ål; Gol",ja,Ål,avtale,2019,eget\n'
    'ppt-ringerike,PPT Ringerike og Hole,ppt,"Ringerike; Hole",ja,,,,eget\n'
).encode()


def _views(at: AppTest):
    """(layer, area) for every layer in the study area, the first region the page offers and all of Norway."""
    options = at.selectbox(key="omrade").options
    region = next(o for o in options if o not in (STUDY_AREA, NORWAY))
    return [(lag, area) for lag in LAYERS for area in (STUDY_AREA, region, NORWAY)]


def _shown(at: AppTest) -> str:
    """What the page says instead of a map (its info boxes), or ``"kart"`` where it draws one."""
    if any(s.value == "Eksporter dette kartet" for s in at.subheader):
        return "kart"
    return " ".join(i.value for i in at.info)


@pytest.mark.parametrize("division", ["2020", "2024"])
@pytest.mark.parametrize("register", ["medfølgende", "opplastet", "over tid"])
def test_every_layer_in_every_area_shows_a_map_or_a_norwegian_message(register, division):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.toggle(key="vis_eksport").set_value(True).run()  # the export row too, in every view with a map: it stays on
    if register == "opplastet":
        at.file_uploader[0].set_value(("to-tjenester.csv", TWO_SERVICES, "text/csv")).run()
        assert "2 ordninger er lest inn" in " ".join(s.value for s in at.success)
    if register == "over tid":
        at.file_uploader[0].set_value(("samarbeid_over_tid.csv", OVER_TIME.read_bytes(), "text/csv")).run()
        at.selectbox(key="per").set_value("2018").run()
    at.radio(key="kommuneinndeling").set_value(division).run()
    assert not at.exception, at.exception
    failures = []
    for lag, area in _views(at):
        at.radio(key="lag").set_value(lag)
        at.selectbox(key="omrade").set_value(area)
        at.run()
        if any(c.key == "ikke_i_kraft" for c in at.checkbox) and not at.checkbox(key="ikke_i_kraft").value:
            at.checkbox(key="ikke_i_kraft").check().run()
        if at.exception:
            failures.append(f"{lag} / {area}: {at.exception[0].value}")
            continue
        shown = _shown(at)
        if shown == "kart" and len(at.get("download_button")) != 8:
            failures.append(f"{lag} / {area}: a map without its export row")
        if shown != "kart" and not any(w in shown for w in ("Velg", "velg", "ikke", "Ingen", "høyst")):
            failures.append(f"{lag} / {area}: neither a map nor a message ({shown!r})")
    assert not failures, "\n".join(failures)
