"""The benchmark's baseline: the app a person writes in an afternoon (``streamlit run bench/naive_app.py``).

``GeoDataFrame.explore()`` handed to ``st_folium`` with its defaults, drawing the same coverage
areas in the same colours as the real app, with the same area selector and a click that outlines
the kommune. The only change from the defaults: Leaflet comes from the app's static folder instead
of a CDN and folium's other CDN assets are left out, so that it runs on a machine without network,
as the real app does.
"""

import streamlit as st
from streamlit_folium import st_folium

from geo.io import load_dataset
from geo.query import arrangements_for_kommune, kommune_at
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.registry import build_layer

LEAFLET = "/app/static/leaflet/"


@st.cache_resource
def loaded():
    data = load_dataset()
    return data, prepare_kommuner(data, "trykk")


data, kommuner = loaded()
omrade = st.selectbox("Område", ["Studieområdet", "Hallingdal"], key="omrade")
chosen = st.session_state.get("kommune")
spec = build_layer(data, kommuner, "dekning", Filters(tjenester=("legevakt",), omrade=omrade))
areas = spec.areas[(spec.areas["kind"] != "kontekst") & (spec.areas["opacity"] > 0)]  # the filled areas
m = areas.explore(color=areas["fill"].tolist(), tooltip=["navn"], tiles=None, style_kwds={"fillOpacity": 1.0})
if chosen:
    outline = kommuner[kommuner["kommunenummer"] == chosen]
    outline.explore(m=m, style_kwds={"fill": False, "color": "#000000", "weight": 3}, tooltip=False)
m.default_js = [("leaflet", LEAFLET + "leaflet.js")]
m.default_css = [("leaflet_css", LEAFLET + "leaflet.css")]
out = st_folium(m, height=560, use_container_width=True)
click = (out or {}).get("last_clicked")
if click and click != st.session_state.get("last_click"):
    st.session_state["last_click"] = click
    st.session_state["kommune"] = kommune_at(data.kommuner, click["lng"], click["lat"])
    st.rerun()
if chosen:
    st.subheader(f"{data.names.display[chosen]}: {len(arrangements_for_kommune(data, chosen))} ordninger")
