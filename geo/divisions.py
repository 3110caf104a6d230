"""The kommune divisions a register can be written in and a map drawn on: 2020 (356 kommuner,
the NIVI report's) and 2024 (357: Haram split from Ålesund again, new numbers in the former
Viken, Vestfold og Telemark and Troms og Finnmark)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo import settings
from geo.choices import resolve_choice


@dataclass(frozen=True)
class Division:
    """One kommune division: its key, label, number of kommuner, its files, and the county era
    whose names tell kommuner of the same name apart (``"Våler (Østfold)"``)."""

    key: str
    label: str
    count: int
    kommuner: Path
    fylker: Path
    display_era: str


DIVISIONS: dict[str, Division] = {
    "2020": Division(
        "2020", "Kommuneinndelingen 2020 (356 kommuner)", 356, settings.KOMMUNER_PATH, settings.FYLKER_PATH, "2020"
    ),
    "2024": Division(
        "2024",
        "Kommuneinndelingen fra 2024 (357 kommuner)",
        357,
        settings.KOMMUNER_2024_PATH,
        settings.FYLKER_2024_PATH,
        "2024",
    ),
}
DEFAULT_DIVISION = "2020"


def resolve_division(key: str | int) -> Division:
    """The :class:`Division` for ``key`` (``"2020"`` or ``"2024"``)."""
    return resolve_choice(str(key), DIVISIONS, what="kommuneinndeling")
