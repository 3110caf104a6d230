"""Read the arrangement tables of the NIVI 2021 report from its extracted text.

Used by the tests to check the register against the report independently of how the register
was written. The text comes from a PDF: rows wrap, numbers skip or repeat, and the name and the
member list of a row are not delimited, so the member list is found from the end of the row
as the longest run of kommune names (or a summary such as "19 kommuner").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.names import NameError_, NameIndex, resolve_kommune

#: The arrangement tables in the order their "Nr" headers appear after Tabell 2.4.
TABLE_IDS = [
    "2.4",
    "2.5",
    "2.6",
    "2.7",
    "4.1",
    "4.2",
    "4.3",
    "4.4 Tinn",
    "4.4 Ål",
    "4.5",
    "4.6",
    "5.1",
    "5.2",
    "5.3",
    "5.4",
    "5.5",
    "5.6",
    "5.7",
    "5.8",
    "5.9",
    "5.10",
]
#: The kommune each per-kommune table (4.1–4.6) describes.
KOMMUNE_TABLES = {
    "4.1": "Drammen",
    "4.2": "Holmestrand",
    "4.3": "Kongsberg",
    "4.4 Tinn": "Tinn",
    "4.4 Ål": "Ål",
    "4.5": "Ringerike",
    "4.6": "Lunner",
}

_ROW = re.compile(r"^(\d+)(?:\s+(\S.*))?$")
_END = re.compile(r"^(\s|Figur|Tabell|- NIVI)")
_SUMMARIES = [
    re.compile(r"(?P<all>Alle kommunene i (?P<where>.+?) \((?P<n>\d+)\))$"),
    re.compile(r"(?P<all>Eid av (?P<n>\d+) kommuner.*?(?: inkl\. (?P<named>.+))?)$"),
    re.compile(r"(?P<all>(?P<named>[A-ZÆØÅ][\wæøå]+(?:, [A-ZÆØÅ][\wæøå]+)*) og (?P<n>\d+) (?:andre )?kommuner.*)$"),
    re.compile(r"(?P<all>(?P<n>\d+) kommuner.*?(?: inkl\. (?P<named>.+))?)$"),
]


@dataclass
class TableRow:
    table: str
    nr: int
    line: int
    text: str
    name: str = ""
    members: list[str] = field(default_factory=list)  # names as printed
    stated_count: int | None = None  # total the row states: "19 kommuner", "(17)", "Gran, Lunner og 13 …" = 15
    summary: str = ""  # the summary text when the row does not list every member


def _is_kommune(index: NameIndex, text: str) -> bool:
    try:
        resolve_kommune(index, text, accept_misspellings=True)
    except NameError_ as exc:
        return str(exc).startswith("Flertydig")
    return True


def split_row(index: NameIndex, row: TableRow) -> TableRow:
    """Fill ``name``, ``members``, ``stated_count`` and ``summary`` from ``row.text``."""
    text = re.sub(r"\s+", " ", row.text).strip()
    for pattern in _SUMMARIES:
        m = pattern.search(text)
        if m:
            head = text[: m.start("all")].strip()
            if not head:
                continue
            named = m.groupdict().get("named")
            row.members = [p.strip() for p in named.split(",")] if named else []
            total = int(m["n"])
            if " og " in m["all"].split(" kommuner")[0] and not m["all"].startswith("Eid av"):
                total += len(row.members)  # "Gran, Lunner og 13 kommuner i Oppland" = 15
            row.name, row.summary, row.stated_count = head, m["all"], total
            return row
    parts = [p.strip() for p in text.split(",")]
    members: list[str] = []
    while parts:
        last = parts.pop()
        if _is_kommune(index, last) and parts:
            members.insert(0, last)
            continue
        words = last.split(" ")
        for k in range(1, len(words)):
            tail = " ".join(words[k:])
            if _is_kommune(index, tail):
                members.insert(0, tail)
                row.name = ", ".join([*parts, " ".join(words[:k])]).strip()
                break
        else:
            raise ValueError(f"Tabell {row.table} nr {row.nr}: fant ingen deltakerliste i {text!r}")
        break
    row.members = members
    return row


def parse_tables(text: str, index: NameIndex) -> dict[str, list[TableRow]]:
    """All rows of the arrangement tables (``TABLE_IDS``) by table."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Tabell 2.4"))
    blocks: list[list[TableRow]] = []
    current: list[TableRow] | None = None
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip():
            continue
        if line.startswith("Nr "):
            current = []
            blocks.append(current)
            continue
        if current is None:
            continue
        m = _ROW.match(line.rstrip())
        prev = current[-1].nr if current else 0
        if m and prev <= int(m[1]) <= prev + 2 and not line[0].isspace():
            current.append(TableRow(table="", nr=int(m[1]), line=number, text=m[2] or ""))
        elif _END.match(line) or not current:
            current = None
        else:
            current[-1].text += " " + line.strip()
    if len(blocks) != len(TABLE_IDS):
        raise ValueError(f"Fant {len(blocks)} tabeller, ventet {len(TABLE_IDS)}")
    tables = {}
    for table_id, rows in zip(TABLE_IDS, blocks):
        for row in rows:
            row.table = table_id
            split_row(index, row)
        tables[table_id] = rows
    return tables


def parse_new_arrangements(text: str) -> dict[int, str]:
    """Tabell 2.2 (arrangements started 2015–2021): ``{nr: name}``.

    The table has two columns per line (nr 1–31 left, 32–63 right) and wraps long names.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Nr Samarbeidsordning Nr Samarbeidsordning"))
    names: dict[int, str] = {}
    left_nr = 0
    for line in lines[start + 1 :]:
        if line.startswith(" ") or line.startswith("Tabell"):
            break
        m = re.match(r"^(\d+) (.+?) (\d+) (.+)$", line.strip())
        if m and int(m[3]) == int(m[1]) + 31:
            left_nr = int(m[1])
            names[left_nr] = m[2].strip()
            names[int(m[3])] = m[4].strip()
            continue
        m = re.match(r"^(.+?) (\d+) (.+)$", line.strip())
        if m and left_nr and int(m[2]) == left_nr + 31:
            names[left_nr] += " " + m[1].strip()
            names[int(m[2])] = m[3].strip()
            continue
        m = re.match(r"^(\d+) (.+)$", line.strip())
        if m and int(m[1]) == left_nr + 1 and int(m[1]) <= 31:  # left name that wraps
            left_nr = int(m[1])
            names[left_nr] = m[2].strip()
            continue
        if m and int(m[1]) > 31:
            names[int(m[1])] = m[2].strip()
            continue
        break
    return names
