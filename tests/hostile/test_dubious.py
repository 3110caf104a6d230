"""Dubious data is refused, saying which character, value, column or row."""

import pytest

from geo.errors import DataError
from tests.hostile.conftest import EXPECTED, read_case

CASES = [
    "nul_tegn.csv",
    "retningsoverstyring.csv",
    "ansi_farge.csv",
    "feilstavet_valgfri_kolonne.csv",
    "excel_feilverdi.csv",
    "xlsx_excel_feilverdi.xlsx",
    "xlsx_skjult_ark.xlsx",
    "dobbel_tjeneste_kasus.csv",
    "samme_ordning_to_id.csv",
    "vognretur_i_celle.csv",
]


@pytest.mark.parametrize("name", CASES)
def test_dubious_data_is_refused_with_the_reason(dataset, names, name):
    result = read_case(name, dataset, names)
    assert isinstance(result, DataError), name
    assert EXPECTED[name] in str(result)


def test_a_control_character_is_named_with_row_and_column(dataset, names):
    problem = read_case("retningsoverstyring.csv", dataset, names).problems[0]
    assert (problem.row, problem.column) == (2, "navn") and "RIGHT-TO-LEFT OVERRIDE" in problem.message


def test_the_misspelt_column_would_have_lost_its_data(dataset, names):
    text = str(read_case("feilstavet_valgfri_kolonne.csv", dataset, names))
    assert "ville gått tapt" in text
