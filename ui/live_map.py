"""The app's map: one Leaflet map that stays in the page across reruns.

A Streamlit v2 component (``static/samarbeidskart/live.js``) mounts the map once and draws each
new :func:`layers.web_map.payload` on it with the same drawing script as the HTML export. The
browser keeps every geometry it has received; each rerun sends the payload (styles, tooltips,
labels, legend, highlight) and only the geometries this session has not sent before. A click on
the map reaches the server as a trigger whose callback runs before the script: one rerun.
"""

from __future__ import annotations

from collections.abc import Callable, MutableSet

import streamlit as st

from layers import web_map
from ui.served_page import ASSETS  # where the app serves static/, relative to the page

_component = st.components.v2.component("samarbeidskart.kart", js=web_map.script_asset("live.js"), isolate_styles=False)


def show_map(
    payload: tuple[dict, dict],
    *,
    sent: MutableSet[str],
    height: int,
    key: str = "kart",
    on_click: Callable[[], None],
    on_missing: Callable[[], None],
    table_anchor: str | None = None,
    drawn_url: str | None = None,
):
    """Draw a :func:`layers.web_map.payload` (the drawing and its geometries) in the live map.

    Parameters
    ----------
    sent
        Keys of the geometries this session's page already holds (kept in session state); the new
        ones are added. Empty it (``on_missing``) and the next rerun sends every geometry again.
    on_click, on_missing
        Callbacks for a click on the map (its position: ``st.session_state[key]["klikk"]``) and
        for a page that lacks geometries it was sent (an interrupted rerun).
    table_anchor
        The anchor of the heading over the table with the map's facts in the page: the map links to it.
    drawn_url
        Where the page posts once this drawing is on the screen (relative to the page; :mod:`ui.first_draw`).
    """
    view, geoms = payload
    if table_anchor:
        view = {**view, "tableLink": table_anchor}  # a copy: the payload is shared by the session's memo
    new = {k: g for k, g in geoms.items() if k not in sent}
    sent.update(new)
    data = {"view": view, "geoms": new, "assets": ASSETS, "height": height, "id": view["id"]}
    if drawn_url:
        data["drawnUrl"] = drawn_url
    return _component(key=key, data=data, height=height, on_klikk_change=on_click, on_mangler_change=on_missing)


def preload_assets(*, key: str = "kart-forlast"):
    """An element of no size for the top of the sidebar (the first element the page renders): the
    browser fetches Streamlit's component code, Leaflet and the drawing script while it is still
    building the rest of the page, so the map draws as soon as its data arrives."""
    return _component(key=key, data={"assets": ASSETS, "preload": True}, height="content")
