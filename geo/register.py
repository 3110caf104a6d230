"""The cooperation register: ``tjenester.csv`` (services) and ``ordninger.csv`` (arrangements).

One reader and one validator per file. Downstream code receives frames that are valid:

- ``tjenester``: one row per service code (``kode``, ``navn``, ``sektor``, ``oppgave``).
- ``ordninger``: one row per arrangement; ``tjenester`` and ``deltakere`` are tuples (codes,
  kommunenummer), ``vertskommune`` a kommunenummer or ``""`` when the source does not say,
  ``deltakere_komplett`` a bool,
  ``etablert`` an integer year or ``<NA>``.
- ``medlemskap``: one row per (arrangement, member kommune) with ``er_vert``.
- ``egne``: rows with the legal form ``egen tjeneste``, each a statement that its one kommune runs
  the row's services itself: not an arrangement, so kept apart from ``ordninger`` (same columns).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geo import settings
from geo._csv import read_rows
from geo._text import close_matches, normalise, or_list, split_list, whole
from geo.errors import DataError, Problem
from geo.limits import MAX_ID, MAX_MEMBERSHIPS, MAX_NAME
from geo.names import NameBook, NameError_, NameIndex, resolve_kommune
from geo.provenance import Provenance, for_upload, read_provenance

#: Sectors in the report's order (chapter 5), plus regional councils, which it counts apart.
SEKTORER = (
    "Administrasjon og støttetjenester",
    "Helse",
    "Sosial",
    "Undervisning",
    "Plan og byggesak",
    "Landbruk og naturforvaltning",
    "Teknisk",
    "Brannvern og beredskap",
    "Kultur",
    "Næringsutvikling",
    "Regionråd og samfunnsutvikling",
)

#: Legal forms: normalised key → the form as written in the register.
#: The "legal form" of a row that is no arrangement: its one kommune runs the service itself.
OWN_SERVICE = "egen tjeneste"
JURIDISKE_FORMER = {
    normalise(k): k
    for k in (
        OWN_SERVICE,
        "IKS",
        "AS",
        "administrativ vertskommune",
        "vertskommunesamarbeid",
        "vertskommune med felles folkevalgt nemnd",
        "§27-styre",
        "kommunalt oppgavefellesskap",
        "IKPR",
        "avtale",
        "stiftelse",
        "annet",
    )
}
JURIDISKE_FORMER.update(
    {
        normalise("§20-2"): "administrativ vertskommune",
        normalise("§28b"): "administrativ vertskommune",
        normalise("§20-3"): "vertskommune med felles folkevalgt nemnd",
        normalise("§27"): "§27-styre",
        normalise("interkommunalt politisk råd"): "IKPR",
        normalise("kjøp/salg"): "avtale",
    }
)

TJENESTER_COLUMNS = ["kode", "navn", "sektor", "oppgave", "alle_har"]
ORDNINGER_COLUMNS = [
    "id",
    "navn",
    "tjeneste",
    "deltakere",
    "deltakere_komplett",
    "vertskommune",
    "juridisk_form",
    "etablert",
    "kilde",
]
OPTIONAL_COLUMNS = [
    "etablert_periode",
    "alias",
    "merknad",
    "kommuneinndeling",
    "status",
    "avsluttet",
    "vedtak",
    "andre_parter",
    "organisasjonsnummer",
]
#: An arrangement's status (column ``status``; empty: not stated, drawn as in force).
STATUSES = ("planlagt", "aktiv", "avsluttet")
#: The columns of an arrangement's life (all optional): written out only where a register uses them.
LIFECYCLE_COLUMNS = ("status", "avsluttet", "vedtak")
#: Parties that are not kommuner (``geo.parties``) and the arrangement's own organisasjonsnummer: as above.
PARTY_COLUMNS = ("andre_parter", "organisasjonsnummer")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
#: An id: a letter or digit, then letters, digits, ".", "_" or "-" (at most 80). Ids go into links and
#: into the script of an HTML map, so nothing else is allowed.
_ID = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9._-]{{0,{MAX_ID - 1}}}$")
#: Close-match searches one file may cause (each costs a scan of every kommune name); after that,
#: unknown names are reported without suggestions.
MAX_SUGGESTIONS = 30
#: Former kommuner read as their successors named one by one in the register's note; the rest counted.
MAX_READ_AS = 10


#: Columns of a register's ``ordninger`` and ``egne`` frames.
ROW_FIELDS = [
    "id",
    "navn",
    "tjenester",
    "deltakere",
    "deltakere_komplett",
    "vertskommune",
    "juridisk_form",
    "etablert",
    "etablert_periode",
    "kilde",
    "alias",
    "merknad",
    "status",
    "avsluttet",
    "vedtak",
    "andre_parter",
    "organisasjonsnummer",
    "rad",
]


def _no_rows() -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in ROW_FIELDS}).astype({"etablert": "Int64"})


def has_lifecycle(register: Register) -> bool:
    """Whether the register states any arrangement's status or end (it can then be drawn as of a year)."""
    return register.states_lifecycle


def end_year(text: str) -> int | None:
    """The year of ``avsluttet`` ("2019" or "2019-12-31"), or ``None`` where it is empty."""
    found = re.match(r"^(\d{4})", str(text or ""))
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class Register:
    """A validated register: services, arrangements, memberships, statements of own service, and
    where it comes from."""

    tjenester: pd.DataFrame
    ordninger: pd.DataFrame
    medlemskap: pd.DataFrame
    provenance: Provenance
    notes: tuple[str, ...] = ()  # what reading it decided (e.g. which kommune division), in Norwegian
    egne: pd.DataFrame = field(default_factory=_no_rows)  # "egen tjeneste" rows (ROW_FIELDS)

    @functools.cached_property
    def states_lifecycle(self) -> bool:
        """Whether any row states a status or an end (asked on every page run: made once per register)."""
        return any(
            c in frame and frame[c].fillna("").astype(str).str.len().gt(0).any()
            for frame in (self.ordninger, self.egne)
            for c in ("status", "avsluttet")
        )

    @functools.cached_property
    def map_rows(self) -> pd.DataFrame:
        """``ordninger`` with the columns the map layers read: an arrangement's life and its other
        parties left out, so that every selection a map makes copies no more than it uses (made once
        per register; the same rows in the same order)."""
        drop = [c for c in (*LIFECYCLE_COLUMNS, *PARTY_COLUMNS) if c in self.ordninger]
        return self.ordninger.drop(columns=drop) if drop else self.ordninger

    @functools.cached_property
    def service_index(self) -> dict[str, np.ndarray]:
        """Service code → positions in ``ordninger`` of the arrangements with it: made once per
        register, owned by it (a register is immutable; a converted one is a new register)."""
        positions: dict[str, list[int]] = {}
        for i, codes in enumerate(self.ordninger["tjenester"]):
            for c in codes:
                positions.setdefault(c, []).append(i)
        return {c: np.asarray(p, dtype=int) for c, p in positions.items()}

    @property
    def rows(self) -> pd.DataFrame:
        """Every row of the register, arrangements and statements of own service, in file order."""
        if not len(self.egne):
            return self.ordninger
        return pd.concat([self.ordninger, self.egne], ignore_index=True).sort_values("rad", ignore_index=True)


def split_rows(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(arrangements, statements)``: the rows whose legal form is :data:`OWN_SERVICE` apart."""
    own = (rows["juridisk_form"] == OWN_SERVICE).to_numpy() if len(rows) else []
    if not len(rows) or not own.any():
        return rows, _no_rows()
    return rows[~own].reset_index(drop=True), rows[own].reset_index(drop=True)


def memberships(ordninger: pd.DataFrame) -> pd.DataFrame:
    """One row per (arrangement, member kommune), with ``er_vert``."""
    return pd.DataFrame(
        [
            {"ordning_id": oid, "kommunenummer": k, "er_vert": k == host}
            for oid, members, host in zip(ordninger["id"], ordninger["deltakere"], ordninger["vertskommune"])
            for k in members
        ],
        columns=["ordning_id", "kommunenummer", "er_vert"],
    )


def own_service(register: Register, codes) -> set[str]:
    """The kommuner the register states run every service of ``codes`` themselves (its ``egne`` rows)."""
    codes = set(codes)
    if not codes or not len(register.egne):
        return set()
    stated: dict[str, set[str]] = {}
    for members, services in zip(register.egne["deltakere"], register.egne["tjenester"]):
        for k in members:
            stated.setdefault(k, set()).update(services)
    return {k for k, services in stated.items() if codes <= services}


# --- tjenester.csv -------------------------------------------------------------------------


def read_tjenester(source: str | Path | bytes | None = None, *, file: str | None = None) -> pd.DataFrame:
    """Read and validate the service table."""
    source = source if source is not None else settings.TJENESTER_PATH
    file = file or (Path(source).name if isinstance(source, (str, Path)) else "tjenester.csv")
    _, rows = read_rows(source, file=file, required=TJENESTER_COLUMNS)
    return validate_tjenester(rows, file=file)


def validate_tjenester(rows, *, file: str = "tjenester.csv") -> pd.DataFrame:
    problems: list[Problem] = list(getattr(rows, "problems", ()))  # the cells' own, found when read
    first_row: dict[str, int] = {}
    sectors = {normalise(s): s for s in SEKTORER}
    for number, row in rows:
        code = row["kode"]
        if not _CODE.match(code):
            problems.append(
                Problem(file, f"Tjenestekoden '{code}' må bestå av små bokstaver a–z, sifre og _.", number, "kode")
            )
        elif code in first_row:
            problems.append(Problem(file, f"Tjenestekoden '{code}' står også i rad {first_row[code]}.", number, "kode"))
        else:
            first_row[code] = number
        if not row["navn"]:
            problems.append(Problem(file, "Navn mangler.", number, "navn"))
        if row["sektor"] not in SEKTORER:
            hint = close_matches(row["sektor"], sectors, n=1, cutoff=0.5)
            tail = f" — mente du {hint[0]}?" if hint else f" Gyldige sektorer: {or_list(list(SEKTORER))}."
            problems.append(Problem(file, f"Ukjent sektor '{row['sektor']}'{tail}", number, "sektor"))
        if row["alle_har"] not in ("ja", "nei"):
            problems.append(
                Problem(file, f"alle_har må være ja eller nei, ikke '{row['alle_har']}'.", number, "alle_har")
            )
    if problems:
        raise DataError(problems)
    return pd.DataFrame([r for _, r in rows], columns=TJENESTER_COLUMNS).reset_index(drop=True)


# --- ordninger.csv -------------------------------------------------------------------------


def read_ordninger(
    source: str | Path | bytes | None = None,
    *,
    names: NameBook | NameIndex,
    tjenester: pd.DataFrame,
    file: str | None = None,
    provenance: Provenance | None = None,
) -> Register:
    """Read and validate the arrangement table against the kommune names and service codes.

    The register's provenance comes from ``provenance``, else from the sidecar file beside a
    path (``ordninger.toml`` for ``ordninger.csv``); without either it is credited to its file.
    """
    source = source if source is not None else settings.ORDNINGER_PATH
    file = file or (Path(source).name if isinstance(source, (str, Path)) else "ordninger.csv")
    if provenance is None:
        sidecar = Path(source).with_suffix(".toml") if isinstance(source, (str, Path)) else None
        provenance = read_provenance(sidecar) if sidecar is not None and sidecar.exists() else None
    notes: list[str] = []
    header, rows = read_rows(source, file=file, required=ORDNINGER_COLUMNS, optional=OPTIONAL_COLUMNS, notes=notes)
    return validate_ordninger(rows, names=names, tjenester=tjenester, file=file, provenance=provenance, notes=notes)


class _RowCheck:
    """The checks of one register row, cell by cell; each returns the cell's clean value and
    reports what is wrong with it through ``bad(column, message)``."""

    def __init__(self, *, book: NameBook, division: str, tjenester: pd.DataFrame, bad):
        self.book, self.division, self.names, self.bad = book, division, book.indexes[division], bad
        self.codes = {normalise(c): c for c in tjenester["kode"]}
        self.first_row: dict[str, int] = {}
        self.first_arrangement: dict[tuple, tuple[int, str]] = {}
        self.this_year = _dt.date.today().year
        self.suggestions_left = MAX_SUGGESTIONS
        self.resolved: dict[str, str | NameError_] = {}  # each distinct name is looked up once
        self.ended: int | None = None  # the year the row's arrangement ended (status avsluttet), or None
        self.read_as: list[str] = []  # former kommuner read as their successors, for the register's notes
        self.counties: dict[str, dict[str, str]] = {}  # era → county names and numbers (andre_parter)

    def _resolve(self, name: str) -> str:
        """The kommunenummer of ``name`` (raises :class:`NameError_`), looked up once per file."""
        if name not in self.resolved:
            suggest = self.suggestions_left > 0
            try:
                self.resolved[name] = resolve_kommune(self.names, name, suggest=suggest)
            except NameError_ as exc:
                self.suggestions_left -= suggest
                self.resolved[name] = exc
        found = self.resolved[name]
        if isinstance(found, NameError_):
            raise found
        return found

    def id(self, number: int, oid: str) -> str:
        if not oid:
            self.bad("id", "id mangler.")
        elif " " in oid.strip():
            self.bad("id", f"id '{oid[:80]}' kan ikke inneholde mellomrom.")
        elif not _ID.match(oid):
            self.bad(
                "id",
                f"id '{oid[:80]}' kan bare ha bokstavene a–z (små eller store, uten æ, ø og å), sifre, punktum, _ "
                "og - (høyst 80 tegn), og må begynne med en bokstav eller et siffer.",
            )
        elif oid.lower() in self.first_row:  # ids are compared as links compare them: without case
            self.bad(
                "id",
                f"id '{oid}' står også i rad {self.first_row[oid.lower()]} (store og små bokstaver regnes som like); "
                "hver ordning må ha sin egen id.",
            )
        else:
            self.first_row[oid.lower()] = number
        return oid

    def navn(self, navn: str) -> str:
        if not navn:
            self.bad("navn", "Navn mangler.")
        elif len(navn) > MAX_NAME:
            self.bad("navn", f"Navnet er {len(navn)} tegn langt; høyst {MAX_NAME} er tillatt.")
        return navn

    def tjenester(self, cell: str) -> tuple[str, ...]:
        services = []
        for code in split_list(cell):
            if normalise(code) in self.codes:
                if self.codes[normalise(code)] in services:
                    self.bad(
                        "tjeneste", f"Tjenestekoden '{code}' står flere ganger (store og små bokstaver er det samme)."
                    )
                else:
                    services.append(self.codes[normalise(code)])
                continue
            hint = close_matches(code, self.codes, n=3, cutoff=0.6)
            tail = f" — mente du {or_list(hint)}?" if hint else " Se tjenester.csv for gyldige koder."
            self.bad("tjeneste", f"Ukjent tjenestekode '{code}'{tail}")
        if not split_list(cell):
            self.bad("tjeneste", "Ingen tjenestekode; skriv minst én (flere skilles med ;).")
        return tuple(services)

    def deltakere(self, cell: str) -> tuple[str, ...]:
        members: list[str] = []
        if "," in cell and ";" not in cell and self._all_resolve(cell.split(",")):
            self.bad(
                "deltakere", "Deltakerne er skilt med komma; skill kommunene med semikolon (;), f.eks. «Drammen; Lier»."
            )
            return ()
        for name in split_list(cell):
            try:
                knr = self._resolve(name)
            except NameError_ as exc:
                knr = self._former(name)
                if knr is None:
                    self.bad("deltakere", self._unknown(name, exc))
                elif knr not in members:  # former kommuner that merged are one successor, said in the notes
                    members.append(knr)
                continue
            if knr in members:
                self.bad("deltakere", f"{self.names.display[knr]} står flere ganger i deltakerlisten.")
            else:
                members.append(knr)
        return tuple(members)

    def some_party(self, cell: str, parties: str) -> None:
        """A row names at least one kommune, or (an arrangement of fylkeskommuner and others, such as
        Vestregionen where the sources name none of its kommuner) at least one fylkeskommune."""
        if split_list(cell) or any(p.startswith("fylkeskommune:") for p in split_list(parties)):
            return
        self.bad(
            "deltakere",
            "Ingen deltakere; skriv kommunenavn skilt med ;"
            + (" (eller en fylkeskommune i andre_parter)." if parties else "."),
        )

    def _former(self, name: str) -> str | None:
        """The successor of a former kommune, where the row's arrangement ended before the change
        (``self.ended``: the year, for a row with status avsluttet); noted in ``read_as``. Else ``None``."""
        found = self.names.former.get(normalise(name))
        if found is None or self.ended is None:
            return None
        knr, note = found
        changed = re.search(r"(\d{4})\s*$", note)
        if changed is None or self.ended > int(changed.group(1)):
            return None
        self.read_as.append(f"{name} som {self.names.display[knr]} ({note})")
        return knr

    def _all_resolve(self, names: list[str]) -> bool:
        names = [n.strip() for n in names if n.strip()]
        if len(names) < 2:
            return False
        try:
            return all(self._resolve(n) for n in names)
        except NameError_:
            return False

    def same_as_before(self, number: int, oid: str, navn: str, members: tuple[str, ...]) -> None:
        """The same arrangement (name and members) under another id is reported."""
        if not navn or not members:
            return
        key = (normalise(navn), frozenset(members))
        if key in self.first_arrangement:
            row, other = self.first_arrangement[key]
            self.bad(
                "id", f"Samme ordning (navn og deltakere) som rad {row} med id '{other}'; én ordning skal ha én rad."
            )
        else:
            self.first_arrangement[key] = (number, oid)

    def _unknown(self, name: str, exc: NameError_) -> str:
        """The name's own message, or where it belongs if it is a name of the other division."""
        elsewhere = self.book.elsewhere(name, self.division)
        return f"{elsewhere}." if elsewhere else str(exc)

    def komplett(self, cell: str) -> bool:
        if normalise(cell) not in ("ja", "nei"):
            self.bad("deltakere_komplett", f"Må være ja eller nei, ikke '{cell}'.")
        return normalise(cell) == "ja"

    def vertskommune(self, cell: str, members: tuple[str, ...]) -> str:
        if not cell:
            return ""
        try:
            host = self._resolve(cell)
        except NameError_ as exc:
            self.bad("vertskommune", self._unknown(cell, exc))
            return ""
        if members and host not in members:
            self.bad("vertskommune", f"Vertskommunen {self.names.display[host]} er ikke blant deltakerne.")
        return host

    def juridisk_form(self, form: str) -> str:
        if not form:
            return ""
        if normalise(form) in JURIDISKE_FORMER:
            return JURIDISKE_FORMER[normalise(form)]
        hint = close_matches(form, dict(JURIDISKE_FORMER), n=1, cutoff=0.6)
        tail = f" — mente du {hint[0]}?" if hint else ""
        valid = or_list(sorted(set(JURIDISKE_FORMER.values())))
        self.bad("juridisk_form", f"Ukjent juridisk form '{form}'{tail} Gyldige: {valid}.")
        return ""

    def etablert(self, text: str):
        if not text:
            return pd.NA
        if re.fullmatch(r"\d{4}", text) and 1800 <= int(text) <= self.this_year + 1:
            return int(text)
        self.bad("etablert", f"'{text}' er ikke et årstall (f.eks. 2015); la feltet stå tomt hvis året er ukjent.")
        return pd.NA

    def status(self, cell: str) -> str:
        if not cell:
            return ""
        if normalise(cell) in STATUSES:
            return normalise(cell)
        self.bad("status", f"Ukjent status '{cell}'. Gyldige: planlagt, aktiv eller avsluttet (eller tomt).")
        return ""

    def avsluttet(self, text: str) -> str:
        """The year or date an arrangement ended, as written ("2019" or "2019-12-31"), or ``""``."""
        if not text:
            return ""
        if re.fullmatch(r"\d{4}", text) and 1800 <= int(text) <= self.this_year + 50:
            return text
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) and _dt.date.fromisoformat(text):
                return text
        except ValueError:
            pass
        self.bad("avsluttet", f"'{text}' er ikke et årstall eller en dato (f.eks. 2019 eller 2019-12-31).")
        return ""

    def lifecycle(self, status: str, etablert, avsluttet: str) -> None:
        """What status, start and end say together: each contradiction a message."""
        end = end_year(avsluttet)
        if status == "avsluttet" and end is None:
            self.bad("avsluttet", "Status er avsluttet, men året ordningen ble avsluttet mangler.")
        if end is not None and not pd.isna(etablert) and end < int(etablert):
            self.bad("avsluttet", f"Avsluttet {avsluttet} er før etablert {int(etablert)}.")
        if status == "aktiv" and not pd.isna(etablert) and int(etablert) > self.this_year:
            self.bad("etablert", f"Status er aktiv, men etablert {int(etablert)} er fram i tid; bruk status planlagt.")
        if status == "aktiv" and end is not None and end < self.this_year:
            self.bad("avsluttet", f"Status er aktiv, men ordningen ble avsluttet {avsluttet}; bruk status avsluttet.")

    def andre_parter(self, cell: str, ended: int | None) -> str:
        """The parties that are not kommuner, in their written form (``geo.parties``), or ``""``."""
        if not cell:
            return ""
        from geo.divisions import resolve_division
        from geo.parties import county_names, era_of, parse_parties

        era = era_of(ended, resolve_division(self.division).display_era)
        if era not in self.counties:
            from geo.counties import read_fylker

            fylker = read_fylker(settings.DATA_DIR / resolve_division(self.division).fylker.name)
            self.counties[era] = county_names(fylker, era)
        parties, problems = parse_parties(cell, counties=self.counties[era])
        for message in problems:
            self.bad("andre_parter", message)
        return "; ".join(p.text() for p in parties)

    def organisasjonsnummer(self, text: str) -> str:
        from geo.parties import valid_orgnr

        digits = re.sub(r"\s", "", text or "")
        if digits and not valid_orgnr(digits):
            self.bad(
                "organisasjonsnummer",
                f"'{text}' er ikke et gyldig organisasjonsnummer (ni sifre og rett kontrollsiffer).",
            )
            return ""
        return digits

    def kilde(self, text: str) -> str:
        if not text:
            self.bad("kilde", "Kilde mangler; oppgi hvor opplysningene kommer fra (f.eks. tabell 5.2 nr 11).")
        return text


def validate_ordninger(
    rows,
    *,
    names: NameBook | NameIndex,
    tjenester: pd.DataFrame,
    provenance: Provenance | None = None,
    file: str = "ordninger.csv",
    credit: str = "",
    notes: list[str] | None = None,
) -> Register:
    """Check every cell of every row; raise one :class:`DataError` with all problems.

    The kommune division is the one ``provenance`` states, else the column ``kommuneinndeling``,
    else the one the names belong to (see :func:`geo._division_check.choose_division`). Without
    ``provenance`` the register is credited to ``file`` and ``credit``.
    """
    from geo._division_check import choose_division

    book = names if isinstance(names, NameBook) else NameBook({names.division: names})
    division, note, problems = choose_division(
        rows, book, file=file, sidecar=provenance.division if provenance else None
    )
    provenance = provenance or for_upload(file, credit=credit, division=division)
    problems = [*getattr(rows, "problems", ()), *problems]  # what reading found in cells comes along
    refused = getattr(rows, "refused", set())
    number = 0

    def bad(column: str, message: str) -> None:
        if (number, column) not in refused:  # a refused cell was named once, for what is wrong in it
            problems.append(Problem(file, message, number, column))

    check = _RowCheck(book=book, division=division, tjenester=tjenester, bad=bad)
    records = []
    for number, row in rows:  # noqa: B007 - ``bad`` reads the row number being checked
        oid, navn, services = check.id(number, row["id"]), check.navn(row["navn"]), check.tjenester(row["tjeneste"])
        status, ended = check.status(row.get("status", "")), check.avsluttet(row.get("avsluttet", ""))
        check.ended = end_year(ended) if status == "avsluttet" else None  # former kommuner may be named
        members = check.deltakere(row["deltakere"])  # problems are reported in column order
        check.same_as_before(number, oid, navn, members)
        records.append(
            {
                "id": oid,
                "navn": navn,
                "tjenester": services,
                "deltakere": members,
                "deltakere_komplett": check.komplett(row["deltakere_komplett"]),
                "vertskommune": check.vertskommune(row["vertskommune"], members),
                "juridisk_form": check.juridisk_form(row["juridisk_form"]),
                "etablert": check.etablert(row["etablert"]),
                "etablert_periode": row.get("etablert_periode", ""),
                "kilde": check.kilde(row["kilde"]),
                "alias": tuple(split_list(row.get("alias", ""))),
                "merknad": row.get("merknad", ""),
                "status": status,
                "avsluttet": ended,
                "vedtak": row.get("vedtak", ""),
                "andre_parter": check.andre_parter(row.get("andre_parter", ""), end_year(ended)),
                "organisasjonsnummer": check.organisasjonsnummer(row.get("organisasjonsnummer", "")),
                "rad": number,
            }
        )
        last = records[-1]
        check.some_party(row["deltakere"], last["andre_parter"])
        check.lifecycle(last["status"], last["etablert"], last["avsluttet"])
    read_as = list(dict.fromkeys(check.read_as))  # a former kommune named in several rows is said once
    if read_as:
        shown = "; ".join(read_as[:MAX_READ_AS]) + (
            f" og {len(read_as) - MAX_READ_AS} til" if len(read_as) > MAX_READ_AS else ""
        )
        notes = [
            *(notes or ()),
            f"Tidligere kommuner i ordninger som ble avsluttet før endringen, er tegnet som etterfølgeren: {shown}.",
        ]

    def bad_at(row: int, column: str, message: str) -> None:
        problems.append(Problem(file, message, row, column))

    _check_own_service(records, bad_at=bad_at)
    total = sum(len(set(r["deltakere"])) for r in records)
    if total > MAX_MEMBERSHIPS:
        problems.append(
            Problem(
                file,
                f"Registeret har {whole(total)} medlemskap (deltakere summert over radene); høyst "
                f"{whole(MAX_MEMBERSHIPS)} er tillatt. Del det opp, f.eks. per fylke.",
            )
        )
    if problems:
        raise DataError(in_file_order(problems, list(rows[0][1]) if rows else []))
    rows_frame = pd.DataFrame.from_records(records, columns=ROW_FIELDS)
    rows_frame["etablert"] = rows_frame["etablert"].astype("Int64")
    ordninger, egne = split_rows(rows_frame)
    medlemskap = memberships(ordninger)
    return Register(
        tjenester=tjenester,
        ordninger=ordninger,
        medlemskap=medlemskap,
        provenance=provenance,
        notes=tuple(notes or ()) + ((note,) if note else ()),
        egne=egne,
    )


def in_file_order(problems: list[Problem], columns: list[str]) -> list[Problem]:
    """``problems`` as a reader goes through a file: the whole file first, then row by row, within a
    row column by column (a problem of the whole row first)."""
    rank = {c: i for i, c in enumerate(columns)}
    return sorted(
        problems, key=lambda p: (p.row is not None, p.row or 0, p.column is not None, rank.get(p.column, len(rank)))
    )


def _check_own_service(records: list[dict], *, bad_at) -> None:
    """A row of the form "egen tjeneste" states that one kommune runs its services itself: it names
    exactly one kommune and no other host, and that kommune is in no arrangement for those services
    and stated once per service. ``bad_at(row, column, message)`` reports."""
    arrangements: dict[tuple[str, str], dict] = {}
    for r in records:
        if r["juridisk_form"] != OWN_SERVICE:
            for k in r["deltakere"]:
                for c in r["tjenester"]:
                    arrangements.setdefault((k, c), r)
    stated: dict[tuple[str, str], int] = {}
    for r in (r for r in records if r["juridisk_form"] == OWN_SERVICE):
        if len(r["deltakere"]) != 1:
            bad_at(
                r["rad"],
                "deltakere",
                f"En rad med juridisk form «{OWN_SERVICE}» sier at én kommune løser tjenesten selv, men har "
                f"{len(r['deltakere'])} deltakere; skriv én kommune, eller oppgi ordningens juridiske form.",
            )
            continue
        (k,) = r["deltakere"]
        for c in r["tjenester"]:
            other = arrangements.get((k, c))
            if other is not None:
                bad_at(
                    r["rad"],
                    "juridisk_form",
                    f"Raden sier «{OWN_SERVICE}» for {c}, men kommunen er med i ordningen «{other['navn']}» "
                    f"for {c} (rad {other['rad']}).",
                )
            elif (k, c) in stated:
                bad_at(r["rad"], "tjeneste", f"Egen tjeneste for {c} i samme kommune står også i rad {stated[(k, c)]}.")
            else:
                stated[(k, c)] = r["rad"]
