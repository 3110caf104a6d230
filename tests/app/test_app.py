"""The page, driven through Streamlit's AppTest: each test changes widgets and checks what is shown.

The map itself is a custom component (st_folium) that AppTest cannot look inside; the map
objects are tested in tests/layers and the page in a real browser in test_browser.py.
"""

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings

APP = str(settings.ROOT / "app.py")

GOOD = (
    b"id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
    b'lv-test,Testlegevakt Agder,legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2019,eget\n'
    b'ppt-test,PPT Setesdal,ppt,"Bygland; Valle; Bykle",ja,,,,eget\n'
)
BAD = GOOD.replace(b"Grimstad", b"Grimstadt").replace(b"ppt,", b"pppt,")


@pytest.fixture
def at():
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    return app


def _texts(at):
    return " ".join([m.value for m in at.markdown] + [s.value for s in at.subheader] + [c.value for c in at.caption])


def test_opens_on_the_legevakt_map_of_the_study_area(at):
    assert at.title[0].value == "Samarbeidskart"
    assert at.radio(key="lag").value == "dekning"
    assert at.multiselect(key="tjenester").value == ["legevakt"]
    assert at.selectbox(key="omrade").value == "Studieområdet"
    # the export choices are one switch away, and come for the rest of the visit once asked for
    assert not at.get("download_button")
    switch = at.toggle(key="vis_eksport")
    assert switch.label == "Vis eksportvalgene (PNG, SVG, PDF, HTML, CSV, GeoJSON)" and not switch.value
    switch.set_value(True).run()
    at.multiselect(key="tjenester").set_value(["legevakt", "ppt"]).run()
    assert at.toggle(key="vis_eksport").value
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "Kart som PNG",
        "Kart som SVG",
        "Kart som PDF",
        "Interaktivt kart (HTML)",
        "Kartets data (CSV)",
        "Kartets data (CSV for Excel)",
        "Kartets data med geometri (GeoJSON)",
        "Registerradene bak kartet (CSV)",
    ]
    # the first service options are the report's core five
    options = at.multiselect(key="tjenester").options
    assert [o.split(" · ")[0] for o in options[:5]] == [
        "Legevakt",
        "Legevaktsentral (116117)",
        "Barnevernvakt",
        "PP-tjeneste (PPT)",
        "Akutt forurensning (IUA)",
    ]


def test_the_switches_that_show_exports_and_the_map_table_stay_on_through_a_view_without_a_map(at):
    at.toggle(key="vis_eksport").set_value(True).run()
    at.toggle(key="vis_karttabell").set_value(True).run()
    at.multiselect(key="tjenester").set_value([]).run()  # no service: a message, no map, no switches
    assert any("Velg minst én tjeneste" in i.value for i in at.info) and not at.toggle
    at.multiselect(key="tjenester").set_value(["legevakt"]).run()
    assert at.toggle(key="vis_eksport").value and at.toggle(key="vis_karttabell").value
    assert len(at.get("download_button")) == 8 and at.dataframe
    at.toggle(key="vis_eksport").set_value(False).run()  # and off when turned off, in the next view too
    at.radio(key="lag").set_value("antall").run()
    assert not at.toggle(key="vis_eksport").value and not at.get("download_button")


def test_change_layer_service_area_and_era(at):
    at.radio(key="lag").set_value("antall").run()
    assert not at.exception
    assert at.selectbox(key="sektor").value is None  # the sector filter appears for counts
    at.radio(key="lag").set_value("dekning").run()
    at.multiselect(key="tjenester").set_value(["ppt", "iua"]).run()
    at.selectbox(key="omrade").set_value("Hallingdal").run()
    assert not at.exception
    assert at.query_params["tjenester"] == "ppt,iua" and at.query_params["omrade"] == "Hallingdal"
    at.radio(key="fylkesinndeling").set_value("2024").run()
    assert "Buskerud" in at.selectbox(key="omrade").options and "Viken" not in at.selectbox(key="omrade").options
    at.selectbox(key="omrade").set_value("Buskerud").run()
    assert not at.exception and at.query_params["fylkesinndeling"] == "2024"
    assert "Viken er delt" in _texts(at)  # the rule of the era is stated


def test_an_area_that_does_not_exist_in_the_new_era_falls_back(at):
    at.selectbox(key="omrade").set_value("Viken").run()
    at.radio(key="fylkesinndeling").set_value("2024").run()
    assert not at.exception
    assert at.selectbox(key="omrade").value == "Studieområdet"
    assert any("finnes ikke i fylkesinndelingen 2024" in i.value for i in at.info)


def test_crossing_layer_shows_its_table(at):
    at.radio(key="lag").set_value("fylkesgrense").run()
    at.multiselect(key="tjenester").set_value([]).run()
    assert not at.exception
    assert any("krysser fylkesgrenser" in s.value for s in at.subheader)
    assert len(at.dataframe) >= 1


def test_select_a_kommune_shows_its_arrangements_and_partners(at, dataset):
    at.selectbox(key="kommune").set_value("3043").run()
    assert not at.exception
    expected = (dataset.register.medlemskap["kommunenummer"] == "3043").sum()
    assert any(s.value == f"Ål: {expected} ordninger" for s in at.subheader)
    assert "Samarbeidspartnere" in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if "Samarbeidsordning" in d.value.columns)  # the kommune's table
    assert "Øvre Hallingdal legevakt" in set(table["Samarbeidsordning"])
    assert at.query_params["kommune"] == "3043"


def test_search_tolerates_typos(at):
    at.text_input[0].input("hjardal").run()
    buttons = [b for b in at.button if b.label.startswith("Kommune: Hjartdal")]
    assert buttons
    buttons[0].click().run()
    assert at.selectbox(key="kommune").value == "3819"
    at.text_input[0].input("lvs dramen").run()
    [b for b in at.button if b.label == "Ordning: LVS Drammen"][0].click().run()
    assert not at.exception
    assert any(s.value == "LVS Drammen" for s in at.subheader)
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Drammen" in shown and "tabell 5.2 nr 11" in shown


def test_a_link_opens_the_same_view():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update(
        {"lag": "regionrad", "omrade": "Hallingdal", "kommune": "3044", "ordning": "lvs-hallingdal"}
    )
    app.run()
    assert not app.exception
    assert app.radio(key="lag").value == "regionrad"
    assert app.selectbox(key="omrade").value == "Hallingdal"
    assert app.selectbox(key="kommune").value == "3044"
    assert any(s.value == "LVS Hallingdal" for s in app.subheader)


def test_a_bad_link_is_explained_not_obeyed():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update({"lag": "kart", "tjeneste": "legevakt,nope", "kommune": "9999"})
    app.run()
    assert not app.exception
    notes = " ".join(i.value for i in app.info)
    assert "Ukjent kartlag «kart»" in notes and "nope" in notes and "9999" in notes
    assert app.multiselect(key="tjenester").value == ["legevakt"]


def test_upload_a_good_register_uses_it_for_this_session_only(at):
    at.file_uploader[0].set_value(("agder.csv", GOOD, "text/csv")).run()
    assert not at.exception
    assert any("2 ordninger er lest inn" in s.value for s in at.success)
    assert "eget register" in _texts(at)
    at.selectbox(key="kommune").set_value("4203").run()  # Arendal
    assert any(s.value == "Arendal: 1 ordninger" for s in at.subheader)
    other = AppTest.from_file(APP, default_timeout=60)
    other.run()
    assert "NIVI Analyse 2021" in _texts(other)  # another session still sees the shipped register


def test_upload_a_bad_register_lists_the_problems_and_keeps_the_data(at):
    at.file_uploader[0].set_value(("feil.csv", BAD, "text/csv")).run()
    assert not at.exception
    assert any("Filen ble ikke tatt i bruk – 2 feil" in e.value for e in at.error)
    problems = " ".join(m.value for m in at.markdown).replace("\\", "").replace("\u2060", "")
    assert "feil.csv, rad 2, kolonne deltakere: Ukjent kommune 'Grimstadt' — mente du Grimstad?" in problems
    assert "rad 3, kolonne tjeneste: Ukjent tjenestekode 'pppt'" in problems
    assert "NIVI Analyse 2021" in _texts(at)


def test_a_bad_upload_after_a_good_one_keeps_the_good_one(at):
    at.file_uploader[0].set_value(("agder.csv", GOOD, "text/csv")).run()
    at.file_uploader[0].set_value(("feil.csv", BAD, "text/csv")).run()
    assert not at.exception
    assert "eget register" in _texts(at)


def test_all_of_norway_is_drawn_with_coarser_polygons(at):
    at.selectbox(key="omrade").set_value("Hele Norge").run()
    assert not at.exception
    assert at.query_params["omrade"] == "Hele Norge"


def test_no_file_of_the_bad_register_corpus_crashes_the_page_or_replaces_good_data(at):
    import csv as _csv

    corpus = settings.ROOT / "tests" / "data" / "bad_registers"
    at.file_uploader[0].set_value(("agder.csv", GOOD, "text/csv")).run()
    for case in _csv.DictReader(open(corpus / "expected.csv", encoding="utf-8")):
        if case["forventet"] == "ok" or not case["fil"].endswith((".csv", ".xlsx")):
            continue  # other file types never reach the app: the uploader only offers .csv and .xlsx
        at.file_uploader[0].set_value(
            (case["fil"], (corpus / case["fil"]).read_bytes(), "application/octet-stream")
        ).run()
        assert not at.exception, case["fil"]
        assert any("Filen ble ikke tatt i bruk" in e.value for e in at.error), case["fil"]
        assert "eget register" in _texts(at), case["fil"]  # the good upload is still in use
    at.selectbox(key="kommune").set_value("4203").run()  # Arendal: still the good register's one arrangement
    assert any(s.value == "Arendal: 1 ordninger" for s in at.subheader)


@pytest.mark.parametrize(
    "query, expected",
    [
        # links as the app wrote them before the vocabulary was unified (tjeneste, fylker, kart)
        (
            {"tjeneste": "ppt,iua", "omrade": "Hallingdal"},
            {"lag": "dekning", "tjenester": ["ppt", "iua"], "omrade": "Hallingdal"},
        ),
        (
            {"lag": "antall", "fylker": "2024", "omrade": "Buskerud", "kart": "osm"},
            {"lag": "antall", "fylkesinndeling": "2024", "omrade": "Buskerud", "bakgrunnskart": "osm"},
        ),
        (
            {"lag": "fylkesgrense", "fylker": "2019", "tjeneste": "", "kommune": "3043"},
            {"lag": "fylkesgrense", "fylkesinndeling": "2019", "tjenester": [], "kommune": "3043"},
        ),
    ],
)
def test_links_saved_before_the_new_names_open_the_same_view(query, expected):
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update(query)
    app.run()
    assert not app.exception and not app.info  # nothing ignored
    for key, value in expected.items():
        widget = (
            app.multiselect(key=key)
            if key == "tjenester"
            else (app.radio(key=key) if key in ("lag", "fylkesinndeling") else app.selectbox(key=key))
        )
        assert widget.value == value, key
    # the link is rewritten in today's words, and means the same
    assert not {"tjeneste", "fylker", "kart"} & set(app.query_params)
    if "fylker" in query:
        assert app.query_params["fylkesinndeling"] == query["fylker"]


def test_an_upload_is_credited_to_its_file_and_uploader_not_nivi(at):
    at.text_input(key="kreditering").input("Statsforvalteren i Agder").run()
    at.file_uploader[0].set_value(("agder.csv", GOOD, "text/csv")).run()
    assert not at.exception
    texts = _texts(at)
    assert "Statsforvalteren i Agder" in texts and "agder" in texts and "NIVI" not in texts


def test_switch_the_kommune_division_keeps_the_chosen_kommune(at):
    at.selectbox(key="kommune").set_value("3043").run()  # Ål, 2020 number
    at.radio(key="kommuneinndeling").set_value("2024").run()
    assert not at.exception
    assert at.selectbox(key="kommune").value == "3328"  # Ål, 2024 number
    assert at.query_params["kommuneinndeling"] == "2024" and at.query_params["kommune"] == "3328"
    assert "kommuneinndeling 2024" in _texts(at)  # the source line says what is drawn
    at.radio(key="kommuneinndeling").set_value("2020").run()
    assert at.selectbox(key="kommune").value == "3043" and "kommuneinndeling" not in at.query_params


def test_a_link_opens_the_2024_division():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update({"kommuneinndeling": "2024", "kommune": "3328", "omrade": "Hallingdal"})
    app.run()
    assert not app.exception and not app.info
    assert app.radio(key="kommuneinndeling").value == "2024" and app.selectbox(key="kommune").value == "3328"


def test_an_upload_in_2024_names_opens_on_2024_boundaries(at):
    today = GOOD.replace(b"Arendal; Grimstad", b"Arendal; Grimstad; Haram")
    at.file_uploader[0].set_value(("i-dag.csv", today, "text/csv")).run()
    assert not at.exception
    assert at.radio(key="kommuneinndeling").value == "2024"
    assert any("kommuneinndelingen 2024" in s.value for s in at.success)


def test_choosing_an_arrangement_shows_it_on_its_services_map(at):
    at.radio(key="lag").set_value("antall").run()
    at.text_input(key="sok").input("ppt ål").run()
    [b for b in at.button if b.label.startswith("Ordning: PPT for Ål og Hol")][0].click().run()
    assert not at.exception
    assert at.radio(key="lag").value == "dekning" and at.multiselect(key="tjenester").value == ["ppt"]
    assert at.query_params["ordning"] == "ppt-for-al-og-hol"
    assert any(s.value.startswith("PPT for Ål og Hol") for s in at.subheader)


def test_a_search_without_hits_says_so(at):
    at.text_input(key="sok").input("xyzzy").run()
    assert any("Ingen treff" in c.value for c in at.caption)


def test_save_an_upload_and_open_it_by_its_link_in_a_fresh_session(at):
    at.file_uploader[0].set_value(("agder.csv", GOOD, "text/csv")).run()
    [b for b in at.button if b.label == "Lagre registeret"][0].click().run()
    assert any("kreditering" in e.value for e in at.error)  # a register is saved with its credit, or not at all
    [t for t in at.text_input if t.label == "Kreditering"][0].input("Statsforvalteren i Agder")
    [b for b in at.button if b.label == "Lagre registeret"][0].click().run()
    assert not at.exception
    register_id = at.query_params["register"]
    assert register_id and any("vises bare til du bekrefter" in w.value for w in at.warning)
    other = AppTest.from_file(APP, default_timeout=60)
    other.query_params["register"] = register_id
    other.run()
    assert not other.exception
    assert "Statsforvalteren i Agder" in _texts(other) and "NIVI" not in _texts(other)  # its own credit
    other.selectbox(key="kommune").set_value("4203").run()
    assert any(s.value == "Arendal: 1 ordninger" for s in other.subheader)


def test_a_link_to_a_missing_register_is_explained():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["register"] = "finnesikke"
    app.run()
    assert not app.exception and any("Fant ikke registeret" in i.value for i in app.info)


def test_compare_two_versions_of_a_saved_register(at):
    from store import registers

    at.file_uploader[0].set_value(("agder.csv", GOOD, "text/csv")).run()
    [t for t in at.text_input if t.label == "Kreditering"][0].input("Statsforvalteren i Agder")
    [b for b in at.button if b.label == "Lagre registeret"][0].click().run()
    register_id, owner_key = at.query_params["register"], at.code[0].value
    engine = registers.connect()
    newer = GOOD.replace(b'"Arendal; Grimstad"', b'"Arendal; Grimstad; Froland"')
    from geo.io import load_dataset, load_names
    from geo.uploads import read_register_upload

    second = read_register_upload(newer, "agder2.csv", names=load_names(), tjenester=load_dataset().register.tjenester)
    registers.add_version(engine, register_id, second, owner_key=owner_key)
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["register"] = register_id
    app.run()
    app.selectbox(key="sammenlign").set_value(1).run()
    app.radio(key="lag").set_value("endringer").run()
    assert not app.exception
    assert any(s.value == "Ordninger som er endret" for s in app.subheader)
    changed = app.dataframe[0].value
    assert "medlemmer inn" in changed["Endringer"].iloc[0] and "Froland" in changed["Kom inn"].iloc[0]


def test_a_saved_register_gets_a_new_version_or_is_deleted_only_with_its_key(at):
    from store import registers

    at.file_uploader[0].set_value(("agder.csv", GOOD, "text/csv")).run()
    [t for t in at.text_input if t.label == "Kreditering"][0].input("Statsforvalteren i Agder")
    [b for b in at.button if b.label == "Lagre registeret"][0].click().run()
    register_id, owner_key = at.query_params["register"], at.code[0].value
    engine = registers.connect()
    at.toggle(key="vis_redigering").set_value(True).run()
    at.text_input(key="eiernokkel_inn").input("feil")
    [b for b in at.button if b.label == "Lagre som ny versjon"][0].click().run()
    assert any("Eiernøkkelen passer ikke" in e.value for e in at.error)
    at.checkbox(key="bekreft_sletting").check().run()
    [b for b in at.button if b.label == "Slett registeret for godt"][0].click().run()
    assert any("Eiernøkkelen passer ikke" in e.value for e in at.error)
    assert registers.versions_of(engine, register_id) == [1]  # a wrong key changed nothing
    at.checkbox(key="bekreft_sletting").uncheck().run()
    at.text_input(key="eiernokkel_inn").input(owner_key)
    [b for b in at.button if b.label == "Lagre som ny versjon"][0].click().run()
    assert any("Ingen endringer siden versjon 1" in e.value for e in at.error)  # the table holds version 1
    assert not at.exception and registers.versions_of(engine, register_id) == [1]
    at.text_input(key="eiernokkel_inn").input(owner_key)
    delete = [b for b in at.button if b.label == "Slett registeret for godt"][0]
    assert delete.disabled  # until the deletion is confirmed
    at.checkbox(key="bekreft_sletting").check().run()
    [b for b in at.button if b.label == "Slett registeret for godt"][0].click().run()
    assert not at.exception and registers.versions_of(engine, register_id) == []
    assert "NIVI Analyse 2021" in _texts(at)  # back to the shipped register
    told = [i.value.replace("\\", "") for i in at.info]  # as the page shows it (Markdown escapes dropped)
    assert f"Slettet «agder.csv» ({register_id}) med 1 versjon." in told, told


def test_with_the_store_away_the_page_says_so_and_every_map_still_works(monkeypatch):
    from store import registers
    from ui import loaders

    monkeypatch.setenv(registers.DB_VARIABLE, f"postgresql+psycopg://ingen@127.0.0.1:{_closed_port()}/lager")
    monkeypatch.setattr(registers, "_down_until", {})
    loaders.store.clear()
    try:
        app = AppTest.from_file(APP, default_timeout=60)
        app.query_params["register"] = "etlagretregister"
        app.run()
        assert not app.exception
        told = [i.value for i in app.info]
        assert any("Lagrede registre er ikke tilgjengelige nå" in t for t in told), told
        assert not any(re.search(r"127\.0\.0\.1|psycopg|SELECT|Traceback", t) for t in told)
        app.radio(key="lag").set_value("antall").run()  # the shipped maps work
        assert not app.exception and "Kartet som tabell" in [s.value for s in app.subheader]
    finally:
        loaders.store.clear()


def _closed_port() -> int:
    from tests.app.browser import free_port

    return free_port()  # free: nothing listens there


def test_the_map_as_a_table_is_shown_on_request_with_the_maps_data(at):
    before = len(at.dataframe)
    assert "Kartet som tabell" in [s.value for s in at.subheader]
    at.toggle(key="vis_karttabell").set_value(True).run()
    assert not at.exception and len(at.dataframe) == before + 1
    shown = at.dataframe[-1].value
    assert "Hallingdal legevakt" in shown.to_string()  # the facts the map shows, as text


def test_a_link_with_a_version_that_is_no_number_says_so_and_raises_nothing():
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["register"] = "finnesikke"
    app.query_params["versjon"] = "²"
    app.run()
    told = [i.value for i in app.info]
    assert not app.exception
    assert any("ikke et versjonsnummer" in t for t in told) and any("Fant ikke registeret" in t for t in told)


def test_the_kommune_panel_offers_its_overview_document(at):
    at.selectbox(key="kommune").set_value("3005").run()  # Drammen
    assert not at.exception
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert {"Oversikt (PDF)", "Oversikt (Word)"} <= set(buttons)
    assert buttons["Oversikt (PDF)"].help.startswith("«Oversikt over interkommunale samarbeid»")


def test_a_register_with_status_and_end_can_be_shown_as_it_stood_in_a_year(at):
    lives = (
        b"id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde,status,avsluttet\n"
        b'vr,Vestregionen,legevakt,"Asker; Drammen",ja,,annet,2002,tekst,avsluttet,2019\n'
        b'khs,KHS,legevakt,"Drammen; Lier",ja,,avtale,2012,tekst,aktiv,\n'
    )
    assert "per" not in [s.key for s in at.selectbox]  # the shipped register states no status or end
    at.file_uploader[0].set_value(("livslop.csv", lives, "text/csv")).run()
    at.selectbox(key="per").set_value("2018").run()
    assert not at.exception and at.query_params["per"] == "2018"
    at.selectbox(key="kommune").set_value("3301").run()  # Drammen (2024)
    assert not at.exception and any(s.value == "Drammen: 2 ordninger" for s in at.subheader)
    at.selectbox(key="per").set_value("2025").run()  # Vestregionen ended in 2019
    assert any(s.value == "Drammen: 1 ordninger" for s in at.subheader)


def test_arrangements_not_in_force_are_drawn_on_request_and_the_link_keeps_it(at):
    lives = (
        b"id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde,status,avsluttet\n"
        b'vr,Vestregionen,legevakt,"Asker; Drammen",ja,,annet,2002,tekst,avsluttet,2019\n'
        b'khs,KHS,legevakt,"Drammen; Lier",ja,,avtale,2012,tekst,aktiv,\n'
    )
    at.file_uploader[0].set_value(("livslop.csv", lives, "text/csv")).run()
    assert at.query_params["per"] == str(date.today().year)  # opened as of its own year: the day it was read in
    at.selectbox(key="per").set_value("alle").run()
    assert "ikke_i_kraft" not in [c.key for c in at.checkbox]  # offered for a map as of a year only
    at.selectbox(key="per").set_value("2025").run()
    at.checkbox(key="ikke_i_kraft").check().run()
    assert not at.exception and at.query_params["ikke_i_kraft"] == "ja"
    at.selectbox(key="per").set_value("alle").run()
    assert not at.exception and "ikke_i_kraft" not in at.query_params and at.query_params["per"] == "alle"
