"""The browser's payload: geometries by key, so a change of view sends what changed and not the shapes."""

import json

import pytest

from layers import web_map
from layers.data import prepare_kommuner
from layers.registry import build_layer
from layers.state import ViewState
from tests.html_map import decode, features


@pytest.fixture(scope="module")
def screen(dataset):
    return prepare_kommuner(dataset, "region")


def _payload(dataset, kommuner, **state):
    s = ViewState(**state)
    return web_map.payload(build_layer(dataset, kommuner, s.lag, s.filters()))


def _keys(dataset, kommuner, **state) -> list[str]:
    """The spec's key (kommunenummer or arrangement id) of each drawn area row, in payload order."""
    s = ViewState(**state)
    areas = build_layer(dataset, kommuner, s.lag, s.filters()).areas
    return areas.loc[areas["kind"] != "kontekst", "key"].tolist()


def _referred(view) -> set[str]:
    keys = {k for part in ("areas", "lines", "highlight") if view.get(part) for k in view[part]["g"]}
    return keys | ({view["context"]} if view["context"] else set())


def test_the_payload_refers_only_to_geometries_it_holds(dataset, screen):
    view, geoms = _payload(dataset, screen, kommune="3043")
    assert _referred(view) == set(geoms) and "" not in geoms
    areas = features(view, geoms, "areas")["features"]
    assert len(areas) == len(view["areas"]["g"])  # every drawn row has its shape
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in areas)


def test_another_service_in_the_same_area_reuses_the_kommune_shapes(dataset, screen):
    _, first = _payload(dataset, screen, tjenester=("legevakt",))
    ppt, second = _payload(dataset, screen, tjenester=("ppt",))
    keys = _keys(dataset, screen, tjenester=("ppt",))
    outlines = {g for g, k in zip(ppt["areas"]["g"], keys) if str(k).isdigit()}
    assert outlines and outlines <= set(first)  # the kommuner were sent with the first view
    new = set(second) - set(first)
    o = dataset.register.ordninger
    ppt_ids = set(o.loc[o["tjenester"].map(lambda t: "ppt" in t), "id"])
    assert {k for g, k in zip(ppt["areas"]["g"], keys) if g in new} <= ppt_ids  # only its arrangements


def test_choosing_a_kommune_sends_no_new_shape(dataset, screen):
    plain, geoms = _payload(dataset, screen)
    chosen, chosen_geoms = _payload(dataset, screen, kommune="3043")
    assert plain["highlight"] is None and chosen["highlight"] is not None
    assert set(chosen_geoms) <= set(geoms)  # the highlight outlines the kommune shapes already sent
    assert "Valgt: Ål" in chosen["overlay"] and "Valgt" not in plain["overlay"]


def test_a_view_seen_before_sends_a_few_kilobytes(dataset, screen):
    """What the live map sends on a change back to a view it has drawn: the payload alone."""
    view, _ = _payload(dataset, screen, omrade="Hallingdal")
    size = len(json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode())
    assert size < 10_000, size


def test_data_text_is_escaped_in_every_payload_text(dataset, screen):
    view, _ = _payload(dataset, screen)
    texts = [*view["areas"]["t"], *(h[2] for h in view["hosts"]), *(label[2] for label in view["labels"])]
    assert texts and not any("<" in t.replace("<br>", "") for t in texts)


@pytest.mark.parametrize(
    "wkt",
    [
        "POLYGON ((10.12345 59.5, 10.6 59.50004, 10.6 60.1, 10.12345 59.5), "
        "(10.3 59.7, 10.4 59.7, 10.4 59.8, 10.3 59.7))",
        "MULTIPOLYGON (((8 60, 9 60, 9 61, 8 60)), ((-1.5 -2, -1 -2, -1 -1, -1.5 -2)))",
        "LINESTRING (10 60, 10.00015 60.00015, 11 61)",
        "MULTILINESTRING ((10 60, 11 61), (12 62, 13 63))",
        "GEOMETRYCOLLECTION (POLYGON ((8 60, 9 60, 9 61, 8 60)), LINESTRING (10 60, 11 61))",
    ],
)
def test_compact_geometries_decode_to_the_rounded_coordinates(wkt):
    import shapely

    geometry = shapely.from_wkt(wkt)
    decoded = shapely.geometry.shape(decode(web_map.encode(geometry, 4)))
    rounded = shapely.transform(geometry, lambda xy: xy.round(4))
    assert decoded.equals_exact(rounded, tolerance=1e-9)


def test_compact_geometries_are_a_fraction_of_plain_geojson(dataset, screen):
    _, geoms = _payload(dataset, screen)
    compact = len(json.dumps(geoms, separators=(",", ":")))
    plain = len(json.dumps({k: decode(g) for k, g in geoms.items()}, separators=(",", ":")))
    assert compact < 0.6 * plain, (compact, plain)


def test_geometries_decode_to_what_to_crs_and_rounding_give(dataset, screen):
    """The batch conversion (one pipeline, one rounding for every ring) against geopandas, shape by
    shape: kommuner, dissolved arrangements and their stripes, and the empty and mixed cases."""
    import numpy as np
    import shapely

    from geo import settings

    s = ViewState(tjenester=("legevakt", "barnevernvakt"), omrade="Studieområdet")
    spec = build_layer(dataset, screen, s.lag, s.filters())
    extra = [
        shapely.Point(230_000, 6_650_000),
        shapely.from_wkt("GEOMETRYCOLLECTION (POINT (230000 6650000), LINESTRING (230000 6650000, 240000 6660000))"),
        shapely.Polygon(),
    ]
    geoms = np.asarray([*spec.areas.geometry.values, *extra], dtype=object)
    assert "striper" in set(spec.areas["kind"])
    keys, found = web_map._geometries(geoms, spec.areas.crs, decimals=4)
    expected = web_map.gpd.GeoSeries(geoms, crs=spec.areas.crs).to_crs(settings.CRS_WGS84).values
    assert keys[-1] == "" and all(keys[:-1])
    for key, geometry in zip(keys[:-1], expected[:-1]):
        decoded = shapely.geometry.shape(decode(found[key]))
        rounded = shapely.transform(geometry, lambda xy: xy.round(4))
        assert decoded.geom_type == geometry.geom_type
        assert decoded.equals_exact(rounded, tolerance=1e-9)
    # an empty part of a collection is left out, as the drawing script would draw nothing of it
    with_empty = shapely.from_wkt("GEOMETRYCOLLECTION (POINT (10 60), POLYGON EMPTY, LINESTRING (10 60, 11 61))")
    without = shapely.from_wkt("GEOMETRYCOLLECTION (POINT (10 60), LINESTRING (10 60, 11 61))")
    assert web_map.encode(with_empty, 4) == web_map.encode(without, 4)


@pytest.mark.parametrize("omrade", ["Studieområdet", "Hallingdal"])
def test_backdrop_lines_are_the_backdrop_kommuners_edges_whether_from_the_frame_or_not(dataset, screen, omrade):
    """The backdrop is cut from the frame's edges (made once per frame): the same lines as from the
    backdrop kommuners' own outlines, each on an outline of a backdrop kommune, inside the view."""
    import shapely

    from layers.spec import KONTEKST

    s = ViewState(tjenester=("legevakt", "barnevernvakt"), omrade=omrade)
    spec = build_layer(dataset, screen, s.lag, s.filters())
    from_frame = web_map._context_lines(spec, screen).iloc[0]
    alone = web_map._context_lines(spec).iloc[0]
    x0, y0, x1, y1 = spec.bounds
    tolerance = max(x1 - x0, y1 - y0) / 400
    assert shapely.hausdorff_distance(from_frame, alone) <= 2 * tolerance
    assert abs(from_frame.length - alone.length) < 0.01 * alone.length
    context = spec.areas[spec.areas["kind"] == KONTEKST]
    outlines = shapely.union_all(shapely.boundary(context.geometry.values))
    assert shapely.covers(shapely.buffer(outlines, 1.5 * tolerance), from_frame)
    assert shapely.covers(shapely.box(*spec.bounds).buffer(1), from_frame)
    view = spec.areas[spec.areas["kind"] != KONTEKST]
    inner = shapely.union_all(view.geometry.values).buffer(-3 * tolerance)
    assert not shapely.intersects(inner, from_frame)  # no edge between two kommuner of the view
