"""The README's three recipes for developers — a new layer, a new format, a new service — followed to the
letter: the code blocks are read out of README.md and run, so the README cannot drift from the code."""

import csv
import io
import re

import pytest

from geo import settings
from geo.io import load_names
from geo.register import read_tjenester
from geo.uploads import read_register_upload
from layers import export, formats, registry
from layers.state import state_from_query

README = (settings.ROOT / "README.md").read_text(encoding="utf-8")


def _block(after: str, language: str = "python") -> str:
    """The first code block (in ``language``) after the paragraph that starts with ``after``."""
    section = README.split(after, 1)[1]
    return re.search(rf"```{language}\n(.*?)\n```", section, flags=re.S).group(1)


def test_a_new_layer_is_one_module_and_one_registry_line(tmp_path, monkeypatch, dataset):
    from layers._common import Shade, choropleth_spec, counted, region_of
    from layers.spec import LegendEntry

    module = {"Shade": Shade, "choropleth_spec": choropleth_spec, "counted": counted, "region_of": region_of}
    module["LegendEntry"] = LegendEntry
    exec(_block("**Et nytt kartlag:**"), module)  # the builder, as the README writes it
    line = re.search(r'"mitt": (.+),$', _block("og legg én linje i `LAYERS`"), flags=re.M).group(1)
    layer = eval(line, {"Layer": registry.Layer, "mitt_lag": module["mitt_lag"]})
    monkeypatch.setitem(registry.LAYERS, "mitt", layer)

    out = tmp_path / "mitt.csv"
    assert export.main(["--lag", "mitt", "--format", "csv", "--out", str(out)]) == 0  # the CLI takes it
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(dataset.studieomrade) and rows[0]["Kilde"].startswith("Kilde: NIVI")  # stamped source
    state, notes = state_from_query({"lag": "mitt"}, dataset)  # a link opens it
    assert state.lag == "mitt" and notes == []
    from layers.data import prepare_kommuner
    from layers.filters import Filters

    spec = registry.build_layer(dataset, prepare_kommuner(dataset, "region"), "mitt", Filters())
    assert spec.layer == "mitt" and spec.source == dataset.register.provenance.source_line()


def test_a_new_format_is_one_line_in_the_registry(tmp_path, monkeypatch):
    line = re.search(r'"jpg": (.+),$', _block("**Et nytt filformat:**"), flags=re.M).group(1)
    fmt = eval(line, {"ExportFormat": formats.ExportFormat, "_static": formats._static})
    monkeypatch.setitem(formats.EXPORTS, "jpg", fmt)
    out = tmp_path / "ppt.jpg"
    assert export.main(["--tjenester", "ppt", "--out", str(out), "--dpi", "40"]) == 0
    assert out.read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG


def test_a_new_service_is_one_row_of_the_service_table(dataset):
    block = _block("**En ny tjeneste:**", language="")
    header, row = block.splitlines()
    shipped = (settings.DATA_DIR / "tjenester.csv").read_text(encoding="utf-8")
    assert shipped.splitlines()[0] == header  # the README names every column the table has
    tjenester = read_tjenester((shipped.rstrip("\n") + "\n" + row + "\n").encode(), file="tjenester.csv")
    code = row.split(",")[0]
    register = read_register_upload(
        (
            "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
            f'd,Droner i Hallingdal,{code},"Hol; Ål",ja,,,,eget\n'
        ).encode(),
        "r.csv",
        names=load_names(),
        tjenester=tjenester,
    )
    assert register.ordninger["tjenester"].iloc[0] == (code,)


@pytest.mark.parametrize("recipe", ["**Et nytt kartlag:**", "**Et nytt filformat:**", "**En ny tjeneste:**"])
def test_each_recipe_is_in_the_readme(recipe):
    assert recipe in README
