"""The corpus of bad registers: each gives its clear message (file, and row and column where it
has them) or is read right when it is only a format variant; none gets through half-read."""

import csv

import pytest

from geo import settings
from geo.errors import DataError
from geo.io import load_names
from geo.uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, read_register_upload

CORPUS = settings.ROOT / "tests" / "data" / "bad_registers"
CASES = list(csv.DictReader(open(CORPUS / "expected.csv", encoding="utf-8")))


def test_the_corpus_is_large_and_has_both_formats():
    names = [c["fil"] for c in CASES]
    assert len(names) >= 40
    assert sum(n.endswith(".csv") for n in names) >= 30 and sum(n.endswith(".xlsx") for n in names) >= 8


@pytest.mark.parametrize("case", CASES, ids=[c["fil"] for c in CASES])
def test_bad_register(dataset, case):
    data = (CORPUS / case["fil"]).read_bytes()
    read = lambda: read_register_upload(data, case["fil"], names=load_names(), tjenester=dataset.register.tjenester)  # noqa: E731
    if case["forventet"] == "ok":
        register = read()
        assert len(register.ordninger) >= 1
        return
    with pytest.raises(DataError) as info:
        read()
    message = str(info.value)
    assert case["forventet"] in message
    assert all(str(p).startswith(case["fil"]) for p in info.value.problems)  # every line names the file


def test_row_and_column_are_named_where_a_cell_is_wrong(dataset):
    data = (CORPUS / "ukjent_tjeneste.csv").read_bytes()
    with pytest.raises(DataError) as info:
        read_register_upload(data, "ukjent_tjeneste.csv", names=dataset.names, tjenester=dataset.register.tjenester)
    assert str(info.value.problems[0]).startswith("ukjent_tjeneste.csv, rad 2, kolonne tjeneste: ")


def test_a_file_over_the_upload_limit(dataset):
    data = b"x" * (MAX_UPLOAD_BYTES + 60_000)
    with pytest.raises(DataError, match=rf"stor\.csv: Filen er {MAX_UPLOAD_MB},1 MiB; høyst {MAX_UPLOAD_MB} MiB"):
        read_register_upload(data, "stor.csv", names=dataset.names, tjenester=dataset.register.tjenester)
