"""Damaged or hand-made files give a Norwegian message naming the file, never a trace or a path."""

import re

import pytest

from geo.errors import DataError
from tests.hostile.conftest import EXPECTED, read_case

CASES = [
    "felt_over_grensen.csv",
    "aapent_anforselstegn.csv",
    "xlsx_delt_streng_utenfor.xlsx",
    "xlsx_mangler_arkdel.xlsx",
    "xlsx_avkuttet.xlsx",
    "xlsx_entiteter.xlsx",
    "ikke_xlsx.xlsx",
]
#: What a message must never carry: a trace, a server path, or the libraries' English.
LEAKS = re.compile(r"Traceback|File \"|/work/|site-packages|\.py\b|Unable to|could not|invalid|Error:", re.I)


@pytest.mark.parametrize("name", CASES)
def test_damaged_files_get_a_message(dataset, names, name):
    result = read_case(name, dataset, names)
    assert isinstance(result, DataError), name
    text = str(result)
    assert EXPECTED[name] in text
    assert not LEAKS.search(text), text
    assert all(str(p).startswith(name) for p in result.problems)


def test_a_damaged_xlsx_tells_what_to_do(dataset, names):
    text = str(read_case("xlsx_avkuttet.xlsx", dataset, names))
    assert "lagre den på nytt" in text


def test_the_unclosed_quote_names_the_row_it_opens_in(dataset, names):
    result = read_case("aapent_anforselstegn.csv", dataset, names)
    assert "rad 3" in str(result)
