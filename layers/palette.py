"""Colour-blind-safe colours and the colouring of neighbouring areas."""

from __future__ import annotations

import bisect
import functools

from geo.areas import reach

#: Arrangement colours from Paul Tol's colour-blind-safe schemes ("light", "muted", "vibrant"). The
#: first :data:`CVD_SAFE` stay at least :data:`MIN_DIFFERENCE` (CIEDE2000) apart from each other and
#: from the greys and white of kommuner in no arrangement also as seen with protanopia, deuteranopia
#: and tritanopia (simulated: ``layers._colour.least_difference``); the rest only with normal vision.
#: A map of up to :data:`CVD_SAFE` arrangements gives each its own of the first; beyond that,
#: arrangements that touch get colours that differ for every kind of colour vision (tests check both).
CATEGORICAL = (
    "#77AADD",
    "#EE8866",
    "#EEDD88",
    "#99DDFF",
    "#117733",
    "#AA4499",
    "#332288",
    "#EE3377",
    "#FFAABB",
    "#44BB99",
    "#BBCC33",
    "#999933",
    "#882255",
    "#0077BB",
    "#CC3311",
)
CVD_SAFE = 8
MIN_DIFFERENCE = 12.0
OWN_SERVICE = "#D9D9D9"
NO_ARRANGEMENT = "#EFEFEF"
NOT_MAPPED = "#FFFFFF"
EDGE = "#4d4d4d"
KOMMUNE_EDGE = "#767676"
HOST = "#000000"
BORDER = "#8b0000"
#: ColorBrewer YlGnBu's seven colours (colour-blind safe, prints in grey): the ramp :func:`sequential`
#: takes its classes from.
SEQUENTIAL = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")


#: Edges from light to dark, and white: :func:`edge_for` takes the first that stands out from a fill.
_EDGES = ("#767676", "#4d4d4d", "#262626", "#ffffff")


@functools.lru_cache(maxsize=512)
def edge_for(fill: str, preferred: str = EDGE) -> str:
    """The edge an area of ``fill`` gets: ``preferred`` where it reaches 3:1 against the fill (WCAG
    1.4.11), else the lightest darker grey that does, else white (on the darkest fills)."""
    from layers._colour import contrast

    darker = _EDGES[_EDGES.index(preferred) + 1 :] if preferred in _EDGES else _EDGES
    for edge in (preferred, *darker):
        if contrast(edge, fill) >= 3:
            return edge
    return max(_EDGES, key=lambda e: contrast(e, fill))


@functools.lru_cache(maxsize=512)
def outline_for(colour: str) -> tuple[str, str]:
    """An outline in ``colour`` and its casing, as a pair that stands out (3:1) from any background:
    a light colour on a black casing, a dark one on a white casing (their contrast is then at least 9:1,
    so one of the two always reaches 3:1). A colour in between is lightened or darkened, whichever
    changes it less, until it is light or dark enough; it keeps its hue."""
    from layers._colour import luminance, over

    if luminance(colour) >= 0.4:
        return colour, "#000000"
    if luminance(colour) <= 0.066:
        return colour, "#ffffff"
    for step in range(1, 21):  # mixed with white or black in steps of 5 %
        lighter, darker = over("#FFFFFF", step / 20, colour), over("#000000", step / 20, colour)
        if luminance(lighter) >= 0.4:
            return lighter, "#000000"
        if luminance(darker) <= 0.066:
            return darker, "#ffffff"
    return "#000000", "#ffffff"


@functools.lru_cache(maxsize=512)
def casing_for(line: str) -> str:
    """The casing under a line of colour ``line``: white or near black, whichever differs more."""
    from layers._colour import contrast

    return max(("#ffffff", "#262626"), key=lambda c: contrast(c, line))


@functools.lru_cache(maxsize=1)
def _confusable() -> tuple[frozenset[int], ...]:
    """For each colour, the colours (itself among them) someone could take it for: less than
    :data:`MIN_DIFFERENCE` apart with normal vision or any simulated colour-vision deficiency."""
    from layers._colour import least_difference

    k = len(CATEGORICAL)
    return tuple(
        frozenset(j for j in range(k) if j == i or least_difference(CATEGORICAL[i], CATEGORICAL[j]) < MIN_DIFFERENCE)
        for i in range(k)
    )


def colour_by_reach(member_sets: list[frozenset[str]], naboer: dict[str, frozenset[str]]) -> list[str]:
    """A colour per arrangement such that two whose areas touch or overlap (a member of one is, or
    borders, a member of the other) differ wherever the palette allows, for every kind of colour vision.

    Up to :data:`CVD_SAFE` arrangements each get their own colour, in order (the legend stays
    unambiguous). Beyond that, largest first, each takes the least used colour that no arrangement
    already coloured at its kommuner or their neighbours has, or could be taken for (see
    :func:`_confusable`); where every colour is taken there, the one confused with fewest of them.
    Work is linear in memberships times neighbours, through a kommune → colours index: no pair of
    arrangements is ever listed.
    """
    k, n = len(CATEGORICAL), len(member_sets)
    if n <= CVD_SAFE:
        return list(CATEGORICAL[:n])
    confusable = _confusable()  # made once per process
    at: dict[str, set[int]] = {}  # kommune → colours of the arrangements it is a member of
    uses = [0] * k
    out = [0] * n
    for i in sorted(range(n), key=lambda i: (-len(member_sets[i]), i)):
        members = member_sets[i]
        near = [0] * k  # how many kommuner in reach hold each colour
        for x in reach(members, naboer):
            for c in at.get(x, ()):
                near[c] += 1
        clash = [sum(near[j] for j in confusable[c]) for c in range(k)]
        free = [c for c in range(k) if not clash[c]]
        if free:
            colour = min(free, key=lambda c: (uses[c], c))
        else:
            colour = min(range(k), key=lambda c: (clash[c], uses[c], c))
        out[i] = colour
        uses[colour] += 1
        for x in members:
            at.setdefault(x, set()).add(colour)
    return [CATEGORICAL[c] for c in out]


@functools.lru_cache(maxsize=1)
def _ramp() -> tuple[list[str], list[float]]:
    """Colours along :data:`SEQUENTIAL` (40 steps between each two) and, for each, how far along the
    ramp it lies in the smallest CIEDE2000 difference for any kind of colour vision."""
    from layers._colour import least_difference

    samples = []
    for a, b in zip(SEQUENTIAL, SEQUENTIAL[1:]):
        ra, rb = ([int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in (a, b))
        samples += ["#" + "".join(f"{round(x + (y - x) * j / 40):02x}" for x, y in zip(ra, rb)) for j in range(40)]
    samples.append(SEQUENTIAL[-1])
    along = [0.0]
    for a, b in zip(samples, samples[1:]):
        along.append(along[-1] + least_difference(a, b))
    return samples, along


@functools.lru_cache(maxsize=16)
def sequential(k: int) -> tuple[str, ...]:
    """``k`` sequential colours from light to dark along :data:`SEQUENTIAL`, spaced so that
    neighbouring classes differ as much as they can for every kind of colour vision (equal steps of
    the smallest CIEDE2000 difference with normal vision and simulated deficiencies): up to five
    classes at least :data:`MIN_DIFFERENCE` apart for everyone; lightness falls from class to class,
    which every kind of colour vision sees, and a choropleth writes each kommune's value on it."""
    if k <= 1:
        return (SEQUENTIAL[3],)
    samples, along = _ramp()
    return tuple(samples[min(bisect.bisect_left(along, along[-1] * i / (k - 1)), len(samples) - 1)] for i in range(k))
