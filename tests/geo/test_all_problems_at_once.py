"""Every problem of a file in one pass, each pointing the right way: an Excel error value hides no
other problem, an over-long cell is named for its length (not for a missing quote), an old .xls
renamed .xlsx is named as such, the id rule says what it allows, and link values are read without case."""

import io

import openpyxl
import pytest

from geo.errors import DataError
from geo.io import load_names
from geo.uploads import read_register_upload
from layers.state import ViewState, state_from_query

HEADER = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde"
ROWS = [
    'a,Legevakt A,legevakt,"Drammen; Lier",ja,Drammen,avtale,2019,eget',
    'b,PPT B,#REF!,"Hol; Ål",ja,,,,eget',  # an Excel error value …
    'c,LVS C,lvs,"Drammen; Hjardal",ja,,,,eget',  # … and, after it, seven more problems
    'd,Barnevernvakt D,barnevernvakt,"Gol; Ål",kanskje,,,,eget',
    'e,IKT E,ikt,"Gol; Ål",ja,Drammen,,,eget',
    'f,Revisjon F,revisjon,"Gol; Ål",ja,,IKSS,,eget',
    'g,PPT G,ppt,"Gol; Ål",ja,,,19x9,eget',
    'h,NAV H,nav,"Gol; Ål",ja,,,,',
    'a,Krisesenter,krisesenter,"Gol; Ål",ja,,,,eget',
]


def _problems(data: bytes, name: str) -> list[str]:
    with pytest.raises(DataError) as info:
        read_register_upload(data, name, names=load_names(), tjenester=_tjenester())
    return [str(p) for p in info.value.problems]


def _tjenester():
    from layers.data import shipped

    return shipped().register.tjenester


def _xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ordninger"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


EXPECTED = [
    ("rad 3, kolonne tjeneste", "Excel-feilverdien #REF!"),
    ("rad 4, kolonne deltakere", "Hjartdal"),
    ("rad 5, kolonne deltakere_komplett", "kanskje"),
    ("rad 6, kolonne vertskommune", "ikke blant deltakerne"),
    ("rad 7, kolonne juridisk_form", "IKSS"),
    ("rad 8, kolonne etablert", "19x9"),
    ("rad 9, kolonne kilde", "Kilde mangler"),
    ("rad 10, kolonne id", "står også i rad 2"),
]


def _check(problems: list[str]) -> None:
    assert len(problems) == len(EXPECTED), problems
    for (where, what), problem in zip(EXPECTED, problems):  # every one, in the order of the file
        assert where in problem and what in problem, (where, what, problem)


def test_an_excel_error_value_hides_no_other_problem_in_a_csv():
    _check(_problems(("\n".join([HEADER, *ROWS]) + "\n").encode(), "register.csv"))


def test_an_excel_error_value_hides_no_other_problem_in_an_xlsx():
    import csv

    rows = list(csv.reader(io.StringIO("\n".join([HEADER, *ROWS]))))
    _check(_problems(_xlsx(rows), "register.xlsx"))


def test_a_very_long_cell_is_named_for_its_length_not_a_missing_quote():
    long = "x" * 200_000
    data = f'{HEADER}\na,Legevakt,legevakt,"Drammen; Lier",ja,,,,"{long}"\n'.encode()
    (problem,) = _problems(data, "lang.csv")
    assert "rad 2, kolonne kilde" in problem and "200000 tegn lang" in problem and "anførselstegn" not in problem


def test_an_unclosed_quote_is_still_named_as_one():
    data = f'{HEADER}\na,Legevakt,legevakt,"Drammen; Lier,ja,,,,eget\n'.encode()
    assert any("anførselstegn" in p for p in _problems(data, "sitat.csv"))


def test_an_old_xls_renamed_xlsx_is_named_as_such():
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    (problem,) = _problems(old, "register.xlsx")
    assert "eldre Excel-fil (.xls" in problem
    (problem,) = _problems(f"{HEADER}\n".encode(), "register.xlsx")
    assert "tekst (trolig CSV)" in problem


def test_ids_may_hold_capitals_as_the_rule_says_but_not_twice_in_two_cases():
    good = f'{HEADER}\nLV-Drammen,Legevakt,legevakt,"Drammen; Lier",ja,,,,eget\n'.encode()
    register = read_register_upload(good, "r.csv", names=load_names(), tjenester=_tjenester())
    assert list(register.ordninger["id"]) == ["LV-Drammen"]
    twice = good + b'lv-drammen,Legevakt 2,legevakt,"Hol; \xc3\x85l",ja,,,,eget\n'
    (problem,) = _problems(twice, "r.csv")
    assert "står også i rad 2 (store og små bokstaver regnes som like)" in problem
    (problem,) = _problems(f'{HEADER}\nlv-ø,Legevakt,legevakt,"Drammen; Lier",ja,,,,eget\n'.encode(), "r.csv")
    assert "små eller store, uten æ, ø og å" in problem


def test_link_values_are_read_without_case_as_the_upload_and_the_cli_read_them(dataset):
    state, notes = state_from_query(
        {"lag": "DEKNING", "tjenester": "LEGEVAKT,Ppt", "kommune": "drammen", "ordning": "LVS-DRAMMEN"}, dataset
    )
    assert notes == []
    assert state == ViewState(lag="dekning", tjenester=("legevakt", "ppt"), kommune="3005", ordning="lvs-drammen")
    state, notes = state_from_query({"lag": "antall", "sektor": "HELSE", "bakgrunnskart": "OSM"}, dataset)
    assert (state.sektor, state.bakgrunnskart, notes) == ("Helse", "osm", [])
