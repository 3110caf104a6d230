"""The store as a page user meets it (issue 20): the owner key kept like a password, saving what the
editor holds, deletion confirmed, the comparison carried by the link, and a public list that is paged
and searched however many registers the store holds."""

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from geo import settings
from geo.io import load_dataset, load_names
from geo.uploads import read_register_upload
from store import registers, schema
from tests.app.test_app import GOOD
from ui import loaders

APP = str(settings.ROOT / "app.py")


@pytest.fixture
def saved():
    """A fresh page with GOOD uploaded and saved: (page, register id, owner key)."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.file_uploader[0].set_value(("agder.csv", GOOD, "text/csv")).run()
    [t for t in app.text_input if t.label == "Kreditering"][0].input("Statsforvalteren i Agder")
    [b for b in app.button if b.label == "Lagre registeret"][0].click().run()
    assert not app.exception
    return app, app.query_params["register"], app.code[0].value


def _told(app) -> list[str]:
    return [i.value.replace("\\", "") for i in app.info]  # as the page shows it (Markdown escapes dropped)


def _register(text: bytes):
    return read_register_upload(text, "r.csv", names=load_names(), tjenester=load_dataset().register.tjenester)


def test_the_owner_key_is_shown_whole_until_the_user_has_kept_it(saved):
    app, register_id, key = saved
    assert len(key) >= 30 and registers._hash(key)  # the whole key, in a code block with its copy button
    download = [d for d in app.get("download_button") if "eiernøkkelen" in d.proto.label]
    assert download and download[0].proto.label == "Last ned eiernøkkelen som fil"
    app.radio(key="lag").set_value("antall").run()  # another click: the key is still there
    assert [c.value for c in app.code] == [key]
    [b for b in app.button if b.label == "Jeg har tatt vare på eiernøkkelen"][0].click().run()
    assert not app.exception and key not in [c.value for c in app.code]
    assert not [b for b in app.button if b.label == "Jeg har tatt vare på eiernøkkelen"]


def test_a_new_version_is_what_the_editor_holds_checked_first(saved, monkeypatch):
    app, register_id, key = saved
    import streamlit as st

    original = st.data_editor
    edits = {}

    def editor(frame, **kwargs):  # the table as the user left it, without pressing "Kontroller og bruk"
        frame = original(frame, **kwargs).copy()
        for (row, column), value in edits.items():
            frame.loc[row, column] = value
        return frame

    monkeypatch.setattr(st, "data_editor", editor)
    assert len(app.data_editor) == 0  # the register's table is not sent until it is asked for
    app.toggle(key="vis_redigering").set_value(True).run()
    assert len(app.data_editor) == 1 and app.data_editor[0].editing_mode == "dynamic"
    edits[(0, "deltakere")] = "Arendal; Grimstadt"  # a typo, not yet checked
    app.text_input(key="eiernokkel_inn").input(key)
    [b for b in app.button if b.label == "Lagre som ny versjon"][0].click().run()
    assert any("Endringene ble ikke tatt i bruk – 1 feil" in e.value for e in app.error)
    assert any("Grimstadt" in m.value for m in app.markdown)
    engine = loaders.store()
    assert registers.versions_of(engine, register_id) == [1]  # refused: nothing saved
    edits[(0, "deltakere")] = "Arendal; Grimstad; Froland"
    app.text_input(key="eiernokkel_inn").input(key)
    [b for b in app.button if b.label == "Lagre som ny versjon"][0].click().run()
    assert not app.exception and registers.versions_of(engine, register_id) == [1, 2]
    assert "Lagret som versjon 2; lenken viser nå den." in _told(app)
    stored = registers.open_register(engine, register_id, tjenester=load_dataset().register.tjenester)
    assert len(stored.ordninger.iloc[0]["deltakere"]) == 3  # what the table held, not the last applied register


def test_a_link_carries_the_comparison_and_says_what_it_could_not_follow(saved):
    _, register_id, key = saved
    newer = GOOD.replace(b'"Arendal; Grimstad"', b'"Arendal; Grimstad; Froland"')
    registers.add_version(loaders.store(), register_id, _register(newer), owner_key=key)
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update({"register": register_id, "sammenlign": "1", "lag": "endringer"})
    app.run()
    assert not app.exception and app.selectbox(key="sammenlign").value == 1
    assert app.query_params["sammenlign"] == "1"  # the link the page shows carries it on
    changed = app.dataframe[0].value
    assert "Froland" in changed["Kom inn"].iloc[0]
    for value, said in (
        ("9", "Sammenligningen med versjon 9 vises ikke"),
        ("x", "«x» i lenken er ikke et versjonsnummer"),
    ):
        other = AppTest.from_file(APP, default_timeout=60)
        other.query_params.update({"register": register_id, "sammenlign": value})
        other.run()
        assert not other.exception and any(said in t for t in _told(other)), _told(other)
        assert "sammenlign" not in other.query_params


def test_a_version_that_does_not_fit_its_division_is_said_on_the_page(saved):
    _, register_id, _ = saved
    with loaders.store().begin() as connection:  # as if stored before versions were checked
        connection.execute(
            sa.update(schema.arrangements)
            .where(schema.arrangements.c.register_id == register_id)
            .values(deltakere="0906")
        )
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["register"] = register_id
    app.run()
    assert not app.exception and any("Versjon 1 kan ikke åpnes" in t for t in _told(app))
    assert "NIVI Analyse 2021" in app.caption[0].value  # the shipped register is shown instead


def test_the_public_list_is_paged_and_searched(monkeypatch, tmp_path):
    monkeypatch.setenv(registers.DB_VARIABLE, f"sqlite:///{tmp_path / 'mange.sqlite'}")
    loaders.store.clear()
    loaders.store_changed()
    try:
        register = _register(GOOD)
        for i in range(registers.LIST_PAGE + 5):
            registers.save(loaders.store(), register, title=f"Register {i:02d}", credit="K", listed=True)
        registers.save(loaders.store(), register, title="Ål og Hol", credit="K", listed=True)
        app = AppTest.from_file(APP, default_timeout=60)
        app.run()
        options = app.selectbox(key="apne_lagret").options
        assert len(options) == registers.LIST_PAGE + 1  # "Velg …" and one page
        assert any(f"Viser {registers.LIST_PAGE} av {registers.LIST_PAGE + 6}" in c.value for c in app.caption)
        app.text_input(key="sok_lagret").input("ål").run()
        assert app.selectbox(key="apne_lagret").options == ["Velg …", "Ål og Hol"]
        app.text_input(key="sok_lagret").input("finnes ikke").run()
        assert not app.exception and any("Ingen lagrede registre har «finnes ikke»" in c.value for c in app.caption)
    finally:
        loaders.store.clear()
        loaders.store_changed()
