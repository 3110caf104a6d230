"""The page's cached loaders: process-wide data, loaded once per server process and shared read-only
by every session (Streamlit runs each session's script in its own thread). ``st.cache_resource``
for the shipped data and the store's engine, ``st.cache_data`` (copies, briefly) for what the store
lists; the caches underneath are :mod:`layers.data`'s."""

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


#: Seconds the public list and a register's versions are kept before the store is asked again (what
#: another server saved shows within this time; this server's own saves at once).
STORE_TTL_S = 15


@st.cache_data(ttl=STORE_TTL_S, show_spinner=False, max_entries=256)
def public_list(search: str):
    """One page of the public registers whose title holds ``search`` (``store.registers.listed``)."""
    from store import registers

    return registers.listed(store(), search=search)


@st.cache_data(ttl=STORE_TTL_S, show_spinner=False, max_entries=256)
def versions(register_id: str, opened: int | None) -> list[int]:
    """The version numbers of a saved register; ``opened``, the version the session opened, is part of
    the key (a session that opened a newer version than the list holds reads the list again)."""
    from store import registers

    return registers.versions_of(store(), register_id)


def store_changed() -> None:
    """This server saved or deleted: its lists are read again at once."""
    public_list.clear()
    versions.clear()
