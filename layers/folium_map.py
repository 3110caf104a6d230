"""Draw a :class:`~layers.spec.LayerSpec` with folium (Leaflet) for the browser.

Everything folium-specific lives here. The map needs no network: Leaflet comes from
``static/leaflet`` (inlined into a standalone file, or referenced by a URL the app serves),
the default basemap is blank, and folium's other CDN assets (jQuery, Bootstrap, Font Awesome,
awesome-markers) are dropped because nothing here uses them. Every text that comes from the
data is escaped before it reaches HTML.
"""

from __future__ import annotations

import html
import json

import folium
import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from geo import settings
from geo.choices import resolve_choice
from layers.spec import EGEN, HIGHLIGHT_STYLES, INGEN, KONTEKST, STRIPER, LayerSpec

LEAFLET_DIR = settings.ROOT / "static" / "leaflet"
#: Basemaps: key → (label, tile URL or None, attribution).
BASEMAPS = {
    "blank": ("Ingen bakgrunnskart", None, ""),
    "kartverket": (
        "Kartverket, gråtone",
        "https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/{z}/{y}/{x}.png",
        '&copy; <a href="https://www.kartverket.no/">Kartverket</a>',
    ),
    "osm": (
        "OpenStreetMap",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bidragsytere',
    ),
}
DECIMALS = 4  # about 10 m: finer than a pixel at any zoom the data (1.3 km segments) supports


def _text(value: str) -> str:
    """Data text for HTML: escaped, with line breaks."""
    return "<br>".join(html.escape(line) for line in str(value).split("\n"))


def _compact_json(obj) -> str:
    """JSON without spaces, safe inside a <script> element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _area_features(spec: LayerSpec) -> dict:
    """Areas as GeoJSON with their style and (escaped) tooltip in short properties."""
    areas = spec.areas[spec.areas["kind"] != KONTEKST].reset_index(drop=True)
    return _features(
        areas,
        {
            "f": areas["fill"].tolist(),
            "e": areas["edge"].tolist(),
            "w": [round(float(w) * 1.3, 2) for w in areas["linewidth"]],  # points in print, pixels here
            "o": [float(o) for o in areas["opacity"]],
            "s": [1 if k == STRIPER else 0 for k in areas["kind"]],
            "t": [_text(t) for t in areas["tooltip"]],
            "k": areas["key"].tolist(),
        },
    )


def _context_lines(spec: LayerSpec) -> dict | None:
    """The backdrop kommuner as one line network clipped to the view: each shared edge once."""
    context = spec.areas[spec.areas["kind"] == KONTEKST]
    if context.empty:
        return None
    edges = shapely.union_all(shapely.boundary(context.geometry.values))
    edges = shapely.line_merge(shapely.intersection(edges, shapely.box(*spec.bounds)))
    x0, y0, x1, y1 = spec.bounds
    edges = shapely.simplify(edges, max(x1 - x0, y1 - y0) / 400)  # a faint backdrop: about a pixel of detail
    return _features(gpd.GeoDataFrame(geometry=[edges], crs=context.crs), {}, decimals=3)


def _features(gdf, properties: dict[str, list], *, decimals: int = DECIMALS) -> dict:
    """GeoJSON in EPSG:4326 with coordinates rounded to ``decimals``; feature ids are row positions."""
    geoms = gdf.to_crs(settings.CRS_WGS84).geometry.values
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    feats = []
    for i, g in enumerate(geoms):
        if g is None or g.is_empty:
            continue
        feats.append(
            {
                "type": "Feature",
                "id": i,
                "geometry": g.__geo_interface__,
                "properties": {k: v[i] for k, v in properties.items()},
            }
        )
    return {"type": "FeatureCollection", "features": feats}


class _Overlay(MacroElement):
    """Title, legend and attribution drawn as HTML on the map (texts escaped by the caller)."""

    _template = Template("""
    {% macro header(this, kwargs) %}
    <style>
      .sk-box { position:absolute; z-index:1000; background:rgba(255,255,255,.92); padding:6px 9px;
                border-radius:4px; box-shadow:0 1px 4px rgba(0,0,0,.3); font:12px/1.35 sans-serif; color:#222; }
      .sk-title { top:8px; left:52px; max-width:55%; }
      .sk-title b { font-size:14px; }
      .sk-legend { top:8px; right:8px; max-height:calc(100% - 40px); overflow:auto; max-width:min(34%, 300px); }
      .sk-legend summary { cursor:pointer; font-weight:bold; }
      .sk-legend details:not([open]) { width:auto; }
      .sk-legend .row { display:flex; align-items:center; gap:6px; margin:1px 0; }
      .sk-sw { width:16px; height:11px; border:1px solid #4d4d4d; flex:none; }
      .sk-hatch { background-image: repeating-linear-gradient(45deg, var(--c) 0 2px, transparent 2px 5px) !important;
                  background-color: transparent !important; }
      .sk-dot { width:9px; height:9px; border-radius:50%; border:2px solid #000; background:#fff; flex:none; }
      .sk-line { width:16px; height:0; border-top:3px solid var(--c); flex:none; }
      .sk-label { font:600 11px/1.1 sans-serif; color:#111; text-align:center; white-space:nowrap; width:max-content;
                  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; pointer-events:none; }
      .sk-label.kommune { font-weight:400; font-style:italic; font-size:10px; }
      path.leaflet-interactive:focus { outline: none; }
    </style>
    {% endmacro %}
    {% macro script(this, kwargs) %}
      (function() {
        var map = {{ this._parent.get_name() }};
        var box = document.createElement('div');
        box.innerHTML = {{ this.body|tojson }};
        while (box.firstChild) { map.getContainer().appendChild(box.firstChild); }
        // Keep the data clear of the title (top left) and the legend (right): fit the view to the
        // space they leave, again when the legend is folded or opened.
        var container = map.getContainer();
        function fit() {
          var title = container.querySelector('.sk-title'), legend = container.querySelector('.sk-legend');
          map.fitBounds({{ this.bounds|tojson }}, {paddingTopLeft: [12, (title ? title.offsetHeight : 0) + 16],
                        paddingBottomRight: [(legend ? legend.offsetWidth : 0) + 16, 24]});
        }
        fit();
        var folding = container.querySelector('.sk-legend details');
        if (folding) { folding.addEventListener('toggle', fit); }
        L.control.scale({imperial: false}).addTo(map);
        map.attributionControl.setPrefix(false);
        map.attributionControl.addAttribution({{ this.attribution|tojson }});
      })();
    {% endmacro %}
    """)

    def __init__(self, body: str, attribution: str, bounds: list[list[float]]):
        super().__init__()
        self._name = "SamarbeidskartOverlay"
        self.body = body
        self.attribution = attribution
        self.bounds = bounds


class _Data(MacroElement):
    """Areas, backdrop, borders, hosts and labels in one script with compact JSON."""

    _template = Template("""
    {% macro script(this, kwargs) %}
      (function() {
        var map = {{ this._parent.get_name() }}, d = {{ this.json }};
        if (d.context) {
          L.geoJson(d.context, {interactive: false, style: {color: "#c8c8c8", weight: 0.6, fill: false}}).addTo(map);
        }
        var areas = L.geoJson(d.areas, {
          style: function(f) { var p = f.properties; return {fillColor: p.f, color: p.e, weight: p.w, fillOpacity: p.o,
                               opacity: p.w > 0 ? 1 : 0}; },
          onEachFeature: function(f, layer) {
            if (f.properties.s) { return; }
            layer.bindTooltip(f.properties.t, {sticky: true});
            layer.on("mouseover", function() { layer.setStyle({weight: 3, color: "#000"}); });
            layer.on("mouseout", function() { areas.resetStyle(layer); });
          }
        }).addTo(map);
        if (d.lines) { L.geoJson(d.lines, {interactive: d.linetips, style: function(f) {
          return {color: f.properties.e, weight: f.properties.w, opacity: 0.85}; },
          onEachFeature: function(f, layer) {
            if (f.properties.t) { layer.bindTooltip(f.properties.t, {sticky: true}); }
          }
        }).addTo(map); }
        if (d.highlight) { L.geoJson(d.highlight, {interactive: false, style: function(f) {
          var p = f.properties; return {color: p.e, weight: p.w, dashArray: p.d, fill: false}; }}).addTo(map); }
        d.hosts.forEach(function(h) {
          L.circleMarker([h[0], h[1]], {radius: 5, color: "#000", weight: 2, fillColor: "#fff", fillOpacity: 1})
            .bindTooltip(h[2]).addTo(map); });
        var labels = d.labels.slice().sort(function(a, b) { return a[3] - b[3]; }).map(function(l) {
          return L.marker([l[0], l[1]], {interactive: false, keyboard: false, icon: L.divIcon({className: "",
            iconSize: [0, 0], html: '<div class="sk-label' + (l[3] ? ' kommune' : '') +
                  '" style="transform:translate(-50%,-50%)">' + l[2] + '</div>'})
          }).addTo(map); });
        // As in print: a label that would overlap one placed before it (arrangements first) is left out.
        function declutter() {
          var placed = [];
          labels.forEach(function(m) {
            var el = m.getElement() && m.getElement().firstChild;
            if (!el) { return; }
            el.style.visibility = "visible";
            var r = el.getBoundingClientRect();
            var hit = placed.some(function(p) { return r.left < p.right + 2 && r.right > p.left - 2 &&
                                                       r.top < p.bottom + 1 && r.bottom > p.top - 1; });
            if (hit) { el.style.visibility = "hidden"; } else { placed.push(r); }
          });
        }
        map.on("zoomend moveend resize", declutter);
        [0, 200, 800].forEach(function(ms) { setTimeout(declutter, ms); });  // after the frame is laid out
      })();
    {% endmacro %}
    """)

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "SamarbeidskartData"
        self.json = _compact_json(payload)


def _legend_html(spec: LayerSpec, legend) -> str:
    rows = []
    for e in legend:
        if e.marker:
            sym = '<span class="sk-dot"></span>'
        elif e.line:
            style = f"--c:{html.escape(e.edge)};border-top-width:{e.width:g}px"
            if e.dash:
                style += ";border-top-style:dashed"
            sym = f'<span class="sk-line" style="{style}"></span>'
        elif e.hatch:
            sym = f'<span class="sk-sw sk-hatch" style="--c:{html.escape(e.fill or "#fff")}"></span>'
        else:
            sym = f'<span class="sk-sw" style="background:{html.escape(e.fill or "#fff")}"></span>'
        rows.append(f'<div class="row">{sym}<span>{_text(e.label)}</span></div>')
    head = _text(spec.legend_title) if spec.legend_title else "Tegnforklaring"
    return f'<div class="sk-box sk-legend"><details open><summary>{head}</summary>{"".join(rows)}</details></div>'


def _title_html(spec: LayerSpec) -> str:
    notes = "".join(f"<div>{_text(n)}</div>" for n in spec.notes)
    return f'<div class="sk-box sk-title"><b>{_text(spec.title)}</b><div>{_text(spec.subtitle)}</div>{notes}</div>'


def highlight_features(spec: LayerSpec) -> dict | None:
    """The chosen kommune and its partners as GeoJSON, styled from :data:`~layers.spec.HIGHLIGHT_STYLES`."""
    if spec.highlight is None or spec.highlight.empty:
        return None
    styles = [HIGHLIGHT_STYLES[k] for k in spec.highlight["kind"]]
    return _features(
        spec.highlight,
        {
            "e": [s.edge for s in styles],
            "w": [s.width for s in styles],
            "d": [" ".join(f"{x:g}" for x in s.dash) or None for s in styles],
            "t": [_text(n) for n in spec.highlight["navn"]],
        },
    )


def highlight_group(spec: LayerSpec) -> folium.FeatureGroup | None:
    """The highlight as a feature group that can be added to a map already drawn (the app adds it
    without re-rendering the map); the same styles as :func:`render_folium` draws it with."""
    features = highlight_features(spec)
    if features is None:
        return None
    group = folium.FeatureGroup(name="Valgt kommune")
    folium.GeoJson(
        features,
        interactive=False,
        style_function=lambda f: {
            "color": f["properties"]["e"],
            "weight": f["properties"]["w"],
            "dashArray": f["properties"]["d"],
            "fill": False,
        },
    ).add_to(group)
    return group


def _payload(spec: LayerSpec, *, highlight: bool) -> dict:
    payload = {
        "areas": _area_features(spec),
        "context": _context_lines(spec),
        "lines": None,
        "hosts": [],
        "labels": [],
        "linetips": False,
        "highlight": highlight_features(spec) if highlight else None,
    }
    if spec.lines is not None and len(spec.lines):
        properties = {"e": spec.lines["edge"].tolist(), "w": spec.lines["linewidth"].astype(float).tolist()}
        if "tooltip" in spec.lines.columns:
            properties["t"] = [_text(t) for t in spec.lines["tooltip"]]
            payload["linetips"] = True
        payload["lines"] = _features(spec.lines, properties)
    if spec.points is not None and len(spec.points):
        pts = spec.points.to_crs(settings.CRS_WGS84)
        payload["hosts"] = [
            [round(g.y, DECIMALS), round(g.x, DECIMALS), _text(t)] for g, t in zip(pts.geometry.values, pts["tooltip"])
        ]
    if spec.labels is not None and len(spec.labels):
        lab = spec.labels.to_crs(settings.CRS_WGS84)
        payload["labels"] = [
            [round(g.y, DECIMALS), round(g.x, DECIMALS), _text(t), 1 if k in (EGEN, INGEN) else 0]
            for g, t, k, v in zip(lab.geometry.values, lab["text"], lab["kind"], lab["vises"])
            if v and g is not None and not g.is_empty
        ]
    return payload


def render_folium(
    spec: LayerSpec,
    *,
    basemap: str = "blank",
    assets: str = "inline",
    height: int | str = "100%",
    highlight: bool = True,
) -> folium.Map:
    """A folium map of ``spec``.

    Parameters
    ----------
    basemap
        ``"blank"`` (default, works offline), ``"kartverket"`` or ``"osm"`` (tiles need network).
    assets
        ``"inline"`` puts Leaflet's JS and CSS into the page (a standalone file that works offline);
        otherwise a URL prefix where ``static/leaflet`` is served (the app: ``"app/static/leaflet/"``).
    highlight
        Draw the spec's highlight and its legend entries (the app leaves them out and adds
        :func:`highlight_group` instead, so that choosing a kommune does not re-render the map).
    """
    label, tiles, tile_attr = resolve_choice(basemap, BASEMAPS, what="bakgrunnskart")
    m = folium.Map(tiles=None, control_scale=False, prefer_canvas=False, height=height, zoom_snap=0.25)
    m.default_js = []
    m.default_css = []
    root = m.get_root()
    if assets == "inline":
        root.header.add_child(
            Element(f"<style>{(LEAFLET_DIR / 'leaflet.css').read_text()}</style>"), name="leaflet_css"
        )
        root.header.add_child(
            Element(f"<script>{(LEAFLET_DIR / 'leaflet.js').read_text()}</script>"), name="leaflet_js"
        )
    else:
        prefix = assets.rstrip("/") + "/"
        m.default_css = [("leaflet_css", prefix + "leaflet.css")]
        m.default_js = [("leaflet", prefix + "leaflet.js")]
    if tiles:
        folium.TileLayer(tiles=tiles, attr=tile_attr, name=label, max_zoom=18).add_to(m)
    else:
        root.header.add_child(Element("<style>.leaflet-container{background:#f3f5f7;}</style>"), name="blank_bg")
    m.add_child(_Data(_payload(spec, highlight=highlight)))
    legend = spec.legend + (spec.highlight_legend() if highlight else ())
    bounds = latlon_bounds(spec.bounds)
    m.add_child(_Overlay(_title_html(spec) + _legend_html(spec, legend), html.escape(spec.source), bounds))
    m.fit_bounds(bounds)
    return m


def latlon_bounds(bounds: tuple[float, float, float, float]) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of a EPSG:25833 extent."""
    box = gpd.GeoSeries([shapely.box(*bounds)], crs=settings.CRS_METRIC).to_crs(settings.CRS_WGS84)
    west, south, east, north = box.total_bounds
    return [[south, west], [north, east]]


def to_html(spec: LayerSpec, **kwargs) -> str:
    """The whole page of :func:`render_folium` as a string."""
    return render_folium(spec, **kwargs).get_root().render()
