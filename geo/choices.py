"""One way to resolve a user's choice (a layer, a service, a region, an era, a format …).

Every unknown choice raises :class:`UnknownChoice` (a :class:`ChoiceError`), which names what was asked for, what came,
the closest valid choices and all valid ones, in Norwegian. Callers that face a person (the app,
the command line) catch :class:`ChoiceError` and :class:`~geo.errors.DataError`, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from geo._text import close_matches, normalise, or_list

T = TypeVar("T")


class ChoiceError(ValueError):
    """A choice a person made (in the app, a link or the command line) that cannot be followed;
    the message says why, in Norwegian."""


class UnknownChoice(ChoiceError):
    """A value that is not one of the valid choices; the message lists them.

    Attributes
    ----------
    what : str
        What was being chosen, in Norwegian (``"kartlag"``, ``"tjenestekode"``).
    value : str
        What came.
    valid : tuple of str
        Every valid choice, as shown to a person.
    """

    def __init__(self, what: str, value: str, valid: Iterable[str], *, hint: Iterable[str] = (), context: str = ""):
        self.what, self.value, self.valid = what, value, tuple(valid)
        hint = list(hint)
        shown = value if len(value) <= 60 else value[:57] + "…"
        tail = f" Mente du {or_list(hint)}?" if hint else ""
        where = f" {context}" if context else ""
        super().__init__(f"Ukjent {what} '{shown}'{where}.{tail} Gyldige: {or_list(list(self.valid))}.")


def resolve_choice(
    value: str,
    options: Mapping[str, T],
    *,
    what: str,
    aliases: Mapping[str, str] | None = None,
    context: str = "",
    cutoff: float = 0.6,
) -> T:
    """The option for ``value``, compared without case, hyphens or extra spaces.

    Parameters
    ----------
    value
        What the person wrote or the link carried.
    options
        Valid choice (as shown) → the thing it stands for, in display order.
    what
        The Norwegian noun for the choice, used in the message.
    aliases
        Other accepted spellings → a key of ``options`` (old link values, English names).
    context
        Added after the value in the message (``"for fylkesinndeling 2020"``).

    Raises
    ------
    UnknownChoice
        With the closest matches and every valid choice.
    """
    if not aliases and isinstance(value, str) and value in options:  # as shown: nothing to compare
        return options[value]
    by_key = {normalise(k): k for k in options}
    key = normalise(value)
    if aliases:
        alias = {normalise(a): k for a, k in aliases.items()}
        key = normalise(alias.get(key, key))
    if key in by_key:
        return options[by_key[key]]
    hint = close_matches(str(value), {k: v for k, v in by_key.items()}, n=1, cutoff=cutoff)
    raise UnknownChoice(what, str(value), list(options), hint=hint, context=context)
