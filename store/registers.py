"""Save, open, version and delete registers in the store.

Every write is one transaction: a version is stored whole or not at all. Ids and owner keys come
from :mod:`secrets`; only a hash of the owner key is stored, and a wrong or missing key changes
nothing. Every value is a bound parameter (SQLAlchemy Core); nothing is built into SQL text.
"""

from __future__ import annotations

import concurrent.futures
import datetime as _dt
import functools
import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from geo import settings
from geo.choices import ChoiceError
from geo.provenance import Provenance, clean_text
from geo.register import ROW_FIELDS, Register, memberships, split_rows
from store import schema
from store.links import link_of, link_query  # noqa: F401 — the link keys, re-exported

#: Environment variable naming the database (a SQLAlchemy URL); unset: the SQLite file below.
DB_VARIABLE = "SAMARBEIDSKART_DB"
DEFAULT_PATH = settings.ROOT / "lagret" / "registre.sqlite"
#: The PostgreSQL advisory lock a migration holds for its transaction (any number the app alone uses).
MIGRATION_LOCK = 720_2021
#: Budgets: arrangements in one version, versions of one register.
MAX_ARRANGEMENTS = 20_000
MAX_VERSIONS = 200


class StoreError(ChoiceError):
    """A register that does not exist, or an owner key that does not fit; the message is Norwegian."""


class StoreUnavailable(StoreError):
    """The database cannot be reached, does not answer in time, or cannot be used: said in plain
    Norwegian, with no SQL, address or key (every database error passes through :func:`_guarded`)."""


#: What a visitor is told when the store is away: the rest of the page works.
UNAVAILABLE = (
    "Lagrede registre er ikke tilgjengelige nå: databasen svarer ikke. Det medfølgende registeret, "
    "opplasting og alle kartene virker som før; prøv igjen om litt."
)
#: Seconds a connection may take to open, a statement to run, and a call to the store to answer in all
#: (a frozen server answers nothing: the call is given up and the page goes on).
CONNECT_TIMEOUT_S = 3
STATEMENT_TIMEOUT_S = 5
CALL_TIMEOUT_S = 5
#: … and a write, which may be large (a register of many thousand memberships); one that does not
#: answer in time may still finish, and the message says so.
WRITE_TIMEOUT_S = 30
#: After the store failed, calls are refused at once for this many seconds (no page waits on a
#: database known to be away), then tried again.
RETRY_AFTER_S = 15
_down_until: dict[str, float] = {}
_down_lock = threading.Lock()
_workers = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="samarbeidskart-lager")


def _key(engine) -> str:
    return engine.url.render_as_string(hide_password=True) if isinstance(engine, sa.Engine) else str(engine)


def _mark_down(key: str) -> None:
    with _down_lock:
        _down_until[key] = time.monotonic() + RETRY_AFTER_S


def _guarded(action: str, *, write: bool = False):
    """Run a store call within :data:`CALL_TIMEOUT_S` (a ``write``: :data:`WRITE_TIMEOUT_S`), and turn
    every database failure into a :class:`StoreUnavailable` that says ``action`` failed, in Norwegian
    and nothing internal."""

    def wrap(fn):
        @functools.wraps(fn)
        def call(engine, *args, **kwargs):
            key = _key(engine)
            with _down_lock:
                if _down_until.get(key, 0.0) > time.monotonic():
                    raise StoreUnavailable(f"{action} går ikke nå. {UNAVAILABLE}")
            future = _workers.submit(fn, engine, *args, **kwargs)
            try:
                return future.result(timeout=WRITE_TIMEOUT_S if write else CALL_TIMEOUT_S)
            except StoreError:
                raise
            except concurrent.futures.TimeoutError:
                _mark_down(key)
                unsure = " Det er uvisst om endringen ble lagret; se etter før du prøver igjen." if write else ""
                raise StoreUnavailable(f"{action} tok for lang tid.{unsure} {UNAVAILABLE}") from None
            except sa.exc.DataError:  # the database is there, and refused a value: not "away"
                raise StoreError(
                    f"{action} lyktes ikke: en verdi i registeret passer ikke i lageret. Ingenting er endret."
                ) from None
            except (sa.exc.SQLAlchemyError, OSError, ModuleNotFoundError):
                _mark_down(key)
                raise StoreUnavailable(f"{action} lyktes ikke. {UNAVAILABLE}") from None

        return call

    return wrap


def database_url() -> str:
    """The database to use: ``SAMARBEIDSKART_DB``, else the SQLite file in ``lagret/``."""
    url = os.environ.get(DB_VARIABLE, "").strip()
    if url:
        return url
    DEFAULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_PATH}"


def connect(url: str | None = None) -> sa.Engine:
    """An engine on ``url`` (default :func:`database_url`) with the schema migrated to the newest
    version; connections and statements time out (:data:`CONNECT_TIMEOUT_S`, :data:`STATEMENT_TIMEOUT_S`).
    A URL that cannot be used, or a database that cannot be reached, is a :class:`StoreUnavailable`."""
    url = url or database_url()
    try:
        engine = _engine(url)
    except (sa.exc.SQLAlchemyError, ModuleNotFoundError, ValueError):
        raise StoreUnavailable(
            f"Adressen til databasen ({DB_VARIABLE}) kan ikke brukes; se README, «Lagrede registre». {UNAVAILABLE}"
        ) from None
    _migrated(engine)
    return engine


@_guarded("Å klargjøre databasen", write=True)
def _migrated(engine: sa.Engine) -> None:
    migrate(engine)


def _engine(url: str) -> sa.Engine:
    dialect = sa.engine.make_url(url).get_backend_name()
    connect_args = {}
    ms = STATEMENT_TIMEOUT_S * 1000
    if dialect == "postgresql":
        connect_args = {
            "connect_timeout": CONNECT_TIMEOUT_S,
            "options": f"-c statement_timeout={ms} -c lock_timeout={ms}",
        }
    elif dialect == "sqlite":
        connect_args = {"timeout": STATEMENT_TIMEOUT_S}  # waits this long for a lock, then fails
    engine = sa.create_engine(
        url, future=True, pool_pre_ping=True, pool_timeout=CONNECT_TIMEOUT_S, connect_args=connect_args
    )
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi, _record):  # foreign keys (cascading deletes) and a safe journal
            cursor = dbapi.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

    return engine


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Run the schema migrations (Alembic) up to ``revision`` on ``engine``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # app servers starting at once migrate one after another
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


@dataclass(frozen=True)
class Saved:
    """What a save returns: the register's id, the version written, and (first save only) the owner key."""

    id: str
    version: int
    owner_key: str = ""


def _rows(register: Register, register_id: str, version: int) -> tuple[list[dict], list[dict]]:
    o = register.rows  # statements of own service are stored as the rows they are in the file
    if len(o) > MAX_ARRANGEMENTS:
        raise StoreError(f"Registeret har {len(o)} ordninger; høyst {MAX_ARRANGEMENTS} kan lagres.")
    arrangements = [
        {
            "register_id": register_id,
            "versjon": version,
            "id": r["id"],
            "rad": int(r["rad"]),
            "navn": r["navn"],
            "tjenester": ";".join(r["tjenester"]),
            "deltakere": ";".join(r["deltakere"]),
            "deltakere_komplett": bool(r["deltakere_komplett"]),
            "vertskommune": r["vertskommune"],
            "juridisk_form": r["juridisk_form"],
            "etablert": None if pd.isna(r["etablert"]) else int(r["etablert"]),
            "etablert_periode": r["etablert_periode"] or "",
            "kilde": r["kilde"],
            "alias": ";".join(r["alias"]),
            "merknad": r["merknad"] or "",
        }
        for r in o.to_dict("records")
    ]
    members = [
        {"register_id": register_id, "versjon": version, "ordning_id": oid, "kommunenummer": k}
        for oid, ks in zip(o["id"], o["deltakere"])
        for k in dict.fromkeys(ks)
    ]
    return arrangements, members


def _write_version(connection, register: Register, register_id: str, version: int) -> None:
    arrangements, members = _rows(register, register_id, version)
    connection.execute(
        sa.insert(schema.versions),
        [{"register_id": register_id, "versjon": version, "opprettet": _now(), "antall": len(arrangements)}],
    )
    if arrangements:
        connection.execute(sa.insert(schema.arrangements), arrangements)
    if members:
        connection.execute(sa.insert(schema.memberships), members)


def _token(nbytes: int) -> str:
    """An unguessable token that never starts with "-" (a command line would read it as an option)."""
    while True:
        token = secrets.token_urlsafe(nbytes)
        if token[0] != "-":
            return token


@_guarded("Å lagre registeret", write=True)
def save(engine: sa.Engine, register: Register, *, title: str, credit: str, listed: bool = False) -> Saved:
    """Save ``register`` as a new register (version 1); returns its id and its owner key, shown once."""
    register_id, owner_key = _token(16), _token(24)
    title, credit = clean_text(title), clean_text(credit)
    if not title or not credit:
        raise StoreError("Oppgi både en tittel og hvem som har laget registeret (kreditering).")
    with engine.begin() as connection:
        connection.execute(
            sa.insert(schema.registers),
            [
                {
                    "id": register_id,
                    "tittel": title,
                    "kreditering": credit,
                    "kommuneinndeling": register.provenance.division,
                    "offentlig": bool(listed),
                    "eiernokkel_hash": _hash(owner_key),
                    "opprettet": _now(),
                }
            ],
        )
        _write_version(connection, register, register_id, 1)
    return Saved(register_id, 1, owner_key)


def _owned(connection, register_id: str, owner_key: str) -> sa.Row:
    row = connection.execute(sa.select(schema.registers).where(schema.registers.c.id == register_id)).first()
    if row is None:
        raise StoreError(f"Fant ikke registeret «{clean_text(register_id, limit=40)}».")
    if not owner_key or not hmac.compare_digest(row.eiernokkel_hash, _hash(owner_key)):
        raise StoreError("Eiernøkkelen passer ikke til registeret; ingenting er endret.")
    return row


@_guarded("Å lagre en ny versjon", write=True)
def add_version(
    engine: sa.Engine, register_id: str, register: Register, *, owner_key: str, based_on: int | None = None
) -> Saved:
    """A new version of a saved register (the owner key is needed); earlier versions stay readable.

    ``based_on``: the version the new one was made from (the editor's). If another version was saved
    after it, nothing is written and the message names the newer version (two people editing the same
    version lose nothing). Saves at the same moment each get their own number: a number another save
    took first is tried again with the next."""
    for _attempt in range(8):
        try:
            with engine.begin() as connection:
                _owned(connection, register_id, owner_key)
                newest = (
                    connection.execute(
                        sa.select(sa.func.max(schema.versions.c.versjon)).where(
                            schema.versions.c.register_id == register_id
                        )
                    ).scalar()
                    or 0
                )
                if based_on is not None and newest != based_on:
                    raise StoreError(
                        f"Registeret har fått versjon {newest} siden du åpnet versjon {based_on}; ingenting er "
                        f"lagret. Åpne versjon {newest} og sammenlign den med din (kartlaget «Endringer mellom "
                        "versjoner») før du lagrer igjen."
                    )
                if newest >= MAX_VERSIONS:
                    raise StoreError(f"Registeret har alt {newest} versjoner; høyst {MAX_VERSIONS}.")
                _write_version(connection, register, register_id, newest + 1)
            return Saved(register_id, newest + 1)
        except sa.exc.IntegrityError:  # another save took this number first: try the next
            time.sleep(0.02 * (_attempt + 1))
    raise StoreError("Mange lagrer nye versjoner av registeret akkurat nå; prøv igjen om litt.")


@_guarded("Å slette registeret", write=True)
def delete(engine: sa.Engine, register_id: str, *, owner_key: str) -> None:
    """Delete a register and all its versions for good (the owner key is needed)."""
    with engine.begin() as connection:
        _owned(connection, register_id, owner_key)
        for table in (schema.memberships, schema.arrangements, schema.versions):
            connection.execute(sa.delete(table).where(table.c.register_id == register_id))
        connection.execute(sa.delete(schema.registers).where(schema.registers.c.id == register_id))


@_guarded("Å lese versjonene")
def versions_of(engine: sa.Engine, register_id: str) -> list[int]:
    with engine.connect() as connection:
        rows = (
            connection.execute(
                sa.select(schema.versions.c.versjon)
                .where(schema.versions.c.register_id == register_id)
                .order_by(schema.versions.c.versjon)
            )
            .scalars()
            .all()
        )
    return list(rows)


@_guarded("Å åpne det lagrede registeret")
def open_register(
    engine: sa.Engine, register_id: str, *, tjenester: pd.DataFrame, version: int | None = None
) -> Register:
    """A saved register (its newest version, or ``version``) as the same validated frames a file gives."""
    with engine.connect() as connection:
        head = connection.execute(sa.select(schema.registers).where(schema.registers.c.id == register_id)).first()
        if head is None:
            raise StoreError(f"Fant ikke registeret «{clean_text(register_id, limit=40)}».")
        if version is None:
            version = connection.execute(
                sa.select(sa.func.max(schema.versions.c.versjon)).where(schema.versions.c.register_id == register_id)
            ).scalar()
        stored = connection.execute(
            sa.select(schema.versions).where(
                schema.versions.c.register_id == register_id, schema.versions.c.versjon == version
            )
        ).first()
        if stored is None:
            raise StoreError(f"Registeret har ingen versjon {version}.")
        rows = (
            connection.execute(
                sa.select(schema.arrangements)
                .where(schema.arrangements.c.register_id == register_id, schema.arrangements.c.versjon == version)
                .order_by(schema.arrangements.c.rad)
            )
            .mappings()
            .all()
        )
    if len(rows) != stored.antall:  # a version is whole or it is not there
        raise StoreError(f"Versjon {version} er ikke lagret helt; den kan ikke åpnes.")
    return _register(head, version, rows, tjenester)


def _register(head, version: int, rows, tjenester: pd.DataFrame) -> Register:
    def split(text: str) -> tuple[str, ...]:
        return tuple(x for x in text.split(";") if x)

    o = pd.DataFrame(
        [
            {
                "id": r["id"],
                "navn": r["navn"],
                "tjenester": split(r["tjenester"]),
                "deltakere": split(r["deltakere"]),
                "deltakere_komplett": bool(r["deltakere_komplett"]),
                "vertskommune": r["vertskommune"],
                "juridisk_form": r["juridisk_form"],
                "etablert": pd.NA if r["etablert"] is None else int(r["etablert"]),
                "etablert_periode": r["etablert_periode"],
                "kilde": r["kilde"],
                "alias": split(r["alias"]),
                "merknad": r["merknad"],
                "rad": r["rad"],
            }
            for r in rows
        ],
        columns=ROW_FIELDS,
    )
    o["etablert"] = o["etablert"].astype("Int64")
    o, egne = split_rows(o)
    medlemskap = memberships(o)
    provenance = Provenance(
        title=head.tittel,
        credit=head.kreditering,
        date=head.opprettet.date().isoformat(),
        division=head.kommuneinndeling,
        area="kommunene i registeret",
        stored_version=version,
    )
    return Register(
        tjenester=tjenester,
        ordninger=o,
        medlemskap=medlemskap,
        provenance=provenance,
        notes=(f"Lagret register, versjon {version}.",),
        egne=egne,
    )


@_guarded("Å lese lista over lagrede registre")
def listed(engine: sa.Engine) -> pd.DataFrame:
    """The registers saved as public: id, title, credit, division, versions."""
    v = schema.versions
    query = (
        sa.select(
            schema.registers.c.id,
            schema.registers.c.tittel,
            schema.registers.c.kreditering,
            schema.registers.c.kommuneinndeling,
            sa.func.count(v.c.versjon).label("versjoner"),
        )
        .join(v, v.c.register_id == schema.registers.c.id)
        .where(schema.registers.c.offentlig.is_(True))
        .group_by(
            schema.registers.c.id,
            schema.registers.c.tittel,
            schema.registers.c.kreditering,
            schema.registers.c.kommuneinndeling,
        )
        .order_by(schema.registers.c.tittel)
    )
    with engine.connect() as connection:
        return pd.DataFrame(
            connection.execute(query).mappings().all(),
            columns=["id", "tittel", "kreditering", "kommuneinndeling", "versjoner"],
        )


@_guarded("Å finne lagrede registre med kommunen")
def including(engine: sa.Engine, kommunenummer: str) -> list[str]:
    """Ids of the public registers whose newest version has ``kommunenummer`` as a member."""
    m, v = schema.memberships, schema.versions
    newest = sa.select(v.c.register_id, sa.func.max(v.c.versjon).label("versjon")).group_by(v.c.register_id).subquery()
    query = (
        sa.select(m.c.register_id)
        .distinct()
        .join(newest, sa.and_(newest.c.register_id == m.c.register_id, newest.c.versjon == m.c.versjon))
        .join(schema.registers, schema.registers.c.id == m.c.register_id)
        .where(m.c.kommunenummer == kommunenummer, schema.registers.c.offentlig.is_(True))
    )
    with engine.connect() as connection:
        return sorted(connection.execute(query).scalars().all())


#: Saves one browser session may make (a budget against filling the database from one tab).
MAX_SAVES_PER_SESSION = 10


def save_within(engine: sa.Engine, register: Register, *, used: int, **kwargs) -> Saved:
    """:func:`save`, refused once a session has saved ``used`` = :data:`MAX_SAVES_PER_SESSION` registers
    (the page counts its own saves)."""
    if used >= MAX_SAVES_PER_SESSION:
        raise StoreError(f"Denne økten har alt lagret {used} registre; høyst {MAX_SAVES_PER_SESSION}.")
    return save(engine, register, **kwargs)
