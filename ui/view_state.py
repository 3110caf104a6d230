"""The view of this run: from the link on a first visit, then from the widgets, with a click on the
map, a chosen kommune or arrangement, and a switch of layer or division applied, and repaired to what
the data can draw. The address bar is kept in step, so a copied link opens the same map."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo.io import load_crosswalk
from geo.query import kommune_at
from layers.registry import LAYERS
from layers.state import ViewState, carry_kommune, repair, service_options, show_arrangement, state_from_query
from store import links
from ui.data import PageData
from ui.session import Session


def settle(session: Session, page: PageData) -> tuple[ViewState, dict[str, str]]:
    """The view to draw and the services the register offers (code → label)."""
    data = page.data
    services = dict(service_options(data))
    if session.first_run:
        first, notes = state_from_query(st.query_params.to_dict(), data)
        session.add_notes(notes)
        session.show(replace(first, kommuneinndeling=page.division))
    elif session.drawn_division not in (None, page.division):  # the user switched division: keep the kommune
        moved = carry_kommune(session.view(), load_crosswalk(), source=session.drawn_division, target=page.division)
        session.show(moved)
    session.set_drawn_division(page.division)
    session.keep_switches()
    click = session.take_click()  # stored by the map's callback before this run: one rerun draws it
    if click:
        knr = kommune_at(data.kommuner, click["lng"], click["lat"])
        if knr:
            session.pick(knr, None)
    pick = session.take_pick()
    if pick is not None:
        state = replace(session.view(), kommune=pick[0], ordning=pick[1])
        if state.ordning:  # a chosen arrangement is shown: its service's map, in an area that holds it
            state = show_arrangement(state, data)
        session.show(state)
        if state.ordning:
            session.set_drawn_layer()
    repaired, notes = repair(session.view(), data)
    session.show(repaired)
    session.add_notes(notes)
    if session.layer_changed():  # a layer opens on its own services (Figur 2.2: all)
        lag = session.view().lag
        session.show(replace(session.view(), tjenester=tuple(c for c in LAYERS[lag].default_services if c in services)))
    session.set_drawn_layer()
    state = session.view()
    saved = links.link_query(session.register_id, comparison=session.comparison)
    st.query_params.from_dict({**state.to_query(own_division=page.own), **saved})
    return state, services
