"""When an arrangement was founded, as the register states it: a year (``etablert``) or a period
(``etablert_periode``, e.g. "2015–2021", the report's Tabell 2.1/2.2). Pure functions on the
``ordninger`` frame."""

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
