"""The spec contract: every registered layer is drawn by every renderer, and the highlight, the
table and the source line look the same in the browser and in print."""

import xml.etree.ElementTree as ET

import pytest
from matplotlib.colors import to_hex

from layers.filters import Filters
from layers.folium_map import to_html
from layers.registry import LAYERS, build_layer
from layers.spec import AREA_COLUMNS, AREA_KINDS, HIGHLIGHT_STYLES, PARTNER, SCREEN_PX_PER_PT, VALGT
from layers.static_map import render_static, static_bytes
from tests.html_map import payload_of

#: A filter every layer can draw: a service (the coverage map needs one) and a kommune with partners.
FILTERS = Filters(tjenester=("ppt", "legevakt"), kommune="3043")


@pytest.fixture(scope="module")
def compared(dataset):
    """The NIVI register against an earlier version of itself: one arrangement fewer, one member less."""
    import dataclasses

    from geo.io import with_register

    o = dataset.register.ordninger
    earlier = o[o["id"] != "lvs-drammen"].copy()
    earlier.loc[earlier["id"] == "ppt-for-al-og-hol", "deltakere"] = [("3043",)]
    return with_register(dataset, dataset.register, previous=dataclasses.replace(dataset.register, ordninger=earlier))


@pytest.fixture(scope="module", params=list(LAYERS))
def spec(request, dataset, compared, print_kommuner):
    data = compared if request.param == "endringer" else dataset
    return build_layer(data, print_kommuner, request.param, FILTERS)


def test_the_registry_covers_a_layer_with_a_table_and_one_without():
    assert any(layer.table for layer in LAYERS.values()) and any(not layer.table for layer in LAYERS.values())


def test_every_layer_draws_in_every_medium(spec):
    layer = LAYERS[spec.layer]
    assert set(spec.areas["kind"]) <= set(AREA_KINDS) and list(spec.areas.columns[:-1]) == AREA_COLUMNS
    assert (spec.table is not None) == layer.table
    html = to_html(spec)
    assert spec.title.split(" ")[0] in html and "Kartverket" in html
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")):
        assert static_bytes(spec, fmt, dpi=40).startswith(magic), fmt


def test_the_highlight_has_the_same_style_in_browser_and_print(spec):
    assert set(spec.highlight["kind"]) <= {VALGT, PARTNER} and VALGT in set(spec.highlight["kind"])
    # browser: the highlight features carry the style of HIGHLIGHT_STYLES
    features = payload_of(to_html(spec))["highlight"]["features"]
    by_kind = {VALGT: [], PARTNER: []}
    for f, kind in zip(features, spec.highlight["kind"]):
        by_kind[kind].append(f["properties"])
    # print: the outlines drawn under gid highlight-<kind> carry the same colour, width and dashes
    fig = render_static(spec)
    ax = fig.axes[0]
    for kind, props in by_kind.items():
        if not props:
            continue
        style = HIGHLIGHT_STYLES[kind]
        px = SCREEN_PX_PER_PT  # the browser draws every width and dash of the spec in pixels, 1.3 per point
        assert {(p["e"], p["w"], p["d"]) for p in props} == {
            (style.edge, round(style.width * px, 2), " ".join(f"{round(x * px, 2):g}" for x in style.dash) or None)
        }
        drawn = [c for c in ax.collections if c.get_gid() == f"highlight-{kind}"]
        assert len(drawn) == 1, kind
        assert to_hex(drawn[0].get_edgecolor()[0]) == style.edge.lower()
        assert drawn[0].get_linewidth()[0] == pytest.approx(style.width)
        offset, dashes = drawn[0].get_linestyle()[0]
        assert tuple(dashes or ()) == pytest.approx(style.dash)
    # the legend names the chosen kommune in both media
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Valgt: Ål" in legend and "Valgt: Ål" in payload_of(to_html(spec))["overlay"]


def test_the_svg_carries_the_highlight_and_the_source(spec):
    root = ET.fromstring(static_bytes(spec, "svg"))
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert f"highlight-{VALGT}" in ids


def test_a_table_is_drawn_with_its_own_title(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "fylkesgrense", Filters(fylkesinndeling="2024"))
    fig = render_static(spec)
    texts = " ".join(t.get_text() for t in fig.texts)
    assert spec.table.title in texts.replace("\n", " ")
    first = spec.table.display().iloc[0]
    assert str(first.iloc[0])[:20] in texts.replace("\n", " ")


def test_a_table_of_another_shape_does_not_break_print(dataset, print_kommuner):
    """The static renderer draws any table, not only the crossing table's columns."""
    import dataclasses

    import pandas as pd

    from layers.spec import SpecTable

    spec = build_layer(dataset, print_kommuner, "antall", Filters())
    table = SpecTable("Noe annet", pd.DataFrame({"a": ["x"] * 14, "b": range(14)}), {"a": "A", "b": "B"})
    fig = render_static(dataclasses.replace(spec, table=table))
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "Noe annet" in texts and "og 4 rader til" in texts


def test_stripes_are_drawn_alike_in_browser_and_print(dataset, print_kommuner):
    from matplotlib.colors import to_hex

    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt",)))
    stripes = spec.areas[spec.areas["kind"] == "striper"]
    assert len(stripes)
    browser = [f["properties"] for f in payload_of(to_html(spec))["areas"]["features"] if f["properties"]["s"]]
    assert sorted(p["f"] for p in browser) == sorted(stripes["fill"])
    fig = render_static(spec)
    faces = {to_hex(c) for coll in fig.axes[0].collections for c in coll.get_facecolors()}
    assert {f.lower() for f in stripes["fill"]} <= faces


@pytest.mark.parametrize(
    "layer, filters",
    [
        ("dekning", Filters(tjenester=("legevakt",))),
        ("antall", Filters()),
        ("dekning", Filters(tjenester=("iua",), omrade="Buskerud", fylkesinndeling="2024")),
    ],
)
def test_label_boxes_never_overlap_and_each_sits_on_what_it_names(dataset, print_kommuner, layer, filters):
    import shapely

    from layers._common import INSIDE_SHARE, label_boxes

    spec = build_layer(dataset, print_kommuner, layer, filters)
    shown = spec.labels[spec.labels["vises"] & (spec.labels["nummer"] == "")]
    boxes = label_boxes(shown["text"].tolist(), shown["size"].to_numpy(), shown.geometry.values, spec.bounds)
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            assert a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3], (
                shown["text"].iloc[i],
                shown["text"].iloc[j],
            )
    named = spec.areas[spec.areas["kind"].isin(["ordning", "egen", "ingen", "klasse"])]
    for full, point, box in zip(shown["fulltekst"], shown.geometry, boxes):
        own = named[[lab == full for lab in named["label"]]]
        assert any(g.contains(point) for g in own.geometry), full  # the label's point lies in its own area
        inside = max(shapely.area(shapely.intersection(g, shapely.box(*box))) for g in own.geometry)
        assert inside >= INSIDE_SHARE * shapely.area(shapely.box(*box)) - 1e-6, full  # and its text too


@pytest.mark.parametrize(
    "layer, filters",
    [("dekning", Filters(tjenester=("legevakt",))), ("antall", Filters()), ("konsolidering", Filters())],
)
def test_every_name_and_value_is_written_on_the_map_or_keyed_by_number_in_the_legend(
    dataset, print_kommuner, layer, filters
):
    spec = build_layer(dataset, print_kommuner, layer, filters)
    labelled = spec.areas[spec.areas["label"] != ""]
    keys = {e.number: e.label for e in spec.legend if e.number}
    written = set(spec.labels.loc[spec.labels["nummer"] == "", "fulltekst"])
    numbered = dict(zip(spec.labels["nummer"], spec.labels["fulltekst"]))
    for label in labelled["label"]:
        keyed = [n for n, full in numbered.items() if n and full == label]
        assert label in written or (keyed and keys[keyed[0]] == " ".join(label.split("\n"))), label
    assert sorted(keys, key=int) == [str(n) for n in range(1, len(keys) + 1)]  # numbered 1…n, none twice
    assert len(labelled) == spec.labels["vises"].sum()


def test_a_table_with_one_header_over_two_columns_is_refused_where_it_is_built():
    import pandas as pd

    from layers.spec import SpecTable

    frame = pd.DataFrame({"a": ["Drammen"], "b": ["Lier"], "vekt": [3]})
    with pytest.raises(ValueError, match="Kommune"):
        SpecTable("Par", frame, {"a": "Kommune", "b": "Kommune", "vekt": "Felles ordninger"})
    with pytest.raises(ValueError, match="not in its frame"):
        SpecTable("Par", frame, {"a": "Kommune", "c": "Partner"})
