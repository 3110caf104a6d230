"""A GeoDataFrame made in one step is the one GeoPandas makes in two."""

import geopandas as gpd
import numpy as np
import shapely

from geo._frame import geo_frame


def test_a_frame_made_in_one_step_equals_geopandas_own():
    columns = {"navn": ["Ål", "Hol", "Gol"], "fill": ["#112233", "#445566", ""], "antall": [1, 2, 3]}
    points = [shapely.Point(1, 2), shapely.Point(3, 4), None]
    made = geo_frame(columns, points, 25833)
    assert made.equals(gpd.GeoDataFrame(columns, geometry=np.asarray(points, dtype=object), crs=25833))
    assert list(made.columns) == ["navn", "fill", "antall", "geometry"]
    assert made.crs.to_epsg() == 25833 and made.geometry.name == "geometry"
    assert made.geometry.crs == made.crs


def test_an_empty_frame_keeps_its_columns_and_crs():
    made = geo_frame({"navn": [], "fill": []}, [], 4326)
    assert made.empty and list(made.columns) == ["navn", "fill", "geometry"] and made.crs.to_epsg() == 4326
