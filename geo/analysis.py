"""Research measures on a register (NIBR 2015:104, section 4): do kommuner cooperate with the
same partners across services (consolidation, "sementering") or with different ones
(fragmentation)? Also the additive index, the partner network and hosting. Pure functions.

Definitions (stated in the README and in each map's notes):

- A kommune's *partners for a service* are the other members of the arrangements for that service
  it is a member of. It *cooperates* on the service when it has at least one partner: an
  arrangement with one member is no cooperation.
- *Partner overlap* of two services A and B: ``samme`` (the same partners in both), ``overlapp``
  (some in common), ``ulike`` (none in common), ``bare_a`` / ``bare_b`` (cooperates on one only),
  ``ingen`` (on neither).
- *Consolidation index*: the mean Jaccard similarity |P_s ∩ P_t| / |P_s ∪ P_t| of the kommune's
  partner sets over every pair of chosen services it cooperates on (1 = the same partners
  everywhere, 0 = never the same); undefined (``NaN``) where it cooperates on fewer than
  :data:`MIN_INDEX_SERVICES` of them (one pair is too little to speak of a pattern).
  *Constellations*: the number of distinct partner sets among those services.
- *Additive index*: on how many of the chosen services the kommune cooperates.
- *Partner network*: an edge between two kommuner for every arrangement they share, its weight the
  number of shared arrangements.
- *Hosting*: arrangements a kommune hosts, arrangements it is in that another kommune hosts, and
  arrangements it is in whose host the register does not give (unknown, never counted as none).

Every function takes a frame of arrangements (``id``, ``tjenester``, ``deltakere``,
``vertskommune``) and works in time linear in the memberships, except the network, which is
linear in the number of member pairs it returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain, combinations

import numpy as np
import pandas as pd

OVERLAP_CLASSES = ("samme", "overlapp", "ulike", "bare_a", "bare_b", "ingen")
#: The fewest services with cooperation a consolidation index is computed from (three give three pairs).
MIN_INDEX_SERVICES = 3


def partner_sets(ordninger: pd.DataFrame, code: str) -> dict[str, frozenset[str]]:
    """Kommune → its partners for service ``code`` (only kommuner with at least one partner)."""
    found: dict[str, set[str]] = defaultdict(set)
    for codes, members in zip(ordninger["tjenester"], ordninger["deltakere"]):
        if code in codes and len(members) > 1:
            for k in members:
                found[k].update(members)
    return {k: frozenset(v - {k}) for k, v in found.items()}


def overlap_class(a: frozenset[str] | None, b: frozenset[str] | None) -> str:
    """The class of one kommune's partner sets for two services (``None`` or empty: no cooperation)."""
    if a and b:
        return "samme" if a == b else "overlapp" if a & b else "ulike"
    return "bare_a" if a else "bare_b" if b else "ingen"


def partner_overlap(ordninger: pd.DataFrame, code_a: str, code_b: str, kommuner: Iterable[str]) -> pd.DataFrame:
    """Per kommune: ``klasse`` (one of :data:`OVERLAP_CLASSES`), ``partnere_a``, ``partnere_b``
    (sorted tuples of kommunenummer) and ``felles`` (how many partners are in both)."""
    pa, pb = partner_sets(ordninger, code_a), partner_sets(ordninger, code_b)
    rows = []
    for k in kommuner:
        a, b = pa.get(k, frozenset()), pb.get(k, frozenset())
        rows.append(
            {
                "kommunenummer": k,
                "klasse": overlap_class(a, b),
                "partnere_a": tuple(sorted(a)),
                "partnere_b": tuple(sorted(b)),
                "felles": len(a & b),
            }
        )
    return pd.DataFrame(rows, columns=["kommunenummer", "klasse", "partnere_a", "partnere_b", "felles"])


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def consolidation(
    ordninger: pd.DataFrame, codes: Iterable[str], kommuner: Iterable[str], *, min_services: int = MIN_INDEX_SERVICES
) -> pd.DataFrame:
    """Per kommune over the services ``codes``: ``indeks`` (mean pairwise Jaccard similarity of its
    partner sets, ``NaN`` where it cooperates on fewer than ``min_services``), ``konstellasjoner``
    (distinct partner sets), ``tjenester`` (the additive index: services it cooperates on) and ``par``
    (service pairs the index is the mean of)."""
    codes = list(dict.fromkeys(codes))
    by_service = {c: partner_sets(ordninger, c) for c in codes}
    rows = []
    for k in kommuner:
        sets = [by_service[c][k] for c in codes if k in by_service[c]]
        pairs = list(combinations(sets, 2))
        enough = pairs and len(sets) >= max(min_services, 2)
        index = float(np.mean([jaccard(a, b) for a, b in pairs])) if enough else float("nan")
        rows.append(
            {
                "kommunenummer": k,
                "indeks": index,
                "konstellasjoner": len(set(sets)),
                "tjenester": len(sets),
                "par": len(pairs),
            }
        )
    return pd.DataFrame(rows, columns=["kommunenummer", "indeks", "konstellasjoner", "tjenester", "par"])


def partner_weights(ordninger: pd.DataFrame) -> pd.DataFrame:
    """Every pair of kommuner that share an arrangement: ``a`` < ``b`` (kommunenummer) and
    ``vekt``, the number of arrangements they share; heaviest first."""
    # counted in C (Counter over one chained iterator): the pairs of large arrangements are many
    counts = Counter(chain.from_iterable(combinations(sorted(set(m)), 2) for m in ordninger["deltakere"]))
    frame = pd.DataFrame([(a, b, n) for (a, b), n in counts.items()], columns=["a", "b", "vekt"])
    return frame.sort_values(["vekt", "a", "b"], ascending=[False, True, True], ignore_index=True)


def partners_by_weight(weights: pd.DataFrame, kommune: str) -> pd.DataFrame:
    """One kommune's partners in the network: ``kommunenummer`` and ``vekt``, heaviest first."""
    mine = weights[(weights["a"] == kommune) | (weights["b"] == kommune)]
    other = np.where(mine["a"] == kommune, mine["b"], mine["a"])
    return pd.DataFrame({"kommunenummer": other, "vekt": mine["vekt"].to_numpy()}).reset_index(drop=True)


def hosting(ordninger: pd.DataFrame, kommuner: Iterable[str]) -> pd.DataFrame:
    """Per kommune: ``vert_for`` (arrangements it hosts), ``betjener`` (other kommuner in them),
    ``vert_annet_sted`` (arrangements it is in that another kommune hosts), ``ukjent_vert``
    (arrangements it is in whose host is not given) and ``ordninger_vert`` (ids it hosts)."""
    hosts: dict[str, list[str]] = defaultdict(list)
    served: dict[str, set[str]] = defaultdict(set)
    elsewhere: dict[str, int] = defaultdict(int)
    unknown: dict[str, int] = defaultdict(int)
    for oid, members, host in zip(ordninger["id"], ordninger["deltakere"], ordninger["vertskommune"]):
        if host:
            hosts[host].append(oid)
            served[host].update(m for m in members if m != host)
        for k in members:
            if not host:
                unknown[k] += 1
            elif k != host:
                elsewhere[k] += 1
    rows = [
        {
            "kommunenummer": k,
            "vert_for": len(hosts[k]),
            "betjener": len(served[k]),
            "vert_annet_sted": elsewhere[k],
            "ukjent_vert": unknown[k],
            "ordninger_vert": tuple(hosts[k]),
        }
        for k in kommuner
    ]
    return pd.DataFrame(
        rows, columns=["kommunenummer", "vert_for", "betjener", "vert_annet_sted", "ukjent_vert", "ordninger_vert"]
    )
