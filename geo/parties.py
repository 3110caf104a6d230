"""Parties to an arrangement that are not kommuner (issue 22, item 2): a fylkeskommune, a
helseforetak, a state agency, a company or another body, in the optional column ``andre_parter``::

    fylkeskommune: Buskerud; helseforetak: Vestre Viken HF; selskap: Eksempel AS (123 456 785)

Each entry is ``type: name``, with an organisasjonsnummer in brackets where known. A fylkeskommune is
named or numbered as a county of the era the arrangement lived in; an organisasjonsnummer has nine
digits and a valid check digit (mod 11). Counts and indexes keep counting kommuner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo._text import normalise, or_list, split_list

#: The kinds of party, as written in the cell, and how a map or table says them.
KINDS = {
    "fylkeskommune": "fylkeskommune",
    "helseforetak": "helseforetak",
    "statlig": "statlig virksomhet",
    "selskap": "selskap",
    "annet": "annen part",
}
_ENTRY = re.compile(r"^\s*([^:]+?)\s*:\s*(.+?)\s*(?:\(\s*([\d\s]+?)\s*\))?\s*$")
_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def valid_orgnr(number: str) -> bool:
    """Whether ``number`` (spaces allowed) is nine digits with the right mod-11 check digit."""
    digits = re.sub(r"\s", "", number or "")
    if not re.fullmatch(r"\d{9}", digits):
        return False
    rest = sum(int(d) * w for d, w in zip(digits[:8], _WEIGHTS)) % 11
    check = 0 if rest == 0 else 11 - rest
    return check != 10 and check == int(digits[8])


@dataclass(frozen=True)
class Party:
    kind: str  # a key of KINDS
    name: str
    orgnr: str = ""

    def text(self) -> str:
        """As written in the cell (the canonical form)."""
        return f"{self.kind}: {self.name}" + (f" ({self.orgnr})" if self.orgnr else "")

    def label(self) -> str:
        """As a map or table says it: "Buskerud fylkeskommune", "Vestre Viken HF (helseforetak)"."""
        if self.kind == "fylkeskommune":
            return f"{self.name} fylkeskommune"
        return f"{self.name} ({KINDS[self.kind]})"


def parse_parties(cell: str, *, counties: dict[str, str]) -> tuple[list[Party], list[str]]:
    """The parties in ``cell`` and a Norwegian message for each entry that cannot be one.

    ``counties``: normalised county name or number → its name, for the era the arrangement lived in.
    """
    parties, problems = [], []
    for entry in split_list(cell or ""):
        found = _ENTRY.match(entry)
        kind = normalise(found.group(1)) if found else ""
        if not found or kind not in KINDS:
            problems.append(
                f"'{entry}' er ikke en part av formen type: navn; typene er {or_list(list(KINDS))} "
                "(f.eks. «fylkeskommune: Buskerud», «helseforetak: Vestre Viken HF» eller «selskap: Navn AS (orgnr)»)."
            )
            continue
        name, orgnr = found.group(2), re.sub(r"\s", "", found.group(3) or "")
        if orgnr and not valid_orgnr(orgnr):
            problems.append(
                f"Organisasjonsnummeret {found.group(3).strip()} for {name} er ikke gyldig (ni sifre, kontrollsiffer)."
            )
            continue
        if kind == "fylkeskommune":
            county = counties.get(normalise(re.sub(r"\s*fylkeskommune$", "", name, flags=re.I)))
            if county is None:
                valid = sorted(set(counties.values()))
                problems.append(
                    f"Fylket '{name}' fantes ikke i fylkesinndelingen ordningen hørte til. Gyldige: {or_list(valid)}."
                )
                continue
            name = county
        parties.append(Party(kind, name, orgnr))
    return parties, problems


def county_names(fylker, era: str) -> dict[str, str]:
    """Normalised county name (each of its forms) or number → its name, in ``era`` (2019, 2020, 2024)."""
    table = {}
    for number, name in set(zip(fylker[f"fylke_{era}"], fylker[f"fylkesnavn_{era}"])):
        table[normalise(str(number))] = name
        for form in (name, *name.split(" - ")):
            table[normalise(form)] = name
    return table


def era_of(end: int | None, division_era: str) -> str:
    """The county era an arrangement lived in: the one in force in its last year, or the register's."""
    if end is None:
        return division_era
    return "2019" if end <= 2019 else ("2020" if end <= 2023 else "2024")


def read_parties(text: str) -> list[Party]:
    """The parties of a stored (already checked) ``andre_parter`` cell."""
    parties = []
    for entry in split_list(text or ""):
        found = _ENTRY.match(entry)
        if found and normalise(found.group(1)) in KINDS:
            parties.append(Party(normalise(found.group(1)), found.group(2), re.sub(r"\s", "", found.group(3) or "")))
    return parties


def parties_label(text: str) -> str:
    """An ``andre_parter`` cell as a table says it: "Buskerud fylkeskommune, Vestre Viken HF (helseforetak)"."""
    return ", ".join(p.label() for p in read_parties(text))
