"""Both renderers draw the same spec; files open, have the right size and are not blank; text is escaped."""

import dataclasses
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from geo.files import write_atomic
from layers import export
from layers.figures import FIGURES
from layers.filters import Filters
from layers.folium_map import to_html
from layers.registry import build_layer
from layers.static_map import A4_WIDTH, render_static, save_atlas, static_bytes
from tests.html_map import payload_of

HOSTILE = "<script>alert('x')</script> & $\\alpha$"


@pytest.fixture(scope="module")
def legevakt(dataset, print_kommuner):
    return build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt",)))


@pytest.fixture(scope="module")
def hostile(dataset, print_kommuner):
    o = dataset.register.ordninger.copy()
    o.loc[o["id"] == "lvs-drammen", "navn"] = HOSTILE
    data = dataclasses.replace(dataset, register=dataclasses.replace(dataset.register, ordninger=o))
    return build_layer(data, print_kommuner, "dekning", Filters(tjenester=("lvs",)))


def test_html_shows_the_spec(legevakt):
    html = to_html(legevakt)
    drawn = {f["properties"]["f"] for f in payload_of(html)["areas"]["features"]}
    assert set(legevakt.areas.query("kind == 'ordning'")["fill"]) <= drawn  # each arrangement's colour
    for entry in legevakt.legend:
        assert entry.label.replace("&", "&amp;") in html  # legend entries
    assert "Samarbeid om legevakt" in html and "Kartverket" in html
    tips = [f["properties"]["t"] for f in payload_of(html)["areas"]["features"]]
    assert any("Hallingdal legevakt<br>Øvre Hallingdal legevakt" in t for t in tips)  # Hol's tooltip lists both


def test_html_needs_no_network(legevakt):
    html = to_html(legevakt)
    assert not re.search(
        r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", html
    )  # nothing loaded from the net
    assert "L.map(" in html and "Samarbeidskart.draw(" in html  # Leaflet and the drawing script inlined


def test_tile_basemaps_carry_attribution(legevakt):
    assert "Kartverket" in to_html(legevakt, basemap="kartverket") and "cache.kartverket.no" in to_html(
        legevakt, basemap="kartverket"
    )
    assert "OpenStreetMap" in to_html(legevakt, basemap="osm")
    with pytest.raises(ValueError, match="bakgrunnskart"):
        to_html(legevakt, basemap="google")


def test_names_with_script_are_escaped_in_html(hostile):
    html = to_html(hostile)
    assert "<script>alert" not in html
    tips = [f["properties"]["t"] for f in payload_of(html)["areas"]["features"]]
    assert any("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp;" in t for t in tips)


def test_names_with_markup_are_drawn_as_written_in_static_maps(hostile):
    fig = render_static(hostile)
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("<script>alert('x')</script>" in t for t in texts)


def save_static(spec, path):
    return write_atomic(path, static_bytes(spec, path.suffix.lstrip(".")))


def test_png_is_a4_wide_at_300_dpi_and_not_blank(legevakt, tmp_path):
    path = save_static(legevakt, tmp_path / "legevakt.png")
    image = np.asarray(Image.open(path).convert("RGB"))
    assert abs(image.shape[1] - A4_WIDTH * 300) <= 2
    assert image.shape[0] > 1000
    coloured = (image.std(axis=2) > 20).mean()  # share of pixels that are not grey/white
    assert coloured > 0.1
    assert len({tuple(p) for p in image[::17, ::17].reshape(-1, 3)}) > 50


def test_svg_and_pdf_are_vector_files_of_a4_width(legevakt, tmp_path):
    svg = save_static(legevakt, tmp_path / "legevakt.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert abs(float(root.get("width").removesuffix("pt")) - A4_WIDTH * 72) < 1
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 50
    pdf = save_static(legevakt, tmp_path / "legevakt.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[ ?0 0 595\.4", pdf)


def test_atlas_has_a_page_per_figure(dataset, print_kommuner, tmp_path):
    pages = ((build_layer(dataset, print_kommuner, f.layer, f.filters), f.title) for f in FIGURES)
    pdf = save_atlas(pages, tmp_path / "atlas.pdf").read_bytes()
    assert len(re.findall(rb"/Type /Page\b", pdf)) == len(FIGURES)


def test_report_figures_are_all_there():
    numbers = [f.number for f in FIGURES if f.number]
    assert numbers == ["2.2", "4.1"] + [f"5.{i}" for i in range(2, 18)]
    codes = {c for f in FIGURES for c in f.filters.tjenester}
    assert {"iua", "110_sentral", "veterinaervakt"} <= codes
    assert any(f.layer == "fylkesgrense" for f in FIGURES)


def test_a_failed_write_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "kart.png"
    target.write_bytes(b"old")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr("matplotlib.figure.Figure.savefig", boom)
    with pytest.raises(RuntimeError):  # a real failure shows as one, and the old file stays
        export.main(["--tjenester", "ppt", "--out", str(target)])
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kart.png"]


def test_html_file_is_written(tmp_path):
    path = tmp_path / "kart.html"
    assert export.main(["--tjenester", "ppt", "--out", str(path)]) == 0
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_writes_one_map(tmp_path, capsys):
    out = tmp_path / "ppt.png"
    assert (
        export.main(
            ["--tjeneste", "ppt", "--region", "Hallingdal", "--format", "png", "--out", str(out), "--dpi", "60"]
        )
        == 0
    )
    assert Image.open(out).size[0] == pytest.approx(A4_WIDTH * 60, abs=2)


def test_cli_other_layers_and_html(tmp_path):
    assert (
        export.main(
            ["--lag", "fylkesgrense", "--fylkesinndeling", "2019", "--format", "svg", "--out", str(tmp_path / "k.svg")]
        )
        == 0
    )
    assert export.main(["--tjeneste", "iua", "--format", "html", "--out", str(tmp_path / "k.html")]) == 0
    assert (tmp_path / "k.svg").stat().st_size > 10_000 and (tmp_path / "k.html").stat().st_size > 10_000


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tjeneste", "legevak"], "Mente du legevakt?"),
        (["--tjeneste", "lvs", "--region", "Buskerud"], "Ukjent område 'Buskerud' for fylkesinndeling 2020"),
        (["--tjeneste", "lvs", "--lag", "kart"], "Ukjent kartlag 'kart'"),
    ],
)
def test_cli_refuses_unknown_choices_and_writes_nothing(tmp_path, capsys, args, message):
    out = tmp_path / "x.png"
    assert export.main([*args, "--format", "png", "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_region_of_another_era(tmp_path):
    out = tmp_path / "b.png"
    assert (
        export.main(
            [
                "--tjeneste",
                "lvs",
                "--region",
                "Buskerud",
                "--fylkesinndeling",
                "2024",
                "--format",
                "png",
                "--out",
                str(out),
                "--dpi",
                "50",
            ]
        )
        == 0
    )
