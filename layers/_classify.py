"""Class breaks for choropleths, without scipy or scikit-learn on the user's path.

The three schemes the app offers give the same breaks as mapclassify's ``FisherJenks``,
``Quantiles`` and ``EqualInterval`` (``tests/layers/test_classify.py`` checks them against it).
mapclassify's module imports scipy and scikit-learn, over a second before the first count map;
these are a few lines of numpy each.
"""

from __future__ import annotations

import numpy as np


def fisher_jenks(values: np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of ``k`` classes minimising the within-class squared deviation (Fisher's exact
    optimisation, as mapclassify's ``FisherJenks``); O(k·n²) in numpy over the sorted values."""
    v = np.sort(np.asarray(values, dtype=float))
    n = len(v)
    s1 = np.concatenate([[0.0], np.cumsum(v)])
    s2 = np.concatenate([[0.0], np.cumsum(v * v)])
    # cost[i, l]: squared deviation of v[i:l] (first value i, l exclusive), for i < l
    i = np.arange(n + 1)[:, None]
    l_ = np.arange(n + 1)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        cost = (s2[l_] - s2[i]) - (s1[l_] - s1[i]) ** 2 / (l_ - i)
    cost = np.where(l_ > i, cost, np.inf)
    best = cost[0].copy()  # one class over the first l values
    start = np.zeros((k + 1, n + 1), dtype=int)  # where the last class begins, per class count and l
    for j in range(2, k + 1):
        # the last class is v[i:l] with i ≥ 1; ties go to the smallest i, as mapclassify's loop does
        total = best[:, None] + cost  # total[i, l] = best[i] + cost of v[i:l]
        total[0, :] = np.inf
        start[j] = np.argmin(total, axis=0)
        best = total[start[j], np.arange(n + 1)]
    uppers, end = [], n
    for j in range(k, 1, -1):
        i0 = start[j][end]
        uppers.append(v[i0 - 1])
        end = i0
    return np.asarray(sorted(uppers) + [v[-1]])


def quantiles(values: np.ndarray, k: int) -> np.ndarray:
    """Upper bounds at the 1/k, 2/k … 1 quantiles (linear interpolation), duplicates merged."""
    y = np.sort(np.asarray(values, dtype=float))
    step = 100.0 / k
    pct = np.arange(step, 100 + step, step)  # stepped as mapclassify steps them: the same float rounding
    pct[-1] = min(pct[-1], 100.0)
    at = pct / 100.0 * (len(y) - 1)
    lo = np.floor(at).astype(int)
    hi = np.minimum(lo + 1, len(y) - 1)
    below, above = (lo + 1) - at, at - lo  # weights summed and divided, as scipy's scoreatpercentile does
    q = np.where(at == lo, y[lo], (y[lo] * below + y[hi] * above) / (below + above))
    return np.unique(q)


def equal_interval(values: np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of ``k`` classes of equal width between the smallest and largest value."""
    y = np.asarray(values, dtype=float)
    lo, hi = y.min(), y.max()
    width = (hi - lo) / k
    bins = np.arange(lo + width, hi + width, width)[:k]  # stepped as mapclassify steps them
    bins[-1] = hi
    return bins


#: Scheme key (as in ``layers.filters.SCHEMES``) → function of (values, k) giving the upper bounds.
BREAKS = {"fisherjenks": fisher_jenks, "kvantiler": quantiles, "like": equal_interval}


def class_of(values: np.ndarray, bins: np.ndarray) -> np.ndarray:
    """Class index of each value: the first upper bound it does not exceed."""
    return np.minimum(np.searchsorted(bins, values, side="left"), len(bins) - 1)
