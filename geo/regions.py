"""The study area (Tabell 1.1): its kommuner, their kommuneregion and population."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from geo import settings
from geo._csv import read_rows
from geo._memo import by_identity
from geo._text import normalise
from geo.choices import resolve_choice
from geo.errors import DataError, Problem

COLUMNS = ["kommunenummer", "navn", "kommuneregion", "innbyggere_2021", "kilde"]


def read_studieomrade(path: str | Path | None = None, *, kommunenummer: set[str] | None = None) -> pd.DataFrame:
    """Read and validate ``studieomrade.csv``; ``kommunenummer`` is the set of known kommuner."""
    path = Path(path or settings.STUDIEOMRADE_PATH)
    _, rows = read_rows(path, file=path.name, required=COLUMNS)
    problems = []
    for number, row in rows:
        if kommunenummer is not None and row["kommunenummer"] not in kommunenummer:
            problems.append(
                Problem(path.name, f"Ukjent kommunenummer '{row['kommunenummer']}'.", number, "kommunenummer")
            )
        if not row["innbyggere_2021"].isdigit():
            problems.append(
                Problem(path.name, f"'{row['innbyggere_2021']}' er ikke et heltall.", number, "innbyggere_2021")
            )
        if not row["kommuneregion"]:
            problems.append(Problem(path.name, "Kommuneregion mangler.", number, "kommuneregion"))
    if problems:
        raise DataError(problems)
    frame = pd.DataFrame([r for _, r in rows], columns=COLUMNS)
    frame["innbyggere_2021"] = frame["innbyggere_2021"].astype(int)
    return frame


# --- region registry ---------------------------------------------------------------------

STUDY_AREA = "Studieområdet"
NORWAY = "Hele Norge"


@dataclass(frozen=True)
class Region:
    """A named set of kommuner to view: the study area, a kommuneregion, a county, or Norway."""

    key: str
    label: str
    kind: str  # "studieomrade" | "kommuneregion" | "fylke" | "norge"
    kommuner: frozenset[str]


@by_identity()
def region_options(studieomrade: pd.DataFrame, fylker: pd.DataFrame, era: str) -> MappingProxyType[str, Region]:
    """Every region a user can choose for ``era``, keyed by normalised label, in display order
    (read-only: made once per pair of tables and era, and asked for several times in every page run)."""
    options: dict[str, Region] = {}

    def add(label: str, kind: str, members) -> None:
        options[normalise(label)] = Region(normalise(label), label, kind, frozenset(members))

    def grouped(keys, values) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key, value in zip(keys, values):
            out.setdefault(key, []).append(value)
        return dict(sorted(out.items()))

    add(STUDY_AREA, "studieomrade", studieomrade["kommunenummer"].tolist())
    for name, members in grouped(
        studieomrade["kommuneregion"].tolist(), studieomrade["kommunenummer"].tolist()
    ).items():
        add(name, "kommuneregion", members)
    for name, members in grouped(fylker[f"fylkesnavn_{era}"].tolist(), fylker["kommunenummer"].tolist()).items():
        if normalise(name) not in options:  # a county named like a kommuneregion keeps the region
            add(name, "fylke", members)
    add(NORWAY, "norge", fylker["kommunenummer"].tolist())
    return MappingProxyType(options)


def resolve_region(studieomrade: pd.DataFrame, fylker: pd.DataFrame, name: str, *, era: str) -> Region:
    """The :class:`Region` called ``name`` (case and hyphens do not matter).

    Raises :class:`~geo.choices.UnknownChoice` naming the valid regions, with the closest first.
    """
    options, aliases = _choices(studieomrade, fylker, era)
    return resolve_choice(name, options, what="område", context=f"for fylkesinndeling {era}", aliases=aliases)


@by_identity()
def _choices(studieomrade: pd.DataFrame, fylker: pd.DataFrame, era: str) -> tuple[MappingProxyType, MappingProxyType]:
    """The regions by label and the other names they may be asked for by (made once per tables and era)."""
    regions = region_options(studieomrade, fylker, era)
    options = {r.label: r for r in regions.values()}
    aliases = {"studieomradet": STUDY_AREA, "studieomrade": STUDY_AREA, "norge": NORWAY, **part_aliases(regions)}
    return MappingProxyType(options), MappingProxyType(aliases)


def part_aliases(regions) -> dict[str, str]:
    """Each form of a county's official name ("Nordland", "Nordlánnda") → its label
    ("Nordland - Nordlánnda"), where no other region has that form."""
    forms: dict[str, list[str]] = {}
    for r in regions.values():
        for part in r.label.split(" - ")[1:] + r.label.split(" - ")[:1]:
            forms.setdefault(normalise(part), []).append(r.label)
    return {k: v[0] for k, v in forms.items() if len(v) == 1 and k not in regions}
