"""Class breaks without scipy: the same classes as mapclassify, which stays a test-only reference."""

import warnings

import mapclassify
import numpy as np
import pytest

from layers import _classify
from layers.counts import classify
from layers.filters import SCHEMES

REFERENCE = {"fisherjenks": "FisherJenks", "kvantiler": "Quantiles", "like": "EqualInterval"}


def _samples():
    rng = np.random.default_rng(7)
    for t in range(150):
        n = int(rng.integers(2, 360))
        yield [rng.integers(0, 60, n), rng.poisson(3, n), np.round(rng.gamma(2, 5, n), 2)][t % 3]


def _within(values, bins):
    classes = _classify.class_of(values, bins)
    return sum(((values[classes == c] - values[classes == c].mean()) ** 2).sum() for c in np.unique(classes))


def test_every_scheme_has_breaks():
    assert set(_classify.BREAKS) == set(SCHEMES) == set(REFERENCE)


@pytest.mark.parametrize("scheme", ["kvantiler", "like"])
def test_quantiles_and_equal_intervals_are_mapclassifys(scheme):
    warnings.filterwarnings("ignore")
    for values in _samples():
        for k in range(2, min(7, len(np.unique(values))) + 1):
            ref = mapclassify.classify(values, REFERENCE[scheme], k=k)
            bins = _classify.BREAKS[scheme](values, k)
            assert np.array_equal(bins, ref.bins)
            assert np.array_equal(_classify.class_of(values, bins), ref.yb)


def test_fisher_jenks_is_as_good_as_mapclassify_and_the_same_where_not_tied():
    warnings.filterwarnings("ignore")
    same = 0
    for values in _samples():
        for k in range(2, min(6, len(np.unique(values))) + 1):
            ref = mapclassify.classify(values, "FisherJenks", k=k)
            bins = _classify.fisher_jenks(values, k)
            assert _within(values, bins) <= _within(values, ref.bins) + 1e-6
            same += np.array_equal(bins, ref.bins)
    assert same > 0.9 * sum(1 for v in _samples() for _ in range(2, min(6, len(np.unique(v))) + 1))


def test_fisher_jenks_finds_the_obvious_groups():
    values = np.array([1, 2, 1, 2, 20, 21, 22, 50, 51])
    assert _classify.fisher_jenks(values, 3).tolist() == [2, 22, 51]


def test_classify_labels_name_each_class_range():
    _, labels = classify(np.array([0, 1, 1, 5, 6, 9, 9, 9]), "like", 3)
    assert labels == ["0–3", "4–6", "7–9"]


def test_the_count_map_does_not_import_scipy():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from geo.io import load_dataset\nfrom layers.data import prepare_kommuner\n"
        "from layers.registry import build_layer\nfrom layers.filters import Filters\n"
        "d = load_dataset(); build_layer(d, prepare_kommuner(d, 'region'), 'antall', Filters())\n"
        "print(sorted(m for m in ('scipy', 'sklearn', 'mapclassify') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
