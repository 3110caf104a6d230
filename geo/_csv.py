"""Private table reading shared by the register files: CSV (and XLSX cells) to checked rows.

Every file-level problem becomes a :class:`~geo.errors.Problem`; rows come back with the row
number a spreadsheet shows (header = row 1, one row per record, whatever line breaks a cell
holds) so that row problems can name it. Files are read as people save them: UTF-8 with or
without BOM, UTF-16 ("Unicode-tekst" from Excel) and Windows-1252 (Norwegian Excel's "CSV"),
separated by comma, semicolon or tab; what was assumed is said in ``notes``. Everything is
bounded (:data:`MAX_CELL`, :data:`MAX_ROWS`, :data:`MAX_COLUMNS`), and no error of the csv
module or the codecs gets out as anything but a :class:`~geo.errors.DataError`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from geo._text import close_matches, normalise
from geo.errors import DataError, Problem
from geo.limits import MAX_CELL, MAX_COLUMNS, MAX_ROWS

Rows = list[tuple[int, dict[str, str]]]


class CheckedRows(list):
    """Rows read from a file, with the problems already found in their cells (and rows that could not
    be read as rows) carried along, so that the validator reports them with its own in one pass.
    ``refused`` holds ``(row, column)`` of every cell already refused: its value is blanked, and the
    validator says nothing more of it."""

    def __init__(self, rows=(), problems=(), refused=()):
        super().__init__(rows)
        self.problems: list[Problem] = list(problems)
        self.refused: set[tuple[int, str | None]] = set(refused)


#: Excel's error values: a cell that shows one holds no data.
EXCEL_ERRORS = (
    "#REF!",
    "#N/A",
    "#VALUE!",
    "#DIV/0!",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#GETTING_DATA",
    "#BLOCKED!",
    "#UNKNOWN!",
    "#CONNECT!",
    "#BUSY!",
)
_SEPARATORS = {",": "komma", ";": "semikolon", "\t": "tabulator"}


def _fail(file: str, message: str, row: int | None = None) -> DataError:
    return DataError([Problem(file, message, row)])


def decode(data: bytes, file: str, notes: list[str] | None = None) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    notes = notes if notes is not None else []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(
                file,
                "Filen ser ut som UTF-16 («Unicode-tekst» fra Excel), men er skadet. Lagre den som "
                "«CSV UTF-8» og prøv igjen.",
            ) from None
        notes.append("Filen er lest som UTF-16 («Unicode-tekst» fra Excel).")
        return text
    if data[:2000].count(b"\x00") > 10:
        raise _fail(
            file,
            "Filen ser ut som UTF-16 uten byte-rekkefølgemerke eller en binærfil, ikke en CSV-fil. "
            "Lagre den som «CSV UTF-8» og prøv igjen.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    notes.append(
        "Filen er ikke UTF-8 og er lest som Windows-1252 (slik norsk Excel lagrer «CSV»); sjekk at æ, ø og "
        "å ser riktige ut, eller lagre som «CSV UTF-8»."
    )
    return data.decode("cp1252", errors="replace")


def _separator(first_line: str) -> str:
    """The separator of the header line: comma, semicolon or tab, whichever it holds most of."""
    counts = {sep: first_line.count(sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def read_rows(
    source: str | Path | bytes,
    *,
    file: str,
    required: list[str],
    optional: list[str] | None = None,
    notes: list[str] | None = None,
) -> tuple[list[str], Rows]:
    """Read a CSV file into ``(header, rows)``.

    Parameters
    ----------
    optional
        Columns that may be there besides ``required``; given, any other column is refused (a
        misspelt optional column would otherwise lose its data).
    notes
        Receives what was assumed about the file (encoding, separator), in Norwegian.

    Raises
    ------
    DataError
        For an empty file, a header without rows, missing or unknown columns, an unclosed quote,
        over-long cells, too many rows or columns, and rows with more or fewer cells than the
        header — all problems found at once.
    """
    notes = notes if notes is not None else []
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    text = decode(data, file, notes)
    if not text.strip():
        raise _fail(file, "Filen er tom.")
    separator = _separator(text.split("\n", 1)[0])
    if separator != ",":
        notes.append(f"Filen er skilt med {_SEPARATORS[separator]} i stedet for komma; den er lest slik.")
    # no limit of the csv module's own: an over-long cell is read whole and named for what it is (its
    # length, row and column), and an unclosed quote runs to the end of the file and is named as such
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        header = next(reader)
        for number, cells in enumerate(reader, start=2):  # as a spreadsheet counts: one row per record
            if number - 1 > MAX_ROWS:
                raise _fail(file, f"Filen har mer enn {MAX_ROWS:,} rader; del den opp.".replace(",", " "))
            records.append((number, cells))
    except csv.Error as exc:
        raise _csv_problem(file, exc, len(records) + 2) from None
    return table_rows(header, records, file=file, required=required, optional=optional, csv_hints=True)


def _csv_problem(file: str, exc: csv.Error, row: int) -> DataError:
    text = str(exc)
    if "field larger than field limit" in text:
        return _fail(
            file,
            f'En celle er lengre enn {MAX_CELL} tegn; trolig mangler et avsluttende anførselstegn (") '
            "tidligere i filen.",
            row,
        )
    if "unexpected end of data" in text or "EOF" in text:
        return _fail(
            file,
            'Et anførselstegn (") som åpner en celle, lukkes aldri; se etter et anførselstegn som '
            "mangler sin makker fra denne raden og utover.",
            row,
        )
    return _fail(
        file,
        "Raden kan ikke leses som CSV (trolig et anførselstegn midt i en celle); sett cellen i "
        "anførselstegn og doble anførselstegnene inne i den.",
        row,
    )


def _character(ch: str) -> str:
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'ukjent tegn')})"


def cell_problem(value: str) -> str:
    """What is wrong with one cell's text, or ``""``: an Excel error value, control or
    direction-changing characters (named), or a cell over :data:`MAX_CELL` characters."""
    if len(value) > MAX_CELL:
        return f"Cellen er {len(value)} tegn lang; høyst {MAX_CELL} er tillatt."
    if value.strip().upper() in EXCEL_ERRORS:
        return f"Cellen har Excel-feilverdien {value.strip()}; rett formelen eller skriv verdien inn."
    for ch in value:
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in "\n\t") or (category == "Cf" and ch not in "\u00ad\u200d"):
            return (
                f"Cellen har et usynlig kontrolltegn {_character(ch)}, som kan endre hvordan teksten vises; fjern det."
            )
    return ""


def _header_name(raw) -> str:
    """A header cell: surrounding space and invisible characters (a BOM, a zero-width space) removed."""
    text = "" if raw is None else str(raw)
    return "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc")).strip()


def _check_header(header: list[str], file: str, required: list[str], optional: list[str] | None) -> list[Problem]:
    problems: list[Problem] = []
    present = {normalise(h): h for h in header if h}
    suggested = set()
    for name in required:
        if name not in header:
            hint = close_matches(name, present, n=1, cutoff=0.6)
            suggested.update(hint)
            tail = f" — fant '{hint[0]}'; mente du den?" if hint else ""
            problems.append(Problem(file, f"Mangler kolonnen '{name}'{tail}", row=1))
    for name in sorted({h for h in header if h and header.count(h) > 1}):
        problems.append(Problem(file, f"Kolonnen '{name}' står flere ganger i overskriften.", row=1))
    if optional is not None:
        known = list(required) + list(optional)
        for name in [h for h in header if h and h not in known and h not in suggested]:
            hint = close_matches(name, {normalise(k): k for k in known}, n=1, cutoff=0.6)
            tail = f" — mente du '{hint[0]}'?" if hint else f" Gyldige kolonner: {', '.join(known)}."
            problems.append(
                Problem(
                    file,
                    f"Ukjent kolonne '{name[:60]}'{tail} Dataene i den ville gått tapt; "
                    "rett navnet eller fjern kolonnen.",
                    row=1,
                )
            )
    if len(header) > MAX_COLUMNS:
        problems.append(Problem(file, f"Filen har {len(header)} kolonner; høyst {MAX_COLUMNS} er tillatt.", row=1))
    return problems


def table_rows(
    header: list,
    records: Iterable[tuple[int, list]],
    *,
    file: str,
    required: list[str],
    optional: list[str] | None = None,
    csv_hints: bool = False,
    refused_cells: Iterable[Problem] = (),
) -> tuple[list[str], CheckedRows]:
    """Check a header and its records (row number, cells) and return ``(header, rows)``.

    A problem with the header is raised at once (no row can be read without it); problems in cells and
    rows travel with the rows (:class:`CheckedRows`), as do ``refused_cells`` found before (an Excel
    formula without a value), so that the validator reports every problem of the file together."""
    header = [_header_name(h) for h in header]
    problems = _check_header(header, file, required, optional)
    carried = list(refused_cells)
    refused = {(p.row, p.column) for p in carried}
    rows: Rows = []
    for number, cells in records:
        cells = ["" if c is None else str(c) for c in cells]
        if not any(c.strip() for c in cells):
            continue  # a blank line carries no data
        if len(cells) != len(header):
            hint = " Et komma inne i et felt må stå i anførselstegn." if csv_hints else ""
            carried.append(
                Problem(file, f"Raden har {len(cells)} felt, men overskriften har {len(header)}.{hint}", row=number)
            )
            continue
        row = {}
        for h, c in zip(header, cells):
            why = cell_problem(c)
            if why:
                carried.append(Problem(file, why, number, h or None))
                refused.add((number, h or None))
            if (number, h or None) in refused:
                c = ""  # never work further on a cell already refused
            row[h] = c.strip()
        rows.append((number, row))
    if problems or not rows:
        if not rows and not problems and not carried:
            problems.append(Problem(file, "Filen har bare overskriftsraden og ingen rader med data."))
        raise DataError(problems + carried)
    return header, CheckedRows(rows, carried, refused)
