"""Private table reading shared by the register files: CSV (and XLSX cells) to checked rows.

Every file-level problem becomes a :class:`~geo.errors.Problem`; rows come back with the
row number a spreadsheet would show (header = row 1) so that row problems can name it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from geo._text import close_matches, normalise
from geo.errors import DataError, Problem

Rows = list[tuple[int, dict[str, str]]]


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM); anything else is refused with the line it failed on."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    file,
                    f"Filen er ikke UTF-8 (ugyldig byte på linje {line}); den er trolig lagret som "
                    "Latin-1/Windows-1252. Lagre den som «CSV UTF-8» og prøv igjen.",
                )
            ]
        ) from None


def read_rows(source: str | Path | bytes, *, file: str, required: list[str]) -> tuple[list[str], Rows]:
    """Read a comma-separated file into ``(header, rows)``.

    Raises
    ------
    DataError
        For an empty file, a header without rows, a wrong delimiter, missing columns, and
        rows with more or fewer cells than the header — all found problems at once.
    """
    data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    text = decode(data, file)
    if not text.strip():
        raise DataError([Problem(file, "Filen er tom.")])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "semikolon (;)" if ";" in header[0] else "tabulator"
        raise DataError(
            [
                Problem(
                    file,
                    f"Feil skilletegn: overskriftsraden er delt med {sep}; registeret bruker komma (,). "
                    "Lagre filen som kommaseparert CSV (UTF-8).",
                    row=1,
                )
            ]
        )

    def records():
        end = reader.line_num
        for cells in reader:
            number, end = end + 1, reader.line_num  # the line a record starts on, as a spreadsheet counts
            yield number, cells

    return table_rows(header, records(), file=file, required=required)


def table_rows(
    header: list, records: Iterable[tuple[int, list]], *, file: str, required: list[str]
) -> tuple[list[str], Rows]:
    """Check a header and its records (row number, cells) and return ``(header, rows)``."""
    header = [("" if h is None else str(h)).strip() for h in header]
    problems: list[Problem] = []
    present = {normalise(h): h for h in header if h}
    for name in required:
        if name not in header:
            hint = close_matches(name, present, n=1, cutoff=0.6)
            tail = f" — fant '{hint[0]}'; mente du den?" if hint else ""
            problems.append(Problem(file, f"Mangler kolonnen '{name}'{tail}", row=1))
    for name in sorted({h for h in header if h and header.count(h) > 1}):
        problems.append(Problem(file, f"Kolonnen '{name}' står flere ganger i overskriften.", row=1))
    rows: Rows = []
    for number, cells in records:
        cells = ["" if c is None else str(c) for c in cells]
        if not any(c.strip() for c in cells):
            continue  # a blank line carries no data
        if len(cells) != len(header):
            problems.append(
                Problem(
                    file,
                    f"Raden har {len(cells)} felt, men overskriften har {len(header)}. "
                    "Et komma inne i et felt må stå i anførselstegn.",
                    row=number,
                )
            )
            continue
        rows.append((number, {h: c.strip() for h, c in zip(header, cells)}))
    if not rows and not problems:
        problems.append(Problem(file, "Filen har bare overskriftsraden og ingen rader med data."))
    if problems:
        raise DataError(problems)
    return header, rows
