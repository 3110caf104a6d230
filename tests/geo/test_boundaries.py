import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon, box

from geo import settings
from geo.boundaries import read_kommuner, validate_kommuner
from geo.errors import DataError


def test_shipped_boundaries_are_the_2020_division(dataset):
    k = dataset.kommuner
    assert len(k) == 356  # the 2020 division (DESIGN.md, issue)
    assert k.crs.to_epsg() == 4326
    assert k["kommunenummer"].is_unique
    assert k["kommunenummer"].str.fullmatch(r"\d{4}").all()
    assert k.set_index("kommunenummer").loc["0301", "navn"] == "Oslo"
    assert {"3005", "3802", "3446"} <= set(k["kommunenummer"])


def test_shipped_boundaries_are_valid_and_a_clean_coverage(dataset):
    geoms = dataset.kommuner.geometry.values
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert shapely.coverage_is_valid(geoms)


def test_neighbours_share_edges_so_a_dissolve_leaves_no_slivers(dataset):
    hallingdal = dataset.kommuner[dataset.kommuner["navn"].isin(["Flå", "Nesbyen", "Gol", "Hemsedal", "Ål", "Hol"])]
    merged = shapely.coverage_union_all(hallingdal.to_crs(settings.CRS_METRIC).geometry.values)
    # One region without interior holes between members: exactly one polygon part.
    parts = shapely.get_parts(merged)
    assert len(parts) == 1
    assert shapely.get_num_interior_rings(parts[0]) == 0


def test_file_is_small_enough_to_load_fast():
    assert settings.KOMMUNER_PATH.stat().st_size < 3_000_000


def _frame(rows, crs="EPSG:4326"):
    return gpd.GeoDataFrame(rows, columns=["kommunenummer", "navn", "geometry"], crs=crs)


def test_validator_reports_every_problem_at_once():
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    frame = _frame([("301", "Oslo", box(0, 0, 1, 1)), ("3005", "Drammen", bowtie), ("3005", "", box(2, 2, 3, 3))])
    with pytest.raises(DataError) as info:
        validate_kommuner(frame, file="kommuner.geojson")
    text = str(info.value)
    assert "'301' er ikke fire sifre" in text
    assert "geometrien til 3005 Drammen er ugyldig" in text
    assert "mangler navn" in text
    assert "kommunenummer 3005 står flere ganger" in text
    assert len(info.value.problems) == 4


def test_validator_wants_wgs84_and_the_columns():
    with pytest.raises(DataError, match="EPSG:4326"):
        validate_kommuner(_frame([("0301", "Oslo", box(0, 0, 1, 1))], crs="EPSG:25833"))
    frame = gpd.GeoDataFrame({"navn": ["Oslo"]}, geometry=[box(0, 0, 1, 1)], crs=4326)
    with pytest.raises(DataError, match="Mangler egenskapen 'kommunenummer'"):
        validate_kommuner(frame)


def test_reader_reads_a_written_file(tmp_path):
    frame = _frame([("0301", "Oslo", box(10, 59, 11, 60))])
    path = tmp_path / "k.geojson"
    frame.to_file(path, driver="GeoJSON")
    assert read_kommuner(path)["kommunenummer"].tolist() == ["0301"]
