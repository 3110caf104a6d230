"""Colour-blind-safe colours and the colouring of neighbouring areas."""

from __future__ import annotations

from geo.areas import reach

#: Arrangement colours: Paul Tol's colour-blind-safe "light" scheme, then "muted" and "vibrant",
#: keeping only colours at least MIN_DIFFERENCE (CIEDE2000) from every one before them and from the
#: greys and white of kommuner in no arrangement (a test checks this). Up to 15 arrangements in one
#: map each get a colour of their own.
CATEGORICAL = (
    "#77AADD",
    "#EE8866",
    "#EEDD88",
    "#FFAABB",
    "#99DDFF",
    "#44BB99",
    "#BBCC33",
    "#CC6677",
    "#117733",
    "#999933",
    "#AA4499",
    "#332288",
    "#882255",
    "#0077BB",
    "#CC3311",
)
MIN_DIFFERENCE = 12.0
OWN_SERVICE = "#D9D9D9"
NO_ARRANGEMENT = "#EFEFEF"
NOT_MAPPED = "#FFFFFF"
EDGE = "#4d4d4d"
KOMMUNE_EDGE = "#9a9a9a"
HOST = "#000000"
BORDER = "#b2182b"
#: ColorBrewer YlGnBu, 5–7 classes (colour-blind safe, prints in grey).
SEQUENTIAL = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")


def colour_by_reach(member_sets: list[frozenset[str]], naboer: dict[str, frozenset[str]]) -> list[str]:
    """A colour per arrangement such that two whose areas touch or overlap (a member of one is, or
    borders, a member of the other) differ wherever the palette allows.

    Up to ``len(CATEGORICAL)`` arrangements each get their own colour (the legend stays
    unambiguous). Beyond that, largest first, each takes the least used colour that no arrangement
    already coloured uses at its kommuner or their neighbours (an even spread of colours); where
    every colour is taken there, the one used at fewest of them. Work is linear in memberships times
    neighbours, through a kommune → colours index: no pair of arrangements is ever listed.
    """
    k, n = len(CATEGORICAL), len(member_sets)
    if n <= k:
        return list(CATEGORICAL[:n])
    at: dict[str, set[int]] = {}  # kommune → colours of the arrangements it is a member of
    uses = [0] * k
    out = [0] * n
    for i in sorted(range(n), key=lambda i: (-len(member_sets[i]), i)):
        members = member_sets[i]
        near = [0] * k  # how many kommuner in reach hold each colour
        for x in reach(members, naboer):
            for c in at.get(x, ()):
                near[c] += 1
        free = [c for c in range(k) if not near[c]]
        if free:
            colour = min(free, key=lambda c: (uses[c], c))
        else:
            colour = min(range(k), key=lambda c: (near[c], uses[c], c))
        out[i] = colour
        uses[colour] += 1
        for x in members:
            at.setdefault(x, set()).add(colour)
    return [CATEGORICAL[c] for c in out]


def sequential(k: int) -> list[str]:
    """``k`` sequential colours from light to dark."""
    if k <= 1:
        return [SEQUENTIAL[3]]
    step = (len(SEQUENTIAL) - 1) / (k - 1)
    return [SEQUENTIAL[round(i * step)] for i in range(k)]
