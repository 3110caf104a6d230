import pandas as pd
import shapely

from geo import areas as geo_areas


def test_an_empty_selection_keeps_its_columns(dataset):
    none = geo_areas.select_arrangements(dataset.register, tjenester=["finnes-ikke"])
    assert none.empty and list(none.columns) == list(dataset.register.map_rows.columns)  # what a map reads
    still = geo_areas.touching_view(none, ["3043"])
    assert still.empty and "deltakere" in still.columns
    assert geo_areas.count_per_kommune(pd.DataFrame({"deltakere": []}), ["3043"]).to_dict() == {"3043": 0}


def _random_sets(seed: int, n: int = 300, kommuner: int = 60):
    import random

    rng = random.Random(seed)
    names = [f"k{i:02d}" for i in range(kommuner)]
    sets = [frozenset(rng.sample(names, rng.randint(1, 6))) for _ in range(n)]
    sets += [sets[3], frozenset(), sets[10] | sets[11]]  # an equal set, an empty one, a union of two
    naboer = {k: frozenset(names[max(0, i - 1) : i + 2]) - {k} for i, k in enumerate(names)}
    return sets, naboer


def test_touching_arrangements_through_the_index_is_the_pairwise_answer():
    sets, naboer = _random_sets(1)
    reach = [m.union(*(naboer.get(k, frozenset()) for k in m)) for m in sets]
    brute = [(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets)) if not reach[i].isdisjoint(sets[j])]
    assert geo_areas.touching_arrangements(sets, naboer) == brute


def test_contained_in_is_the_pairwise_answer():
    sets, _ = _random_sets(2)
    brute = [sorted(j for j, other in enumerate(sets) if j != i and mine <= other) for i, mine in enumerate(sets)]
    brute[len(sets) - 2] = []  # the empty set: in every set by <=, but it has no member to draw
    assert [sorted(x) for x in geo_areas.contained_in(sets)] == brute
    assert 3 in geo_areas.contained_in(sets)[len(sets) - 3]  # equal sets hold each other


def test_stripes_cover_half_of_an_area_inside_it_and_lie_on_one_grid_whatever_area_they_are_cut_for():
    import shapely

    from geo.areas import stripes

    square = shapely.box(250_000, 6_600_000, 270_000, 6_620_000)
    cut = stripes(square, spacing=1_000.0, angle=45.0)
    assert cut.is_valid and square.buffer(1e-6).contains(cut)
    assert abs(cut.area / square.area - 0.5) < 0.02  # bands half as wide as their spacing
    part = shapely.box(255_000, 6_605_000, 262_000, 6_611_000)  # a smaller area: the same bands over it
    assert stripes(part, spacing=1_000.0).symmetric_difference(cut.intersection(part)).area < 1.0
    holed = square.difference(shapely.box(258_000, 6_608_000, 262_000, 6_612_000))  # a hole: never striped
    assert stripes(holed, spacing=1_000.0).intersection(shapely.box(258_100, 6_608_100, 261_900, 6_611_900)).area < 1.0


def test_shared_edges_bound_each_kommune_once_per_neighbour(dataset):
    """The frame's edges: every line between two kommuner once, owned by both; the outline of any set
    of kommuner is its members' edges."""
    import numpy as np

    from layers.data import prepare_kommuner

    kommuner = prepare_kommuner(dataset, "region")
    geoms = np.asarray(kommuner.geometry.values, dtype=object)
    edges, owners = geo_areas.shared_edges(geoms)
    assert len(edges) == len(owners) and len({tuple(o) for o in owners.tolist()}) == len(owners)
    numbers = kommuner["kommunenummer"].tolist()
    i, j = numbers.index("3043"), numbers.index("3044")  # Ål and Hol share a border
    between = edges[[{a, b} == {i, j} for a, b in owners.tolist()]]
    assert len(between) == 1
    expected = shapely.intersection(shapely.boundary(geoms[i]), shapely.boundary(geoms[j]))
    assert abs(between[0].length - expected.length) < 1.0
    for k in (i, j):  # a kommune's edges are its whole outline
        own = edges[(owners == k).any(axis=1)]
        assert abs(shapely.union_all(own).length - shapely.boundary(geoms[k]).length) < 1.0
