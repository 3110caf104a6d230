"""Where a register comes from: its title, credit, date, kommune division and mapped area.

Every map, caption, export footer and data file takes its source line from the register it
draws (:meth:`Provenance.source_line`), never from a constant: a user's own register is credited
to its file and to what its uploader states, never to the shipped report.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from geo.divisions import DEFAULT_DIVISION, DIVISIONS
from geo.errors import DataError, Problem
from geo.limits import MAX_TEXT

_FIELDS = {
    "tittel": "title",
    "kilde": "credit",
    "utgitt": "date",
    "kommuneinndeling": "division",
    "kartlagt_omrade": "area",
}
#: Optional sidecar fields that name a file beside it.
_FILES = {"avvik": "deviations"}
#: Columns of a deviations file (``avvik``): where the register's maps differ from its source's figures.
DEVIATION_COLUMNS = ["lag", "fylkesinndeling", "tema", "rapporten", "registeret", "forklaring"]


def clean_text(text: str, *, limit: int = MAX_TEXT) -> str:
    """One line of plain text: control and format characters dropped, white space folded, shortened."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in str(text))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Provenance:
    """What one register is and whom a map of it credits.

    Attributes
    ----------
    title : str
        The register's title (a report's, or a file's name).
    credit : str
        Who made it or where it comes from, as a map's source line names it.
    date : str
        When it was published or read in (ISO date), or ``""``.
    division : str
        The kommune division its names are written in (a key of :data:`~geo.divisions.DIVISIONS`).
    area : str
        The kommuner it maps completely, in words.
    complete : bool
        Whether the register states that it holds every formal arrangement of the kommuner of its
        area (a sidecar's ``kartlagt_omrade``): only then does a kommune there in no arrangement for a
        service every kommune must provide (``alle_har``) run that service itself. An upload never
        states it; it can say "egen tjeneste" row by row (``juridisk_form``).
    drawn : str
        The division it is drawn on, where that is not its own (``""`` otherwise).
    notes : tuple of str
        What drawing it on another division changed (a split kommune drawn as its successors).
    deviations : tuple of tuple
        Where maps of it differ from its source's own figures, and why (rows of the sidecar's ``avvik``
        file, in the order of :data:`DEVIATION_COLUMNS`); a layer's notes show those of its layer.
    """

    title: str
    credit: str
    date: str = ""
    division: str = DEFAULT_DIVISION
    area: str = ""
    complete: bool = False
    drawn: str = ""
    notes: tuple[str, ...] = ()
    deviations: tuple[tuple[str, ...], ...] = ()
    stored_version: int | None = None  # the version of a saved register it was opened as (the store sets it)

    def deviation_notes(self, layer: str, era: str = "") -> tuple[str, ...]:
        """The deviations of ``layer`` (in county era ``era`` where they depend on it) as map notes."""
        return tuple(
            f"Avvik fra rapporten – {tema}: rapporten {theirs}, kartet {ours}. {why}"
            for lag, in_era, tema, theirs, ours, why in self.deviations
            if lag == layer and in_era in ("", era)
        )

    @property
    def drawn_division(self) -> str:
        return self.drawn or self.division

    def source_line(self) -> str:
        """``"Kilde: NIVI Analyse 2021 · Kart: © Kartverket, kommuneinndeling 2020"``, and the
        register's own division where the map is drawn on another."""
        line = f"Kilde: {self.credit} · Kart: © Kartverket, kommuneinndeling {self.drawn_division}"
        if self.drawn and self.drawn != self.division:
            line += f" (registeret er skrevet i kommuneinndelingen {self.division})"
        return line

    def map_notes(self) -> tuple[str, ...]:
        """Notes every map of this register carries."""
        if not self.drawn or self.drawn == self.division:
            return self.notes
        moved = (
            f"Registeret er skrevet i kommuneinndelingen {self.division} og tegnet på grensene fra "
            f"{self.drawn}; medlemmene er ført over med kommuneoversikten 2020–2024."
        )
        return (moved, *self.notes)


def for_upload(
    filename: str, *, credit: str = "", division: str = DEFAULT_DIVISION, today: _dt.date | None = None
) -> Provenance:
    """The provenance of a register a user brought as ``filename``: credited to the file and to
    what the uploader states (``credit``), never to anyone else."""
    name = clean_text(filename, limit=80) or "uten navn"
    stated = clean_text(credit)
    return Provenance(
        title=name,
        credit=f"{stated} (eget register «{name}»)" if stated else f"eget register «{name}»",
        date=(today or _dt.date.today()).isoformat(),
        division=division,
        area="kommunene i registeret",
    )


def read_provenance(path: str | Path) -> Provenance:
    """Read and validate a register's sidecar file (``ordninger.toml``)."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError([Problem(path.name, f"Kunne ikke lese filen: {exc}.")]) from None
    problems = []
    for key in _FIELDS:
        if key not in ("utgitt", "kartlagt_omrade") and not str(raw.get(key, "")).strip():
            problems.append(Problem(path.name, f"Mangler feltet '{key}'."))
    for key in sorted(set(raw) - set(_FIELDS) - set(_FILES)):
        problems.append(Problem(path.name, f"Ukjent felt '{key}'. Gyldige: {', '.join([*_FIELDS, *_FILES])}."))
    deviations = _read_deviations(path, str(raw.get("avvik", "")).strip(), problems)
    division = str(raw.get("kommuneinndeling", "")).strip()
    if division and division not in DIVISIONS:
        problems.append(Problem(path.name, f"Ukjent kommuneinndeling '{division}'. Gyldige: {', '.join(DIVISIONS)}."))
    if problems:
        raise DataError(problems)
    values = {attr: clean_text(raw.get(key, "")) for key, attr in _FIELDS.items()}
    return Provenance(**values, complete=bool(values["area"]), deviations=deviations)


def _read_deviations(sidecar: Path, name: str, problems: list) -> tuple[tuple[str, ...], ...]:
    """The rows of the deviations file a sidecar names (beside it), checked for its columns."""
    if not name:
        return ()
    import csv

    path = sidecar.parent / name
    if path.parent != sidecar.parent or not path.is_file():
        problems.append(
            Problem(sidecar.name, f"Fant ikke filen '{clean_text(name, limit=80)}' som feltet avvik nevner.")
        )
        return ()
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if rows and list(rows[0]) != DEVIATION_COLUMNS:
        problems.append(Problem(path.name, f"Kolonnene må være {', '.join(DEVIATION_COLUMNS)}."))
        return ()
    return tuple(tuple(clean_text(r[c], limit=2000) for c in DEVIATION_COLUMNS) for r in rows)
