"""The session's view memo: a view drawn before is taken from it, by state and data."""

from layers.data import prepare_kommuner
from layers.view import ViewMemo, ViewState


def test_a_view_drawn_before_is_not_built_again(dataset):
    kommuner = prepare_kommuner(dataset, "region")
    memo = ViewMemo(size=2)
    first = memo.view(dataset, kommuner, ViewState(), sources=(dataset,))
    assert memo.view(dataset, kommuner, ViewState(), sources=(dataset,)) is first
    other = memo.view(dataset, kommuner, ViewState(omrade="Hallingdal"), sources=(dataset,))
    assert other is not first and other.spec.subtitle.startswith("Hallingdal")
    assert memo.view(dataset, kommuner, ViewState(), sources=(dataset, "et annet register")) is not first
    memo.view(dataset, kommuner, ViewState(lag="antall"), sources=(dataset,))  # the oldest falls out
    assert memo.view(dataset, kommuner, ViewState(), sources=(dataset,)) is not first
