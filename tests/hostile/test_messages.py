"""Messages point the right way: the row a spreadsheet shows, the encoding and separator people
save with, what an invisible character or an Excel habit did, and advice that fits the file type."""

import pytest

from geo.errors import DataError
from geo.register import Register
from tests.hostile.conftest import EXPECTED, read_case


@pytest.mark.parametrize(
    "name",
    [
        "linjeskift_i_celle.csv",
        "komma_mellom_deltakere.csv",
        "null_foran_mangler.csv",
        "xlsx_formel_uten_verdi.xlsx",
        "xlsx_for_mange_felt.xlsx",
        "kyrillisk_a.csv",
    ],
)
def test_the_message_says_what_happened(dataset, names, name):
    result = read_case(name, dataset, names)
    assert isinstance(result, DataError) and EXPECTED[name] in str(result), str(result)


@pytest.mark.parametrize(
    "name, note",
    [
        ("unicode_tekst.csv", "UTF-16"),
        ("latin1.csv", "Windows-1252"),
        ("semikolon.csv", "semikolon"),
        ("tabulator.csv", "tabulator"),
    ],
)
def test_files_as_excel_saves_them_are_read_and_the_note_says_how(dataset, names, name, note):
    result = read_case(name, dataset, names)
    assert isinstance(result, Register) and any(note in n for n in result.notes)


def test_an_invisible_character_in_a_column_name_is_no_missing_column(dataset, names):
    assert isinstance(read_case("usynlig_i_kolonnenavn.csv", dataset, names), Register)


def test_a_multiline_cell_does_not_shift_later_row_numbers(dataset, names):
    problem = read_case("linjeskift_i_celle.csv", dataset, names).problems[0]
    assert problem.row == 3  # the third row as a spreadsheet shows it, though the file's line 5


def test_no_advice_about_commas_for_an_xlsx(dataset, names):
    assert "komma" not in str(read_case("xlsx_for_mange_felt.xlsx", dataset, names))


def test_official_parallel_sami_and_kven_names_are_read(dataset, names):
    reg = read_case("samiske_parallellnavn.csv", dataset, names)
    assert isinstance(reg, Register) and len(reg.ordninger.iloc[0]["deltakere"]) == 3


def test_the_size_limit_and_its_unit_agree_with_the_app():
    import tomllib

    from geo import settings
    from geo.uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB

    assert MAX_UPLOAD_BYTES == MAX_UPLOAD_MB * 1024 * 1024
    config = tomllib.loads((settings.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # Streamlit's own (English) refusal only meets files far beyond ours, which our message covers.
    assert config["server"]["maxUploadSize"] >= 4 * MAX_UPLOAD_MB
