"""Arrangement areas, counts per kommune and county-border crossings: pure functions.

Geometries are dissolved from member kommuner with ``coverage_union_all``, which needs the
kommuner to be a clean coverage (``kommuner.geojson`` is; a ``coverage_simplify`` of it is too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo._frame import geo_frame
from geo.register import Register


def select_arrangements(
    register: Register, *, tjenester: Iterable[str] = (), sektor: str | None = None
) -> pd.DataFrame:
    """Arrangements with any of ``tjenester`` (codes) and/or a service in ``sektor``; all if neither
    (the columns a map reads: :attr:`~geo.register.Register.map_rows`)."""
    codes = set(tjenester)
    if sektor:
        codes |= set(register.tjenester.loc[register.tjenester["sektor"] == sektor, "kode"])
    o = register.map_rows  # the columns a map reads
    if not codes:
        return o
    index = register.service_index
    found = [index[c] for c in codes if c in index]
    return o.iloc[np.unique(np.concatenate(found))] if found else o.iloc[:0]


def touching_view(ordninger: pd.DataFrame, view: Iterable[str]) -> pd.DataFrame:
    """Arrangements with at least one member in ``view`` (kommunenummer)."""
    view = set(view)
    return ordninger[np.asarray([bool(view.intersection(d)) for d in ordninger["deltakere"]], dtype=bool)]


def dissolve_arrangements(
    ordninger: pd.DataFrame,
    kommuner: gpd.GeoDataFrame,
    *,
    union: Callable[[list], np.ndarray] | None = None,
    largest_first: bool = False,
) -> gpd.GeoDataFrame:
    """One polygon per arrangement: the union of its members' polygons (in ``kommuner``'s CRS).

    ``union`` makes the areas of a list of member lists (a caller's cache); by default each is
    dissolved here. ``largest_first``: in drawing order, the largest area first, then by name.
    Returns the arrangement columns plus ``geometry``, ``antall`` (members) and ``areal``, indexed
    from 0 in that order.
    """
    members = ordninger["deltakere"].tolist()
    if union is None:
        geom = dict(zip(kommuner["kommunenummer"], kommuner.geometry.values))
        shapes = np.asarray([shapely.coverage_union_all([geom[k] for k in m]) for m in members], dtype=object)
    else:
        shapes = union(members)
    # the columns taken in drawing order and the GeoDataFrame made once from them (each step on a
    # frame costs most of a millisecond)
    shapes = np.asarray(shapes, dtype=object)
    areal = shapely.area(shapes)
    order = np.arange(len(members))
    if largest_first:
        navn = ordninger["navn"].tolist()
        order = np.asarray(sorted(range(len(members)), key=lambda i: (-areal[i], navn[i])), dtype=int)
    columns = {c: ordninger[c].array.take(order) for c in ordninger.columns}
    columns.update(antall=np.asarray([len(members[i]) for i in order], dtype=int), areal=areal[order])
    return geo_frame(columns, shapes[order], kommuner.crs)


def neighbour_pairs(areas: gpd.GeoSeries) -> list[tuple[int, int]]:
    """Positional index pairs of areas that touch or overlap."""
    tree = shapely.STRtree(areas.values)
    left, right = tree.query(areas.values, predicate="intersects")
    return [(int(a), int(b)) for a, b in zip(left, right) if a < b]


def shared_edges(geoms) -> tuple[np.ndarray, np.ndarray]:
    """The boundaries of a clean coverage (kommuner) as edges, each line between two areas, or
    between an area and the outside, once.

    Returns the edges (lines, merged between the points where three areas meet) and, for each, the
    positions in ``geoms`` of the one or two areas it bounds (``-1`` for none): the outlines of any
    set of the areas are the edges of its members, with no geometry work per set.
    """
    geoms = np.asarray(geoms, dtype=object)
    if not len(geoms):
        return np.empty(0, dtype=object), np.empty((0, 2), dtype=int)
    rings = shapely.boundary(geoms)
    pieces = shapely.get_parts(shapely.union_all(rings))  # noded: a shared line is one piece
    middles = shapely.line_interpolate_point(pieces, 0.5, normalized=True)
    piece, area = shapely.STRtree(rings).query(middles, predicate="dwithin", distance=0.01)
    order = np.lexsort((area, piece))
    piece, area = piece[order], area[order]
    first = np.r_[True, piece[1:] != piece[:-1]]
    owners = np.full((len(pieces), 2), -1, dtype=int)
    owners[piece[first], 0] = area[first]
    owners[piece[~first], 1] = area[~first]
    pair, edge = np.unique(owners, axis=0, return_inverse=True)
    edge = edge.ravel()
    order = np.argsort(edge, kind="stable")
    merged = shapely.line_merge(shapely.multilinestrings(pieces[order], indices=edge[order]))
    return merged, pair


def touching_arrangements(
    member_sets: list[frozenset[str]], naboer: dict[str, frozenset[str]]
) -> list[tuple[int, int]]:
    """Positional pairs of arrangements whose areas touch or overlap, from kommune adjacency alone:
    two unions of kommuner from one clean coverage meet exactly when a member of one is, or
    borders, a member of the other. (Same answer as :func:`neighbour_pairs` on the dissolved
    areas, without the geometry.)"""
    holding = by_kommune(member_sets)
    pairs: set[tuple[int, int]] = set()
    for i, members in enumerate(member_sets):  # through a kommune index: no pairwise comparison of sets
        pairs.update((i, j) for k in reach(members, naboer) for j in holding.get(k, ()) if j > i)
    return sorted(pairs)


def reach(members: Iterable[str], naboer: dict[str, frozenset[str]]) -> set[str]:
    """The kommuner an area of ``members`` touches: the members and their neighbours. Two such areas
    touch or overlap exactly when one's members lie in the other's reach."""
    members = set(members)
    return members.union(*(naboer.get(k, ()) for k in members))


def by_kommune(member_sets: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """Kommune → positions of the member sets it is in (ascending)."""
    out: dict[str, list[int]] = {}
    for i, members in enumerate(member_sets):
        for k in members:
            out.setdefault(k, []).append(i)
    return out


def contained_in(member_sets: list[frozenset[str]]) -> list[list[int]]:
    """For each member set, the positions of the other sets that hold all of it (an equal set
    counts, as ``<=`` would). Linear in memberships times the arrangements of the kommune with
    fewest: each set is checked only against the sets of its least shared member."""
    holding = by_kommune(member_sets)
    out = []
    for i, members in enumerate(member_sets):
        if not members:
            out.append([])
            continue
        rarest = min(members, key=lambda k: len(holding[k]))
        out.append([j for j in holding[rarest] if j != i and members <= member_sets[j]])
    return out


def count_per_kommune(ordninger: pd.DataFrame, kommuner: Iterable[str]) -> pd.Series:
    """Number of arrangements each kommune is a member of (0 where none), indexed by kommunenummer."""
    members = pd.Series([k for d in ordninger["deltakere"] for k in d], dtype="string")
    counts = members.value_counts()
    index = pd.Index(list(kommuner), dtype="string", name="kommunenummer")
    return counts.reindex(index, fill_value=0).astype(int).rename("antall")


def crossings(ordninger: pd.DataFrame, county: pd.DataFrame) -> pd.DataFrame:
    """Arrangements whose members lie in more than one county.

    ``county`` is :func:`geo.counties.county_of` for the era. Returns one row per crossing
    arrangement with ``id``, ``navn``, ``fylker`` (sorted tuple of county names) and
    ``fylkespar`` (those names joined with " – ").
    """
    names = dict(zip(county.index, county["fylkesnavn"]))  # one dict: linear in memberships
    rows = []
    for oid, navn, members in zip(ordninger["id"], ordninger["navn"], ordninger["deltakere"]):
        spanned = tuple(sorted({names[k] for k in members}))
        if len(spanned) > 1:
            rows.append({"id": oid, "navn": navn, "fylker": spanned, "fylkespar": " – ".join(spanned)})
    return pd.DataFrame(rows, columns=["id", "navn", "fylker", "fylkespar"])


def crossing_summary(crossing: pd.DataFrame) -> pd.DataFrame:
    """Crossings grouped by the counties they join: ``fylkespar``, ``antall``, ``ordninger``."""
    if crossing.empty:
        return pd.DataFrame(columns=["fylkespar", "antall", "ordninger"])
    grouped = crossing.groupby("fylkespar", sort=False)["navn"].agg(list).reset_index()
    grouped["antall"] = grouped["navn"].map(len)
    grouped["ordninger"] = grouped["navn"].map(lambda n: "; ".join(sorted(n)))
    return grouped.sort_values(["antall", "fylkespar"], ascending=[False, True])[
        ["fylkespar", "antall", "ordninger"]
    ].reset_index(drop=True)


def dissolve_counties(kommuner: gpd.GeoDataFrame, county: pd.DataFrame) -> gpd.GeoDataFrame:
    """County polygons for an era, dissolved from the kommune coverage."""
    code = county["fylke"].reindex(kommuner["kommunenummer"]).to_numpy()
    parts = []
    for c in pd.unique(code):
        mask = code == c
        parts.append(
            {
                "fylke": c,
                "fylkesnavn": county.loc[kommuner["kommunenummer"][mask].iloc[0], "fylkesnavn"],
                "geometry": shapely.coverage_union_all(kommuner.geometry.values[np.asarray(mask)]),
            }
        )
    return gpd.GeoDataFrame(parts, geometry="geometry", crs=kommuner.crs)


def thin_coverage(kommuner: gpd.GeoDataFrame, *, tolerance: float, metric_crs: str) -> gpd.GeoDataFrame:
    """Topology-safe thinning: ``coverage_simplify`` in ``metric_crs`` (neighbours keep shared edges)."""
    metric = kommuner.to_crs(metric_crs)
    simplified = (
        shapely.coverage_simplify(metric.geometry.values, tolerance) if tolerance > 0 else metric.geometry.values
    )
    return metric.set_geometry(gpd.GeoSeries(simplified, crs=metric_crs, index=metric.index))


def stripes(geometry, *, spacing: float, angle: float = 45.0):
    """Parallel bands across ``geometry``, half of ``spacing`` wide, at ``angle`` degrees: stripes
    drawn as plain polygons, so that every renderer shows them alike.

    The bands lie on a grid anchored at the CRS's origin: those over a place are the same whatever
    area they were cut for, so an area's stripes are the same in every view that uses ``spacing``
    (and can be made once and kept). Cut in the bands' own frame, where each is an axis-aligned
    strip: a rectangle clip per band, not one overlay of every band with the area (ten times faster
    on a region's area); a piece the clip leaves invalid is made valid.
    """
    import shapely.affinity

    if geometry is None or geometry.is_empty:
        return geometry
    turned = shapely.affinity.rotate(geometry, -angle, origin=(0.0, 0.0))
    a0, b0, a1, b1 = turned.bounds
    middles = np.arange(np.floor(b0 / spacing), np.ceil(b1 / spacing) + 1) * spacing  # whole steps: exact
    pieces = np.asarray(
        [shapely.clip_by_rect(turned, a0, m - spacing / 4, a1, m + spacing / 4) for m in middles], dtype=object
    )
    parts = shapely.get_parts(pieces)
    broken = ~shapely.is_valid(parts)
    if broken.any():
        parts = np.concatenate([parts[~broken], shapely.get_parts(shapely.make_valid(parts[broken]))])
    parts = parts[shapely.get_type_id(parts) == 3]  # polygons (a clip can leave a line or point)
    return shapely.affinity.rotate(shapely.multipolygons(parts), angle, origin=(0.0, 0.0))
