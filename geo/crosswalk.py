"""The crosswalk between the 2020 and 2024 kommune divisions, and drawing a register on the
division it was not written in.

``kommuner_2020_2024.csv`` (built by ``scripts/build_crosswalk.py`` from polygon overlap) pairs
every 2020 kommune with the 2024 kommune(s) it became. Converting a register carries each member
through it: a kommune split in 2024 (Ålesund → Ålesund and Haram) is drawn as all its successors,
and the register's provenance says so; going back, the successors become the one 2020 kommune.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from geo import settings
from geo._csv import read_rows
from geo.errors import DataError, Problem
from geo.register import memberships

COLUMNS = ["kommunenummer_2020", "navn_2020", "kommunenummer_2024", "navn_2024", "andel_2020", "andel_2024", "merknad"]


@dataclass(frozen=True)
class Crosswalk:
    """Pairs of (2020, 2024) kommunenummer that are the same land, and lookups both ways."""

    pairs: pd.DataFrame

    def mapping(self, source: str, target: str) -> dict[str, tuple[str, ...]]:
        """Kommunenummer in ``source`` → the kommunenummer it is in ``target`` (one or more)."""
        if source == target:
            return {}
        out: dict[str, list[str]] = {}
        for a, b in zip(self.pairs[f"kommunenummer_{source}"], self.pairs[f"kommunenummer_{target}"]):
            if b not in out.setdefault(a, []):
                out[a].append(b)
        return {k: tuple(v) for k, v in out.items()}

    def host(self, source: str, target: str) -> dict[str, str]:
        """Kommunenummer in ``source`` → the one kommune in ``target`` that hosts in its place:
        the successor of the same name (Ålesund stays Ålesund when Haram splits off), else the
        one that holds most of its land."""
        p = self.pairs
        share = "andel_2020" if source == "2020" else "andel_2024"
        ranked = p.assign(same=p[f"navn_{source}"] == p[f"navn_{target}"], share=p[share].astype(float))
        ranked = ranked.sort_values(["same", "share"], ascending=False)
        return dict(
            ranked.drop_duplicates(f"kommunenummer_{source}")[
                [f"kommunenummer_{source}", f"kommunenummer_{target}"]
            ].to_numpy()
        )


def read_crosswalk(path: str | Path | None = None, *, kommuner: dict[str, set[str]]) -> Crosswalk:
    """Read and validate the crosswalk; ``kommuner`` is division → its kommunenummer. Every
    kommune of each division must appear, and only those."""
    path = Path(path or settings.CROSSWALK_PATH)
    _, rows = read_rows(path, file=path.name, required=COLUMNS)
    problems = []
    for number, row in rows:
        for division, known in kommuner.items():
            if row[f"kommunenummer_{division}"] not in known:
                problems.append(
                    Problem(
                        path.name,
                        f"Ukjent kommunenummer '{row[f'kommunenummer_{division}']}' i inndelingen {division}.",
                        number,
                        f"kommunenummer_{division}",
                    )
                )
    frame = pd.DataFrame([r for _, r in rows], columns=COLUMNS)
    for division, known in kommuner.items():
        missing = sorted(known - set(frame[f"kommunenummer_{division}"]))
        if missing:
            problems.append(
                Problem(path.name, f"Kommuner i {division}-inndelingen uten par: {', '.join(missing[:10])}.")
            )
    if problems:
        raise DataError(problems)
    return Crosswalk(frame)


def _mapped(members, mapping: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    out: list[str] = []
    for k in members:
        for m in mapping.get(k, (k,)):
            if m not in out:
                out.append(m)
    return tuple(out)


def split_notes(members: set[str], crosswalk: Crosswalk, source: str, target: str, names: dict) -> tuple[str, ...]:
    """A note for each member that becomes several kommuner (or several that become one) in ``target``."""
    p = crosswalk.pairs
    notes = []
    if source == "2020" and target == "2024":
        for k in sorted(members):
            after = p[p["kommunenummer_2020"] == k]
            if len(after) > 1:
                parts = " og ".join(f"{n} ({m})" for m, n in zip(after["kommunenummer_2024"], after["navn_2024"]))
                notes.append(f"{names.get(k, k)} (2020) ble delt i 2024 og er tegnet som {parts}.")
    elif source == "2024" and target == "2020":
        for k20, group in p[p["kommunenummer_2024"].isin(members)].groupby("kommunenummer_2020"):
            if (p["kommunenummer_2020"] == k20).sum() > 1:
                parts = " og ".join(group["navn_2024"])
                notes.append(f"{parts} (2024) er tegnet som {group['navn_2020'].iloc[0]}, én kommune i 2020.")
    return tuple(notes)


def convert_register(register, crosswalk: Crosswalk, *, target: str):
    """``register`` with its members and hosts in the ``target`` division (same arrangements,
    same order); its provenance notes every split or merged kommune it touched."""
    source = register.provenance.division
    if source == target:
        return register
    members_map, host_map = crosswalk.mapping(source, target), crosswalk.host(source, target)

    def carried(rows: pd.DataFrame) -> pd.DataFrame:
        rows = rows.copy()
        rows["deltakere"] = [_mapped(d, members_map) for d in rows["deltakere"]]
        rows["vertskommune"] = [host_map.get(h, h) if h else "" for h in rows["vertskommune"]]
        return rows

    o = carried(register.ordninger)
    medlemskap = memberships(o)
    source_names = dict(zip(crosswalk.pairs[f"kommunenummer_{source}"], crosswalk.pairs[f"navn_{source}"]))
    touched = set(register.medlemskap["kommunenummer"]) | {k for d in register.egne["deltakere"] for k in d}
    notes = split_notes(touched, crosswalk, source, target, source_names)
    provenance = replace(register.provenance, drawn=target, notes=register.provenance.notes + notes)
    return replace(register, ordninger=o, medlemskap=medlemskap, provenance=provenance, egne=carried(register.egne))
