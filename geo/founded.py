"""When an arrangement was founded, and whether it was in force in a year, as the register states it:
a year (``etablert``) or a period (``etablert_periode``, e.g. "2015–2021", the report's Tabell
2.1/2.2), a ``status`` and the year it ended (``avsluttet``). Pure functions on the ``ordninger`` frame."""

from __future__ import annotations

import re

import pandas as pd

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4}))?\s*$")


def parse_period(text: str) -> tuple[int, int] | None:
    """``"2015-2021"`` or ``"2015–2021"`` → ``(2015, 2021)``; ``"2018"`` → ``(2018, 2018)``; anything
    else (or a period that ends before it starts) → ``None``."""
    found = _PERIOD.match(str(text or ""))
    if not found:
        return None
    start = int(found.group(1))
    end = int(found.group(2) or start)
    return (start, end) if start <= end else None


def founded_between(ordninger: pd.DataFrame, start: int, end: int) -> pd.Series:
    """Whether each arrangement was founded from ``start`` to ``end`` (both included): its year, where
    the register gives one, else its period, where that lies wholly inside. Unknown: ``False``."""
    years = ordninger["etablert"]
    periods = [parse_period(p) for p in ordninger["etablert_periode"].fillna("")]
    inside = [
        (start <= int(y) <= end) if not pd.isna(y) else (p is not None and start <= p[0] and p[1] <= end)
        for y, p in zip(years, periods)
    ]
    return pd.Series(inside, index=ordninger.index, dtype=bool)


def founding_unknown(ordninger: pd.DataFrame) -> pd.Series:
    """Whether the register gives neither a year nor a period for each arrangement."""
    periods = [parse_period(p) is None for p in ordninger["etablert_periode"].fillna("")]
    return pd.Series(ordninger["etablert"].isna().to_numpy() & periods, index=ordninger.index)


def in_force(ordninger: pd.DataFrame, year: int) -> pd.Series:
    """Whether each arrangement was in force in ``year``, as its register states it: founded by then
    (its year, where given; a *planlagt* one without a year has not started) and not ended before
    (*avsluttet* in a year counts as gone from that year on). Without status and end, as today: in force."""
    from geo.register import end_year

    if not len(ordninger):
        return pd.Series([], dtype=bool, index=ordninger.index)
    status = ordninger["status"] if "status" in ordninger else pd.Series("", index=ordninger.index)
    ended = ordninger["avsluttet"] if "avsluttet" in ordninger else pd.Series("", index=ordninger.index)
    keep = []
    for start, state, end in zip(ordninger["etablert"], status.fillna(""), ended.fillna("")):
        started = (int(start) <= year) if not pd.isna(start) else state != "planlagt"
        last = end_year(end)
        keep.append(started and (last is None or last > year))
    return pd.Series(keep, index=ordninger.index, dtype=bool)


def default_year(register) -> int:
    """The year a register that states its arrangements' life (status or end) is first drawn as of:
    the year of its own date (when it was published, or read in), else this year."""
    import datetime as _dt

    found = re.match(r"^(\d{4})", register.provenance.date or "")
    return int(found.group(1)) if found else _dt.date.today().year


def register_as_of(register, year: int):
    """``register`` with only the arrangements (and statements of own service) in force in ``year``."""
    from dataclasses import replace

    from geo.register import memberships

    o = register.ordninger[in_force(register.ordninger, year).to_numpy()].reset_index(drop=True)
    egne = register.egne[in_force(register.egne, year).to_numpy()].reset_index(drop=True)
    if len(o) == len(register.ordninger) and len(egne) == len(register.egne):
        return register
    return replace(register, ordninger=o, medlemskap=memberships(o), egne=egne)
