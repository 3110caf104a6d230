"""Colour-blind-safe colours and the colouring of neighbouring areas."""

from __future__ import annotations

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


def colour_graph(n: int, pairs: list[tuple[int, int]]) -> list[str]:
    """A colour per node so that no pair of neighbours shares one.

    Up to ``len(CATEGORICAL)`` nodes each get their own colour (the legend stays unambiguous);
    beyond that an equitable colouring spreads all colours evenly, falling back to greedy
    colouring (largest degree first) when a node has as many neighbours as there are colours.
    (Only then can two arrangements of one map share a colour; never two neighbours.)
    """
    k = len(CATEGORICAL)
    if n <= k:
        return list(CATEGORICAL[:n])
    import networkx as nx  # only needed beyond eight arrangements; saves a fifth of a second at start

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(pairs)
    if max((d for _, d in graph.degree), default=0) < k:
        index = nx.equitable_color(graph, num_colors=k)
    else:
        index = nx.greedy_color(graph, strategy="largest_first")
    return [CATEGORICAL[index[i] % k] for i in range(n)]


def sequential(k: int) -> list[str]:
    """``k`` sequential colours from light to dark."""
    if k <= 1:
        return [SEQUENTIAL[3]]
    step = (len(SEQUENTIAL) - 1) / (k - 1)
    return [SEQUENTIAL[round(i * step)] for i in range(k)]
