"""The exports carry the map in words (WCAG 1.1.1): the HTML page is Norwegian and titled and draws the
same name and description as the live map; SVG has <title> and <desc>; PNG and PDF carry the text in
their metadata, for a report's alternative text."""

import io
import re
from xml.etree import ElementTree

import pytest
from PIL import Image

from layers.filters import Filters
from layers.folium_map import to_html
from layers.registry import build_layer
from layers.static_map import static_bytes
from layers.web_map import payload


@pytest.fixture(scope="module")
def spec(dataset, print_kommuner):
    return build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt",), kommune="3005"))


def test_the_summary_names_title_area_legend_numbers_and_source(spec):
    text = spec.summary()
    assert text.startswith(f"Kart: {spec.title}.")
    assert spec.subtitle in text and spec.source in text
    for entry in spec.legend:
        assert entry.label in text
        if entry.number:
            assert f"{entry.label} (nr. {entry.number} i kartet)" in text
    assert "Valgt: Drammen" in text  # the highlight, in words
    few = spec.summary(max_entries=2)
    assert f"og {len(spec.legend) + len(spec.highlight_legend()) - 2} til" in few


def test_the_html_page_is_norwegian_titled_and_describes_its_map(spec):
    page = to_html(spec)
    assert re.search(r'<html lang="nb">', page)
    assert f"<title>{spec.title}</title>" in page
    view, _ = payload(spec)
    assert view["name"] == f"Kart: {spec.title}" and view["summary"] == spec.summary()


def test_svg_has_a_title_and_a_description_a_screen_reader_reads(spec):
    root = ElementTree.fromstring(static_bytes(spec, "svg"))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "sk-title sk-desc"
    assert root.find(f"{ns}title").text == spec.title
    assert root.find(f"{ns}desc").text == spec.summary()


def test_png_and_pdf_carry_the_map_in_words(spec):
    png = Image.open(io.BytesIO(static_bytes(spec, "png", dpi=50)))
    assert png.text["Title"] == spec.title and png.text["Description"] == spec.summary()
    pdf = static_bytes(spec, "pdf")
    # PDF metadata: UTF-16 where not ASCII (its parentheses escaped: the text up to the first is compared)
    start = spec.summary().split("(")[0]
    assert len(start) > 60 and start.encode("utf-16-be") in pdf
