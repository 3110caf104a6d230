"""The store when things go wrong, on SQLite and a real PostgreSQL: a database that is away, frozen,
corrupt or wrongly addressed gives a Norwegian message naming no SQL, address or key, in bounded
time, and the store works again when the database is back; saves at the same moment each get their
own version, and a save from an outdated version is refused with the newer one named."""

import re
import threading
import time

import pytest

from store import registers
from tests.installed import require_installed
from tests.store.cluster import pg_bin, throwaway_postgres
from tests.store.test_registers import FIRST, SECOND, _register

#: What a message to a user must never hold: SQL, a database address or driver, a hash, a traceback.
INTERNALS = re.compile(
    r"SELECT|INSERT|UPDATE|DELETE FROM|sqlite|postgres|psycopg|127\.0\.0\.1|localhost|:\d{4,5}|[0-9a-f]{32}|"
    r"Traceback|Error\b|sqlalchemy",
    re.IGNORECASE,
)


def _refused_in_time(call, *, within: float) -> str:
    """``call()`` raises :class:`registers.StoreUnavailable` within ``within`` seconds; its message."""
    t0 = time.monotonic()
    with pytest.raises(registers.StoreUnavailable) as caught:
        call()
    assert time.monotonic() - t0 < within
    return str(caught.value)


def _clean(message: str) -> None:
    assert not INTERNALS.search(message), message
    assert "Lagrede registre er ikke tilgjengelige nå" in message


@pytest.fixture(autouse=True)
def _no_memory_of_failures(monkeypatch):
    monkeypatch.setattr(registers, "_down_until", {})


@pytest.fixture(scope="module")
def cluster():
    """A cluster of its own: these tests stop and freeze it."""
    require_installed(pg_bin() is not None, "PostgreSQL", module=False)
    with throwaway_postgres() as found:
        yield found


def test_a_url_that_cannot_be_used_is_a_plain_message(monkeypatch):
    for url in ("nosuchdb://x/y", "postgresql+nosuchdriver://u:hemmelig@db.example:5432/x", "ikke en adresse"):
        with pytest.raises(registers.StoreUnavailable) as caught:
            registers.connect(url)
        _clean(str(caught.value))
        assert "SAMARBEIDSKART_DB" in str(caught.value) and "hemmelig" not in str(caught.value)


def test_a_corrupt_sqlite_file_is_a_plain_message(tmp_path):
    path = tmp_path / "registre.sqlite"
    path.write_bytes(b"dette er ingen database" * 200)
    with pytest.raises(registers.StoreUnavailable) as caught:
        registers.connect(f"sqlite:///{path}")
    _clean(str(caught.value))


def test_postgresql_stopped_and_started_again(cluster, monkeypatch):
    monkeypatch.setattr(registers, "RETRY_AFTER_S", 0.0)
    engine = registers.connect(cluster)
    saved = registers.save(engine, _register(FIRST), title="Før stopp", credit="test", listed=True)
    cluster.stop()
    try:
        _clean(_refused_in_time(lambda: registers.listed(engine), within=registers.CALL_TIMEOUT_S + 1))
        with pytest.raises(registers.StoreUnavailable):
            registers.open_register(engine, saved.id, tjenester=_register(FIRST).tjenester)
    finally:
        cluster.start()
    assert saved.id in set(registers.listed(engine).rows["id"])  # back: the pool's dead connections are replaced


def test_a_frozen_postgresql_is_given_up_in_time_and_then_not_waited_for(cluster, monkeypatch):
    engine = registers.connect(cluster)
    registers.listed(engine)  # a connection in the pool
    cluster.freeze()
    try:
        _clean(_refused_in_time(lambda: registers.listed(engine), within=registers.CALL_TIMEOUT_S + 1))
        _refused_in_time(lambda: registers.versions_of(engine, "x"), within=0.5)  # known away: no wait again
    finally:
        cluster.thaw()
    monkeypatch.setattr(registers, "_down_until", {})
    deadline = time.monotonic() + 30
    while True:  # the stuck call returns when the server thaws; then the store answers again
        try:
            registers.listed(engine)
            break
        except registers.StoreUnavailable:
            assert time.monotonic() < deadline
            registers._down_until.clear()
            time.sleep(0.5)


def test_sixteen_new_versions_at_once_get_sixteen_numbers(db_url):
    engine = registers.connect(db_url)
    saved = registers.save(engine, _register(FIRST), title="Samtidig", credit="test")
    edits = [_register(SECOND.replace("2019", str(2000 + i))) for i in range(16)]  # sixteen different edits
    results, start = [], threading.Barrier(16)

    def save_one(edit) -> None:
        start.wait()
        try:
            results.append(registers.add_version(engine, saved.id, edit, owner_key=saved.owner_key).version)
        except registers.StoreError as exc:  # a clear refusal is allowed; a traceback is not
            results.append(str(exc))

    threads = [threading.Thread(target=save_one, args=(edit,)) for edit in edits]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = [r for r in results if isinstance(r, int)]
    assert len(results) == 16 and len(numbers) == len(set(numbers)) >= 12
    assert sorted(registers.versions_of(engine, saved.id)) == [1, *sorted(numbers)]


def test_a_save_from_an_outdated_version_is_refused_and_names_the_newer(db_url):
    engine = registers.connect(db_url)
    saved = registers.save(engine, _register(FIRST), title="To redaktører", credit="test")
    opened = registers.open_register(engine, saved.id, tjenester=_register(FIRST).tjenester)
    assert opened.provenance.stored_version == 1
    registers.add_version(
        engine, saved.id, _register(SECOND), owner_key=saved.owner_key, based_on=1
    )  # the first editor
    with pytest.raises(registers.StoreError, match=r"fått versjon 2 siden du åpnet versjon 1.*sammenlign"):
        registers.add_version(engine, saved.id, opened, owner_key=saved.owner_key, based_on=1)  # the second
    assert registers.versions_of(engine, saved.id) == [1, 2]


def test_three_servers_starting_at_once_on_an_empty_database_all_come_up(cluster):
    import subprocess
    import sys

    import sqlalchemy as sa

    from geo import settings

    engine = sa.create_engine(cluster)
    with engine.begin() as connection:  # empty: no tables, no migration history
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    at = time.time() + 4  # each imports first, then all connect at the same moment
    start = (
        "import time; from store import registers; "
        f"time.sleep(max(0, {at} - time.time())); registers.connect({str(cluster)!r}); print('oppe')"
    )
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", start], cwd=settings.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [s.communicate(timeout=120) for s in servers]
    assert [s.returncode for s in servers] == [0, 0, 0], [err[-400:] for _, err in outputs]
    assert all(out.strip() == "oppe" for out, _ in outputs)
