"""A register a user brings: CSV or XLSX in the register's format, validated like the shipped one.

Everything a file can do is bounded before it is read: its size (:data:`MAX_UPLOAD_BYTES`), an
XLSX's uncompressed size and declared dimension, the rows, columns and cells read (see
:mod:`geo._csv`). Whatever goes wrong reading it comes back as a :class:`~geo.errors.DataError`
with a Norwegian message, never as another exception, and never with a server path in it.
"""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

from geo._csv import read_rows, table_rows
from geo.errors import DataError, Problem
from geo.limits import MAX_COLUMNS, MAX_ROWS, MAX_UPLOAD_MB, MAX_XLSX_UNCOMPRESSED
from geo.names import NameBook, NameIndex
from geo.register import OPTIONAL_COLUMNS, ORDNINGER_COLUMNS, Register, validate_ordninger

#: Largest register file accepted (the app's uploader states the same limit).
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
SHEET = "ordninger"
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:([A-Z]+)(\d+)"')
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"')


def _fail(file: str, message: str) -> DataError:
    return DataError([Problem(file, message)])


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


#: The first bytes of an OLE2 compound file: the old Excel format (.xls, Excel 97–2003).
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _looks_like_text(data: bytes) -> bool:
    """Whether the start of ``data`` is text with a separator in its first line (a CSV file)."""
    head = data[:4096]
    if b"\x00" in head:
        return False
    try:
        first = head.decode("utf-8-sig", errors="strict").split("\n", 1)[0]
    except UnicodeDecodeError:
        first = head.decode("cp1252", errors="replace").split("\n", 1)[0]
    return any(sep in first for sep in (",", ";", "\t"))


def _check_zip(data: bytes, file: str) -> zipfile.ZipFile:
    """The XLSX as a zip archive, refused before anything is unpacked if it would unpack too large."""
    if data.startswith(OLE2):
        raise _fail(
            file,
            "Filen er en eldre Excel-fil (.xls, Excel 97–2003) med endelsen .xlsx. Åpne den i Excel og lagre den "
            "som «Excel-arbeidsbok (.xlsx)» eller «CSV UTF-8», og last den opp igjen.",
        )
    if not data.startswith(b"PK") and _looks_like_text(data):
        raise _fail(
            file,
            "Filen er tekst (trolig CSV) med endelsen .xlsx. Gi den endelsen .csv, eller lagre den som "
            "«Excel-arbeidsbok (.xlsx)» i Excel, og last den opp igjen.",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        total = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _fail(
            file,
            "Kunne ikke lese filen som Excel-arbeidsbok (XLSX); den er skadet eller ikke en XLSX-fil. "
            "Åpne den i Excel og lagre den på nytt.",
        ) from None
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _fail(
            file,
            f"Arbeidsboken pakkes ut til {total / 1024 / 1024:.0f} MiB; høyst "
            f"{MAX_XLSX_UNCOMPRESSED // 1024 // 1024} MiB er tillatt. Lagre bare arket med registeret.",
        )
    return archive


def _sheet_xml_checks(archive: zipfile.ZipFile, sheet_path: str, title: str, file: str) -> bool:
    """Refuse a sheet whose declared size is beyond the budget, or with merged cells, before it is
    read; say whether it holds formulas (``<f>`` elements)."""
    try:
        xml = archive.read(sheet_path)
    except KeyError:
        message = f"Arket «{title}» mangler i arbeidsboken (filen er skadet); lagre den på nytt i Excel."
        raise _fail(file, message) from None
    found = _DIMENSION.search(xml[:4096])
    if found and (_column_number(found.group(1)) > MAX_COLUMNS * 4 or int(found.group(2)) > MAX_ROWS * 4):
        raise _fail(
            file,
            f"Arket «{title}» sier det er {found.group(1).decode()}{int(found.group(2))} stort; høyst "
            f"{MAX_ROWS} rader og {MAX_COLUMNS} kolonner leses. Slett tomme rader og kolonner.",
        )
    merged = [m.decode() for m in _MERGE.findall(xml)]
    if merged:
        raise _fail(
            file,
            f"Arket «{title}» har sammenslåtte celler ({', '.join(merged[:5])}); del dem opp slik at "
            "hver rad har sine egne verdier.",
        )
    return b"<f>" in xml or b"<f " in xml


def _choose_sheet(book, file: str):
    """The register's sheet: the visible one called :data:`SHEET`, or the only visible one."""
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    by_title = {ws.title: ws for ws in book.worksheets}
    if SHEET in by_title and by_title[SHEET].sheet_state != "visible":
        raise _fail(file, f"Arket «{SHEET}» er skjult; vis det i Excel (høyreklikk på en arkfane, «Vis») og lagre.")
    if SHEET in by_title:
        return by_title[SHEET]
    if len(visible) == 1:
        return visible[0]
    if not visible:
        raise _fail(file, "Arbeidsboken har ingen synlige ark.")
    tail = f" Skjulte ark leses ikke ({', '.join(hidden)})." if hidden else ""
    raise _fail(
        file,
        f"Arbeidsboken har {len(visible)} ark ({', '.join(ws.title for ws in visible)}). Gi arket med "
        f"registeret navnet «{SHEET}», eller lagre bare det arket.{tail}",
    )


def _cell(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _values(sheet) -> list[tuple]:
    rows = []
    for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
        rows.append(row)
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def _formulas_without_values(data: bytes, title: str, values: list[tuple], file: str) -> list[Problem]:
    """Cells that hold a formula Excel never computed (no cached value): they read as empty."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    problems = []
    for number, (formulas, shown) in enumerate(zip(_values(book[title]), values), start=1):
        for col, (f, v) in enumerate(zip(formulas, shown)):
            if v is None and isinstance(f, str) and f.startswith("="):
                header = _cell(values[0][col]) if col < len(values[0]) else ""
                problems.append(
                    Problem(
                        file,
                        f"Cellen har formelen {f[:40]} uten lagret verdi; åpne filen i Excel, "
                        "lagre den, og last den opp igjen (eller skriv verdien inn).",
                        number,
                        header or None,
                    )
                )
    return problems


def _xlsx_rows(data: bytes, file: str):
    import openpyxl

    archive = _check_zip(data, file)
    _check_parts(archive, file)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = _choose_sheet(book, file)
    sheet_paths = {ws.title: p for ws, p in zip(book.worksheets, _sheet_paths(archive))}
    has_formulas = True  # a sheet whose part cannot be found is checked the slow way
    if sheet.title in sheet_paths:
        has_formulas = _sheet_xml_checks(archive, sheet_paths[sheet.title], sheet.title, file)
    values = _values(sheet)
    if not values or not any(any(c is not None and str(c).strip() for c in r) for r in values):
        raise _fail(file, "Filen er tom.")
    if len(values) > MAX_ROWS + 1:
        raise _fail(file, f"Arket har mer enn {MAX_ROWS} rader; del det opp.")
    formulas = _formulas_without_values(data, sheet.title, values, file) if has_formulas else []
    width = max(len(r) for r in values)
    header = [_cell(v) for v in values[0]]
    while header and header[-1] == "":  # trailing empty header cells are not columns
        header.pop()
    records = []
    for number, row in enumerate(values[1:], start=2):
        cells = [_cell(v) for v in row] + [""] * (width - len(row))
        while len(cells) > len(header) and not cells[-1].strip():
            cells.pop()  # read-only sheets pad rows with empty cells
        if any(c.strip() for c in cells[len(header) :]):
            records.append((number, cells))  # reported as a row with too many cells
        else:
            records.append((number, cells[: len(header)]))
    return table_rows(
        header, records, file=file, required=ORDNINGER_COLUMNS, optional=OPTIONAL_COLUMNS, refused_cells=formulas
    )


def _check_parts(archive: zipfile.ZipFile, file: str) -> None:
    """Every sheet the workbook lists must be in the archive."""
    missing = [p for p in _sheet_paths(archive) if p not in archive.namelist()]
    if missing:
        raise _fail(file, "Et ark i arbeidsboken mangler (filen er skadet); åpne den i Excel og lagre den på nytt.")


def _sheet_paths(archive: zipfile.ZipFile) -> list[str]:
    """The sheets' XML parts in workbook order (from the workbook's relationships)."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return []
    targets = dict(re.findall(rb'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(rb'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    order = re.findall(rb'<sheet [^>]*r:id="([^"]+)"', workbook)
    paths = []
    for rid in order:
        target = targets.get(rid, b"").decode()
        paths.append(target.lstrip("/") if target.startswith("/") else "xl/" + target)
    return paths


def _read(data: bytes, filename: str, notes: list[str]):
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        return _xlsx_rows(data, filename)
    if lower.endswith(".csv"):
        return read_rows(data, file=filename, required=ORDNINGER_COLUMNS, optional=OPTIONAL_COLUMNS, notes=notes)
    raise _fail(filename, "Filtypen støttes ikke; bruk CSV eller XLSX.")


def read_register_upload(
    data: bytes, filename: str, *, names: NameBook | NameIndex, tjenester: pd.DataFrame, credit: str = ""
) -> Register:
    """Validate an uploaded register file; raise :class:`DataError` with every problem.

    The register is credited to ``filename`` and to ``credit`` (what the uploader states), never
    to the shipped report. Nothing is written anywhere: the caller keeps the returned register
    for its own session. No exception but :class:`DataError` comes out of it.
    """
    from geo.provenance import clean_text

    shown = clean_text(filename, limit=80) or "filen"
    if len(data) > MAX_UPLOAD_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")
        raise _fail(shown, f"Filen er {size} MiB; høyst {MAX_UPLOAD_MB} MiB er tillatt.")
    notes: list[str] = []
    try:
        _, rows = _read(data, shown, notes)
        return validate_ordninger(rows, names=names, tjenester=tjenester, file=shown, credit=credit, notes=notes)
    except DataError:
        raise
    except Exception as exc:  # a damaged or hand-made file: say so, never show a trace or a server path
        kind = type(exc).__name__
        chain, cause = [], exc
        while cause is not None and len(chain) < 10:
            chain.append(type(cause).__name__)
            cause = cause.__cause__ or cause.__context__
        entity = any(name in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden") for name in chain)
        what = (
            "Filen inneholder XML-entiteter eller en DTD, som en vanlig Excel-fil ikke har; lagre den på nytt i Excel."
            if entity
            else f"Filen kunne ikke leses ({kind}); den er trolig skadet. Åpne den i Excel "
            "eller et regneark og lagre den på nytt."
        )
        raise _fail(shown, what) from None


def read_register_frame(
    frame: pd.DataFrame,
    name: str,
    *,
    names: NameBook | NameIndex,
    tjenester: pd.DataFrame,
    credit: str = "",
    provenance=None,
) -> Register:
    """Validate a register edited as a table (the app's data editor): the same checks and Norwegian
    messages as a file, rows counted as a spreadsheet counts them (the header is row 1). An edit of
    a register keeps its ``provenance`` (and so its kommune division)."""
    from geo.provenance import clean_text

    shown = clean_text(name, limit=80) or "redigert register"
    if len(frame) > MAX_ROWS:
        raise _fail(shown, f"Registeret har {len(frame)} rader; høyst {MAX_ROWS}.")
    header = [str(c) for c in frame.columns]
    records = [
        (number, ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row])
        for number, row in enumerate(frame.itertuples(index=False), start=2)
    ]
    _, rows = table_rows(header, records, file=shown, required=ORDNINGER_COLUMNS, optional=OPTIONAL_COLUMNS)
    return validate_ordninger(rows, names=names, tjenester=tjenester, file=shown, credit=credit, provenance=provenance)
