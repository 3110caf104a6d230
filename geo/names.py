"""Resolve kommune names to kommunenummer.

Accepted: the official 2020 name in any case and with hyphens or spaces (``"sør aurdal"``),
the name qualified by its county in any era (``"Våler (Innlandet)"``, ``"Våler (Østfold)"``),
a kommunenummer (``"3005"``), and the name variants in ``kommunenavn_alias.csv`` of kind
``variant``. A name shared by two kommuner must carry its county. Known misspellings and
names of former kommuner are refused with a message that says what was meant.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from geo._text import close_matches, normalise, or_list
from geo.choices import ChoiceError

_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<county>[^)]+)\)\s*$")


class NameError_(ChoiceError):
    """A name that does not resolve; the message is Norwegian and says what to write instead."""


@dataclass(frozen=True)
class NameIndex:
    """Lookup tables built once from the kommune, county and alias tables."""

    names: dict[str, str]  # kommunenummer → official name
    by_name: dict[str, tuple[str, ...]]  # normalised name → kommunenummer(s)
    counties: dict[str, frozenset[str]]  # kommunenummer → normalised county names, all eras
    display: dict[str, str]  # kommunenummer → name to write (county-qualified if shared)
    variants: dict[str, str] = field(default_factory=dict)  # normalised alias → kommunenummer
    misspellings: dict[str, str] = field(default_factory=dict)
    former: dict[str, tuple[str, str]] = field(default_factory=dict)  # → (kommunenummer, merknad)

    def suggestions(self, name: str) -> list[str]:
        candidates = {normalise(v): v for v in self.display.values()}
        candidates.update({k: self.display[kn] for k, kn in self.variants.items()})
        return close_matches(name, candidates)


def build_name_index(kommuner: pd.DataFrame, fylker: pd.DataFrame, aliases: pd.DataFrame | None = None) -> NameIndex:
    """Build the lookup from frames with columns ``kommunenummer``, ``navn`` (kommuner),
    ``fylkesnavn_*`` (fylker) and ``alias``, ``kommunenummer``, ``art`` (aliases)."""
    names = dict(zip(kommuner["kommunenummer"], kommuner["navn"]))
    by_name: dict[str, list[str]] = defaultdict(list)
    for knr, navn in names.items():
        by_name[normalise(navn)].append(knr)
    county_cols = [c for c in fylker.columns if c.startswith("fylkesnavn_")]
    counties = {row["kommunenummer"]: frozenset(normalise(row[c]) for c in county_cols) for _, row in fylker.iterrows()}
    current = [c for c in county_cols if c.endswith("2020")] or county_cols[-1:]
    county_2020 = dict(zip(fylker["kommunenummer"], fylker[current[0]])) if current else {}
    display = {
        knr: f"{navn} ({county_2020.get(knr, '?')})" if len(by_name[normalise(navn)]) > 1 else navn
        for knr, navn in names.items()
    }
    variants, misspellings, former = {}, {}, {}
    if aliases is not None:
        for _, row in aliases.iterrows():
            key, knr, kind = normalise(row["alias"]), row["kommunenummer"], row["art"]
            if kind == "variant":
                variants[key] = knr
            elif kind == "skrivefeil":
                misspellings[key] = knr
            elif kind == "tidligere":
                former[key] = (knr, row.get("merknad", ""))
    return NameIndex(
        names=names,
        by_name={k: tuple(v) for k, v in by_name.items()},
        counties=counties,
        display=display,
        variants=variants,
        misspellings=misspellings,
        former=former,
    )


def resolve_kommune(index: NameIndex, name: str, *, accept_misspellings: bool = False) -> str:
    """Return the kommunenummer for ``name``.

    Parameters
    ----------
    index
        From :func:`build_name_index`.
    name
        A kommune name as a person writes it.
    accept_misspellings
        Also accept the report's known misspellings (for search and for reading the report);
        registers must spell names right.

    Raises
    ------
    NameError_
        Unknown, ambiguous, misspelt or former names, with a Norwegian message.
    """
    raw = str(name).strip()
    if re.fullmatch(r"\d{4}", raw) and raw in index.names:
        return raw
    key = normalise(raw)
    hits = index.by_name.get(key)
    if hits and len(hits) == 1:
        return hits[0]
    if hits:
        options = or_list([index.display[k] for k in hits])
        raise NameError_(f"Flertydig kommunenavn '{raw}' — skriv fylket i parentes: {options}.")
    match = _QUALIFIED.match(raw)
    if match:
        base, county = normalise(match["name"]), normalise(match["county"])
        for knr in index.by_name.get(base, ()):
            if county in index.counties.get(knr, ()):
                return knr
        if base in index.by_name:
            options = or_list([index.display[k] for k in index.by_name[base]])
            raise NameError_(f"Ukjent kommune '{raw}' — fylket passer ikke; mente du {options}?")
    if key in index.variants:
        return index.variants[key]
    if key in index.misspellings:
        knr = index.misspellings[key]
        if accept_misspellings:
            return knr
        raise NameError_(f"Ukjent kommune '{raw}' — mente du {index.display[knr]}? (kjent skrivefeil)")
    if key in index.former:
        knr, note = index.former[key]
        raise NameError_(f"Kommunen '{raw}' finnes ikke lenger: {note}. Skriv {index.display[knr]} ({knr}).")
    hint = index.suggestions(raw)
    tail = f" — mente du {or_list(hint)}?" if hint else " — fant ingen lignende kommunenavn."
    raise NameError_(f"Ukjent kommune '{raw}'{tail}")
