"""Private: which kommune division a register's names are written in.

A register says it with the optional column ``kommuneinndeling`` (the same value on every row)
or its sidecar file; otherwise its member and host names decide: the division in which all of
them resolve, and where they resolve in both (most names are the same), today's (2024). A
register whose names belong to two divisions is reported, row by row.
"""

from __future__ import annotations

from geo._text import normalise, split_list
from geo.divisions import DIVISIONS
from geo.errors import Problem
from geo.names import NameBook, NameError_, resolve_kommune

COLUMN = "kommuneinndeling"
TODAY = "2024"


def _stated(rows, file: str, sidecar: str | None) -> tuple[str | None, list[Problem]]:
    problems, first = [], None
    for number, row in rows:
        value = normalise(row.get(COLUMN, ""))
        if not value:
            continue
        if value not in DIVISIONS:
            problems.append(
                Problem(
                    file, f"Ukjent kommuneinndeling '{row[COLUMN]}'. Gyldige: {', '.join(DIVISIONS)}.", number, COLUMN
                )
            )
        elif first is None:
            first = (number, value)
        elif value != first[1]:
            problems.append(
                Problem(
                    file,
                    f"Registeret blander kommuneinndelinger: rad {first[0]} sier {first[1]}, "
                    f"denne raden {value}. Skriv alle kommuner etter én inndeling.",
                    number,
                    COLUMN,
                )
            )
    column = first[1] if first else None
    if sidecar and column and sidecar != column:
        problems.append(
            Problem(file, f"Kolonnen {COLUMN} sier {column}, men registerets opplysningsfil sier {sidecar}.")
        )
    return sidecar or column, problems


def _unknown_rows(rows, book: NameBook, division: str) -> list[tuple[int, str]]:
    """(row, name) for every member or host name that does not resolve in ``division``."""
    index = book.indexes[division]
    out = []
    for number, row in rows:
        for name in [*split_list(row.get("deltakere", "")), row.get("vertskommune", "")]:
            if not name:
                continue
            try:
                resolve_kommune(index, name, suggest=False)
            except NameError_:
                out.append((number, name))
    return out


def choose_division(rows, book: NameBook, *, file: str, sidecar: str | None = None) -> tuple[str, str, list[Problem]]:
    """``(division, note, problems)``: the division to read ``rows`` in, a Norwegian note on how
    it was chosen (``""`` when the register states it), and problems with the statement or the mix."""
    stated, problems = _stated(rows, file, sidecar)
    if stated or len(book.indexes) == 1:
        return stated or next(iter(book.indexes)), "", problems
    unknown = {d: _unknown_rows(rows, book, d) for d in book.indexes}
    fits = [d for d, bad in unknown.items() if not bad]
    if len(fits) == 1:
        return fits[0], f"Registeret oppgir ikke kommuneinndeling; navnene hører til kommuneinndelingen {fits[0]}.", []
    if fits:
        return (
            TODAY,
            (
                f"Registeret oppgir ikke kommuneinndeling, og navnene finnes i begge; dagens ({TODAY}) er brukt. "
                f"Legg til kolonnen {COLUMN} med 2020 for å lese det etter 2020-inndelingen."
            ),
            [],
        )
    only_in = _only_in(unknown)
    if all(only_in.values()):
        parts = "; ".join(
            f"bare i {d}: " + ", ".join(f"rad {n} ({name})" for n, name in v[:5]) for d, v in only_in.items()
        )
        problems.append(
            Problem(
                file,
                f"Registeret blander kommuneinndelingene ({parts}). Skriv alle kommuner etter "
                f"én inndeling, eller oppgi den i kolonnen {COLUMN}.",
            )
        )
    best = min(unknown, key=lambda d: (len(unknown[d]), d != TODAY))
    return best, "", problems


def _only_in(unknown: dict[str, list[tuple[int, str]]]) -> dict[str, list[tuple[int, str]]]:
    """Division → the (row, name) that only it knows (unknown in every other division)."""
    out = {}
    for division in unknown:
        others = [set(bad) for d, bad in unknown.items() if d != division]
        out[division] = sorted(set.intersection(*others) - set(unknown[division])) if others else []
    return out
