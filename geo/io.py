"""Load every shipped data file once, validated: the edge where files become frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import settings
from geo._csv import read_rows
from geo.boundaries import read_kommuner
from geo.counties import read_fylker
from geo.errors import DataError, Problem
from geo.names import NameIndex, build_name_index
from geo.regions import read_studieomrade
from geo.register import Register, read_ordninger, read_tjenester


@dataclass(frozen=True)
class Dataset:
    """Everything the layers and the app need, already validated."""

    kommuner: gpd.GeoDataFrame
    fylker: pd.DataFrame
    studieomrade: pd.DataFrame
    names: NameIndex
    register: Register
    naboer: dict[str, frozenset[str]] = field(default_factory=dict)  # kommune → kommuner it borders


def kommune_neighbours(kommuner: gpd.GeoDataFrame) -> dict[str, frozenset[str]]:
    """Which kommuner border each other (share an edge or a point) in the clean coverage."""
    from geo.areas import neighbour_pairs

    knr = kommuner["kommunenummer"].tolist()
    out: dict[str, set[str]] = {k: set() for k in knr}
    for a, b in neighbour_pairs(kommuner.geometry):
        out[knr[a]].add(knr[b])
        out[knr[b]].add(knr[a])
    return {k: frozenset(v) for k, v in out.items()}


def read_aliases(path: str | Path | None = None, *, kommunenummer: set[str]) -> pd.DataFrame:
    """Read and validate ``kommunenavn_alias.csv``."""
    path = Path(path or settings.ALIAS_PATH)
    _, rows = read_rows(path, file=path.name, required=["alias", "kommunenummer", "art", "merknad"])
    problems = []
    for number, row in rows:
        if row["kommunenummer"] not in kommunenummer:
            problems.append(
                Problem(path.name, f"Ukjent kommunenummer '{row['kommunenummer']}'.", number, "kommunenummer")
            )
        if row["art"] not in ("variant", "skrivefeil", "tidligere"):
            problems.append(
                Problem(
                    path.name, f"Art må være variant, skrivefeil eller tidligere, ikke '{row['art']}'.", number, "art"
                )
            )
    if problems:
        raise DataError(problems)
    return pd.DataFrame([r for _, r in rows])


def load_reference(
    data_dir: str | Path | None = None,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame, pd.DataFrame, NameIndex]:
    """Boundaries, counties, study area and the name index (everything but the register)."""
    d = Path(data_dir) if data_dir else settings.DATA_DIR
    kommuner = read_kommuner(d / settings.KOMMUNER_PATH.name)
    known = set(kommuner["kommunenummer"])
    fylker = read_fylker(d / settings.FYLKER_PATH.name)
    aliases = read_aliases(d / settings.ALIAS_PATH.name, kommunenummer=known)
    studieomrade = read_studieomrade(d / settings.STUDIEOMRADE_PATH.name, kommunenummer=known)
    names = build_name_index(kommuner, fylker, aliases)
    return kommuner, fylker, studieomrade, names


def with_register(data: Dataset, register: Register) -> Dataset:
    """``data`` with another register. The study area becomes the kommuner that register
    maps (its members), each in the kommuneregion named by its county (2020–2023)."""
    members = sorted(set(register.medlemskap["kommunenummer"]))
    county = data.fylker.set_index("kommunenummer")["fylkesnavn_2020"]
    studieomrade = pd.DataFrame(
        {
            "kommunenummer": members,
            "navn": [data.names.names[k] for k in members],
            "kommuneregion": [county[k] for k in members],
            "innbyggere_2021": 0,
            "kilde": "opplastet register",
        }
    )
    return Dataset(
        kommuner=data.kommuner,
        fylker=data.fylker,
        studieomrade=studieomrade,
        names=data.names,
        register=register,
        naboer=data.naboer,
    )


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Read and validate all shipped files (boundaries, counties, study area, register)."""
    d = Path(data_dir) if data_dir else settings.DATA_DIR
    kommuner, fylker, studieomrade, names = load_reference(d)
    tjenester = read_tjenester(d / settings.TJENESTER_PATH.name)
    register = read_ordninger(d / settings.ORDNINGER_PATH.name, names=names, tjenester=tjenester)
    return Dataset(
        kommuner=kommuner,
        fylker=fylker,
        studieomrade=studieomrade,
        names=names,
        register=register,
        naboer=kommune_neighbours(kommuner),
    )
