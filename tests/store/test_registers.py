"""Saved registers on SQLite and on a real PostgreSQL server: save, open, versions, delete; a wrong
or missing owner key changes nothing; a version is whole or not there, even if the server is
killed in the middle of a save."""

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
import sqlalchemy as sa

from geo import settings
from geo.io import load_dataset, load_names, with_register
from geo.uploads import read_register_upload
from store import registers, schema

HEADER = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
FIRST = (
    HEADER + 'a,Test legevakt,legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2019,eget\n'
    'b,Test PPT,ppt,"Bygland; Valle",ja,,,,eget\n'
)
SECOND = HEADER + 'a,Test legevakt,legevakt,"Arendal; Grimstad; Froland",ja,Arendal,avtale,2019,eget\n'


def _register(text: str, name: str = "r.csv"):
    return read_register_upload(text.encode(), name, names=load_names(), tjenester=load_dataset().register.tjenester)


def _frame(register):
    return register.ordninger[["id", "navn", "tjenester", "deltakere", "vertskommune", "etablert"]].reset_index(
        drop=True
    )


def test_a_statement_of_own_service_is_kept_apart_through_save_and_open(db_url):
    engine = registers.connect(db_url)
    original = _register(FIRST + "valle-lv,Valle legevakt,legevakt,Valle,ja,,egen tjeneste,,kommunens nettside\n")
    saved = registers.save(engine, original, title="Agder test", credit="Statsforvalteren")
    opened = registers.open_register(engine, saved.id, tjenester=original.tjenester)
    assert list(opened.ordninger["id"]) == ["a", "b"] and list(opened.egne["id"]) == ["valle-lv"]
    assert opened.egne["deltakere"].iloc[0] == original.egne["deltakere"].iloc[0]


def test_save_and_open_give_the_same_register(db_url):
    engine = registers.connect(db_url)
    original = _register(FIRST)
    saved = registers.save(engine, original, title="Agder test", credit="Statsforvalteren", listed=True)
    assert len(saved.id) >= 20 and len(saved.owner_key) >= 30  # unguessable
    opened = registers.open_register(engine, saved.id, tjenester=original.tjenester)
    pd.testing.assert_frame_equal(_frame(opened), _frame(original))
    assert opened.provenance.credit == "Statsforvalteren" and opened.provenance.division == "2024"
    data = with_register(load_dataset(), opened)  # drawn like any other register
    assert set(data.register.medlemskap["kommunenummer"]) == set(original.medlemskap["kommunenummer"])
    with engine.connect() as connection:  # the owner key itself is never stored
        stored = connection.execute(sa.select(schema.registers.c.eiernokkel_hash)).scalar()
    assert saved.owner_key not in stored


def test_versions_are_kept_and_need_the_owner_key(db_url):
    engine = registers.connect(db_url)
    saved = registers.save(engine, _register(FIRST), title="T", credit="K")
    with pytest.raises(registers.StoreError, match="Eiernøkkelen passer ikke"):
        registers.add_version(engine, saved.id, _register(SECOND), owner_key="feil")
    with pytest.raises(registers.StoreError, match="Eiernøkkelen passer ikke"):
        registers.add_version(engine, saved.id, _register(SECOND), owner_key="")
    assert registers.versions_of(engine, saved.id) == [1]  # nothing changed
    assert registers.add_version(engine, saved.id, _register(SECOND), owner_key=saved.owner_key).version == 2
    tj = load_dataset().register.tjenester
    assert len(registers.open_register(engine, saved.id, tjenester=tj).ordninger) == 1  # newest
    assert len(registers.open_register(engine, saved.id, tjenester=tj, version=1).ordninger) == 2  # still readable


def test_delete_needs_the_owner_key_and_removes_everything(db_url):
    engine = registers.connect(db_url)
    saved = registers.save(engine, _register(FIRST), title="T", credit="K", listed=True)
    with pytest.raises(registers.StoreError):
        registers.delete(engine, saved.id, owner_key="feil")
    assert registers.versions_of(engine, saved.id) == [1]
    registers.delete(engine, saved.id, owner_key=saved.owner_key)
    with pytest.raises(registers.StoreError, match="Fant ikke registeret"):
        registers.open_register(engine, saved.id, tjenester=load_dataset().register.tjenester)
    with engine.connect() as connection:
        for table in (schema.arrangements, schema.memberships, schema.versions):
            assert connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0


def test_one_can_ask_across_registers(db_url):
    engine = registers.connect(db_url)
    a = registers.save(engine, _register(FIRST), title="A", credit="K", listed=True)
    registers.save(
        engine, _register(HEADER + 'x,X,ppt,"Bygland; Valle",ja,,,,eget\n'), title="B", credit="K", listed=True
    )
    assert registers.including(engine, "4203") == [a.id]  # Arendal
    assert len(registers.listed(engine).rows) == 2 and registers.listed(engine).total == 2


def test_migrations_run_on_an_empty_database_and_again(db_url):
    registers.connect(db_url)
    engine = registers.connect(db_url)  # a second run finds the schema at head and changes nothing
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0006"


def test_a_database_of_the_previous_schema_is_upgraded_with_its_registers(db_url):
    old = sa.create_engine(db_url)
    registers.migrate(old, "0001")  # the schema as the first release made it, with a register the old code wrote
    now = registers._now()
    with old.begin() as connection:
        connection.execute(
            sa.text("INSERT INTO registre VALUES ('fra-for', 'Fra før', 'K', '2024', :t, 'h', :now)"),
            {"t": True, "now": now},
        )
        connection.execute(sa.text("INSERT INTO versjoner VALUES ('fra-for', 1, :now, 1)"), {"now": now})
        connection.execute(
            sa.text(
                "INSERT INTO ordninger VALUES ('fra-for', 1, 'a', 2, 'Test legevakt', 'legevakt', '4203;4202', :t, "
                "'4203', 'avtale', 2019, '', 'eget', '', '')"
            ),
            {"t": True},
        )
        for k in ("4203", "4202"):
            connection.execute(sa.text("INSERT INTO medlemskap VALUES ('fra-for', 1, 'a', :k)"), {"k": k})
    old.dispose()
    engine = registers.connect(db_url)  # upgrades to head
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0006"
        indexes = {i["name"] for i in sa.inspect(connection).get_indexes("registre")}
        counted = connection.execute(sa.select(schema.versions.c.medlemskap)).scalar()
    assert {"ix_registre_offentlig", "ix_registre_offentlig_tittel"} <= indexes
    assert counted == 2  # memberships stored before the budget columns are counted in the total
    opened = registers.open_register(engine, "fra-for", tjenester=load_dataset().register.tjenester)
    assert opened.provenance.title == "Fra før" and len(opened.ordninger) == 1
    assert registers.listed(engine, search="FRA").rows["id"].tolist() == ["fra-for"]


def test_export_save_export_gives_the_same_rows(db_url, tmp_path):
    env = {**os.environ, "SAMARBEIDSKART_DB": db_url, "PYTHONPATH": str(settings.ROOT)}
    source = tmp_path / "r.csv"
    source.write_text(FIRST, encoding="utf-8")

    def run(*args, key=""):
        return subprocess.run(
            [sys.executable, "-m", "store", *args],
            capture_output=True,
            text=True,
            env={**env, "SAMARBEIDSKART_EIERNOKKEL": key},
            cwd=settings.ROOT,
            timeout=120,
        )

    first = run("lagre", str(source), "--tittel", "T", "--kreditering", "K", "--offentlig")
    assert first.returncode == 0, first.stderr
    register_id = first.stdout.split()[2]
    assert run("eksporter", register_id, "--out", str(tmp_path / "1.csv")).returncode == 0
    again = run("lagre", str(tmp_path / "1.csv"), "--tittel", "T2", "--kreditering", "K", "--offentlig")
    assert run("eksporter", again.stdout.split()[2], "--out", str(tmp_path / "2.csv")).returncode == 0
    assert (tmp_path / "1.csv").read_bytes() == (tmp_path / "2.csv").read_bytes()
    wrong = run("slett", register_id, "--ja", key="feil")
    assert wrong.returncode == 2 and wrong.stderr.startswith("Feil: Eiernøkkelen passer ikke")


_SAVER = r"""
import sys, time
from geo.io import load_dataset, with_register
from store import registers
sys.path.insert(0, ".")
from bench.synthetic import make_register
from geo.register import read_ordninger
base = load_dataset()
reg = read_ordninger(make_register(base), names=base.names, tjenester=base.register.tjenester, file="n.csv")
engine = registers.connect(sys.argv[1])
print("klar", flush=True)
while True:
    registers.save(engine, reg, title="stor", credit="test")
"""


def test_a_server_killed_while_saving_leaves_whole_versions_or_none(db_url):
    proc = subprocess.Popen(
        [sys.executable, "-c", _SAVER, db_url],
        cwd=settings.ROOT,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(settings.ROOT)},
        text=True,
    )
    assert proc.stdout.readline().strip() == "klar"
    time.sleep(2.5)  # in the middle of a save of 5,000 arrangements
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    engine = registers.connect(db_url)
    with engine.connect() as connection:
        counts = connection.execute(
            sa.select(
                schema.versions.c.register_id,
                schema.versions.c.antall,
                sa.select(sa.func.count())
                .where(schema.arrangements.c.register_id == schema.versions.c.register_id)
                .scalar_subquery(),
            )
        ).all()
        orphans = connection.execute(
            sa.select(sa.func.count())
            .select_from(schema.arrangements)
            .where(~schema.arrangements.c.register_id.in_(sa.select(schema.versions.c.register_id)))
        ).scalar()
    assert all(expected == found for _, expected, found in counts), counts
    assert orphans == 0


def test_compare_two_saved_versions(db_url):
    """v1: a {Arendal, Grimstad}, b {Bygland, Valle}; v2: a {Arendal, Grimstad, Froland} → a gained
    Froland, b ended."""
    from geo.compare import arrangement_changes

    engine = registers.connect(db_url)
    saved = registers.save(engine, _register(FIRST), title="T", credit="K")
    registers.add_version(engine, saved.id, _register(SECOND), owner_key=saved.owner_key)
    tj = load_dataset().register.tjenester
    v1 = registers.open_register(engine, saved.id, tjenester=tj, version=1)
    v2 = registers.open_register(engine, saved.id, tjenester=tj, version=2)
    changes = arrangement_changes(v1.ordninger, v2.ordninger).set_index("id")
    froland = v2.ordninger.set_index("id").loc["a", "deltakere"][-1]
    assert changes.loc["a", "endringer"] == ("medlemmer inn",) and changes.loc["a", "inn"] == (froland,)
    assert changes.loc["b", "endringer"] == ("avsluttet",) and set(changes.index) == {"a", "b"}


def test_ids_and_keys_never_start_with_a_dash_a_command_line_would_take_for_an_option(monkeypatch):
    tokens = iter(["-abc", "-def", "ghi", "-jkl", "mno"])
    monkeypatch.setattr(registers.secrets, "token_urlsafe", lambda n: next(tokens))
    assert registers._token(16) == "ghi" and registers._token(24) == "mno"


def test_what_the_reader_accepts_the_store_keeps(db_url):
    period = "etablert i to trinn: først avtale i 2009, så vertskommune fra 2015 (vedtak i alle tre kommunestyrer)"
    register = _register(
        HEADER.replace("kilde\n", "kilde,etablert_periode\n")
        + f'a,Lang,legevakt,"Arendal; Grimstad",ja,,,,eget,"{period}"\n'
    )
    assert len(period) > 40 and register.ordninger["etablert_periode"].iloc[0] == period
    engine = registers.connect(db_url)
    saved = registers.save(engine, register, title="Lang periode", credit="test")
    opened = registers.open_register(engine, saved.id, tjenester=register.tjenester)
    assert opened.ordninger["etablert_periode"].iloc[0] == period


def test_an_arrangements_life_is_kept_through_save_and_open(db_url):
    text = (
        HEADER.replace("kilde\n", "kilde,status,avsluttet,vedtak\n")
        + 'a,Test legevakt,legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2002,eget,avsluttet,2019-01-01,sak 12/18\n'
    )
    original = _register(text)
    engine = registers.connect(db_url)
    saved = registers.save(engine, original, title="Livsløp", credit="K")
    opened = registers.open_register(engine, saved.id, tjenester=original.tjenester)
    columns = ["status", "avsluttet", "vedtak"]
    assert opened.ordninger[columns].values.tolist() == [["avsluttet", "2019-01-01", "sak 12/18"]]


def test_an_arrangement_of_fylkeskommuner_alone_is_kept_through_save_and_open(db_url):
    text = (
        HEADER.replace("kilde\n", "kilde,status,avsluttet,andre_parter\n")
        + "vr,Vestregionen,regionrad,,nei,,annet,1992,tekst,avsluttet,2019-01-01,"
        + '"fylkeskommune: Akershus; fylkeskommune: Buskerud"\n'
        + 'a,Test legevakt,legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2002,eget,,,\n'
    )
    original = _register(text)
    engine = registers.connect(db_url)
    saved = registers.save(engine, original, title="Fylkeskommuner", credit="K")
    opened = registers.open_register(engine, saved.id, tjenester=original.tjenester)
    row = opened.ordninger.set_index("id").loc["vr"]
    assert row["deltakere"] == () and row["andre_parter"] == "fylkeskommune: Akershus; fylkeskommune: Buskerud"
    assert set(opened.medlemskap["ordning_id"]) == {"a"}  # no kommune is counted for it
