"""The tables under the map: the layer's own table, and a chosen kommune's arrangements and partners
(as the report's Tabell 4.1–4.6); a row chosen in the kommune's table shows that arrangement."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo._text import markdown_literal as plain
from geo.query import arrangements_for_kommune, partners
from layers.state import ViewState
from ui.data import PageData
from ui.session import MAP_TABLE_SHOWN, Session
from ui.views import View

#: The heading over the map's facts as a table: the map links to it (its text alternative).
MAP_TABLE_ANCHOR = "kartet-som-tabell"


def has_map_table(view: View) -> bool:
    return view.spec is not None and view.spec.data_table is not None and len(view.spec.data_table.frame) > 0


def show_map_table(view: View) -> None:
    """The map's own data (what its data export holds) under a heading the map links to: every fact
    the map shows in colour and shape, as text (WCAG 1.1.1, 1.3.1)."""
    if not has_map_table(view):
        return
    table = view.spec.data_table
    st.subheader("Kartet som tabell", anchor=MAP_TABLE_ANCHOR)
    # shown when asked for (Space or a click on the switch): the map's facts are one step away, and a
    # filter change does not send and draw a table the visitor has not asked for
    st.caption(f"{plain(table.title)}: {len(table.frame)} rader.")
    if st.toggle("Vis kartet som tabell", key=MAP_TABLE_SHOWN):
        st.dataframe(table.display(), hide_index=True, width="stretch", height=min(38 + 35 * len(table.frame), 320))


def show_layer_table(view: View) -> None:
    table = view.spec.table if view.spec is not None else None
    if table is not None and len(table.frame):
        st.subheader(plain(table.title))
        st.dataframe(table.display(), hide_index=True, width="stretch")


def show_kommune(session: Session, page: PageData, state: ViewState) -> None:
    if not state.kommune:
        return
    data = page.data
    if state.as_of() is not None:  # the register as it stood that year, as the map shows it
        from geo.founded import register_as_of

        data = replace(data, register=register_as_of(data.register, state.as_of()))
    table = arrangements_for_kommune(data, state.kommune)
    st.subheader(f"{plain(data.names.display[state.kommune])}: {len(table)} ordninger")
    kommune, ids = state.kommune, table["id"].tolist()
    names = dict(zip(table["id"], table["Samarbeidsordning"]))

    def chosen() -> None:  # the same as choosing its row: before the run that shows it
        session.pick(kommune, st.session_state.get(f"velg-ordning-{kommune}"))

    session.show_in_widget(f"velg-ordning-{kommune}", state.ordning if state.ordning in ids else None)
    st.selectbox(  # the keyboard's and the screen reader's way to what a click on a row does
        "Vis en av kommunens ordninger i kartet",
        [None, *ids],
        format_func=lambda oid: "Ingen valgt" if oid is None else names[oid],
        key=f"velg-ordning-{kommune}",
        on_change=chosen,
    )
    st.caption("Eller velg en rad i tabellen for å se ordningen i kartet og detaljene om den.")
    _overview_buttons(data, kommune)
    left, right = st.columns([3, 1])
    height = min(38 + 35 * len(table), 520)
    with left:
        picked = st.dataframe(
            table.drop(columns=["id"]),
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key=f"tabell-{state.kommune}",
            height=height,
            column_config={
                "Deltakere": st.column_config.TextColumn("Deltakere", width="large"),
                "Samarbeidsordning": st.column_config.TextColumn("Samarbeidsordning", width="medium"),
            },
        )
        rows = picked.selection.rows if picked else []
        if rows and table["id"].iloc[rows[0]] != state.ordning:
            session.pick(state.kommune, table["id"].iloc[rows[0]])
            st.rerun()
    with right:
        st.subheader("Samarbeidspartnere")
        st.dataframe(
            partners(data, state.kommune).drop(columns=["kommunenummer"]),
            hide_index=True,
            width="stretch",
            height=height,
        )


def _overview_buttons(data, kommune: str) -> None:
    """The kommune's overview document, to put before its kommunestyre: made when a button is pressed."""
    from layers.overview import DOCUMENTS, kommune_overview, overview_stem, partners_map_png, render_overview

    def made(key: str) -> bytes:
        return render_overview(kommune_overview(data, kommune, map_png=partners_map_png(data, kommune)), key)

    stem = overview_stem(data.names.display[kommune])  # the document itself is made only when pressed
    buttons = st.container(horizontal=True)
    for fmt in DOCUMENTS.values():
        buttons.download_button(
            fmt.label,
            data=lambda key=fmt.key: made(key),
            file_name=f"{stem}{fmt.suffix}",
            mime=fmt.mime,
            on_click="ignore",
            help="«Oversikt over interkommunale samarbeid» for kommunen: hver ordning den er med i, etter sektor, "
            "med et kart over partnerne og registerets kilde.",
        )
