"""The live map's conversion to degrees: the same coordinates as geopandas gives, in any thread."""

import threading

import pyproj
import pytest
import shapely

from geo import projection, settings
from layers.data import prepare_kommuner


def test_kommuner_convert_to_exactly_what_to_crs_gives(dataset):
    kommuner = prepare_kommuner(dataset, "region")
    ours = projection.to_wgs84(kommuner.geometry.values)
    theirs = kommuner.geometry.to_crs(settings.CRS_WGS84).values
    assert len(ours) == len(kommuner) > 300
    assert all(a.equals_exact(b, tolerance=0) for a, b in zip(ours, theirs))


def test_a_new_thread_converts_alike():
    box = [shapely.box(200_000, 6_600_000, 260_000, 6_700_000)]
    here = projection.to_wgs84(box)[0]
    there = []
    thread = threading.Thread(target=lambda: there.append(projection.to_wgs84(box)[0]))
    thread.start()
    thread.join()
    assert there[0].equals_exact(here, tolerance=0)
    west, south, _, _ = here.bounds
    assert 59 < south < 60 and 9 < west < 11  # Buskerud, not metres


@pytest.mark.parametrize(
    ("crs", "metric"),
    [(settings.CRS_METRIC, True), (pyproj.CRS.from_epsg(25833), True), (settings.CRS_WGS84, False), (None, False)],
)
def test_is_metric(crs, metric):
    assert projection.is_metric(crs) is metric
