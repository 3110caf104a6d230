"""The cooperation register: ``tjenester.csv`` (services) and ``ordninger.csv`` (arrangements).

One reader and one validator per file. Downstream code receives frames that are valid:

- ``tjenester``: one row per service code (``kode``, ``navn``, ``sektor``, ``oppgave``).
- ``ordninger``: one row per arrangement; ``tjenester`` and ``deltakere`` are tuples (codes,
  kommunenummer), ``vertskommune`` a kommunenummer or ``""`` when the source does not say, ``deltakere_komplett`` a bool,
  ``etablert`` an integer year or ``<NA>``.
- ``medlemskap``: one row per (arrangement, member kommune) with ``er_vert``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo import settings
from geo._csv import read_rows
from geo._text import close_matches, normalise, or_list
from geo.errors import DataError, Problem
from geo.names import NameError_, NameIndex, resolve_kommune
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
JURIDISKE_FORMER = {
    normalise(k): k
    for k in (
        "IKS", "AS", "administrativ vertskommune", "vertskommune med felles folkevalgt nemnd",
        "§27-styre", "kommunalt oppgavefellesskap", "IKPR", "avtale", "stiftelse", "annet",
    )
}
JURIDISKE_FORMER.update({
    normalise("§20-2"): "administrativ vertskommune",
    normalise("§28b"): "administrativ vertskommune",
    normalise("§20-3"): "vertskommune med felles folkevalgt nemnd",
    normalise("§27"): "§27-styre",
    normalise("interkommunalt politisk råd"): "IKPR",
    normalise("kjøp/salg"): "avtale",
})

TJENESTER_COLUMNS = ["kode", "navn", "sektor", "oppgave"]
ORDNINGER_COLUMNS = [
    "id", "navn", "tjeneste", "deltakere", "deltakere_komplett", "vertskommune",
    "juridisk_form", "etablert", "kilde",
]
OPTIONAL_COLUMNS = ["etablert_periode", "alias", "merknad"]
MAX_NAME = 200
_CODE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_ID = re.compile(r"^\S+$")


@dataclass(frozen=True)
class Register:
    """A validated register: services, arrangements, memberships, and where it comes from."""

    tjenester: pd.DataFrame
    ordninger: pd.DataFrame
    medlemskap: pd.DataFrame
    provenance: Provenance


def split_list(cell: str) -> list[str]:
    """``"a; b;"`` → ``["a", "b"]``."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]


# --- tjenester.csv -------------------------------------------------------------------------

def read_tjenester(source: str | Path | bytes | None = None, *, file: str | None = None) -> pd.DataFrame:
    """Read and validate the service table."""
    source = source if source is not None else settings.TJENESTER_PATH
    file = file or (Path(source).name if isinstance(source, (str, Path)) else "tjenester.csv")
    _, rows = read_rows(source, file=file, required=TJENESTER_COLUMNS)
    return validate_tjenester(rows, file=file)


def validate_tjenester(rows, *, file: str = "tjenester.csv") -> pd.DataFrame:
    problems: list[Problem] = []
    first_row: dict[str, int] = {}
    sectors = {normalise(s): s for s in SEKTORER}
    for number, row in rows:
        code = row["kode"]
        if not _CODE.match(code):
            problems.append(Problem(file, f"Tjenestekoden '{code}' må bestå av små bokstaver a–z, sifre og _.", number, "kode"))
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
    if problems:
        raise DataError(problems)
    return pd.DataFrame([r for _, r in rows], columns=TJENESTER_COLUMNS).reset_index(drop=True)


# --- ordninger.csv -------------------------------------------------------------------------

def read_ordninger(
    source: str | Path | bytes | None = None,
    *,
    names: NameIndex,
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
        provenance = read_provenance(sidecar) if sidecar is not None and sidecar.exists() else for_upload(file)
    header, rows = read_rows(source, file=file, required=ORDNINGER_COLUMNS)
    return validate_ordninger(rows, names=names, tjenester=tjenester, file=file, provenance=provenance)


def validate_ordninger(
    rows, *, names: NameIndex, tjenester: pd.DataFrame, provenance: Provenance, file: str = "ordninger.csv"
) -> Register:
    """Check every cell of every row; raise one :class:`DataError` with all problems."""
    problems: list[Problem] = []
    codes = {normalise(c): c for c in tjenester["kode"]}
    first_row: dict[str, int] = {}
    this_year = _dt.date.today().year
    records = []

    def bad(number: int, column: str, message: str) -> None:
        problems.append(Problem(file, message, number, column))

    for number, row in rows:
        oid = row["id"]
        if not oid:
            bad(number, "id", "id mangler.")
        elif not _ID.match(oid):
            bad(number, "id", f"id '{oid}' kan ikke inneholde mellomrom.")
        elif oid in first_row:
            bad(number, "id", f"id '{oid}' står også i rad {first_row[oid]}; hver ordning må ha sin egen id.")
        else:
            first_row[oid] = number

        navn = row["navn"]
        if not navn:
            bad(number, "navn", "Navn mangler.")
        elif len(navn) > MAX_NAME:
            bad(number, "navn", f"Navnet er {len(navn)} tegn langt; høyst {MAX_NAME} er tillatt.")

        services = []
        for code in split_list(row["tjeneste"]):
            if normalise(code) in codes:
                services.append(codes[normalise(code)])
            else:
                hint = close_matches(code, codes, n=3, cutoff=0.6)
                tail = f" — mente du {or_list(hint)}?" if hint else " Se tjenester.csv for gyldige koder."
                bad(number, "tjeneste", f"Ukjent tjenestekode '{code}'{tail}")
        if not split_list(row["tjeneste"]):
            bad(number, "tjeneste", "Ingen tjenestekode; skriv minst én (flere skilles med ;).")

        members: list[str] = []
        for name in split_list(row["deltakere"]):
            try:
                knr = resolve_kommune(names, name)
            except NameError_ as exc:
                bad(number, "deltakere", str(exc))
                continue
            if knr in members:
                bad(number, "deltakere", f"{names.display[knr]} står flere ganger i deltakerlisten.")
            else:
                members.append(knr)
        if not split_list(row["deltakere"]):
            bad(number, "deltakere", "Ingen deltakere; skriv kommunenavn skilt med ;.")

        complete = normalise(row["deltakere_komplett"])
        if complete not in ("ja", "nei"):
            bad(number, "deltakere_komplett", f"Må være ja eller nei, ikke '{row['deltakere_komplett']}'.")

        host = ""
        if row["vertskommune"]:
            try:
                host = resolve_kommune(names, row["vertskommune"])
            except NameError_ as exc:
                bad(number, "vertskommune", str(exc))
            else:
                if members and host not in members:
                    bad(number, "vertskommune", f"Vertskommunen {names.display[host]} er ikke blant deltakerne.")

        form = row["juridisk_form"]
        if form and normalise(form) not in JURIDISKE_FORMER:
            hint = close_matches(form, {k: v for k, v in JURIDISKE_FORMER.items()}, n=1, cutoff=0.6)
            tail = f" — mente du {hint[0]}?" if hint else ""
            valid = or_list(sorted(set(JURIDISKE_FORMER.values())))
            bad(number, "juridisk_form", f"Ukjent juridisk form '{form}'{tail} Gyldige: {valid}.")

        year = pd.NA
        if row["etablert"]:
            text = row["etablert"]
            if re.fullmatch(r"\d{4}", text) and 1800 <= int(text) <= this_year + 1:
                year = int(text)
            else:
                bad(number, "etablert", f"'{text}' er ikke et årstall (f.eks. 2015); la feltet stå tomt hvis året er ukjent.")

        if not row["kilde"]:
            bad(number, "kilde", "Kilde mangler; oppgi hvor opplysningene kommer fra (f.eks. tabell 5.2 nr 11).")

        records.append({
            "id": oid,
            "navn": navn,
            "tjenester": tuple(services),
            "deltakere": tuple(members),
            "deltakere_komplett": complete == "ja",
            "vertskommune": host,
            "juridisk_form": JURIDISKE_FORMER.get(normalise(form), "") if form else "",
            "etablert": year,
            "etablert_periode": row.get("etablert_periode", ""),
            "kilde": row["kilde"],
            "alias": tuple(split_list(row.get("alias", ""))),
            "merknad": row.get("merknad", ""),
            "rad": number,
        })
    if problems:
        raise DataError(problems)
    ordninger = pd.DataFrame.from_records(records)
    ordninger["etablert"] = ordninger["etablert"].astype("Int64")
    medlemskap = pd.DataFrame(
        [
            {"ordning_id": r["id"], "kommunenummer": knr, "er_vert": knr == r["vertskommune"]}
            for r in records
            for knr in r["deltakere"]
        ],
        columns=["ordning_id", "kommunenummer", "er_vert"],
    )
    return Register(tjenester=tjenester, ordninger=ordninger, medlemskap=medlemskap, provenance=provenance)
