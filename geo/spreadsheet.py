"""Data out: the register's own CSV format, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pandas as pd

from geo.io import Dataset
from geo.register import LIFECYCLE_COLUMNS, PARTY_COLUMNS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell) -> str:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ gets a leading ';
    carriage returns become line breaks, so no spreadsheet splits a row inside a cell."""
    text = "" if cell is None or (not isinstance(cell, str) and pd.isna(cell)) else str(cell)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text.startswith(FORMULA_START) else text


def frame_to_csv(frame: pd.DataFrame, *, separator: str = ",") -> bytes:
    """UTF-8 CSV (with BOM, so spreadsheets detect the encoding) with every cell neutralised;
    ``separator=";"`` for Norwegian Excel, which splits a CSV file on semicolons."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", delimiter=separator)
    writer.writerow([neutralise(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([neutralise(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def register_rows(data: Dataset, ordning_ids) -> pd.DataFrame:
    """Rows of the register (arrangements and statements of own service) in its own columns
    (``ordninger.csv``), names written out, in the register's order."""
    o = data.register.rows
    o = o[o["id"].isin(list(ordning_ids))]
    name = data.names.display
    lifecycle = {  # written out only where the register uses them: a register without them reads back unchanged
        c: o[c].fillna("").astype(str)
        for c in (*LIFECYCLE_COLUMNS, *PARTY_COLUMNS)
        if c in data.register.rows and data.register.rows[c].fillna("").astype(str).str.len().gt(0).any()
    }
    return pd.DataFrame(
        {
            "id": o["id"],
            "navn": o["navn"],
            "tjeneste": [";".join(t) for t in o["tjenester"]],
            "deltakere": ["; ".join(name[k] for k in d) for d in o["deltakere"]],
            "deltakere_komplett": ["ja" if c else "nei" for c in o["deltakere_komplett"]],
            "vertskommune": [name.get(h, "") for h in o["vertskommune"]],
            "juridisk_form": o["juridisk_form"],
            "etablert": ["" if pd.isna(e) else str(e) for e in o["etablert"]],
            "etablert_periode": o["etablert_periode"],
            "kilde": o["kilde"],
            "alias": ["; ".join(a) for a in o["alias"]],
            "merknad": o["merknad"],
            **lifecycle,
        }
    )
