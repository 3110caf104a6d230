"""The map, first in the page, and a chosen arrangement's details beside it."""

from __future__ import annotations

import streamlit as st

from geo._text import markdown_literal as plain
from geo.query import arrangement_details
from layers.state import ViewState
from ui import loaders
from ui.data import PageData
from ui.live_map import show_map
from ui.page import MAP_HEIGHT
from ui.session import Session
from ui.tables import MAP_TABLE_ANCHOR, has_map_table
from ui.views import View, screen_detail


def screen_kommuner(page: PageData, state: ViewState):
    """The kommune polygons a screen view of ``state`` is drawn with."""
    return loaders.kommuner_for(page.division, screen_detail(page.data, state))


def show(session: Session, page: PageData, state: ViewState, *, drawn_url: str | None = None) -> View:
    """Draw the map of ``state`` (a view this session drew before is not built again) and return it;
    the browser posts to ``drawn_url`` once the map is drawn (:mod:`ui.first_draw`)."""
    view = session.memo.view(page.data, screen_kommuner(page, state), state, sources=page.sources)
    # The map is always the first element of the first column, so the page keeps the same map element
    # (no remount) when an arrangement's details open beside it.
    columns = st.columns([5, 2] if state.ordning else [1])
    with columns[0]:
        if view.message:
            st.info(plain(view.message))
        else:

            def clicked() -> None:
                click = (st.session_state.get("kart") or {}).get("klikk")
                if click:
                    session.clicked(click)

            show_map(
                view.payload,
                sent=session.sent,
                height=MAP_HEIGHT,
                key="kart",
                on_click=clicked,
                on_missing=session.forget_sent,
                table_anchor=MAP_TABLE_ANCHOR if has_map_table(view) else None,
                drawn_url=drawn_url,
            )
            st.caption(
                "Klikk på en kommune i kartet (eller velg den i menyen) for å se ordningene og samarbeidspartnerne."
            )
    if state.ordning:
        with columns[1]:
            details = arrangement_details(page.data, state.ordning)
            st.subheader(plain(details["Navn"]))
            for field, value in list(details.items())[1:]:  # our labels; the register's values as text
                st.markdown(f"**{field}**  \n{plain(value)}")
    return view
