"""Arrangements not in force in the year a map is drawn as of, drawn on request in a style of their
own (issue 22, item 1): dashed where they had ended, dotted where they had not yet begun, with a
legend line, a tooltip and a table row each, alike in print and in the browser."""

from collections import Counter

import pytest
import shapely
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex

from geo import settings
from geo.io import load_dataset, load_names, with_register
from geo.register import read_ordninger
from layers import web_map
from layers.coverage import ENDED_STYLE, NOT_BEGUN_STYLE
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.registry import build_layer
from layers.static_map import render_static

EXAMPLE = settings.DATA_DIR / "eksempler" / "samarbeid_over_tid.csv"


def _example():
    base = load_dataset()
    register = read_ordninger(EXAMPLE, names=load_names(), tjenester=base.register.tjenester)
    data = with_register(load_dataset(division=register.provenance.division), register)
    return data, prepare_kommuner(data, "region")


def test_ended_and_not_yet_begun_arrangements_are_drawn_each_in_its_style_on_request():
    data, kommuner = _example()
    plain = build_layer(data, kommuner, "regionrad", Filters(per=2018))
    spec = build_layer(data, kommuner, "regionrad", Filters(per=2018, ikke_i_kraft=True))
    assert set(spec.ordninger) - set(plain.ordninger) == {
        "radet-for-drammensregionen",
        "region-vestviken",
        "drammensregionen-ikpr",
    }
    table = spec.data_table.frame.set_index("id")
    assert table.loc["region-vestviken", "tegnet"] == "stiplet omriss (avsluttet 2016)"
    assert table.loc["drammensregionen-ikpr", "tegnet"] == "prikket omriss (etablert 2022)"
    dashed = spec.lines[[bool(d) for d in spec.lines["dash"]]]
    assert Counter(tuple(d) for d in dashed["dash"]) == {ENDED_STYLE.dash: 2, NOT_BEGUN_STYLE.dash: 1}
    assert sorted(t.split("\n")[0] for t in dashed["tooltip"]) == [
        "Drammensregionen",
        "Region Vestviken",
        "Rådet for Drammensregionen",
    ]
    legend = {e.label: e.dash for e in spec.legend if e.dash}
    assert legend == {
        "Rådet for Drammensregionen (avsluttet 2012)": ENDED_STYLE.dash,
        "Region Vestviken (avsluttet 2016)": ENDED_STYLE.dash,
        "Drammensregionen (etablert 2022)": NOT_BEGUN_STYLE.dash,
    }
    assert any("er tegnet med stiplet eller prikket omriss" in n for n in spec.notes)
    assert any(n.endswith("er ikke med.") for n in plain.notes) and not any(e.dash for e in plain.legend)


def test_both_renderers_draw_the_dashes_of_the_spec():
    data, kommuner = _example()
    spec = build_layer(data, kommuner, "regionrad", Filters(per=2018, ikke_i_kraft=True))
    view, _ = web_map.payload(spec)
    px = web_map.SCREEN_PX_PER_PT
    assert Counter(view["lines"]["d"]) == Counter(
        " ".join(f"{round(x * px, 2):g}" for x in d) or None for d in spec.lines["dash"]
    )
    figure = render_static(spec)
    drawn = Counter()  # each dash pattern of the print map: the segments drawn with it, in its colour
    for ax in figure.axes:
        for c in ax.collections:
            if isinstance(c, LineCollection) and c.get_linestyle()[0][1] is not None:
                drawn[(tuple(c.get_linestyle()[0][1]), to_hex(c.get_edgecolor()[0]))] += len(c.get_segments())
    dashed = spec.lines[[bool(d) for d in spec.lines["dash"]]]
    want = Counter()
    for d, e, g in zip(dashed["dash"], dashed["edge"], dashed.geometry):
        want[(tuple(d), e)] += len(shapely.get_parts(g))
    assert drawn == want


def test_maps_that_count_keep_counting_what_was_in_force():
    data, kommuner = _example()
    a = build_layer(data, kommuner, "antall", Filters(per=2018))
    b = build_layer(data, kommuner, "antall", Filters(per=2018, ikke_i_kraft=True))
    assert a.ordninger == b.ordninger and b.lines is None


def test_what_was_not_in_force_counts_against_the_maps_budget(monkeypatch):
    from layers import _common
    from layers._common import MapTooLarge

    data, kommuner = _example()
    in_force = build_layer(data, kommuner, "regionrad", Filters(per=2018))
    monkeypatch.setattr(_common, "MAX_MAP_ARRANGEMENTS", len(in_force.ordninger))
    build_layer(data, kommuner, "regionrad", Filters(per=2018))  # within the budget
    with pytest.raises(MapTooLarge, match="ordninger"):
        build_layer(data, kommuner, "regionrad", Filters(per=2018, ikke_i_kraft=True))


def test_an_ended_arrangement_of_fylkeskommuner_is_drawn_by_their_outlines_in_the_ended_style():
    data, kommuner = _example()
    spec = build_layer(data, kommuner, "regionrad", Filters(per=2025, ikke_i_kraft=True))
    assert "vestregionen" in spec.ordninger  # ended on 1.1.2019
    legend = {e.label: e.dash for e in spec.legend if e.dash}
    assert legend["Vestregionen: Akershus fylkeskommune (avsluttet 2019)"] == ENDED_STYLE.dash
    assert legend["Vestregionen: Buskerud fylkeskommune (avsluttet 2019)"] == ENDED_STYLE.dash
    row = spec.data_table.frame.set_index("id").loc["vestregionen"]
    assert (row["deltakere"], row["tegnet"]) == (
        "ingen kommune navngitt",
        "stiplet omriss av fylkeskommunen (avsluttet 2019)",
    )
    x0, y0, x1, y1 = spec.lines.total_bounds  # the frame holds the outlines it draws
    assert spec.bounds[0] <= x0 and spec.bounds[1] <= y0 and spec.bounds[2] >= x1 and spec.bounds[3] >= y1
