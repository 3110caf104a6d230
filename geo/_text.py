"""Private text helpers: name normalisation and close matches."""

from __future__ import annotations

import difflib
import re
import unicodedata

_DASHES = re.compile(r"[\-\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold case, hyphens and runs of white space so that variants of one name compare equal.

    ``"Sør-Aurdal"``, ``"sør aurdal"`` and ``" SØR  AURDAL "`` all give ``"sør aurdal"``.
    """
    text = unicodedata.normalize("NFC", str(text))
    text = _DASHES.sub(" ", text)
    return _SPACE.sub(" ", text).strip().casefold()


def close_matches(word: str, candidates: dict[str, str], *, n: int = 3, cutoff: float = 0.75) -> list[str]:
    """Display names whose normalised key is close to ``word``.

    ``candidates`` maps normalised key → display name.
    """
    keys = difflib.get_close_matches(normalise(word), list(candidates), n=n, cutoff=cutoff)
    seen: list[str] = []
    for key in keys:
        if candidates[key] not in seen:
            seen.append(candidates[key])
    return seen


def or_list(items: list[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b eller c"`` (Norwegian)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " eller " + items[-1]


def split_list(cell: str) -> list[str]:
    """``"a; b;"`` → ``["a", "b"]``."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]
