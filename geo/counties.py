"""County (fylke) of every kommune in three eras, and the era registry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo import settings
from geo._csv import read_rows
from geo.choices import resolve_choice
from geo.errors import DataError, Problem


@dataclass(frozen=True)
class Era:
    key: str
    label: str
    rule: str


#: The county divisions a user can choose (``--fylkesinndeling``), keyed by year.
ERAS: dict[str, Era] = {
    "2019": Era(
        "2019",
        "Fylker før 2020",
        "Fylkesinndeling før regionreformen (til og med 2019): Buskerud, Vestfold, Telemark, "
        "Oppland, Hedmark, Akershus, Østfold osv. Jevnaker og Lunner regnes til Oppland. "
        "Drammen og Asker er plassert etter sin største del.",
    ),
    "2020": Era(
        "2020",
        "Fylker 2020–2023",
        "Fylkesinndeling 2020–2023: Viken, Vestfold og Telemark, Innlandet osv. "
        "(de to første sifrene i kommunenummeret fra 2020).",
    ),
    "2024": Era(
        "2024",
        "Fylker fra 2024",
        "Fylkesinndeling fra 2024: Viken er delt i Østfold, Akershus og Buskerud; Vestfold og "
        "Telemark i Vestfold og Telemark; Troms og Finnmark i Troms og Finnmark.",
    ),
}
DEFAULT_ERA = "2020"

COLUMNS = ["kommunenummer", "navn"] + [f"{p}_{e}" for e in ERAS for p in ("fylke", "fylkesnavn")]


def resolve_era(key: str | int) -> Era:
    """The :class:`Era` for ``key`` (``"2019"``, ``"2020"`` or ``"2024"``)."""
    return resolve_choice(str(key), ERAS, what="fylkesinndeling")


def read_fylker(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate ``fylker.csv``."""
    path = Path(path or settings.FYLKER_PATH)
    _, rows = read_rows(path, file=path.name, required=COLUMNS)
    problems = []
    for number, row in rows:
        for era in ERAS:
            code = row[f"fylke_{era}"]
            if not (len(code) == 2 and code.isdigit()):
                problems.append(Problem(path.name, f"Fylkesnummer '{code}' er ikke to sifre.", number, f"fylke_{era}"))
    if problems:
        raise DataError(problems)
    return pd.DataFrame([r for _, r in rows])


def county_of(fylker: pd.DataFrame, era: str | int) -> pd.DataFrame:
    """Frame indexed by kommunenummer with ``fylke`` (code) and ``fylkesnavn`` for ``era``."""
    key = resolve_era(era).key
    return fylker.set_index("kommunenummer")[[f"fylke_{key}", f"fylkesnavn_{key}"]].rename(
        columns={f"fylke_{key}": "fylke", f"fylkesnavn_{key}": "fylkesnavn"}
    )
