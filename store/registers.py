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
from geo._text import whole
from geo.choices import ChoiceError
from geo.limits import MAX_MEMBERSHIPS, MAX_ROWS, MAX_TEXT, MAX_VERSIONS
from geo.provenance import Provenance, clean_text
from geo.register import ROW_FIELDS, Register, memberships, split_rows
from store import schema
from store.links import link_of, link_query  # noqa: F401 — the link keys, re-exported

#: Environment variable naming the database (a SQLAlchemy URL); unset: the SQLite file below.
DB_VARIABLE = "SAMARBEIDSKART_DB"
DEFAULT_PATH = settings.ROOT / "lagret" / "registre.sqlite"
#: The PostgreSQL advisory lock a migration holds for its transaction (any number the app alone uses).
MIGRATION_LOCK = 720_2021
#: Budgets. A version's size is its arrangements plus its memberships ("rader"); a full-size register
#: (geo.limits) is at most 120,000. One client (one address) may store this many versions and rows in
#: an hour, and the whole store this many rows (about 1–2 GB on PostgreSQL with its indexes).
MAX_CLIENT_VERSIONS_PER_HOUR = 20
MAX_CLIENT_ROWS_PER_HOUR = 300_000
MAX_STORE_ROWS = 5_000_000
#: Public registers the list shows at once; the rest are found by searching their titles.
LIST_PAGE = 20


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
            # SQLite's own lower() knows ASCII only: a search for "ål" finds "Ål" as on PostgreSQL
            dbapi.create_function("lower", 1, lambda text: None if text is None else text.lower(), deterministic=True)

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
    if len(o) > MAX_ROWS:  # the reader refuses these already; the store says the same limit
        raise StoreError(f"Registeret har {whole(len(o))} ordninger; høyst {whole(MAX_ROWS)} kan lagres.")
    n_members = sum(len(set(ks)) for ks in o["deltakere"])
    if n_members > MAX_MEMBERSHIPS:
        raise StoreError(f"Registeret har {whole(n_members)} medlemskap; høyst {whole(MAX_MEMBERSHIPS)} kan lagres.")
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
            "status": r.get("status") or "",
            "avsluttet": r.get("avsluttet") or "",
            "vedtak": r.get("vedtak") or "",
            "andre_parter": r.get("andre_parter") or "",
            "organisasjonsnummer": r.get("organisasjonsnummer") or "",
        }
        for r in o.to_dict("records")
    ]
    members = [
        {"register_id": register_id, "versjon": version, "ordning_id": oid, "kommunenummer": k}
        for oid, ks in zip(o["id"], o["deltakere"])
        for k in dict.fromkeys(ks)
    ]
    return arrangements, members


def _write_version(
    connection, register: Register, register_id: str, version: int, *, client: str | None, based_on: int = 0
) -> None:
    """Write one version whole, within the budgets; a version with the same content as ``based_on``
    is refused (nothing would change)."""
    arrangements, members = _rows(register, register_id, version)
    if based_on and _content(arrangements) == _content(_stored_rows(connection, register_id, based_on)):
        raise StoreError(f"Ingen endringer siden versjon {based_on}; ingen ny versjon er lagret.")
    _within_budget(connection, client=client, rows=len(arrangements) + len(members))
    connection.execute(
        sa.insert(schema.versions),
        [
            {
                "register_id": register_id,
                "versjon": version,
                "opprettet": _now(),
                "antall": len(arrangements),
                "medlemskap": len(members),
                "klient": client,
            }
        ],
    )
    if arrangements:
        connection.execute(sa.insert(schema.arrangements), arrangements)
    if members:
        connection.execute(sa.insert(schema.memberships), members)


_COMPARED = ("register_id", "versjon", "rad")  # not content: where and under which number a row is stored


def _content(rows) -> list[tuple]:
    """A version's arrangements as content alone, in a fixed order (to tell "no change")."""
    return sorted(tuple(str(v) for k, v in sorted(dict(r).items()) if k not in _COMPARED) for r in rows)


def _stored_rows(connection, register_id: str, version: int):
    a = schema.arrangements
    query = sa.select(a).where(a.c.register_id == register_id, a.c.versjon == version).order_by(a.c.rad)
    return connection.execute(query).mappings().all()


def _within_budget(connection, *, client: str | None, rows: int) -> None:
    """Refuse a write of ``rows`` rows that would take the whole store, or ``client`` within the last
    hour, over its budget (:data:`MAX_STORE_ROWS`, :data:`MAX_CLIENT_ROWS_PER_HOUR`,
    :data:`MAX_CLIENT_VERSIONS_PER_HOUR`). The command line (``client`` ``None``) has only the total."""
    v = schema.versions
    size = v.c.antall + v.c.medlemskap
    stored = connection.execute(sa.select(sa.func.coalesce(sa.func.sum(size), 0))).scalar()
    if stored + rows > MAX_STORE_ROWS:
        raise StoreError(
            "Lageret er fullt: det har plass til "
            f"{whole(MAX_STORE_ROWS)} rader (ordninger og medlemskap), og {whole(stored)} er brukt. Ingenting er "
            "lagret; si fra til dem som driver tjenesten."
        )
    if client is None:
        return
    since = _now() - _dt.timedelta(hours=1)
    count, used = connection.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(size), 0)).where(
            v.c.klient == client, v.c.opprettet > since
        )
    ).one()
    if count >= MAX_CLIENT_VERSIONS_PER_HOUR or used + rows > MAX_CLIENT_ROWS_PER_HOUR:
        raise StoreError(
            f"Du har lagret {count} versjoner med {whole(used)} rader den siste timen; høyst "
            f"{MAX_CLIENT_VERSIONS_PER_HOUR} versjoner og {whole(MAX_CLIENT_ROWS_PER_HOUR)} rader per time. "
            "Ingenting er lagret; prøv igjen senere."
        )


def client_of(address: str | None) -> str | None:
    """The pseudonym a client's budget is kept under: a keyed hash of its ``address`` (the address
    itself is never stored), or ``None`` where it is unknown."""
    if not isinstance(address, str) or not address:
        return None
    secret = os.environ.get("SAMARBEIDSKART_KLIENTNOKKEL", "samarbeidskart").encode("utf-8")
    return hmac.new(secret, address.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]


def _title(text: str, what: str) -> str:
    """A title or credit line as stored: one line of plain text within :data:`MAX_TEXT`, never cut."""
    cleaned = clean_text(text, limit=10 * MAX_TEXT)
    if len(cleaned) > MAX_TEXT:
        raise StoreError(f"{what} er {len(cleaned)} tegn lang; høyst {MAX_TEXT} er tillatt. Ingenting er lagret.")
    return cleaned


def _token(nbytes: int) -> str:
    """An unguessable token that never starts with "-" (a command line would read it as an option)."""
    while True:
        token = secrets.token_urlsafe(nbytes)
        if token[0] != "-":
            return token


@_guarded("Å lagre registeret", write=True)
def save(
    engine: sa.Engine, register: Register, *, title: str, credit: str, listed: bool = False, client: str | None = None
) -> Saved:
    """Save ``register`` as a new register (version 1); returns its id and its owner key, shown once.
    ``client`` (:func:`client_of`): whose hourly budget the save counts against."""
    register_id, owner_key = _token(16), _token(24)
    title, credit = _title(title, "Tittelen"), _title(credit, "Krediteringen")
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
        _write_version(connection, register, register_id, 1, client=client)
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
    engine: sa.Engine,
    register_id: str,
    register: Register,
    *,
    owner_key: str,
    based_on: int | None = None,
    client: str | None = None,
) -> Saved:
    """A new version of a saved register (the owner key is needed); earlier versions stay readable.

    ``based_on``: the version the new one was made from (the editor's). If another version was saved
    after it, nothing is written and the message names the newer version (two people editing the same
    version lose nothing). Saves at the same moment each get their own number: a number another save
    took first is tried again with the next. A version written in another kommune division than the
    register's, or the same as the newest, is refused."""
    for _attempt in range(8):
        try:
            with engine.begin() as connection:
                head = _owned(connection, register_id, owner_key)
                if register.provenance.division != head.kommuneinndeling:
                    raise StoreError(
                        f"Versjonen er skrevet i kommuneinndelingen {register.provenance.division}, men registeret "
                        f"er lagret i {head.kommuneinndeling}. Skriv kommunene etter {head.kommuneinndeling}-"
                        "inndelingen (eller lagre filen som et nytt register); ingenting er lagret."
                    )
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
                _write_version(connection, register, register_id, newest + 1, client=client, based_on=newest)
            return Saved(register_id, newest + 1)
        except sa.exc.IntegrityError:  # another save took this number first: try the next
            time.sleep(0.02 * (_attempt + 1))
    raise StoreError("Mange lagrer nye versjoner av registeret akkurat nå; prøv igjen om litt.")


@_guarded("Å slette registeret", write=True)
def delete(engine: sa.Engine, register_id: str, *, owner_key: str) -> Deleted:
    """Delete a register and all its versions for good (the owner key is needed); returns what was deleted."""
    with engine.begin() as connection:
        head = _owned(connection, register_id, owner_key)
        count = connection.execute(
            sa.select(sa.func.count()).where(schema.versions.c.register_id == register_id)
        ).scalar()
        for table in (schema.memberships, schema.arrangements, schema.versions):
            connection.execute(sa.delete(table).where(table.c.register_id == register_id))
        connection.execute(sa.delete(schema.registers).where(schema.registers.c.id == register_id))
    return Deleted(register_id, head.tittel, count)


@dataclass(frozen=True)
class Deleted:
    """What a deletion removed: the register's id and title, and how many versions it had."""

    id: str
    title: str
    versions: int

    def message(self) -> str:
        return f"Slettet «{self.title}» ({self.id}) med {self.versions} versjon{'er' if self.versions != 1 else ''}."


@_guarded("Å lese registeret")
def describe(engine: sa.Engine, register_id: str) -> Deleted | None:
    """The title and number of versions of a register (what a deletion would remove), or ``None``."""
    with engine.connect() as connection:
        head = connection.execute(sa.select(schema.registers).where(schema.registers.c.id == register_id)).first()
        if head is None:
            return None
        count = connection.execute(
            sa.select(sa.func.count()).where(schema.versions.c.register_id == register_id)
        ).scalar()
    return Deleted(register_id, head.tittel, count)


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
    unknown = _unknown_kommuner(rows, head.kommuneinndeling)
    if unknown:  # stored before versions were checked against the register's division, or changed by hand
        raise StoreError(
            f"Versjon {version} kan ikke åpnes: den nevner kommunenummer som ikke finnes i registerets "
            f"kommuneinndeling {clean_text(head.kommuneinndeling, limit=8)} ({', '.join(unknown[:5])}"
            f"{' …' if len(unknown) > 5 else ''}). Åpne en annen versjon."
        )
    try:
        return _register(head, version, rows, tjenester)
    except Exception:  # noqa: BLE001 - a stored version that cannot be read is said, never raised
        raise StoreError(f"Versjon {version} kan ikke leses; åpne en annen versjon.") from None


def _unknown_kommuner(rows, division: str) -> list[str]:
    """Kommunenummer in ``rows`` (members and hosts) that ``division`` does not have (all, if no such division)."""
    from geo.io import load_names

    known = load_names().indexes.get(division)
    codes = {k for r in rows for k in r["deltakere"].split(";") if k} | {r["vertskommune"] for r in rows}
    codes.discard("")
    return sorted(codes if known is None else codes - known.names.keys())


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
                "status": r["status"],
                "avsluttet": r["avsluttet"],
                "vedtak": r["vedtak"],
                "andre_parter": r["andre_parter"],
                "organisasjonsnummer": r["organisasjonsnummer"],
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


@dataclass(frozen=True)
class Listing:
    """One page of the public list: ``rows`` (id, tittel, kreditering, kommuneinndeling, versjoner)
    and ``total``, how many public registers match the search."""

    rows: pd.DataFrame
    total: int


@_guarded("Å lese lista over lagrede registre")
def listed(engine: sa.Engine, *, search: str = "", limit: int = LIST_PAGE, offset: int = 0) -> Listing:
    """The public registers whose title contains ``search`` (any case), by title, ``limit`` from
    ``offset``; the work is the same however many registers the store holds (an index on title)."""
    r, v = schema.registers, schema.versions
    where = [r.c.offentlig.is_(True)]
    words = clean_text(search, limit=MAX_TEXT).lower()
    if words:
        escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(sa.func.lower(r.c.tittel).like(f"%{escaped}%", escape="\\"))
    page = (
        sa.select(r.c.id, r.c.tittel, r.c.kreditering, r.c.kommuneinndeling)
        .where(*where)
        .order_by(r.c.tittel, r.c.id)
        .limit(max(0, min(limit, 100)))
        .offset(max(0, offset))
        .subquery()
    )
    counted = (
        sa.select(page, sa.func.count(v.c.versjon).label("versjoner"))
        .join(v, v.c.register_id == page.c.id)
        .group_by(page.c.id, page.c.tittel, page.c.kreditering, page.c.kommuneinndeling)
        .order_by(page.c.tittel, page.c.id)
    )
    with engine.connect() as connection:
        total = connection.execute(sa.select(sa.func.count()).select_from(r).where(*where)).scalar()
        rows = pd.DataFrame(
            connection.execute(counted).mappings().all(),
            columns=["id", "tittel", "kreditering", "kommuneinndeling", "versjoner"],
        )
    return Listing(rows, int(total))


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
