"""Draw a :class:`~layers.spec.LayerSpec` with folium (Leaflet) as a standalone HTML page.

Everything folium-specific lives here. The page is the export: folium makes the Leaflet map and
the page around it, and the one drawing script of the browser (``static/samarbeidskart/kart.js``,
shared with the app's live map) draws :func:`layers.web_map.payload` on it, every geometry
inlined. The page needs no network: Leaflet is inlined from ``static/leaflet``, the default
basemap is blank, and folium's other CDN assets (jQuery, Bootstrap, Font Awesome,
awesome-markers) are dropped because nothing here uses them. Every text from the data is
escaped before it reaches HTML.
"""

from __future__ import annotations

import html

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo import settings
from layers import web_map
from layers.spec import LayerSpec

LEAFLET_DIR = settings.ROOT / "static" / "leaflet"


class _Draw(MacroElement):
    """Calls the drawing script on the map with the payload and all its geometries (compact JSON)."""

    _template = Template("""
    {% macro script(this, kwargs) %}
      var sk = {{ this.json }};
      Samarbeidskart.draw({{ this._parent.get_name() }}, sk.view, sk.geoms);
    {% endmacro %}
    """)

    def __init__(self, view: dict, geoms: dict):
        super().__init__()
        self._name = "SamarbeidskartDraw"
        self.json = web_map.compact_json({"view": view, "geoms": geoms})


def render_folium(spec: LayerSpec, *, basemap: str = "blank", height: int | str = "100%") -> folium.Map:
    """A folium map of ``spec``, standalone: Leaflet, the drawing script and every geometry inlined.

    Parameters
    ----------
    basemap
        ``"blank"`` (default, works offline), ``"kartverket"`` or ``"osm"`` (tiles need network).
    """
    view, geoms = web_map.payload(spec, basemap=basemap)
    m = folium.Map(tiles=None, control_scale=False, prefer_canvas=False, height=height, zoom_snap=0.25)
    m.default_js = []
    m.default_css = []
    header = m.get_root().header
    for name, code in (
        ("leaflet_css", f"<style>{(LEAFLET_DIR / 'leaflet.css').read_text()}</style>"),
        ("leaflet_js", f"<script>{(LEAFLET_DIR / 'leaflet.js').read_text()}</script>"),
        ("kart_css", f"<style>{web_map.script_asset('kart.css')}</style>"),
        ("kart_js", f"<script>{web_map.script_asset('kart.js')}</script>"),
    ):
        header.add_child(Element(code), name=name)
    m.add_child(_Draw(view, geoms))  # the drawing script fits the view (clear of title and legend)
    return m


def to_html(spec: LayerSpec, **kwargs) -> str:
    """The whole page of :func:`render_folium` as a string: in Norwegian (``lang="nb"``), titled by
    the map's title; the map's name and text summary are set by the drawing script, as in the app."""
    m = render_folium(spec, **kwargs)
    m.get_root().header.add_child(Element(f"<title>{html.escape(spec.title)}</title>"), name="sk_title")
    page = m.get_root().render()
    return page.replace("<html>", '<html lang="nb">', 1)
