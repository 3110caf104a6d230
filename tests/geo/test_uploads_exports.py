import pytest

from geo import settings
from geo.errors import DataError
from geo.query import arrangement_details, kommune_at, partners, search
from geo.register import ORDNINGER_COLUMNS
from geo.spreadsheet import frame_to_csv, neutralise, register_rows
from geo.uploads import MAX_UPLOAD_MB, read_register_upload
from tests.data.make_bad_registers import xlsx

ROW = ["lvs-x", "LVS X", "lvs", "Drammen; Lier", "ja", "Drammen", "avtale", 2016, "tabell 5.2 nr 11"]


def upload(dataset, data, name):
    return read_register_upload(data, name, names=dataset.names, tjenester=dataset.register.tjenester)


def test_xlsx_is_read_like_csv(dataset):
    reg = upload(dataset, xlsx({"ark": [ORDNINGER_COLUMNS, ROW]}), "mitt.xlsx")
    assert reg.ordninger.loc[0, "deltakere"] == ("3005", "3049")
    assert reg.ordninger.loc[0, "etablert"] == 2016  # a number cell is a year


def test_xlsx_problems_name_the_row(dataset):
    bad = [*ROW[:3], "Drammen; Liier", *ROW[4:]]
    with pytest.raises(
        DataError, match=r"mitt.xlsx, rad 3, kolonne deltakere: Ukjent kommune 'Liier' — mente du Lier\?"
    ):
        upload(dataset, xlsx({"ark": [ORDNINGER_COLUMNS, ROW, bad]}), "mitt.xlsx")


def test_xlsx_with_several_sheets_wants_the_register_sheet(dataset):
    with pytest.raises(DataError, match=r"har 2 ark \(notater, data\).*«ordninger»"):
        upload(dataset, xlsx({"notater": [["x"]], "data": [ORDNINGER_COLUMNS, ROW]}), "to.xlsx")
    reg = upload(dataset, xlsx({"notater": [["x"]], "ordninger": [ORDNINGER_COLUMNS, ROW]}), "to.xlsx")
    assert len(reg.ordninger) == 1


def test_xlsx_with_merged_cells_is_refused(dataset):
    with pytest.raises(DataError, match=r"sammenslåtte celler \(A2:A3\)"):
        upload(dataset, xlsx({"ark": [ORDNINGER_COLUMNS, ROW, ROW]}, merge="A2:A3"), "flett.xlsx")


def test_not_a_workbook_and_unknown_types(dataset):
    with pytest.raises(DataError, match="Excel-arbeidsbok"):
        upload(dataset, b"not a zip", "x.xlsx")
    with pytest.raises(DataError, match="Filtypen støttes ikke"):
        upload(dataset, b"a", "x.txt")


def test_upload_size_limit_is_stated(dataset):
    big = b"x" * (MAX_UPLOAD_MB * 1024 * 1024 + 1)
    with pytest.raises(DataError, match=f"høyst {MAX_UPLOAD_MB} MiB"):
        upload(dataset, big, "stor.csv")


@pytest.mark.parametrize(
    "cell, out",
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM", "'@SUM"),
        ("Drammen", "Drammen"),
        (None, ""),
    ],
)
def test_formula_cells_are_neutralised(cell, out):
    assert neutralise(cell) == out


def test_csv_export_is_the_register_format_and_safe(dataset):
    frame = register_rows(dataset, ["lvs-hallingdal"])
    shipped_header = settings.ORDNINGER_PATH.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert list(frame.columns) == shipped_header
    frame.loc[frame.index[0], "navn"] = "=CMD()"
    text = frame_to_csv(frame).decode("utf-8-sig")
    assert "'=CMD()" in text and "Hol; Ål; Gol; Hemsedal; Nesbyen" in text
    # what we export can be read back as a register
    clean = frame_to_csv(register_rows(dataset, ["lvs-hallingdal", "fjellab"]))
    assert len(upload(dataset, clean, "eksport.csv").ordninger) == 2


def test_search_partners_details_and_click(dataset):
    assert search(dataset, "hjardal")[0] == ("kommune", "3819", "Hjartdal")
    assert ("ordning", "e134-haukelivegen-as", "E134 Haukelivegen AS") in search(dataset, "haugelivegen")
    top = partners(dataset, "3043").iloc[0]
    assert top["Kommune"] == "Hol"
    shared = dataset.register.medlemskap.groupby("ordning_id")["kommunenummer"].agg(set)
    assert top["Felles ordninger"] == sum({"3043", "3044"} <= s for s in shared)
    details = arrangement_details(dataset, "kommunekraft-as")
    assert "ufullstendig" in details["Deltakere"] and "tabell 5.7 nr 31" in details["Kilde"]
    assert kommune_at(dataset.kommuner, 10.75, 59.91) == "0301"  # Oslo
    assert kommune_at(dataset.kommuner, 0.0, 0.0) is None


def test_an_edited_table_is_checked_like_a_file(dataset):
    import pandas as pd

    from geo.io import load_names
    from geo.uploads import read_register_frame

    rows = register_rows(dataset, ["lvs-drammen", "lvs-hallingdal"])
    good = read_register_frame(
        rows,
        "redigert",
        names=load_names(),
        tjenester=dataset.register.tjenester,
        provenance=dataset.register.provenance,
    )
    assert list(good.ordninger["id"]) == ["lvs-drammen", "lvs-hallingdal"] and good.provenance.division == "2020"
    bad = rows.copy()
    bad.loc[bad.index[1], "deltakere"] = "Hol; Atlantis"
    bad = pd.concat([bad, pd.DataFrame([{**bad.iloc[0].to_dict(), "id": "ny", "tjeneste": "pppt"}])])
    with pytest.raises(DataError) as info:
        read_register_frame(bad, "redigert", names=load_names(), tjenester=dataset.register.tjenester)
    text = str(info.value)
    assert "redigert, rad 3, kolonne deltakere: Ukjent kommune 'Atlantis'" in text
    assert "rad 4, kolonne tjeneste: Ukjent tjenestekode 'pppt'" in text
