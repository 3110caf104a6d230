"""New arrangements: how many arrangements founded in a chosen period each kommune is in, and per
kommuneregion (the report's Tabell 2.1/2.2 and its text on where new arrangements were founded
after 2015), derived from the register's ``etablert`` and ``etablert_periode``."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import geopandas as gpd
import pandas as pd

from geo import areas as geo_areas
from geo.founded import founded_between, founding_unknown
from geo.io import Dataset
from layers._common import counted, region_of
from layers.counts import count_spec
from layers.filters import Filters, resolve_services, service_title
from layers.spec import LayerSpec, SpecTable

#: The period the layer opens on starts here (the kommunereform's start, the report's "etter 2015")
#: and ends in the register's own year.
DEFAULT_START = 2015


def default_period(data: Dataset) -> tuple[int, int]:
    """From :data:`DEFAULT_START` to the register's year (its date), or to this year."""
    import datetime as _dt

    date = data.register.provenance.date
    end = int(date[:4]) if date[:4].isdigit() else _dt.date.today().year
    return (min(DEFAULT_START, end), end)


def founding_range(data: Dataset) -> tuple[int, int]:
    """The years a period can be chosen from: the register's earliest year founded (a year or a
    period's start) to its latest (a year or a period's end), or its own year, if later."""
    from geo.founded import parse_period

    o = data.register.ordninger
    periods = [p for p in (parse_period(t) for t in o["etablert_periode"].fillna("")) if p]
    years = [int(y) for y in o["etablert"].dropna()]
    start, end = default_period(data)
    return (min([start, *years, *(p[0] for p in periods)]), max([end, *years, *(p[1] for p in periods)]))


def home_regions(new: pd.DataFrame, region_of_kommune: dict[str, str]) -> Counter:
    """Per kommuneregion, the new arrangements that have most of their mapped members there (an
    arrangement split evenly between regions counts in each)."""
    found: Counter = Counter()
    for members in new["deltakere"]:
        where = Counter(region_of_kommune[k] for k in members if k in region_of_kommune)
        if where:
            top = max(where.values())
            found.update(r for r, n in where.items() if n == top)
    return found


def region_table(data: Dataset, new: pd.DataFrame, kommuner: list[str], start: int, end: int) -> SpecTable:
    """Per kommuneregion of the view: its kommuner, the new arrangements with most members there, and
    the new memberships per kommune."""
    study = data.studieomrade.set_index("kommunenummer")["kommuneregion"]
    region_of_kommune = {k: study[k] for k in kommuner if k in study.index}
    homes = home_regions(new, region_of_kommune)
    members = Counter(k for d in new["deltakere"] for k in dict.fromkeys(d) if k in region_of_kommune)
    rows = []
    for region in sorted(set(region_of_kommune.values())):
        in_region = [k for k, r in region_of_kommune.items() if r == region]
        per = sum(members[k] for k in in_region) / len(in_region)
        rows.append(
            {
                "key": region,
                "region": region,
                "kommuner": len(in_region),
                "hjem": homes[region],
                "per_kommune": round(per, 1),
            }
        )
    frame = pd.DataFrame(rows, columns=["key", "region", "kommuner", "hjem", "per_kommune"])
    return SpecTable(
        f"Nye ordninger {start}–{end} per kommuneregion",
        frame,
        {
            "region": "Kommuneregion",
            "kommuner": "Kommuner",
            "hjem": "Nye ordninger med flest medlemmer i regionen",
            "per_kommune": "Nye medlemskap per kommune",
        },
    )


def new_since_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Number of arrangements founded in ``filters.periode`` (default :func:`default_period`) per kommune."""
    start, end = filters.periode or default_period(data)
    codes = resolve_services(data, filters.tjenester)
    region = region_of(data, filters)
    chosen = geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor)
    new = chosen[founded_between(chosen, start, end).to_numpy()]
    view = counted(data, region)
    counts = geo_areas.count_per_kommune(new, view)
    unknown = int(founding_unknown(chosen).sum())
    what = "" if not codes and not filters.sektor else f" for {service_title(data, codes, filters.sektor)}"
    notes = (
        f"{len(new)} ordninger{what} er etablert {start}–{end} etter registeret (år, eller en periode som ligger "
        f"helt innenfor); {unknown} har verken år eller periode og er ikke med.",
        "Tabellen regner en ordning til kommuneregionen der flest av medlemmene er (ved likt antall: hver av dem), "
        "og viser nye medlemskap per kommune.",
    )
    spec = count_spec(
        data,
        kommuner,
        filters,
        region,
        counts,
        title=f"Nye ordninger{what} etablert {start}–{end} pr kommune",
        subtitle=region.label,
        legend_title="Nye ordninger",
        header="Nye ordninger",
        notes=notes,
    )
    table = region_table(data, new, view, start, end)
    return replace(spec, ordninger=tuple(geo_areas.touching_view(new, region.kommuner)["id"]), table=table)
