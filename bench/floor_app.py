"""The stack's floor: one polygon in ``st_folium`` (``streamlit run bench/floor_app.py``).

What any Streamlit + folium map page costs from ``streamlit run`` to a polygon drawn on this
machine; the real app's first map is measured against it. Leaflet from the app's static folder,
as in the real app (no network needed).
"""

import folium
from streamlit_folium import st_folium

LEAFLET = "/app/static/leaflet/"

m = folium.Map(location=[60.5, 9.5], zoom_start=6, tiles=None)
folium.GeoJson(
    {"type": "Polygon", "coordinates": [[[8.0, 59.5], [10.5, 59.5], [10.5, 61.0], [8.0, 61.0], [8.0, 59.5]]]}
).add_to(m)
m.default_js = [("leaflet", LEAFLET + "leaflet.js")]
m.default_css = [("leaflet_css", LEAFLET + "leaflet.css")]
st_folium(m, height=560, use_container_width=True)
