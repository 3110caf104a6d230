"""Exports cannot be broken from the data: CSV cells stay cells and formulas stay text, the HTML
map's script blocks stay scripts, and what could break them is refused at the door."""

import csv
import io
import json

import pytest

from geo.errors import DataError
from geo.io import with_register
from geo.spreadsheet import frame_to_csv
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.formats import EXPORTS, Options
from layers.registry import build_layer
from tests.hostile.conftest import EXPECTED, read_case
from tests.html_map import payload_of, payload_script


@pytest.fixture(scope="module")
def markup(dataset, names):
    return with_register(dataset, read_case("markdown_og_html.csv", dataset, names))


@pytest.mark.parametrize("name", ["vognretur_i_celle.csv", "id_med_skript.csv", "nul_tegn.csv"])
def test_what_would_break_an_export_is_refused(dataset, names, name):
    result = read_case(name, dataset, names)
    assert isinstance(result, DataError) and EXPECTED[name] in str(result)


def test_csv_cells_stay_cells_and_formulas_stay_text():
    import pandas as pd

    frame = pd.DataFrame({"navn": ['=HYPERLINK("x")', "a\r=1+1", "b\n@SUM(A1)", "+47", "-x", "ok"]})
    text = frame_to_csv(frame).decode("utf-8-sig")
    assert "\r" not in text  # no bare carriage return for a spreadsheet to split a row on
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 7  # a header and six rows: no line break splits a row
    for (cell,) in rows[1:]:
        assert not cell.startswith(("=", "+", "-", "@"))


def test_the_html_map_keeps_data_out_of_its_script_syntax(markup):
    spec = build_layer(markup, prepare_kommuner(markup, "region"), "dekning", Filters(tjenester=("lvs",)))
    html = EXPORTS["html"].render(spec, markup, Options()).decode("utf-8")
    script = payload_script(html)
    assert "<" not in script and ">" not in script  # nothing in the data can open or close a tag
    data = payload_of(html)  # the data block parses as JSON, and holds the names as written
    assert any("&lt;img" in f["properties"]["t"] for f in data["areas"]["features"])


def test_geojson_and_csv_of_markup_round_trip_as_text(markup):
    spec = build_layer(markup, prepare_kommuner(markup, "region"), "dekning", Filters(tjenester=("lvs",)))
    collection = json.loads(EXPORTS["geojson"].render(spec, markup, Options()))
    names = {f["properties"]["navn"] for f in collection["features"] if f["properties"]["type"] == "ordning"}
    assert any("![sporing](https://evil.example/p.png)" in n for n in names)  # kept as written, as data
    text = EXPORTS["csv"].render(spec, markup, Options()).decode("utf-8-sig")
    assert "<img src=x onerror=alert(1)>" in text
