"""The command line takes the app's filters and every export format; bad arguments and paths get a
Norwegian message and exit code 2, never a traceback, and nothing is written."""

import json

import pytest

from layers import export
from layers.formats import EXPORTS


def test_every_format_of_the_registry_is_offered(tmp_path):
    for fmt in EXPORTS:
        out = tmp_path / f"ppt{EXPORTS[fmt].suffix}"
        assert export.main(["--tjenester", "ppt", "--format", fmt, "--out", str(out), "--dpi", "30"]) == 0
        assert out.stat().st_size > 100


def test_csv_and_geojson_hold_what_the_map_shows(tmp_path, dataset):
    csv_out, geo_out = tmp_path / "lvs.csv", tmp_path / "lvs.geojson"
    assert export.main(["--tjenester", "lvs", "--out", str(csv_out)]) == 0
    assert export.main(["--tjenester", "lvs", "--out", str(geo_out)]) == 0
    text = csv_out.read_text(encoding="utf-8-sig")
    assert "lvs-drammen" in text and "legevakt" not in text.split("\n")[0]
    collection = json.loads(geo_out.read_text(encoding="utf-8"))
    ids = {f["properties"]["id"] for f in collection["features"] if f["properties"]["type"] == "ordning"}
    assert "lvs-drammen" in ids and collection["metadata"]["kilde"].startswith("Kilde: NIVI Analyse 2021")


def test_sector_and_kommune_filters_as_in_the_app(tmp_path):
    out = tmp_path / "helse.geojson"
    assert export.main(["--lag", "antall", "--sektor", "helse", "--kommune", "Ål", "--out", str(out)]) == 0
    meta = json.loads(out.read_text(encoding="utf-8"))["metadata"]
    assert "helse" in meta["tittel"].lower()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tjenester", "ppt", "--format", "png", "--out", "kart.svg"], "slutter ikke på .png"),
        (["--tjenester", "ppt", "--out", "kart.jpg"], "Ukjent filformat 'jpg'"),
        (["--tjenester", "ppt", "--out", "kart"], "har ingen filendelse"),
        (["--tjenester", "ppt", "--out", "kart.png", "--dpi", "100000"], "--dpi må være mellom"),
        (["--tjenester", "ppt", "--out", "kart.png", "--kommune", "Åll"], "Ukjent kommune 'Åll'"),
        (["--lag", "antall", "--sektor", "Helsee", "--out", "kart.png"], "Ukjent sektor 'Helsee'. Mente du Helse?"),
        (["--lag", "dekning", "--out", "kart.png"], "Velg minst én tjeneste"),
        (["--register", "finnes-ikke.csv", "--tjenester", "ppt", "--out", "kart.png"], "Fant ikke registerfilen"),
        (["--tjenester", "ppt", "--out", "kart.png", "--dpi", "mye"], "er ikke et heltall"),
        (["--tjenester", "ppt", "--out", "kart.png", "--farge", "rød"], "ukjente argumenter"),
    ],
)
def test_bad_arguments_get_a_norwegian_message_and_exit_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) if message in ("er ikke et heltall", "ukjente argumenter") else _nothing() as exit_:
        code = export.main(args)
    code = exit_.value.code if exit_ is not None else code
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_directory_as_out_is_refused(tmp_path, capsys):
    assert export.main(["--tjenester", "ppt", "--out", str(tmp_path)]) == 2
    assert "er en mappe" in capsys.readouterr().err


class _nothing:
    value = None

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_the_division_is_a_flag_and_the_map_says_which_is_drawn(tmp_path):
    out = tmp_path / "lvs.geojson"
    assert export.main(["--tjenester", "lvs", "--kommuneinndeling", "2024", "--out", str(out)]) == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert "kommuneinndeling 2024" in collection["metadata"]["kilde"]
    drammen = [f for f in collection["features"] if f["properties"]["id"] == "lvs-drammen"]
    assert drammen  # the NIVI register drawn on today's boundaries
    assert export.main(["--tjenester", "lvs", "--kommuneinndeling", "2023", "--out", str(out)]) == 2


def test_report_pages_title_less_figures_and_excel_csv(tmp_path):
    from PIL import Image

    for side, size in (("a4", (8.27, 11.69)), ("a4-liggende", (11.69, 8.27))):
        out = tmp_path / f"{side}.png"
        assert export.main(["--tjenester", "lvs", "--side", side, "--out", str(out), "--dpi", "40"]) == 0
        width, height = Image.open(out).size
        assert (width, height) == pytest.approx((size[0] * 40, size[1] * 40), abs=2)
    svg = tmp_path / "uten.svg"
    assert export.main(["--tjenester", "lvs", "--uten-tittel", "--out", str(svg)]) == 0
    from layers.static_map import render_static

    texts = [t.get_text() for t in render_static(_lvs_spec(), title=False).texts]
    assert not any("Samarbeid om" in t for t in texts) and any(t.startswith("Kilde:") for t in texts)
    excel = tmp_path / "excel.csv"
    assert export.main(["--tjenester", "lvs", "--format", "csv-excel", "--out", str(excel)]) == 0
    text = excel.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffType;Id eller kommunenummer;Navn;") and "lvs-drammen;" in text


def test_export_names_keep_norwegian_letters():
    from layers.state import ViewState, export_stem

    assert (
        export_stem(ViewState(tjenester=("ppt",), omrade="Vestfold og Telemark")) == "dekning-ppt-vestfold-og-telemark"
    )
    assert export_stem(ViewState(omrade="Studieområdet")) == "dekning-legevakt-studieområdet"


def _lvs_spec():
    from geo.io import load_dataset
    from layers.data import prepare_kommuner
    from layers.filters import Filters
    from layers.registry import build_layer

    data = load_dataset()
    return build_layer(data, prepare_kommuner(data, "trykk"), "dekning", Filters(tjenester=("lvs",)))


def test_the_classification_of_a_choropleth_is_a_real_option(tmp_path):
    import csv
    import io

    out = tmp_path / "antall.csv"
    assert export.main(["--lag", "antall", "--klassifisering", "kvantiler", "--klasser", "3", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len({r["Klasse i kartet"] for r in rows}) == 3
    assert export.main(["--lag", "antall", "--klasser", "20", "--out", str(out)]) == 2
    assert export.main(["--lag", "antall", "--klassifisering", "kvantil", "--out", str(out)]) == 2


def test_a_register_with_its_arrangements_life_is_drawn_as_of_its_year_unless_all_is_asked(tmp_path, capsys):
    import csv
    from datetime import date

    from geo import settings

    example = settings.DATA_DIR / "eksempler" / "samarbeid_over_tid.csv"

    def drawn(*per: str) -> set[str]:
        out = tmp_path / "rad.csv"
        assert export.main(["--register", str(example), "--lag", "regionrad", *per, "--out", str(out)]) == 0
        rows = csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())
        return {r["Id eller kommunenummer"] for r in rows if r["Type"] == "ordning"}

    today = drawn()  # read in today: as of this year (Rådet for Drammensregionen ended in 2012)
    assert today == drawn("--per", str(date.today().year)) and "radet-for-drammensregionen" not in today
    assert "radet-for-drammensregionen" in drawn("--per", "alle")
    with pytest.raises(SystemExit) as refused:
        export.main(["--register", str(example), "--per", "i fjor", "--out", str(tmp_path / "x.csv")])
    assert refused.value.code == 2 and "må være et årstall fra 1800 til 2100, eller «alle»" in capsys.readouterr().err
