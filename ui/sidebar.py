"""The sidebar's choices of what to show, and the search. Drawn after the map (their values are in
the session already), so that the map reaches the browser first on every change."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo._text import markdown_literal as plain
from geo.counties import ERAS
from geo.divisions import DIVISIONS
from geo.query import search
from geo.regions import region_options
from geo.register import SEKTORER, has_lifecycle
from layers.new_since import default_period, founding_range
from layers.registry import LAYERS
from layers.state import ALL_YEARS, ViewState
from layers.web_map import BASEMAPS
from ui.data import PageData
from ui.session import Session


def show(session: Session, page: PageData, state: ViewState, services: dict[str, str]) -> None:
    data, layer = page.data, LAYERS[state.lag]
    with st.sidebar:
        st.header("Vis")
        st.radio("Kartlag", list(LAYERS), format_func=lambda k: LAYERS[k].label, key="lag")
        if layer.services:
            st.multiselect(
                "Tjenester",
                list(services),
                format_func=lambda c: services.get(c, c),
                key="tjenester",
                placeholder="Alle tjenester"
                if not layer.needs_service and not layer.exact_services
                else "Velg tjenester",
                select_all=False,
                filter_mode="contains",
                help="Legevakt, legevaktsentral, barnevernvakt, PPT og IUA står først; deretter etter sektor.",
            )
        if layer.sector:
            st.selectbox(
                "Sektor",
                [None, *SEKTORER],
                format_func=lambda s: "Alle sektorer" if s is None else s,
                key="sektor",
                placeholder="Alle sektorer",
            )
        if layer.period:
            low, high = founding_range(data)
            session.settle_period(default_period(data), low=low, high=high)
            st.slider(
                "Etablert i perioden",
                min_value=low,
                max_value=high,
                key="periode",
                help="Ordninger med etableringsår i perioden, eller en periode i registeret som ligger helt innenfor.",
            )
        if has_lifecycle(data.register):  # status or an end: the register can be drawn as it stood in a year
            low, high = founding_range(data)
            top = max(high, date.today().year, state.as_of() or high)
            years = [ALL_YEARS, *(str(y) for y in range(top, min(low, state.as_of() or low) - 1, -1))]
            st.selectbox(
                "Registeret per år",
                years,
                format_func=lambda y: "Alle ordninger i registeret" if y == ALL_YEARS else f"Per {y}",
                key="per",
                help="Vis bare ordningene som var i kraft det året: etablert innen da og ikke avsluttet. "
                "Registeret åpnes per sitt eget år (datoen det ble utgitt eller lest inn).",
            )
            if state.as_of() is not None and layer.shows_not_in_force:
                st.checkbox(
                    "Vis også ordninger som ikke var i kraft",
                    key="ikke_i_kraft",
                    help="Avsluttede ordninger tegnes med stiplet omriss, planlagte og senere etablerte med prikket.",
                )
        regions = region_options(data.studieomrade, data.fylker, state.fylkesinndeling)
        st.selectbox("Område", [r.label for r in regions.values()], key="omrade")
        st.radio("Fylkesinndeling", list(ERAS), format_func=lambda e: ERAS[e].label, key="fylkesinndeling")
        st.caption(ERAS[state.fylkesinndeling].rule)
        st.radio(
            "Kommuneinndeling",
            list(DIVISIONS),
            key="kommuneinndeling",
            format_func=lambda d: DIVISIONS[d].label + (" – registerets egen" if d == page.own else ""),
            help="Kommunegrensene kartet tegnes på. Et register skrevet i den andre inndelingen føres over "
            "med kommuneoversikten 2020–2024; kartets merknader sier hva som endret seg.",
        )
        st.selectbox(
            "Bakgrunnskart",
            list(BASEMAPS),
            format_func=lambda b: BASEMAPS[b][0],
            key="bakgrunnskart",
            help="Bakgrunnskart fra Kartverket eller OpenStreetMap krever nettilgang.",
        )
        _find(session, page, state)


def _find(session: Session, page: PageData, state: ViewState) -> None:
    data = page.data
    st.header("Finn")
    st.selectbox(
        "Kommune",
        [None, *sorted(data.names.names, key=data.names.display.get)],
        format_func=lambda k: "Ingen valgt" if k is None else data.names.display[k],
        placeholder="Ingen valgt",
        key="kommune",
    )
    query = st.text_input("Søk etter kommune eller ordning", placeholder="f.eks. Hjartdal eller LVS Drammen", key="sok")
    hits = search(data, query)
    for kind, key, label in hits:
        icon = "Kommune" if kind == "kommune" else "Ordning"
        if st.button(f"{icon}: {plain(label)}", key=f"hit-{kind}-{key}"):
            session.pick(key, None) if kind == "kommune" else session.pick(state.kommune, key)
            st.rerun()
    if query.strip() and not hits:
        st.caption(f"Ingen treff på «{plain(query, limit=40)}».")
