"""The study area (Tabell 1.1): its kommuner, their kommuneregion and population."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo import settings
from geo._csv import read_rows
from geo.errors import DataError, Problem

COLUMNS = ["kommunenummer", "navn", "kommuneregion", "innbyggere_2021", "kilde"]


def read_studieomrade(path: str | Path | None = None, *, kommunenummer: set[str] | None = None) -> pd.DataFrame:
    """Read and validate ``studieomrade.csv``; ``kommunenummer`` is the set of known kommuner."""
    path = Path(path or settings.STUDIEOMRADE_PATH)
    _, rows = read_rows(path, file=path.name, required=COLUMNS)
    problems = []
    for number, row in rows:
        if kommunenummer is not None and row["kommunenummer"] not in kommunenummer:
            problems.append(Problem(path.name, f"Ukjent kommunenummer '{row['kommunenummer']}'.", number, "kommunenummer"))
        if not row["innbyggere_2021"].isdigit():
            problems.append(Problem(path.name, f"'{row['innbyggere_2021']}' er ikke et heltall.", number, "innbyggere_2021"))
        if not row["kommuneregion"]:
            problems.append(Problem(path.name, "Kommuneregion mangler.", number, "kommuneregion"))
    if problems:
        raise DataError(problems)
    frame = pd.DataFrame([r for _, r in rows], columns=COLUMNS)
    frame["innbyggere_2021"] = frame["innbyggere_2021"].astype(int)
    return frame
