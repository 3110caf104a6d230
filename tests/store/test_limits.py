"""What the reader accepts, the store keeps, within one set of limits (``geo.limits``); a version
always opens; budgets per client and in total; the public list is paged and searched — on SQLite and
on PostgreSQL."""

import pytest
import sqlalchemy as sa

from geo import limits
from geo._text import whole
from geo.errors import DataError
from geo.io import load_dataset, load_names
from geo.uploads import read_register_upload
from store import registers, schema

HEADER = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
ROW = 'a,Test legevakt,legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2019,eget\n'


def _register(text: str):
    return read_register_upload(text.encode(), "r.csv", names=load_names(), tjenester=load_dataset().register.tjenester)


def test_the_stores_columns_are_sized_by_the_readers_limits():
    sized = {
        (schema.registers, "tittel"): limits.MAX_TEXT,
        (schema.registers, "kreditering"): limits.MAX_TEXT,
        (schema.arrangements, "navn"): limits.MAX_NAME,
        (schema.arrangements, "id"): limits.MAX_ID,
        (schema.memberships, "ordning_id"): limits.MAX_ID,
    }
    for (table, column), limit in sized.items():
        assert table.c[column].type.length == limit, (table.name, column)
    for column in ("kilde", "merknad", "etablert_periode", "deltakere", "tjenester", "alias"):
        assert isinstance(schema.arrangements.c[column].type, sa.Text)  # a cell of MAX_CELL characters fits


def test_a_register_at_every_limit_is_saved_and_opens_whole(db_url):
    oid, name, source = "x" * limits.MAX_ID, "N" * limits.MAX_NAME, "k" * (limits.MAX_CELL - 10)
    register = _register(HEADER + f'{oid},{name},legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2019,{source}\n')
    engine = registers.connect(db_url)
    saved = registers.save(engine, register, title="T" * limits.MAX_TEXT, credit="K" * limits.MAX_TEXT)
    opened = registers.open_register(engine, saved.id, tjenester=register.tjenester)
    row = opened.ordninger.iloc[0]
    assert (row["id"], row["navn"], row["kilde"]) == (oid, name, source)
    assert opened.provenance.title == "T" * limits.MAX_TEXT


def test_a_title_over_the_limit_is_refused_not_cut(db_url):
    engine = registers.connect(db_url)
    with pytest.raises(
        registers.StoreError, match=f"Tittelen er {limits.MAX_TEXT + 1} tegn lang; høyst {limits.MAX_TEXT}"
    ):
        registers.save(engine, _register(HEADER + ROW), title="T" * (limits.MAX_TEXT + 1), credit="K")
    assert registers.listed(engine).total == 0


def test_memberships_are_bounded_by_the_reader_and_the_store_alike(monkeypatch, db_url):
    text = HEADER + ROW + 'b,To,ppt,"Bygland; Valle; Arendal",ja,,,,eget\n'  # 2 + 3 memberships
    names, tjenester = load_names(), load_dataset().register.tjenester  # the shipped data, under the real limit
    monkeypatch.setattr("geo.register.MAX_MEMBERSHIPS", 4)
    with pytest.raises(DataError, match=f"r.csv: Registeret har 5 medlemskap .*høyst {whole(4)} er tillatt"):
        read_register_upload(text.encode(), "r.csv", names=names, tjenester=tjenester)
    monkeypatch.setattr("geo.register.MAX_MEMBERSHIPS", limits.MAX_MEMBERSHIPS)
    register = _register(text)
    monkeypatch.setattr(registers, "MAX_MEMBERSHIPS", 4)
    with pytest.raises(registers.StoreError, match="Registeret har 5 medlemskap; høyst 4 kan lagres"):
        registers.save(registers.connect(db_url), register, title="T", credit="K")


def test_a_version_in_the_other_kommune_division_is_refused(db_url):
    engine = registers.connect(db_url)
    saved = registers.save(engine, _register(HEADER + ROW), title="T", credit="K")  # 2024
    older = _register(HEADER.replace("kilde\n", "kilde,kommuneinndeling\n") + ROW.replace("eget\n", "eget,2020\n"))
    assert older.provenance.division == "2020"
    with pytest.raises(
        registers.StoreError, match="skrevet i kommuneinndelingen 2020, men registeret er lagret i 2024"
    ):
        registers.add_version(engine, saved.id, older, owner_key=saved.owner_key)
    assert registers.versions_of(engine, saved.id) == [1]


def test_a_stored_version_that_does_not_fit_its_division_is_said_not_raised(db_url):
    engine = registers.connect(db_url)
    register = _register(HEADER + ROW)
    saved = registers.save(engine, register, title="T", credit="K")
    with engine.begin() as connection:  # as a version saved before versions were checked: 2020 numbers in 2024
        connection.execute(sa.update(schema.arrangements).values(deltakere="0906;0904", vertskommune="0906"))
    with pytest.raises(registers.StoreError, match=r"Versjon 1 kan ikke åpnes: .*kommuneinndeling 2024 \(0904, 0906\)"):
        registers.open_register(engine, saved.id, tjenester=register.tjenester)


def test_a_version_without_changes_is_refused(db_url):
    engine = registers.connect(db_url)
    saved = registers.save(engine, _register(HEADER + ROW), title="T", credit="K")
    with pytest.raises(registers.StoreError, match="Ingen endringer siden versjon 1"):
        registers.add_version(engine, saved.id, _register(HEADER + ROW), owner_key=saved.owner_key)
    changed = _register(HEADER + ROW.replace("2019", "2018"))
    assert registers.add_version(engine, saved.id, changed, owner_key=saved.owner_key).version == 2


def test_a_client_has_a_budget_per_hour_and_the_store_one_in_all(monkeypatch, db_url):
    engine = registers.connect(db_url)
    register = _register(HEADER + ROW)  # 1 arrangement + 2 memberships = 3 rows
    monkeypatch.setattr(registers, "MAX_CLIENT_VERSIONS_PER_HOUR", 2)
    one, other = registers.client_of("192.0.2.1"), registers.client_of("192.0.2.2")
    assert one != other and "192.0.2.1" not in one  # a pseudonym, not the address
    first = registers.save(engine, register, title="T", credit="K", client=one)
    registers.add_version(
        engine, first.id, _register(HEADER + ROW.replace("2019", "2018")), owner_key=first.owner_key, client=one
    )
    with pytest.raises(registers.StoreError, match="Du har lagret 2 versjoner med 6 rader den siste timen; høyst 2"):
        registers.save(engine, register, title="T", credit="K", client=one)  # new sessions do not help
    registers.save(engine, register, title="T", credit="K", client=other)
    monkeypatch.setattr(registers, "MAX_STORE_ROWS", 10)
    with pytest.raises(registers.StoreError, match=f"Lageret er fullt: .*{whole(10)} rader.* og {whole(9)} er brukt"):
        registers.save(engine, register, title="T", credit="K")
    assert registers.listed(engine).total == 0 and len(registers.versions_of(engine, first.id)) == 2


def test_the_public_list_is_paged_and_searched(db_url):
    engine = registers.connect(db_url)
    register = _register(HEADER + ROW)
    titles = [f"Register {i:02d}" for i in range(registers.LIST_PAGE + 3)] + ["Ål og Hol 100 %", "Privat"]
    for title in titles:
        registers.save(engine, register, title=title, credit="K", listed=title != "Privat")
    first = registers.listed(engine)
    assert first.total == len(titles) - 1 and len(first.rows) == registers.LIST_PAGE
    assert first.rows["tittel"].tolist() == sorted(titles[:-1])[: registers.LIST_PAGE]
    assert set(first.rows["versjoner"]) == {1}
    assert registers.listed(engine, offset=registers.LIST_PAGE).rows["tittel"].tolist()[-1] == "Ål og Hol 100 %"
    found = registers.listed(engine, search="ÅL OG")  # any case, beyond ASCII, on both databases
    assert (found.total, found.rows["tittel"].tolist()) == (1, ["Ål og Hol 100 %"])
    assert registers.listed(engine, search="%").rows["tittel"].tolist() == ["Ål og Hol 100 %"]  # literal, no wildcard
    assert registers.listed(engine, search="_").total == 0
    assert registers.listed(engine, search="privat").total == 0


def test_deleting_says_what_was_deleted(db_url):
    engine = registers.connect(db_url)
    saved = registers.save(engine, _register(HEADER + ROW), title="Agder", credit="K")
    assert registers.describe(engine, saved.id).message() == f"Slettet «Agder» ({saved.id}) med 1 versjon."
    deleted = registers.delete(engine, saved.id, owner_key=saved.owner_key)
    assert (deleted.title, deleted.versions) == ("Agder", 1)
    assert registers.describe(engine, saved.id) is None
