"""The benchmark's baseline: the app's own default view as a person would write it in an afternoon
(``streamlit run bench/naive_app.py``).

``GeoDataFrame.explore()`` handed to ``st_folium`` with its defaults, drawing the same coverage areas
in the same colours as the real app from the same polygons (the screen detail the app draws a region
with), with the same controls in the sidebar (services and area, labelled as in the app) and a click
that outlines the kommune, handled in the same run (``on_change``) as a careful author would. Leaflet
comes from the app's static folder instead of a CDN and folium's other CDN assets are left out, so
that it runs without network, as the real app does. It runs with Streamlit's default settings.
"""

import streamlit as st
from streamlit_folium import st_folium

from geo.io import load_dataset
from geo.query import arrangements_for_kommune, kommune_at
from geo.regions import region_options
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.registry import build_layer
from layers.state import ViewState, service_options

LEAFLET = "/app/static/leaflet/"


@st.cache_resource
def loaded():
    data = load_dataset()
    return data, prepare_kommuner(data, "region")


data, kommuner = loaded()
default = ViewState()
services = dict(service_options(data))
with st.sidebar:
    tjenester = st.multiselect(
        "Tjenester", list(services), default=list(default.services()), format_func=services.get, key="tjenester"
    )
    regions = region_options(data.studieomrade, data.fylker, default.fylkesinndeling)
    omrade = st.selectbox("Område", [r.label for r in regions.values()], key="omrade")


def clicked() -> None:
    click = (st.session_state.get("kart") or {}).get("last_clicked")
    if click:
        st.session_state["kommune"] = kommune_at(data.kommuner, click["lng"], click["lat"])


chosen = st.session_state.get("kommune")
spec = build_layer(data, kommuner, "dekning", Filters(tjenester=tuple(tjenester), omrade=omrade))
areas = spec.areas[(spec.areas["kind"] != "kontekst") & (spec.areas["opacity"] > 0)]  # the filled areas
m = areas.explore(color=areas["fill"].tolist(), tooltip=["navn"], tiles=None, style_kwds={"fillOpacity": 1.0})
if chosen:
    outline = kommuner[kommuner["kommunenummer"] == chosen]
    outline.explore(m=m, style_kwds={"fill": False, "color": "#000000", "weight": 3}, tooltip=False)
m.default_js = [("leaflet", LEAFLET + "leaflet.js")]
m.default_css = [("leaflet_css", LEAFLET + "leaflet.css")]
st_folium(m, height=560, use_container_width=True, key="kart", on_change=clicked)
if chosen:
    st.subheader(f"{data.names.display[chosen]}: {len(arrangements_for_kommune(data, chosen))} ordninger")
