"""Kommune polygons prepared for drawing, at the one level of detail each medium and view needs.

The app, the command line, the atlas and the benchmark all ask :func:`detail_for` which
polygons to draw a map with, so the browser and a file of the same view never differ.
"""

from __future__ import annotations

import functools

import geopandas as gpd

from geo import settings
from geo.areas import thin_coverage
from geo.choices import resolve_choice
from geo.counties import DEFAULT_ERA
from geo.divisions import DEFAULT_DIVISION
from geo.io import Dataset, load_dataset
from geo.regions import NORWAY, resolve_region

#: ``coverage_simplify`` tolerance in metres per level of detail. Print keeps every vertex; at the
#: zoom of a region a screen pixel is about 300 m; for all of Norway about 2 km (19,000 vertices
#: instead of 77,000). Neighbours keep their shared edges whatever the tolerance.
DETAILS = {"trykk": 0.0, "region": 500.0, "norge": 2000.0}
#: Media a map is drawn for.
MEDIA = ("skjerm", "trykk")


#: A view of more kommuner than this is drawn with the national polygons, whatever it is called
#: (a nationwide register's study area is all of Norway).
NATIONAL_VIEW = 100


def detail_for(*, medium: str, omrade: str, data: Dataset | None = None, era: str = DEFAULT_ERA) -> str:
    """The level of detail (a key of :data:`DETAILS`) for a map of ``omrade`` on ``medium``;
    with ``data``, an area of more than :data:`NATIONAL_VIEW` kommuner counts as national."""
    resolve_choice(medium, {m: m for m in MEDIA}, what="medium")
    if medium == "trykk":
        return "trykk"
    if omrade == NORWAY:
        return "norge"
    if data is not None:
        region = resolve_region(data.studieomrade, data.fylker, omrade, era=era)
        if len(region.kommuner) > NATIONAL_VIEW:
            return "norge"
    return "region"


@functools.cache
def shipped(division: str = DEFAULT_DIVISION) -> Dataset:
    """The shipped register on ``division``, loaded once per process and shared read-only."""
    return load_dataset(division=division)


@functools.cache
def shipped_kommuner(division: str, detail: str) -> gpd.GeoDataFrame:
    """The kommune polygons of ``division`` at ``detail``, made once per process and shared read-only."""
    return prepare_kommuner(shipped(division), detail)


def prepare_kommuner(data: Dataset, detail: str) -> gpd.GeoDataFrame:
    """Kommune polygons in EPSG:25833 at ``detail``, thinned topology-safely."""
    tolerance = resolve_choice(detail, DETAILS, what="detaljnivå")
    return thin_coverage(data.kommuner, tolerance=tolerance, metric_crs=settings.CRS_METRIC)
