"""«Egen tjeneste» is a statement: a map says it only where the register does — a row of the form
"egen tjeneste", or a register that states it maps its area completely (the shipped one) for a
service every kommune must provide. Elsewhere a kommune in no arrangement has "ingen ordning registrert"."""

import pytest

from geo.errors import DataError
from geo.io import load_names, with_register
from geo.spreadsheet import register_rows
from geo.uploads import read_register_upload
from layers import export
from layers.filters import Filters
from layers.formats import EXPORTS
from layers.registry import build_layer

HEADER = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
TWO_SERVICES = (
    HEADER + 'lv-hallingdal,Legevakt i Hallingdal,legevakt,"Hol; Ål; Gol",ja,Ål,avtale,2019,eget\n'
    'ppt-ringerike,PPT Ringerike og Hole,ppt,"Ringerike; Hole",ja,,,,eget\n'
)
STATED = TWO_SERVICES + "ringerike-lv,Ringerike legevakt,legevakt,Ringerike,ja,,egen tjeneste,,kommunens nettside\n"


def _upload(dataset, text: str, name: str = "to.csv"):
    register = read_register_upload(text.encode(), name, names=load_names(), tjenester=dataset.register.tjenester)
    return with_register(dataset, register, division="2020")


def _said(spec) -> str:
    """Everything a map writes: title, legend, notes, labels and tooltips."""
    return " ".join(
        [spec.title, spec.subtitle, *(e.label for e in spec.legend), *spec.notes, *spec.areas["tooltip"]]
    ).lower()


def test_an_upload_that_states_nothing_is_never_drawn_as_own_service(dataset, screen_kommuner):
    data = _upload(dataset, TWO_SERVICES)
    spec = build_layer(data, screen_kommuner, "dekning", Filters(tjenester=("legevakt",)))
    assert "egen tjeneste" not in _said(spec)
    assert set(spec.areas.query("kind == 'ingen'")["key"]) == {"3007", "3038"}  # Ringerike, Hole
    assert "Ingen ordning registrert" in [e.label for e in spec.legend]


def test_a_row_of_the_form_egen_tjeneste_is_drawn_as_own_service_and_is_no_arrangement(dataset, screen_kommuner):
    data = _upload(dataset, STATED)
    assert list(data.register.ordninger["id"]) == ["lv-hallingdal", "ppt-ringerike"]
    assert list(data.register.egne["id"]) == ["ringerike-lv"]
    spec = build_layer(data, screen_kommuner, "dekning", Filters(tjenester=("legevakt",)))
    assert set(spec.areas.query("kind == 'egen'")["key"]) == {"3007"}
    assert set(spec.areas.query("kind == 'ingen'")["key"]) == {"3038"}
    labels = [e.label for e in spec.legend]
    assert "Egen tjeneste (ingen ordning)" in labels and "Ingen ordning registrert" in labels
    assert any("der registeret sier" in n for n in spec.notes)
    assert "ringerike-lv" in spec.ordninger  # the register-rows export holds the statement behind the map
    counts = build_layer(data, screen_kommuner, "antall", Filters())
    assert "Ringerike\n1" in set(counts.labels["text"])  # the statement is not counted as an arrangement
    assert list(register_rows(data, data.register.rows["id"])["id"]) == [
        "lv-hallingdal",
        "ppt-ringerike",
        "ringerike-lv",
    ]


def test_the_shipped_register_states_its_area_completely_and_says_so_on_the_map(dataset, screen_kommuner):
    assert dataset.register.provenance.complete
    spec = build_layer(dataset, screen_kommuner, "dekning", Filters(tjenester=("barnevernvakt",)))
    assert "3006" in set(spec.areas.query("kind == 'egen'")["key"])  # Kongsberg, as the report says
    assert any("kartlegger alle formelle ordninger" in n for n in spec.notes)
    spec = build_layer(dataset, screen_kommuner, "dekning", Filters(tjenester=("logoped",)))  # not every kommune's
    assert spec.areas.query("kind == 'egen'").empty


@pytest.mark.parametrize(
    "row, message",
    [
        ('x,Felles,legevakt,"Hol; Ål",ja,,egen tjeneste,,eget', "har 2 deltakere"),
        (
            "x,Hol legevakt,legevakt,Hol,ja,,egen tjeneste,,eget",
            "men kommunen er med i ordningen «Legevakt i Hallingdal»",
        ),
        ("x,Hole PPT,ppt,Hole,ja,,Egen Tjeneste,,eget", "men kommunen er med i ordningen «PPT Ringerike og Hole»"),
    ],
)
def test_a_statement_of_own_service_is_validated_like_the_rest(dataset, row, message):
    with pytest.raises(DataError, match=message) as info:
        _upload(dataset, TWO_SERVICES + row + "\n")
    assert "rad 4" in str(info.value.problems[0])


def test_the_cli_exports_of_the_legevakt_map_say_egen_tjeneste_nowhere(tmp_path, dataset, print_kommuner):
    register = tmp_path / "to.csv"
    register.write_text(TWO_SERVICES, encoding="utf-8")
    for fmt in ("html", "svg", "png"):
        out = tmp_path / f"legevakt{EXPORTS[fmt].suffix}"
        assert (
            export.main(["--register", str(register), "--tjenester", "legevakt", "--out", str(out), "--dpi", "30"]) == 0
        )
        if fmt != "png":
            text = out.read_text(encoding="utf-8").lower()
            assert "egen tjeneste" not in text and "ingen ordning registrert" in text
    # the PNG is drawn from this spec (the static renderer writes only what the spec holds)
    spec = build_layer(_upload(dataset, TWO_SERVICES), print_kommuner, "dekning", Filters(tjenester=("legevakt",)))
    assert "egen tjeneste" not in _said(spec)
