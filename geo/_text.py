"""Private text helpers: name normalisation and close matches."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

_DASHES = re.compile(r"[\-\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)  # the same names and choices are compared in every page run
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


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: What a GFM renderer turns into a link even when escaped: a scheme, "www." and an e-mail "@".
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=mailto)(?=:)|(?<=xmpp)(?=:)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def markdown_literal(text, *, limit: int | None = None) -> str:
    """``text`` for an element that renders Markdown (Streamlit's captions, notes, headers, button
    labels), so that it shows as written: every ASCII punctuation mark backslash-escaped (no link,
    image, emphasis, HTML, colour or icon directive, or math), an invisible word joiner before
    the ":" of "://" and "mailto:", the "." of "www." and "@" (no autolink), line breaks and control
    characters folded into spaces, and shortened to ``limit`` characters."""
    import unicodedata

    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in str(text))
    text = _SPACE.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = _AUTOLINK.sub(WORD_JOINER, text)  # an invisible joiner breaks what escaping cannot
    return _PUNCTUATION.sub(r"\\\1", text)


def whole(number: int) -> str:
    """``961200`` → ``"961 200"``: a whole number as Norwegian text writes it."""
    return f"{number:,}".replace(",", "\u00a0")
