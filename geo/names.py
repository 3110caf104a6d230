"""Resolve kommune names to kommunenummer.

Accepted: the official 2020 name in any case and with hyphens or spaces (``"sør aurdal"``),
the name qualified by its county in any era (``"Våler (Innlandet)"``, ``"Våler (Østfold)"``),
a kommunenummer (``"3005"``), and the name variants in ``kommunenavn_alias.csv`` of kind
``variant``. A name shared by two kommuner must carry its county. Known misspellings and
names of former kommuner are refused with a message that says what was meant.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from geo._text import close_matches, normalise, or_list
from geo.choices import ChoiceError


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
    division: str = "2020"  # the kommune division these names belong to

    @functools.cached_property
    def _candidates(self) -> dict[str, str]:
        candidates = {normalise(v): v for v in self.display.values()}
        candidates.update({k: self.display[kn] for k, kn in self.variants.items()})
        return candidates

    def suggestions(self, name: str) -> list[str]:
        return close_matches(name, self._candidates)


def _part_variants(names: dict[str, str], by_name: dict[str, list[str]]) -> dict[str, str]:
    """Each part of an official parallel name ("Kárášjohka - Karasjok", "Porsanger - Porsáŋgu -
    Porsanki") as a name of its own, where no other kommune has it."""
    parts: dict[str, set[str]] = defaultdict(set)
    for knr, navn in names.items():
        pieces = [p.strip() for p in navn.split(" - ")]
        if len(pieces) > 1:
            for piece in pieces:
                parts[normalise(piece)].add(knr)
    return {key: next(iter(ks)) for key, ks in parts.items() if len(ks) == 1 and key not in by_name}


def build_name_index(
    kommuner: pd.DataFrame,
    fylker: pd.DataFrame,
    aliases: pd.DataFrame | None = None,
    *,
    division: str = "2020",
    display_era: str = "2020",
) -> NameIndex:
    """Build the lookup from frames with columns ``kommunenummer``, ``navn`` (kommuner),
    ``fylkesnavn_*`` (fylker) and ``alias``, ``kommunenummer``, ``art`` (aliases); a name shared
    by two kommuner is shown with its county in ``display_era``."""
    names = dict(zip(kommuner["kommunenummer"], kommuner["navn"]))
    by_name: dict[str, list[str]] = defaultdict(list)
    for knr, navn in names.items():
        by_name[normalise(navn)].append(knr)
    county_cols = [c for c in fylker.columns if c.startswith("fylkesnavn_")]
    counties = {  # every form of every era's county name: "Herøy (Nordland)" and "Herøy (Nordlánnda)"
        knr: frozenset(normalise(form) for n in names_ for form in (n, *n.split(" - ")))
        for knr, *names_ in zip(fylker["kommunenummer"], *[fylker[c] for c in county_cols])
    }
    # a shared name is qualified by its county's first (Norwegian) form: "Herøy (Nordland)"
    county = {k: n.split(" - ")[0] for k, n in zip(fylker["kommunenummer"], fylker[f"fylkesnavn_{display_era}"])}
    display = {
        knr: f"{navn} ({county.get(knr, '?')})" if len(by_name[normalise(navn)]) > 1 else navn
        for knr, navn in names.items()
    }
    variants, misspellings, former = _part_variants(names, by_name), {}, {}
    if aliases is not None:
        for alias, knr, kind, note in zip(
            aliases["alias"], aliases["kommunenummer"], aliases["art"], aliases["merknad"]
        ):
            key = normalise(alias)
            if kind == "variant" and key not in by_name:
                variants[key] = knr
            elif kind == "skrivefeil":
                misspellings[key] = knr
            elif kind == "tidligere":
                former[key] = (knr, note)
    return NameIndex(
        names=names,
        by_name={k: tuple(v) for k, v in by_name.items()},
        counties=counties,
        display=display,
        variants=variants,
        misspellings=misspellings,
        former=former,
        division=division,
    )


@dataclass(frozen=True)
class NameBook:
    """The name indexes of every kommune division, to tell a name of the other division from an
    unknown one."""

    indexes: dict[str, NameIndex]

    def elsewhere(self, name: str, division: str) -> str:
        """Where ``name`` resolves if not in ``division``: a Norwegian clause, or ``""``."""
        for other, index in self.indexes.items():
            if other == division:
                continue
            try:
                knr = resolve_kommune(index, name, suggest=False)
            except NameError_:
                continue
            here = self.indexes[division]
            same = [k for k, v in here.display.items() if v == index.display[knr]]
            tail = f"; i {division}-inndelingen heter den {here.display[same[0]]} ({same[0]})" if same else ""
            return (
                f"'{name}' finnes i kommuneinndelingen {other} ({index.display[knr]}, {knr}), men registeret "
                f"bruker kommuneinndelingen {division}{tail}. Skriv alle kommuner etter én inndeling"
            )
        return ""


#: Longest name looked up; a longer "name" is refused before any matching work.
MAX_NAME_LENGTH = 100


def _qualified(raw: str) -> tuple[str, str] | None:
    """``("Våler", "Innlandet")`` for ``"Våler (Innlandet)"``, found without a backtracking regex."""
    if not raw.endswith(")") or "(" not in raw:
        return None
    base, _, county = raw[:-1].rpartition("(")
    return (base.strip(), county.strip()) if base.strip() and county.strip() else None


def _lookalikes(raw: str) -> str:
    """A clause naming letters from other alphabets that look Latin (a Cyrillic "а" in "Drаmmen")."""
    import unicodedata

    odd = [c for c in raw if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN")]
    if not odd:
        return ""
    c = odd[0]
    return (
        f" Navnet har tegnet «{c}» (U+{ord(c):04X} {unicodedata.name(c, '')}), som ligner en latinsk bokstav "
        "men ikke er det; skriv navnet på nytt."
    )


def resolve_kommune(index: NameIndex, name: str, *, accept_misspellings: bool = False, suggest: bool = True) -> str:
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
    suggest
        Search for close matches to an unknown name (a scan of every name; callers bound it).

    Raises
    ------
    NameError_
        Unknown, ambiguous, misspelt or former names, with a Norwegian message.
    """
    raw = str(name).strip()
    if len(raw) > MAX_NAME_LENGTH:
        raise NameError_(f"'{raw[:40]}…' er {len(raw)} tegn langt; et kommunenavn har høyst {MAX_NAME_LENGTH}.")
    if raw.isdigit() and len(raw) <= 4:
        if raw.zfill(4) in index.names and len(raw) == 4:
            return raw
        if raw.zfill(4) in index.names:
            knr = raw.zfill(4)
            raise NameError_(
                f"Ukjent kommunenummer '{raw}' — mente du {knr} ({index.display[knr]})? Excel "
                "fjerner ofte nuller foran; skriv nummeret som tekst med fire sifre."
            )
    key = normalise(raw)
    hits = index.by_name.get(key)
    if hits and len(hits) == 1:
        return hits[0]
    if hits:
        options = or_list([index.display[k] for k in hits])
        raise NameError_(f"Flertydig kommunenavn '{raw}' — skriv fylket i parentes: {options}.")
    match = _qualified(raw)
    if match:
        base, county = normalise(match[0]), normalise(match[1])
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
    odd = _lookalikes(raw)
    hint = index.suggestions(raw) if suggest else []
    tail = f" — mente du {or_list(hint)}?" if hint else (" — fant ingen lignende kommunenavn." if suggest else ".")
    raise NameError_(f"Ukjent kommune '{raw}'{tail}{odd}")
