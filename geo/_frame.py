"""GeoDataFrames made in one step from plain columns."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
from geopandas.array import from_shapely


def geo_frame(columns: Mapping[str, object], geometry, crs) -> gpd.GeoDataFrame:
    """A GeoDataFrame of ``columns`` (name → values) and ``geometry`` (shapely geometries, last) in ``crs``.

    The geometry goes in as a column already in its CRS: ``GeoDataFrame(columns, geometry=…, crs=…)``
    sets it after the frame is made, which reads the frame's CRS several times and costs twice as
    much (about a millisecond a frame, several frames a map).
    """
    shapes = from_shapely(np.asarray(geometry, dtype=object), crs=crs)
    return gpd.GeoDataFrame({**columns, "geometry": shapes}, geometry="geometry")
