"""Numbers as a Norwegian reader reads them, the same on the map, in its tables and in its data file."""

from __future__ import annotations

import math


def decimal(value: float | None, places: int = 2) -> str:
    """``0.456`` → ``"0,46"``; ``None`` or NaN (not computed) → ``""``: unknown stays empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.{places}f}".replace(".", ",")
