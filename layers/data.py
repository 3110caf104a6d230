"""The dataset with kommune polygons prepared for drawing: full detail for print, thinned for screens."""

from __future__ import annotations

import geopandas as gpd

from geo import settings
from geo.areas import thin_coverage
from geo.io import Dataset, load_dataset

#: ``coverage_simplify`` tolerance for the browser, in metres: at the study area's zoom a screen
#: pixel is about 300 m, and neighbours keep their shared edges whatever the tolerance.
SCREEN_TOLERANCE_M = 500.0
#: For a view of all Norway a pixel is about 2 km: thin to that (19,000 vertices instead of 77,000).
NATIONAL_TOLERANCE_M = 2000.0


def prepare_kommuner(data: Dataset, *, for_screen: bool, national: bool = False) -> gpd.GeoDataFrame:
    """Kommune polygons in EPSG:25833: full detail for print; thinned topology-safely for screens
    (more for a view of all Norway)."""
    tolerance = (NATIONAL_TOLERANCE_M if national else SCREEN_TOLERANCE_M) if for_screen else 0.0
    return thin_coverage(data.kommuner, tolerance=tolerance, metric_crs=settings.CRS_METRIC)


def load_for_print(data_dir=None) -> tuple[Dataset, gpd.GeoDataFrame]:
    data = load_dataset(data_dir)
    return data, prepare_kommuner(data, for_screen=False)


def load_for_screen(data_dir=None) -> tuple[Dataset, gpd.GeoDataFrame]:
    data = load_dataset(data_dir)
    return data, prepare_kommuner(data, for_screen=True)
