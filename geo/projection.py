"""Coordinates from the metric CRS to degrees, cheap in every thread.

pyproj makes a transformation once per thread that uses it (about 5 ms from ``EPSG:25833`` to
``EPSG:4326``: it searches its database), and Streamlit runs every rerun in a new thread. The same
transformation written as its PROJ pipeline is made in a fifth of a millisecond and gives the same
coordinates, so the live map's conversions go through :data:`TO_WGS84`.
"""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

from geo import settings
from geo._memo import by_identity

#: :data:`~geo.settings.CRS_METRIC` → :data:`~geo.settings.CRS_WGS84` (longitude, latitude), as
#: ``GeoSeries.to_crs`` converts it, written as the pipeline pyproj chose for it.
TO_WGS84 = pyproj.Transformer.from_pipeline(
    pyproj.Transformer.from_crs(settings.CRS_METRIC, settings.CRS_WGS84, always_xy=True).definition
)
METRIC = pyproj.CRS.from_user_input(settings.CRS_METRIC)


@by_identity()  # a CRS's own hash writes it out as WKT
def is_metric(crs) -> bool:
    """Whether ``crs`` (a pyproj CRS or what it reads) is :data:`~geo.settings.CRS_METRIC`."""
    return crs is not None and pyproj.CRS.from_user_input(crs).equals(METRIC)


def xy_to_wgs84(xy: np.ndarray) -> np.ndarray:
    """An ``(n, 2)`` array of metric coordinates as longitude and latitude."""
    x, y = TO_WGS84.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def to_wgs84(geoms) -> np.ndarray:
    """``geoms`` (in :data:`~geo.settings.CRS_METRIC`) in :data:`~geo.settings.CRS_WGS84`."""
    return shapely.transform(np.asarray(geoms, dtype=object), xy_to_wgs84)
