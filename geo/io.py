"""Load every shipped data file once, validated: the edge where files become frames."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import settings
from geo._csv import read_rows
from geo.boundaries import read_kommuner
from geo.counties import read_fylker
from geo.crosswalk import Crosswalk, convert_register, read_crosswalk
from geo.divisions import DEFAULT_DIVISION, DIVISIONS, resolve_division
from geo.errors import DataError, Problem
from geo.names import NameBook, NameIndex, build_name_index
from geo.regions import read_studieomrade
from geo.register import Register, read_ordninger, read_tjenester


@dataclass(frozen=True)
class Reference:
    """Everything but the register, for one kommune division."""

    division: str
    kommuner: gpd.GeoDataFrame
    fylker: pd.DataFrame
    studieomrade: pd.DataFrame
    names: NameIndex
    naboer: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Dataset:
    """Everything the layers and the app need, already validated."""

    kommuner: gpd.GeoDataFrame
    fylker: pd.DataFrame
    studieomrade: pd.DataFrame
    names: NameIndex
    register: Register
    naboer: dict[str, frozenset[str]] = field(default_factory=dict)  # kommune → kommuner it borders
    division: str = DEFAULT_DIVISION  # the kommune division drawn (the register is converted to it)
    previous: Register | None = None  # an earlier version to compare with, in the same division
    #: Where the register is drawn as of a year: its arrangements not in force then (ended or not yet
    #: begun), which a coverage map draws on request in a style of their own; else ``None``.
    not_in_force: pd.DataFrame | None = None


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


@functools.lru_cache(maxsize=8)
def _reference(data_dir: Path, division: str) -> Reference:
    d = resolve_division(division)
    kommuner = read_kommuner(data_dir / d.kommuner.name)
    return Reference(
        division,
        kommuner,
        _fylker(data_dir, division),
        _study_area(data_dir, division),
        _names(data_dir, division),
        kommune_neighbours(kommuner),
    )


def _kommune_names(data_dir: Path, division: str) -> pd.DataFrame:
    """Number and name of every kommune of ``division``, from its county table (no polygons read;
    a test checks that the two agree)."""
    return _fylker(data_dir, division)[["kommunenummer", "navn"]]


def _kommuner(data_dir: Path, division: str) -> set[str]:
    return set(_kommune_names(data_dir, division)["kommunenummer"])


@functools.lru_cache(maxsize=4)
def _fylker(data_dir: Path, division: str) -> pd.DataFrame:
    return read_fylker(data_dir / resolve_division(division).fylker.name)


@functools.lru_cache(maxsize=4)
def _study_area(data_dir: Path, division: str) -> pd.DataFrame:
    """The shipped register's study area (written in 2020 numbers), in ``division``."""
    studieomrade = read_studieomrade(
        data_dir / settings.STUDIEOMRADE_PATH.name, kommunenummer=_kommuner(data_dir, "2020")
    )
    if division == "2020":
        return studieomrade
    names = dict(zip(*[_kommune_names(data_dir, division)[c] for c in ("kommunenummer", "navn")]))
    mapping = _crosswalk(data_dir).mapping("2020", division)
    rows = [
        {**row, "kommunenummer": k, "navn": names[k]}
        for row in studieomrade.to_dict("records")
        for k in mapping.get(row["kommunenummer"], ())
    ]
    return pd.DataFrame(rows, columns=studieomrade.columns)


@functools.lru_cache(maxsize=4)
def _names(data_dir: Path, division: str) -> NameIndex:
    """The name index of ``division``; the alias table names 2020 kommuner and is carried over."""
    aliases = read_aliases(data_dir / settings.ALIAS_PATH.name, kommunenummer=_kommuner(data_dir, "2020"))
    if division != "2020":
        host = _crosswalk(data_dir).host("2020", division)
        aliases = aliases.assign(kommunenummer=aliases["kommunenummer"].map(host))
    aliases = pd.concat([aliases, _official_forms_elsewhere(data_dir, division)], ignore_index=True)
    return build_name_index(
        _kommune_names(data_dir, division),
        _fylker(data_dir, division),
        aliases,
        division=division,
        display_era=resolve_division(division).display_era,
    )


def _official_forms_elsewhere(data_dir: Path, division: str) -> pd.DataFrame:
    """Official name forms a kommune has in the other division (its Sami or Kven form: "Snåase - Snåsa"
    in 2024 for Snåsa of 2020) as name variants in ``division``, where the kommune is the same: one
    predecessor and one successor, and a part of its name there is its whole name here."""
    here = dict(zip(*[_kommune_names(data_dir, division)[c] for c in ("kommunenummer", "navn")]))
    rows = []
    for other in (d for d in DIVISIONS if d != division):
        there = dict(zip(*[_kommune_names(data_dir, other)[c] for c in ("kommunenummer", "navn")]))
        forward = _crosswalk(data_dir).mapping(division, other)
        back = _crosswalk(data_dir).mapping(other, division)
        for knr, navn in here.items():
            successors = forward.get(knr, ())
            if len(successors) != 1 or back.get(successors[0]) != (knr,):
                continue  # split or merged: not the same kommune
            successor = successors[0]
            parts = [p.strip() for p in there[successor].split(" - ")]
            if len(parts) > 1 and navn in parts:
                for form in (there[successor], *parts):
                    if form != navn:
                        rows.append(
                            {
                                "alias": form,
                                "kommunenummer": knr,
                                "art": "variant",
                                "merknad": f"offisielt navn {other}",
                            }
                        )
    return pd.DataFrame(rows, columns=["alias", "kommunenummer", "art", "merknad"])


@functools.lru_cache(maxsize=4)
def _crosswalk(data_dir: Path) -> Crosswalk:
    return read_crosswalk(
        data_dir / settings.CROSSWALK_PATH.name, kommuner={d: _kommuner(data_dir, d) for d in DIVISIONS}
    )


def load_reference(data_dir: str | Path | None = None, *, division: str = DEFAULT_DIVISION) -> Reference:
    """Boundaries, counties, study area, names and neighbours of one kommune division (read once
    per process)."""
    return _reference(Path(data_dir) if data_dir else settings.DATA_DIR, resolve_division(division).key)


def load_names(data_dir: str | Path | None = None) -> NameBook:
    """The name indexes of every division (to read a register written in either)."""
    d = Path(data_dir) if data_dir else settings.DATA_DIR
    return NameBook({division: _names(d, division) for division in DIVISIONS})


def load_crosswalk(data_dir: str | Path | None = None) -> Crosswalk:
    return _crosswalk(Path(data_dir) if data_dir else settings.DATA_DIR)


def _study_area_of(register: Register, ref: Reference) -> pd.DataFrame:
    """For a register other than the shipped one: its members (and the kommuner it states run a service
    themselves), each in the kommuneregion named by its county (the division's own county era)."""
    members = sorted(set(register.medlemskap["kommunenummer"]) | {k for d in register.egne["deltakere"] for k in d})
    county = ref.fylker.set_index("kommunenummer")[f"fylkesnavn_{resolve_division(ref.division).display_era}"]
    return pd.DataFrame(
        {
            "kommunenummer": members,
            "navn": [ref.names.names[k] for k in members],
            "kommuneregion": [county[k] for k in members],
            "innbyggere_2021": 0,
            "kilde": "opplastet register",
        }
    )


def with_register(
    data: Dataset,
    register: Register,
    *,
    division: str | None = None,
    data_dir: str | Path | None = None,
    previous: Register | None = None,
) -> Dataset:
    """``register`` drawn on ``division`` (default: ``data``'s). Its members are carried through
    the crosswalk when it is written in another division. The study area becomes the kommuner the
    register maps (its members). ``previous`` is an earlier version to compare with."""
    division = resolve_division(division or data.division).key
    ref = load_reference(data_dir, division=division)
    drawn = convert_register(register, load_crosswalk(data_dir), target=division)
    earlier = convert_register(previous, load_crosswalk(data_dir), target=division) if previous else None
    return Dataset(
        kommuner=ref.kommuner,
        fylker=ref.fylker,
        studieomrade=_study_area_of(drawn, ref),
        names=ref.names,
        register=drawn,
        naboer=ref.naboer,
        division=division,
        previous=earlier,
    )


def load_dataset(data_dir: str | Path | None = None, *, division: str | None = None) -> Dataset:
    """The shipped register, validated, drawn on ``division`` (default: its own, 2020)."""
    d = Path(data_dir) if data_dir else settings.DATA_DIR
    tjenester = read_tjenester(d / settings.TJENESTER_PATH.name)
    register = read_ordninger(d / settings.ORDNINGER_PATH.name, names=load_names(d), tjenester=tjenester)
    own = register.provenance.division
    division = resolve_division(division or own).key
    ref = load_reference(d, division=division)
    drawn = convert_register(register, load_crosswalk(d), target=division)
    return Dataset(
        kommuner=ref.kommuner,
        fylker=ref.fylker,
        studieomrade=ref.studieomrade,
        names=ref.names,
        register=drawn,
        naboer=ref.naboer,
        division=division,
    )
