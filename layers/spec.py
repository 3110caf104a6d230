"""The layer spec: everything a renderer needs to draw one map, and nothing renderer-specific.

Both renderers (:mod:`layers.folium_map` and :mod:`layers.static_map`) draw any spec, so the
browser view and a static export of the same filters show the same areas, colours, legend
entries, labels, title and source line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

SOURCE_LINE = "Kilde: NIVI Analyse 2021 · Kart: © Kartverket"

#: Columns of ``LayerSpec.areas`` (GeoDataFrame in EPSG:25833), drawn in row order.
AREA_COLUMNS = [
    "kind",         # "ordning" | "kommune" | "egen" | "ukartlagt" | "klasse"
    "key",          # arrangement id or kommunenummer
    "navn",         # name shown in tooltip and legend
    "fill",         # fill colour, hex
    "edge",         # edge colour, hex
    "linewidth",    # in points (static) / pixels (folium)
    "opacity",      # fill opacity 0–1
    "hatch",        # bool: draw as hatching in the fill colour instead of a solid fill
    "label",        # text to write on the map ("" for none)
    "tooltip",      # plain text, lines separated by "\n" (renderers escape it)
]


@dataclass(frozen=True)
class LegendEntry:
    label: str
    fill: str | None = None
    edge: str = "#4d4d4d"
    hatch: bool = False
    marker: bool = False  # a point symbol (host) rather than a patch
    line: bool = False    # a line symbol (county border)


@dataclass(frozen=True)
class LayerSpec:
    """One map, ready to draw."""

    layer: str
    title: str
    subtitle: str
    areas: gpd.GeoDataFrame
    legend: tuple[LegendEntry, ...]
    bounds: tuple[float, float, float, float]  # view extent, EPSG:25833
    legend_title: str = ""
    points: gpd.GeoDataFrame | None = None  # hosts: geometry, navn, fill, tooltip
    lines: gpd.GeoDataFrame | None = None   # county borders: geometry, edge, linewidth
    labels: gpd.GeoDataFrame | None = None  # text on the map: point geometry, text, size
    table: pd.DataFrame | None = None       # a table that goes with the map
    ordninger: tuple[str, ...] = ()         # ids of the arrangements behind the map (what a data export holds)
    source: str = SOURCE_LINE
    notes: tuple[str, ...] = field(default_factory=tuple)


def empty_points(crs) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"navn": [], "fill": [], "tooltip": []}, geometry=[], crs=crs)
