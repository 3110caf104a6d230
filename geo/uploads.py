"""A register a user brings: CSV or XLSX in the register's format, validated like the shipped one."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from geo._csv import read_rows, table_rows
from geo.errors import DataError, Problem
from geo.names import NameBook, NameIndex
from geo.register import ORDNINGER_COLUMNS, Register, validate_ordninger

#: Largest register file accepted, in megabytes (also Streamlit's ``server.maxUploadSize``).
MAX_UPLOAD_MB = 5
SHEET = "ordninger"


def _fail(file: str, message: str) -> DataError:
    return DataError([Problem(file, message)])


def _open_sheet(data: bytes, file: str):
    """The register's sheet: the one called :data:`SHEET`, or the only one; merged cells refused."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _fail(file, f"Kunne ikke lese filen som Excel-arbeidsbok (XLSX): {exc}.") from None
    sheets = book.sheetnames
    if len(sheets) > 1 and SHEET not in sheets:
        raise _fail(
            file,
            f"Arbeidsboken har {len(sheets)} ark ({', '.join(sheets)}). Gi arket med "
            f"registeret navnet «{SHEET}», eller lagre bare det arket.",
        )
    sheet = book[SHEET] if SHEET in sheets else book[sheets[0]]
    merged = [str(r) for r in sheet.merged_cells.ranges]
    if merged:
        raise _fail(
            file,
            f"Arket «{sheet.title}» har sammenslåtte celler ({', '.join(merged[:5])}); "
            "del dem opp slik at hver rad har sine egne verdier.",
        )
    return sheet


def _cell(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _xlsx_rows(data: bytes, file: str):
    values = list(_open_sheet(data, file).iter_rows(values_only=True))
    if not values:
        raise _fail(file, "Filen er tom.")
    width = max(len(r) for r in values)
    header = [_cell(v) for v in values[0]]
    while header and header[-1] == "":  # trailing empty header cells are not columns
        header.pop()
    records = []
    for number, row in enumerate(values[1:], start=2):
        cells = [_cell(v) for v in row] + [""] * (width - len(row))
        if any(c.strip() for c in cells[len(header) :]):
            records.append((number, cells))  # reported as a row with too many cells
        else:
            records.append((number, cells[: len(header)]))
    return table_rows(header, records, file=file, required=ORDNINGER_COLUMNS)


def read_register_upload(
    data: bytes, filename: str, *, names: NameBook | NameIndex, tjenester: pd.DataFrame, credit: str = ""
) -> Register:
    """Validate an uploaded register file; raise :class:`DataError` with every problem.

    The register is credited to ``filename`` and to ``credit`` (what the uploader states), never
    to the shipped report. Nothing is written anywhere: the caller keeps the returned register
    for its own session.
    """
    size_mb = len(data) / 1_000_000
    if size_mb > MAX_UPLOAD_MB:
        raise DataError([Problem(filename, f"Filen er {size_mb:.1f} MB; høyst {MAX_UPLOAD_MB} MB er tillatt.")])
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        _, rows = _xlsx_rows(data, filename)
    elif lower.endswith(".csv"):
        _, rows = read_rows(data, file=filename, required=ORDNINGER_COLUMNS)
    else:
        raise DataError([Problem(filename, "Filtypen støttes ikke; bruk CSV (UTF-8, komma) eller XLSX.")])
    return validate_ordninger(rows, names=names, tjenester=tjenester, file=filename, credit=credit)
