"""Colours that differ: CIEDE2000 as published, no two arrangements in one map alike, and an
arrangement keeps its colour across views of the same service."""

import pytest

from layers import palette
from layers._colour import ciede2000, difference
from layers.figures import FIGURES
from layers.filters import Filters
from layers.registry import build_layer


@pytest.mark.parametrize(
    "lab1, lab2, expected",
    [  # Sharma, Wu and Dalal (2005), test pairs 1, 7, 17, 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_the_palette_is_far_apart_and_far_from_the_greys():
    colours = list(palette.CATEGORICAL)
    for i, a in enumerate(colours):
        for b in colours[i + 1 :] + [palette.OWN_SERVICE, palette.NO_ARRANGEMENT, palette.NOT_MAPPED]:
            assert difference(a, b) >= palette.MIN_DIFFERENCE, (a, b)


@pytest.mark.parametrize("figure", [f for f in FIGURES if f.layer in ("dekning", "regionrad")], ids=lambda f: f.title)
def test_no_two_arrangements_on_an_atlas_page_look_alike(dataset, print_kommuner, figure):
    spec = build_layer(dataset, print_kommuner, figure.layer, figure.filters)
    fills = spec.areas.query("kind == 'ordning'")["fill"].tolist()
    if len(fills) > len(palette.CATEGORICAL):
        pytest.skip("flere ordninger enn farger: bare naboer skilles (testet i test_build)")
    for i, a in enumerate(fills):
        for b in fills[i + 1 :]:
            assert difference(a, b) >= palette.MIN_DIFFERENCE, (a, b)


def test_an_arrangement_keeps_its_colour_across_views_of_the_service(dataset, print_kommuner):
    views = [
        build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt",), omrade=omrade))
        for omrade in ("Studieområdet", "Hallingdal", "Drammensregionen")
    ]
    colour = [
        dict(zip(v.areas.query("kind == 'ordning'")["key"], v.areas.query("kind == 'ordning'")["fill"])) for v in views
    ]
    shared = set(colour[0]) & set(colour[1])
    assert shared and all(colour[0][k] == colour[1][k] for k in shared)
    assert all(colour[0][k] == colour[2][k] for k in set(colour[0]) & set(colour[2]))
    legend = [e.fill for e in views[0].legend if not e.line and not e.marker and e.fill]
    arrangements = views[0].areas.query("kind == 'ordning'")["fill"]
    assert len(set(arrangements)) == len(arrangements)  # Hallingdal and Drammen–Holmestrand no longer share
    assert set(arrangements) <= set(legend)


def test_colour_by_reach_keeps_touching_arrangements_apart_and_spreads_colours():
    import random
    from collections import Counter

    from geo.areas import touching_arrangements
    from layers.palette import CATEGORICAL, colour_by_reach

    rng = random.Random(3)
    names = [f"k{i:03d}" for i in range(400)]
    naboer = {k: frozenset(names[max(0, i - 1) : i + 2]) - {k} for i, k in enumerate(names)}  # a chain
    sets = [frozenset(names[s : s + rng.randint(1, 4)]) for s in (rng.randrange(396) for _ in range(120))]
    colours = colour_by_reach(sets, naboer)
    assert all(colours[a] != colours[b] for a, b in touching_arrangements(sets, naboer))
    spread = Counter(colours)
    assert len(spread) == len(CATEGORICAL) and max(spread.values()) - min(spread.values()) <= 6
    assert colour_by_reach(sets[:5], naboer) == list(CATEGORICAL[:5])  # few: each its own colour


# --- colour-vision deficiencies (WCAG 1.4.1): the palettes as protanopes, deuteranopes and tritanopes see them


def test_the_simulation_keeps_greys_and_moves_red_and_green_together():
    from layers._colour import DEFICIENCIES, simulate

    for d in DEFICIENCIES:
        assert simulate("#808080", d) == "#808080" and simulate("#FFFFFF", d) == "#FFFFFF"
    assert difference(simulate("#CC3311", "deuteranopi"), simulate("#117733", "deuteranopi")) < difference(
        "#CC3311", "#117733"
    )


def test_the_first_colours_stay_apart_for_every_kind_of_colour_vision():
    from layers._colour import least_difference

    first = palette.CATEGORICAL[: palette.CVD_SAFE]
    for i, a in enumerate(first):
        for b in first[i + 1 :] + (palette.OWN_SERVICE, palette.NO_ARRANGEMENT, palette.NOT_MAPPED):
            assert least_difference(a, b) >= palette.MIN_DIFFERENCE, (a, b)


@pytest.mark.parametrize("k", range(2, 10))
def test_choropleth_classes_darken_step_by_step_and_few_stay_apart_for_everyone(k):
    from layers._colour import hex_to_lab, least_difference

    colours = palette.sequential(k)
    lightness = [hex_to_lab(c)[0] for c in colours]
    assert all(a > b for a, b in zip(lightness, lightness[1:]))  # an order every kind of vision sees
    if k <= 5:
        assert all(least_difference(a, b) >= palette.MIN_DIFFERENCE for a, b in zip(colours, colours[1:]))


@pytest.mark.parametrize("figure", [f for f in FIGURES if f.layer in ("dekning", "regionrad")], ids=lambda f: f.title)
def test_touching_arrangements_differ_for_every_kind_of_colour_vision(dataset, print_kommuner, figure):
    from geo.areas import touching_arrangements
    from layers._colour import least_difference

    spec = build_layer(dataset, print_kommuner, figure.layer, figure.filters)
    drawn = spec.areas.query("kind == 'ordning'")
    members = dict(zip(dataset.register.ordninger["id"], dataset.register.ordninger["deltakere"]))
    sets = [frozenset(members[k]) for k in drawn["key"]]
    fills = drawn["fill"].tolist()
    pairs = (
        touching_arrangements(sets, dataset.naboer)
        if len(fills) > palette.CVD_SAFE
        else [(i, j) for i in range(len(fills)) for j in range(i + 1, len(fills))]  # few: every pair
    )
    for i, j in pairs:
        if sets[i] != sets[j]:
            assert least_difference(fills[i], fills[j]) >= palette.MIN_DIFFERENCE, drawn["navn"].iloc[[i, j]].tolist()


def test_colours_are_chosen_once_per_set_of_arrangements_and_anew_for_another(dataset, print_kommuner, monkeypatch):
    from layers import coverage

    calls = []
    choose = palette.colour_by_reach

    def counted(sets, naboer):
        calls.append(len(sets))
        return choose(sets, naboer)

    monkeypatch.setattr(palette, "colour_by_reach", counted)
    monkeypatch.setattr(coverage, "_COLOURS", coverage.Recent(lambda: 32))  # nothing kept from other tests
    first = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("ppt",), omrade="Hallingdal"))
    again = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("ppt",), omrade="Studieområdet"))
    assert len(calls) == 1  # the same arrangements of the service in both views: chosen once

    def fills(spec):
        rows = spec.areas.query("kind == 'ordning'")
        return dict(zip(rows["key"], rows["fill"]))

    assert set(fills(first)) and all(fills(again)[k] == c for k, c in fills(first).items())
    build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("ppt", "lvs"), omrade="Hallingdal"))
    assert len(calls) == 2  # other arrangements: chosen for them
