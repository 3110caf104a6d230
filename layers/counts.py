"""Choropleths of a number per kommune: how many arrangements each kommune is in (Figur 2.2)."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import areas as geo_areas
from geo.choices import resolve_choice
from geo.io import Dataset
from geo.regions import Region
from layers import _classify, palette
from layers._common import Shade, choropleth_spec, counted, region_of
from layers.filters import SCHEMES, Filters, resolve_services, service_title
from layers.spec import LayerSpec, LegendEntry


def classify(values: np.ndarray, scheme: str, k: int) -> tuple[np.ndarray, list[str]]:
    """Class index per value and a legend label per class (``"12–18"``)."""
    breaks = resolve_choice(scheme, _classify.BREAKS, what="klassifisering")
    distinct = np.unique(values)
    k = max(1, min(k, len(distinct)))
    if k == 1:
        return np.zeros(len(values), dtype=int), [f"{int(distinct[0])}"]
    bins = breaks(values, k)
    uppers = [int(np.floor(b)) for b in bins]
    labels, lower = [], int(values.min())
    for upper in uppers:
        labels.append(f"{lower}" if lower == upper else f"{lower}–{upper}")
        lower = upper + 1
    return _classify.class_of(values, bins), labels


def class_shades(
    data: Dataset,
    counts: pd.Series,
    filters: Filters,
    *,
    unit: str = "ordninger",
    header: str = "Antall ordninger",
    extra: dict | None = None,
):
    """A shade per counted kommune in the colour of its class, and a legend entry per class. Each
    shade's values (the data export) are its count under ``header`` and ``extra[kommune]`` (pairs)."""
    if not len(counts):
        return {}, []
    name, extra = data.names.display, extra or {}
    yb, labels = classify(counts.to_numpy(), filters.klassifisering, filters.klasser)
    colours = palette.sequential(len(labels))
    shades = {
        k: Shade(colours[c], f"{name[k]}\n{n}", f"{name[k]}\n{n} {unit}", ((header, int(n)), *extra.get(k, ())))
        for (k, n), c in zip(counts.items(), yb)
    }
    return shades, [LegendEntry(lab, fill=col) for lab, col in zip(labels, colours)]


def count_spec(
    data: Dataset,
    kommuner: gpd.GeoDataFrame,
    filters: Filters,
    region: Region,
    counts: pd.Series,
    *,
    title: str,
    subtitle: str,
    legend_title: str,
    partners=(),
    header: str = "Antall ordninger",
    extra: dict | None = None,
    **fields,
) -> LayerSpec:
    """A choropleth of ``counts`` (indexed by kommunenummer) over ``region``, in classes; the data export
    holds each count under ``header`` and the pairs of ``extra[kommune]``."""
    shades, legend = class_shades(data, counts, filters, header=header, extra=extra)
    return choropleth_spec(
        data,
        kommuner,
        filters,
        region,
        shades,
        legend,
        title=title,
        subtitle=subtitle,
        legend_title=legend_title,
        partners=partners,
        **fields,
    )


def count_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Number of arrangements per kommune (Figur 2.2), for the kommuner the register maps."""
    codes = resolve_services(data, filters.tjenester)
    region = region_of(data, filters)
    chosen = geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor)
    counts = geo_areas.count_per_kommune(chosen, counted(data, region))
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
        title=f"Antall {what} pr kommune",  # the report's Figur 2.2 wording
        subtitle=f"{region.label} · klasser: {SCHEMES[filters.klassifisering]}",
        legend_title="Antall ordninger",
        notes=(*(() if codes or filters.sektor else data.register.provenance.deviation_notes("antall")),),
    )
    return replace(spec, ordninger=tuple(geo_areas.touching_view(chosen, region.kommuner)["id"]))
