"""Results kept per table object: the page asks for the same regions and services in every run."""

import pandas as pd
import pytest

from geo._memo import by_identity
from geo.regions import region_options, resolve_region


def test_kept_per_object_not_per_content():
    calls = []

    @by_identity(maxsize=2)
    def size(frame, *, extra=0):
        calls.append(frame)
        return len(frame) + extra

    a, twin = pd.DataFrame({"x": [1, 2]}), pd.DataFrame({"x": [1, 2]})
    assert size(a) == size(a) == 2 and len(calls) == 1
    assert size(a, extra=1) == 3 and len(calls) == 2  # keyword values are part of the key
    assert size(twin) == 2 and len(calls) == 3  # equal content, another object: made again
    size(pd.DataFrame({"x": [3]}))
    size(a)
    assert len(calls) == 5  # at most two kept: a went


def test_regions_are_made_once_and_read_only(dataset):
    first = region_options(dataset.studieomrade, dataset.fylker, "2024")
    assert region_options(dataset.studieomrade, dataset.fylker, "2024") is first
    assert region_options(dataset.studieomrade, dataset.fylker, "".join(["20", "24"])) is first  # a text by value
    assert region_options(dataset.studieomrade, dataset.fylker, "2020") is not first
    with pytest.raises(TypeError):
        first["x"] = None
    assert resolve_region(dataset.studieomrade, dataset.fylker, "hallingdal", era="2024").label == "Hallingdal"
