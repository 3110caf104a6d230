"""Start Samarbeidskart: ``streamlit run serve.py``.

The page is ``app.py``; this wraps it in ``st.App`` only to begin loading when the server starts:
a background thread imports the page's modules and loads the shipped register and the polygons of
its first view (``ui.views.preload``) while the browser is still fetching Streamlit's own page,
so the first map does not wait for them, and then, in pauses (no page run and no request for a few
seconds), builds the views one step from the default to fill the caches they share with what
visitors ask for next (``ui.views.warm``); and it serves the page as Norwegian (``lang="nb"``) with
a head that asks for Leaflet and the map's drawing code at once (``ui.served_page``), Streamlit's own
code from memory, compressed once (``ui.served_assets``), and it takes the browser's word that a
visitor's first map is drawn, which the first page waits for before it sends the sidebar
(``ui.first_draw``).
``streamlit run app.py`` works too, without the head starts and the first page's wait, and with
Streamlit's ``lang="en"``.
"""

import threading
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from ui.activity import NoteRequests
from ui.first_draw import NoteDrawn
from ui.served_assets import StreamlitAssets
from ui.served_page import ServedPage


@asynccontextmanager
async def _lifespan(_app):
    def preload() -> None:
        from ui.views import preload_and_warm

        preload_and_warm()

    threading.Thread(target=preload, name="samarbeidskart-preload", daemon=True).start()
    yield


app = st.App(
    "app.py",
    lifespan=_lifespan,
    middleware=[Middleware(NoteRequests), Middleware(NoteDrawn), Middleware(StreamlitAssets), Middleware(ServedPage)],
)
