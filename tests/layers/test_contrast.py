"""Contrast on every map (WCAG 1.4.3 and 1.4.11), computed from each layer's spec in every kind of area:
text on the map reaches 4.5:1 against its halo, the title and legend boxes 4.5:1 over any area of the
map; the edge of an area 3:1 against its fill; a line that carries meaning, together with its casing,
3:1 against whatever it crosses."""

import re

import pytest
import shapely

from geo import settings
from layers import palette
from layers._colour import contrast, over
from layers.filters import Filters
from layers.registry import LAYERS, build_layer
from layers.spec import (
    BOX_STYLE,
    HIGHLIGHT_STYLES,
    HOST_STYLE,
    KONTEKST,
    LABEL_STYLE,
    LINE_OPACITY,
    MAP_BACKGROUND,
    STRIPER,
)

KART_CSS = (settings.ROOT / "static" / "samarbeidskart" / "kart.css").read_text(encoding="utf-8")
AREAS = {"studieområde": "Studieområdet", "region": "Hallingdal", "norge": "Hele Norge"}
CHOICES = {  # what a layer needs besides an area: a service, two services, a kommune
    "dekning": {"tjenester": ("legevakt", "ppt")},
    "partnere": {"tjenester": ("legevakt", "barnevernvakt")},
}


def _spec(dataset, kommuner, lag: str, area: str):
    data = _two_versions(dataset) if lag == "endringer" else dataset
    omrade = "Viken" if lag == "endringer" and area == "region" else AREAS[area]  # an upload has no regions
    return build_layer(data, kommuner, lag, Filters(omrade=omrade, kommune="3005", **CHOICES.get(lag, {})))


def _two_versions(dataset):
    """A register in two versions (the change map compares them): Drammen's legevakt with Lier, then Hole."""
    from geo.io import load_names, with_register
    from geo.uploads import read_register_upload

    head = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
    old, new = (head + f'a,Legevakt,legevakt,"{m}",ja,Drammen,,,eget\n' for m in ("Drammen; Lier", "Drammen; Hole"))
    read = [
        read_register_upload(t.encode(), "r.csv", names=load_names(), tjenester=dataset.register.tjenester)
        for t in (old, new)
    ]
    return with_register(dataset, read[1], division="2020", previous=read[0])


def _backgrounds(spec) -> set[str]:
    """Every colour a line or a label box may lie on: each solid fill of the map, and its background."""
    solid = spec.areas[(spec.areas["opacity"] >= 1) & (spec.areas["kind"] != KONTEKST)]
    return {*solid["fill"], MAP_BACKGROUND, "#ffffff"}


def _under(spec, geometries) -> set[str]:
    """The colours a line lies on: the fills of the solid areas it crosses, and the map's background
    where it leaves them."""
    solid = spec.areas[(spec.areas["opacity"] >= 1) & (spec.areas["kind"] != KONTEKST)]
    tree = shapely.STRtree(solid.geometry.values)
    lines = [g.boundary if g.geom_type.endswith("Polygon") else g for g in geometries]
    hit = tree.query(lines, predicate="intersects")[1]
    covered = shapely.union_all(solid.geometry.values)
    outside = any(not covered.contains(line) for line in lines)
    return set(solid["fill"].iloc[sorted(set(hit))]) | ({MAP_BACKGROUND} if outside else set())


def _seen(line: str, casing: str, background: str) -> float:
    """How well a line on its casing stands out from ``background``: the better of the two."""
    return max(contrast(line, background), contrast(casing, background)) if casing else contrast(line, background)


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("lag", list(LAYERS))
def test_edges_and_lines_reach_three_to_one_against_what_they_lie_on(dataset, print_kommuner, lag, area):
    spec = _spec(dataset, print_kommuner, lag, area)
    backgrounds = _backgrounds(spec)
    areas = spec.areas[~spec.areas["kind"].isin([KONTEKST, STRIPER]) & (spec.areas["linewidth"] > 0)]
    for r in areas.itertuples():
        if r.opacity >= 1:  # a filled area: its edge against its own fill
            assert contrast(r.edge, r.fill) >= 3, (lag, area, r.navn, r.edge, r.fill)
        elif not r.casing:  # a kommune's outline over its arrangement: against what lies under its inside
            inside = shapely.point_on_surface(r.geometry)
            solid = spec.areas[(spec.areas["opacity"] >= 1) & ~spec.areas["kind"].isin([KONTEKST, STRIPER])]
            beneath = solid[solid.geometry.contains(inside)]["fill"].tolist()
            assert not beneath or contrast(r.edge, beneath[-1]) >= 3, (lag, area, r.navn, r.edge, beneath)
        else:  # an outline in its colour over other areas: on a casing that sets it apart from them
            assert r.casing and contrast(r.edge, r.casing) >= 3, (lag, r.navn)
            under = _under(spec, [r.geometry])
            assert min(_seen(r.edge, r.casing, b) for b in under) >= 3, (lag, area, r.navn, under)
    if spec.lines is not None and len(spec.lines):
        under = _under(spec, spec.lines.geometry.values)
        for edge, casing in zip(spec.lines["edge"], spec.lines["casing"]):
            seen = over(edge, LINE_OPACITY, casing)  # the line as drawn, a little see-through, on its casing
            assert contrast(seen, casing) >= 3 and min(_seen(seen, casing, b) for b in under) >= 3, (lag, under)
    if spec.highlight is not None and len(spec.highlight):
        for kind, group in spec.highlight.groupby("kind"):
            style, under = HIGHLIGHT_STYLES[kind], _under(spec, group.geometry.values)
            assert min(_seen(style.edge, style.casing, b) for b in under) >= 3, (lag, kind, under)
    if spec.points is not None and len(spec.points):  # a host's ring: its edge or its white inside stands out
        assert min(_seen(HOST_STYLE["edge"], HOST_STYLE["fill"], b) for b in backgrounds) >= 3


@pytest.mark.parametrize("lag", list(LAYERS))
def test_title_and_legend_boxes_keep_their_text_readable_over_any_area(dataset, print_kommuner, lag):
    spec = _spec(dataset, print_kommuner, lag, "studieområde")
    for background in _backgrounds(spec):
        box = over(BOX_STYLE["background"], BOX_STYLE["opacity"], background)
        assert contrast(BOX_STYLE["text"], box) >= 4.5, (lag, background)


def test_labels_are_dark_text_in_a_white_halo_in_both_renderers():
    assert contrast(LABEL_STYLE["text"], LABEL_STYLE["halo"]) >= 4.5
    label = re.search(r"\.sk-label \{([^}]*)\}", KART_CSS).group(1)
    assert f"color:{LABEL_STYLE['text'].lower()}" in label.replace(" ", "").lower().replace("#111;", "#111111;")
    assert "#fff" in label  # the halo (text-shadow)
    box = re.search(r"\.sk-box \{([^}]*)\}", KART_CSS).group(1).replace(" ", "")
    assert f"rgba(255,255,255,{BOX_STYLE['opacity']:.2f}".replace("0.", ".") in box
    assert f"color:{BOX_STYLE['text'][:4]}" in box  # #222 as CSS writes #222222


def test_an_edge_is_chosen_to_stand_out_from_every_fill_the_palettes_have():
    for fill in (*palette.CATEGORICAL, *palette.sequential(9), palette.NO_ARRANGEMENT, palette.OWN_SERVICE):
        assert contrast(palette.edge_for(fill), fill) >= 3, fill
        assert contrast(palette.edge_for(fill, palette.KOMMUNE_EDGE), fill) >= 3, fill
    assert palette.edge_for("#EEDD88") == palette.EDGE  # light fills keep the usual grey edge
    assert palette.edge_for("#332288") == "#ffffff"  # the darkest get a white one


def test_the_pages_accent_colour_is_readable_as_text_on_the_page_and_in_the_sidebar():
    """Streamlit colours a slider's values, links and the selected control in the theme's primary
    colour; its own red is 3.3:1 on white (axe does not see the slider's values)."""
    import tomllib

    from geo import settings
    from layers._colour import contrast

    theme = tomllib.loads((settings.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    for background in ("#ffffff", "#f0f2f6"):  # the page, and Streamlit's light sidebar
        assert contrast(theme["primaryColor"], background) >= 4.5, background
