"""Whose data a map shows travels with the register: a user's own register is credited to its file
and to what its uploader states, in every export format, never to the shipped report."""

import json

import pytest

from geo.io import with_register
from geo.provenance import Provenance, for_upload, read_provenance
from geo.uploads import read_register_upload
from layers import export
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.formats import EXPORTS, Options
from layers.registry import LAYERS, build_layer
from layers.static_map import render_static

GOOD = (
    b"id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
    b'lv-test,Testlegevakt Agder,legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2019,mitt notat s. 3\n'
    b'ppt-test,PPT Setesdal,ppt,"Bygland; Valle; Bykle",ja,,,,mitt notat s. 4\n'
)
CREDIT = "Statsforvalteren i Testfylket"


@pytest.fixture(scope="module")
def uploaded(dataset):
    register = read_register_upload(
        GOOD, "agder.csv", names=dataset.names, tjenester=dataset.register.tjenester, credit=CREDIT
    )
    return with_register(dataset, register, previous=register)  # compared with itself for the changes map


def _found(text: str, blob: bytes) -> bool:
    """``text`` in a file's bytes, as UTF-8, Latin-1 or UTF-16 (PDF metadata) writes it."""
    return any(text.encode(enc) in blob for enc in ("utf-8", "latin-1", "utf-16-be"))


def test_the_shipped_register_is_credited_to_nivi(dataset, print_kommuner):
    assert dataset.register.provenance.credit == "NIVI Analyse 2021"
    assert dataset.register.provenance.division == "2020"
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("lvs",)))
    assert spec.source.startswith("Kilde: NIVI Analyse 2021") and "kommuneinndeling 2020" in spec.source


def test_an_upload_is_credited_to_its_file_and_its_uploader(uploaded):
    p = uploaded.register.provenance
    assert "NIVI" not in p.source_line()
    assert CREDIT in p.credit and "agder.csv" in p.credit


@pytest.mark.parametrize("fmt", list(EXPORTS))
@pytest.mark.parametrize("layer", list(LAYERS))
def test_every_export_of_an_upload_shows_its_own_source(uploaded, layer, fmt):
    kommuner = prepare_kommuner(uploaded, "trykk" if EXPORTS[fmt].medium == "trykk" else "region")
    spec = build_layer(uploaded, kommuner, layer, Filters(tjenester=("legevakt", "ppt"), kommune="4203"))
    assert CREDIT in spec.source
    blob = EXPORTS[fmt].render(spec, uploaded, Options(dpi=30))
    assert b"NIVI" not in blob
    if fmt == "registerrader":  # the register's own rows, each with its own citation (none cross a county border)
        assert (b"mitt notat s. 3" in blob) == ("lv-test" in spec.ordninger)
    else:
        assert _found(CREDIT, blob), fmt


def test_the_geojson_states_title_source_and_division(uploaded, print_kommuner):
    spec = build_layer(uploaded, print_kommuner, "dekning", Filters(tjenester=("legevakt",)))
    meta = json.loads(EXPORTS["geojson"].render(spec, uploaded, Options()))["metadata"]
    assert meta["kilde"] == spec.source and meta["register"] == "agder.csv" and meta["kommuneinndeling"] == "2020"


def test_the_static_footer_is_the_registers_source_line(uploaded, print_kommuner):
    spec = build_layer(uploaded, print_kommuner, "antall", Filters())
    assert spec.source in [t.get_text() for t in render_static(spec).texts]


def test_the_cli_draws_a_register_file_with_its_own_source(tmp_path, capsys):
    register = tmp_path / "mitt.csv"
    register.write_bytes(GOOD)
    for fmt in EXPORTS:
        out = tmp_path / f"kart.{fmt}"
        code = export.main(
            [
                "--register",
                str(register),
                "--kreditering",
                CREDIT,
                "--tjenester",
                "legevakt",
                "--out",
                str(out),
                "--dpi",
                "30",
            ]
        )
        assert code == 0, capsys.readouterr().err
        blob = out.read_bytes()
        assert b"NIVI" not in blob and (fmt == "registerrader" or _found(CREDIT, blob)), fmt


def test_the_cli_refuses_a_bad_register_with_the_upload_messages(tmp_path, capsys):
    register = tmp_path / "feil.csv"
    register.write_bytes(GOOD.replace(b"Grimstad", b"Grimstadt"))
    out = tmp_path / "kart.png"
    assert export.main(["--register", str(register), "--tjenester", "legevakt", "--out", str(out)]) == 2
    assert (
        "feil.csv, rad 2, kolonne deltakere: Ukjent kommune 'Grimstadt' — mente du Grimstad?" in capsys.readouterr().err
    )
    assert not out.exists()


def test_provenance_text_is_one_plain_line():
    p = for_upload("a\nb\u202e<img>.csv", credit="x" * 500)
    assert "\n" not in p.credit and "\u202e" not in p.credit and len(p.credit) < 300


def test_a_sidecar_with_unknown_fields_is_refused(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('tittel = "t"\nkilde = "k"\nkommuneinndeling = "1999"\nfarge = "rød"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"Ukjent felt 'farge'") as info:
        read_provenance(path)
    assert "Ukjent kommuneinndeling '1999'" in str(info.value)
    assert isinstance(Provenance("t", "k"), Provenance)
