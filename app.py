"""Samarbeidskart — the Streamlit page: its regions in the order the page shows them.

Each region is a function in ``ui/`` that reads and writes one :class:`ui.session.Session`; the
data flows one way beneath them (``layers/`` builds each map from ``geo/``'s validated frames).
"""

from __future__ import annotations

import streamlit as st

from ui import editor, exports, first_draw, header, map_panel, sidebar, store_panel, tables
from ui.activity import page_run
from ui.data import load
from ui.live_map import preload_assets
from ui.page import PAGE_CSS
from ui.session import Session
from ui.view_state import settle
from ui.views import next_views

st.set_page_config(page_title="Samarbeidskart", page_icon="🗺️", layout="wide")
st.html(PAGE_CSS)  # our own constant styles (never data): Norwegian in the uploader, a compact top
with st.sidebar:
    preload_assets()  # first in the page: the map's code and Leaflet load while the rest is built

with page_run():  # the server's work ahead (ui.views.warm) waits while a page is being made
    session = Session(st.session_state)
    first_visit = session.first_run
    page = load(session)
    state, services = settle(session, page)
    header.show(session, page)
    # the map first: it reaches the browser before the sidebar; on a visitor's first page (served by
    # serve.py) the sidebar is sent once the browser says the map is drawn (ui.first_draw)
    with first_draw.expect(first_visit) as drawn:
        view = map_panel.show(session, page, state, drawn_url=drawn.url)
        if not view.message:  # a map was sent
            drawn.wait()
    sidebar.show(session, page, state, services)
    store_panel.show(session, page)
    tables.show_layer_table(view)
    tables.show_map_table(view)
    tables.show_kommune(session, page, state)
    exports.show(page, state, view)
    editor.show(session, page)

    if first_visit and view.spec is not None:  # the map a visitor most often opens next, made now the page is sent
        for upcoming in next_views(state, services):
            session.memo.view(page.data, map_panel.screen_kommuner(page, upcoming), upcoming, sources=page.sources)
