"""The page's cached loaders: process-wide data, loaded once per server process and shared read-only
by every session (Streamlit runs each session's script in its own thread). ``st.cache_resource``
here only; the caches underneath are :mod:`layers.data`'s."""

from __future__ import annotations

import streamlit as st

from geo.divisions import DEFAULT_DIVISION
from layers import data as data_cache


@st.cache_resource(show_spinner="Laster kommunegrenser og register …")
def shipped(division: str = DEFAULT_DIVISION):
    """The shipped register drawn on ``division`` (perhaps already loaded by ``serve.py`` at start)."""
    return data_cache.shipped(division)


@st.cache_resource(show_spinner=False)
def kommuner_for(division: str, detail: str):
    """Kommune polygons of a division at a level of detail (``layers.data.DETAILS``), made when first needed."""
    return data_cache.shipped_kommuner(division, detail)


@st.cache_resource(show_spinner=False)
def store():
    """The register store (SAMARBEIDSKART_DB, else the SQLite file), one engine per server process."""
    from store import registers

    return registers.connect()
