"""Arrangements that cross a county border in the chosen county era."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import shapely

from geo import areas as geo_areas
from geo.counties import county_of, resolve_era
from geo.io import Dataset
from layers import palette
from layers._common import counted, lookup, region_of
from layers.counts import count_spec
from layers.filters import Filters, resolve_services
from layers.spec import LayerSpec, LegendEntry, SpecTable

BORDER_WIDTH = 2.2


def _internal_borders(counties: gpd.GeoDataFrame) -> tuple:
    """The borders between counties, each once."""
    lines = []
    for a, b in geo_areas.neighbour_pairs(counties.geometry):
        shared = shapely.intersection(counties.geometry.values[a].boundary, counties.geometry.values[b].boundary)
        if not shapely.is_empty(shared):
            lines.append(shared)
    return tuple(lines)


def crossing_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Arrangements whose members lie in more than one county in the chosen era: per kommune,
    how many of its arrangements cross; county borders of that era drawn over; a table by county set."""
    era = resolve_era(filters.fylkesinndeling)
    codes = resolve_services(data, filters.tjenester)
    region = region_of(data, filters)
    county = county_of(data.fylker, era.key)
    chosen = geo_areas.touching_view(
        geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor), region.kommuner
    )
    crossing = geo_areas.crossings(chosen, county)
    crossing_rows = chosen[chosen["id"].isin(crossing["id"])]
    counts = geo_areas.count_per_kommune(crossing_rows, counted(data, region))
    which: dict[str, list[str]] = {}
    for navn, members in zip(crossing_rows["navn"], crossing_rows["deltakere"]):
        for k in members:
            which.setdefault(k, []).append(navn)
    extra = {k: (("Ordninger som krysser", "; ".join(sorted(names))),) for k, names in which.items()}
    spec = count_spec(
        data,
        kommuner,
        filters,
        region,
        counts,
        title="Samarbeid over fylkesgrenser",
        subtitle=f"{era.label}: {len(crossing)} av {len(chosen)} ordninger krysser en fylkesgrense · {region.label}",
        legend_title="Ordninger som krysser",
        header="Antall ordninger som krysser en fylkesgrense",
        extra=extra,
    )
    # the era's borders follow from the kommune frame and the county of each kommune alone
    key = ("fylkesgrenser", tuple(county.index), tuple(county["fylke"]))
    borders = lookup(kommuner).memo(key, lambda: _internal_borders(geo_areas.dissolve_counties(kommuner, county)))
    lines = gpd.GeoDataFrame(
        {
            "edge": [palette.BORDER] * len(borders),
            "linewidth": [BORDER_WIDTH] * len(borders),
            "casing": [palette.casing_for(palette.BORDER)] * len(borders),
        },
        geometry=list(borders),
        crs=lookup(kommuner).crs,
    )
    border = LegendEntry(f"Fylkesgrense ({era.label.lower()})", edge=palette.BORDER, line=True, width=BORDER_WIDTH)
    keys = tuple(e for e in spec.legend if e.number)  # the numbered keys stay last
    legend = tuple(e for e in spec.legend if not e.number) + (border,) + keys
    table = SpecTable(
        title="Ordninger som krysser fylkesgrenser, etter fylker de knytter sammen",
        frame=geo_areas.crossing_summary(crossing),
        columns={"fylkespar": "Fylker", "antall": "Antall", "ordninger": "Ordninger"},
    )
    return replace(
        spec,
        lines=lines,
        legend=legend,
        table=table,
        notes=(
            f"Regel: {era.rule}",
            *(() if codes or filters.sektor else data.register.provenance.deviation_notes("fylkesgrense", era.key)),
            *spec.notes,
        ),
        ordninger=tuple(crossing["id"]),
    )
