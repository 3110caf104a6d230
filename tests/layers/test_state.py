"""The session's view memo: a view drawn before is taken from it, by state and data."""

from dataclasses import replace

from layers.data import prepare_kommuner
from layers.state import ViewState, state_from_query
from ui.views import ViewMemo


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


def test_the_count_map_made_ahead_is_the_one_the_page_asks_for(dataset):
    """Switching the layer to «Antall» resets the services to that layer's own (none): the view made
    ahead must be that state, or it is never found."""
    from layers.state import service_options
    from ui.views import next_views

    services = dict(service_options(dataset))
    state = ViewState(omrade="Hallingdal", kommune="3043")
    (upcoming,) = next_views(state, services)
    session = {**state.to_session(), "lag": "antall", "tjenester": []}  # as app.py leaves it
    assert ViewState.from_session(session) == upcoming
    assert next_views(upcoming, services) == []


def _lifecycle_data(dataset, *, date: str):
    from geo.io import load_names, with_register
    from geo.uploads import read_register_upload

    text = (
        "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde,status,avsluttet\n"
        'vr,Vestregionen,legevakt,"Asker; Drammen",ja,,annet,2002,tekst,avsluttet,2019\n'
    )
    register = read_register_upload(
        text.encode(), "livslop.csv", names=load_names(), tjenester=dataset.register.tjenester
    )
    register = replace(register, provenance=replace(register.provenance, date=date))
    return with_register(dataset, register)


def test_a_register_that_states_its_arrangements_life_opens_as_of_its_own_year(dataset):
    data = _lifecycle_data(dataset, date="2018-06-01")
    state, notes = state_from_query({}, data)
    assert state.per == "2018" and state.filters().per == 2018 and not notes
    state, _ = state_from_query({"per": "alle"}, data)
    assert state.per == "alle" and state.filters().per is None and state.to_query()["per"] == "alle"
    state, notes = state_from_query({"per": "i fjor"}, data)
    assert state.per == "alle" and notes == ["«i fjor» er ikke et årstall; registeret vises slik det er."]
    shipped, notes = state_from_query({"per": "2018"}, dataset)  # states no life: always all of it, and said
    assert shipped.per is None and notes == [
        "Registeret sier ikke når ordningene startet og sluttet (status, avsluttet); kartet viser hele."
    ]
    assert state_from_query({"per": "alle"}, dataset) == (ViewState(), [])


def test_a_link_asks_for_what_was_not_in_force_as_ja_and_only_with_a_year(dataset):
    data = _lifecycle_data(dataset, date="2024-01-01")
    state, notes = state_from_query({"per": "2018", "ikke_i_kraft": "ja"}, data)
    assert state.ikke_i_kraft and not notes and state.filters().ikke_i_kraft
    assert state.to_query()["ikke_i_kraft"] == "ja"
    state, notes = state_from_query({"per": "alle", "ikke_i_kraft": "ja"}, data)
    assert not state.ikke_i_kraft and "ikke_i_kraft" not in state.to_query()  # no year: nothing to say it of
    state, notes = state_from_query({"per": "2018", "ikke_i_kraft": "<b>kanskje</b>"}, data)
    assert not state.ikke_i_kraft and notes == ["«<b>kanskje</b>» er ikke ja eller nei (ikke_i_kraft); hopper over."]
    counts = replace(state, lag="antall", ikke_i_kraft=True)
    assert not counts.filters().ikke_i_kraft  # a count map counts what was in force, and says so
