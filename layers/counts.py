"""Choropleths of a number per kommune: how many arrangements each kommune is in (Figur 2.2)."""

from __future__ import annotations

import warnings
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import areas as geo_areas
from geo.choices import resolve_choice
from geo.io import Dataset
from geo.regions import Region
from layers import palette
from layers._common import (
    MAX_KOMMUNE_LABELS,
    area_frame,
    context_rows,
    highlight_frame,
    kommune_row,
    label_points,
    lookup,
    mapped,
    region_of,
    view_bounds,
)
from layers.filters import SCHEMES, Filters, resolve_services, service_title
from layers.spec import KLASSE, UKARTLAGT, LayerSpec, LegendEntry


def classify(values: np.ndarray, scheme: str, k: int) -> tuple[np.ndarray, list[str]]:
    """Class index per value and a legend label per class (``"12–18"``)."""
    mapclassify_name = resolve_choice(scheme, {s: v[0] for s, v in SCHEMES.items()}, what="klassifisering")
    distinct = np.unique(values)
    k = max(1, min(k, len(distinct)))
    if k == 1:
        return np.zeros(len(values), dtype=int), [f"{int(distinct[0])}"]
    import mapclassify  # imported here: it brings scipy and scikit-learn (over 1 s), and only choropleths need it

    with warnings.catch_warnings():  # Fisher–Jenks without numba is fast enough for a few hundred kommuner
        warnings.filterwarnings("ignore", message="Numba not installed")
        classifier = mapclassify.classify(values, mapclassify_name, k=k)
    uppers = [int(np.floor(b)) for b in classifier.bins]
    labels, lower = [], int(values.min())
    for upper in uppers:
        labels.append(f"{lower}" if lower == upper else f"{lower}–{upper}")
        lower = upper + 1
    return np.asarray(classifier.yb, dtype=int), labels


def _class_rows(data: Dataset, kommuner, counts: pd.Series, filters: Filters) -> tuple[list, list]:
    """A row per counted kommune in the colour of its class, and a legend entry per class."""
    if not len(counts):
        return [], []
    geom, name = lookup(kommuner).by_number, data.names.display
    yb, labels = classify(counts.to_numpy(), filters.klassifisering, filters.klasser)
    colours = palette.sequential(len(labels))
    write = len(counts) <= MAX_KOMMUNE_LABELS
    rows = [
        kommune_row(
            data,
            k,
            geom[k],
            kind=KLASSE,
            fill=colours[c],
            opacity=1.0,
            edge="#6b6b6b",
            linewidth=0.5,
            label=f"{name[k]}\n{n}" if write else "",
            tooltip=f"{name[k]}\n{n} ordninger",
        )
        for (k, n), c in zip(counts.items(), yb)
    ]
    return rows, [LegendEntry(lab, fill=col) for lab, col in zip(labels, colours)]


def count_spec(
    data: Dataset,
    kommuner: gpd.GeoDataFrame,
    filters: Filters,
    region: Region,
    counts: pd.Series,
    *,
    layer: str,
    title: str,
    subtitle: str,
    legend_title: str,
    partners=(),
) -> LayerSpec:
    """A choropleth of ``counts`` (indexed by kommunenummer) over ``region``; kommuner in the view
    without a count are drawn as not mapped."""
    geom, name = lookup(kommuner).by_number, data.names.display
    rows, legend = _class_rows(data, kommuner, counts, filters)
    unmapped = sorted(k for k in region.kommuner if k not in counts.index)
    rows += [
        kommune_row(
            data, k, geom[k], kind=UKARTLAGT, fill=palette.NOT_MAPPED, opacity=1.0, tooltip=f"{name[k]}\nIkke kartlagt"
        )
        for k in unmapped
    ]
    if unmapped:
        legend.append(LegendEntry("Ikke kartlagt", fill=palette.NOT_MAPPED))
    bounds = view_bounds(kommuner, region.kommuner)
    crs = lookup(kommuner).crs
    return LayerSpec(
        layer=layer,
        title=title,
        subtitle=subtitle,
        legend=tuple(legend),
        legend_title=legend_title,
        areas=area_frame(context_rows(data, kommuner, bounds, region.kommuner) + rows, crs),
        bounds=bounds,
        source=data.register.provenance.source_line(),
        labels=label_points([r for r in rows if r["kind"] == KLASSE], bounds, crs),
        highlight=highlight_frame(data, kommuner, filters.kommune, partners),
        notes=data.register.provenance.map_notes(),
    )


def count_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Number of arrangements per kommune (Figur 2.2), for the kommuner the register maps."""
    codes = resolve_services(data, filters.tjenester)
    region = region_of(data, filters)
    chosen = geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor)
    counts = geo_areas.count_per_kommune(chosen, sorted(region.kommuner & mapped(data)))
    if not codes and not filters.sektor:
        what = "formelle samarbeidsordninger"
    else:
        what = f"ordninger for {service_title(data, codes, filters.sektor)}"
    spec = count_spec(
        data,
        kommuner,
        filters,
        region,
        counts,
        layer="antall",
        title=f"Antall {what} per kommune",
        subtitle=f"{region.label} · klasser: {SCHEMES[filters.klassifisering][1]}",
        legend_title="Antall ordninger",
    )
    return replace(spec, ordninger=tuple(geo_areas.touching_view(chosen, region.kommuner)["id"]))
