"""A :class:`~layers.spec.LayerSpec` as the browser draws it: a small drawing payload plus the
geometries it refers to by key.

One drawing script, ``static/samarbeidskart/kart.js``, draws this payload on a Leaflet map, in
the standalone HTML export (:mod:`layers.folium_map`, every geometry inlined) and in the app's
live map (:mod:`ui.live_map`, which sends a geometry only the first time the browser needs
it). A geometry's key is a digest of its coordinates, so the same kommune or arrangement area
has the same key in every view; a change of filters sends styles, tooltips, labels and the
highlight, not the shapes again. Every text from the data is HTML-escaped here.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from geo import areas as geo_areas
from geo import projection, settings
from geo._memo import Recent, Same
from geo.choices import resolve_choice
from layers._common import lookup
from layers.spec import (
    CASING_PT,
    CONTEXT_STYLE,
    EGEN,
    HIGHLIGHT_STYLES,
    HOST_STYLE,
    INGEN,
    KONTEKST,
    LINE_OPACITY,
    SCREEN_PX_PER_PT,
    STRIPER,
    LayerSpec,
)

ASSET_DIR = settings.ROOT / "static"
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
NATIONAL_SPAN = 600_000  # metres: a view wider than this is drawn to 3 decimals (about 100 m)
#: Geometries kept converted (key → GeoJSON geometry) per process: every kommune of both divisions
#: at two levels of detail, and the arrangements and stripes of many views.
CACHE_SIZE = 6000
_GEOJSON = Recent(lambda: CACHE_SIZE)  # key → encoded geometry


def text(value: str) -> str:
    """Data text for HTML: escaped, with line breaks."""
    return _text(str(value))


@functools.lru_cache(maxsize=8192)
def _text(value: str) -> str:
    """:func:`text` of a string (the same tooltips and names come back in view after view; each
    escaped once, up to a few thousand)."""
    return "<br>".join(html.escape(line) for line in value.split("\n"))


def compact_json(obj) -> str:
    """JSON without spaces, safe inside a <script> element."""
    out = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        out = out.replace(raw, f"\\u{ord(raw):04x}")
    return out


def _keys(geoms) -> list[str]:
    """A short digest of each geometry's coordinates (EPSG:25833 WKB): the same shape, the same key."""
    wkb = shapely.to_wkb(np.asarray(geoms, dtype=object))
    return [hashlib.blake2b(w, digest_size=8).hexdigest() if w is not None else "" for w in wkb]


_TYPES = ("Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon")


def _template(geometry, counts: list[int]):
    """The GeoJSON shape of ``geometry`` (its type and how its rings nest), adding the number of
    coordinates of each ring or line, in the order ``shapely.get_coordinates`` gives them, to
    ``counts``. ``None`` for an empty geometry."""
    if geometry is None or geometry.is_empty:
        return None
    kind = int(shapely.get_type_id(geometry))
    if kind == 7:  # a GeometryCollection: each part its own GeoJSON geometry
        return ("GeometryCollection", [_template(part, counts) for part in shapely.get_parts(geometry)])
    if kind in (0, 1, 2, 4):  # one flat run of coordinates
        counts.append(int(shapely.get_num_coordinates(geometry)))
        return (_TYPES[kind], None)
    if kind == 6:
        parts = shapely.get_parts(geometry)
        rings, owner = shapely.get_rings(parts, return_index=True)
        nested: list[int] = [0] * len(parts)
        for o in owner.tolist():
            nested[o] += 1
        counts.extend(shapely.get_num_coordinates(rings).tolist())
        return (_TYPES[kind], nested)  # rings per polygon
    runs = shapely.get_rings(geometry) if kind == 3 else shapely.get_parts(geometry)
    counts.extend(shapely.get_num_coordinates(runs).tolist())
    return (_TYPES[kind], len(runs))


def _fill(template, runs, decimals: int) -> dict | None:
    """``template`` with its rings taken in turn from the iterator ``runs``."""
    if template is None:
        return None
    kind, nest = template
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [g for g in (_fill(t, runs, decimals) for t in nest) if g]}
    if nest is None:
        q = next(runs)
    elif kind == "MultiPolygon":
        q = [[next(runs) for _ in range(n)] for n in nest]
    else:
        q = [next(runs) for _ in range(nest)]
    return {"type": kind, "d": decimals, "q": q}


def encode_all(geometries, decimals: int, *, project=None) -> list[dict | None]:
    """Each geometry (EPSG:4326, or converted by ``project``, a function of an ``(n, 2)`` array of
    coordinates) in the payload's compact form: its GeoJSON type, ``d`` (decimals) and ``q``: each
    ring or line as flat integers (coordinates × 10^decimals), the first pair as it is, then each
    pair as the difference from the one before (about half the JSON of plain rounded coordinates),
    nested as GeoJSON nests them. ``None`` for an empty geometry. One conversion and one rounding
    for every coordinate of the batch."""
    geometries = np.asarray(geometries, dtype=object)
    counts: list[int] = []
    templates = [_template(g, counts) for g in geometries]
    xy = shapely.get_coordinates(geometries)
    if project is not None and len(xy):
        xy = project(xy)
    q = np.rint(xy * 10.0**decimals).astype(np.int64)
    flat = q.copy()
    flat[1:] -= q[:-1]
    ends = np.cumsum(counts, dtype=np.int64)
    starts = ends - np.asarray(counts, dtype=np.int64)
    flat[starts[starts < len(flat)]] = q[starts[starts < len(flat)]]  # each ring starts as it is
    flat = flat.ravel().tolist()
    runs = iter([flat[2 * a : 2 * b] for a, b in zip(starts.tolist(), ends.tolist())])
    return [_fill(t, runs, decimals) for t in templates]


def encode(geometry, decimals: int) -> dict | None:
    """One geometry (EPSG:4326) in the payload's compact form (see :func:`encode_all`)."""
    return encode_all([geometry], decimals)[0]


def _to_degrees(crs):
    """The conversion :func:`encode_all` applies to coordinates in ``crs``: none for degrees."""
    if projection.is_metric(crs):
        return projection.xy_to_wgs84
    if pyproj.CRS.from_user_input(crs).equals(pyproj.CRS.from_user_input(settings.CRS_WGS84)):
        return None
    raise ValueError(f"crs: forventet {settings.CRS_METRIC} eller {settings.CRS_WGS84}, fikk {crs}")


#: A geometry's key by the object (:class:`~geo._memo.Same`): the same area is sent in many views,
#: and its digest needs its WKB.
_KEY_OF = Recent(lambda: CACHE_SIZE)


def _geometries(geoms: np.ndarray, crs, *, decimals: int = DECIMALS) -> tuple[list[str], dict[str, dict]]:
    """Keys of ``geoms`` and their :func:`encode` forms in EPSG:4326 to ``decimals``, converted once
    per process (:data:`CACHE_SIZE`). Empty geometries get the key ``""``."""
    geoms = np.asarray(geoms, dtype=object)
    digests = _KEY_OF.each([Same(g) for g in geoms], lambda same: _keys([x.obj for x in same]))
    keys = [f"{k}{decimals}" if k else "" for k in digests]
    where = {k: i for i, k in enumerate(keys) if k}  # a geometry of each key

    def encoded(missing: list[str]) -> list[dict | None]:
        return encode_all(geoms[[where[k] for k in missing]], decimals, project=_to_degrees(crs))

    found = dict(zip(where, _GEOJSON.each(list(where), encoded)))
    return [k if found.get(k) is not None else "" for k in keys], {k: g for k, g in found.items() if g is not None}


def _network(kommuner) -> tuple[np.ndarray, np.ndarray, shapely.STRtree, dict[str, int]]:
    """The frame's :func:`geo.areas.shared_edges`, a tree over them and each kommune's position: made
    once per kommune frame (its lookup keeps it)."""
    look = lookup(kommuner)

    def make():
        edges, owners = geo_areas.shared_edges(look.geoms)
        return edges, owners, shapely.STRtree(edges), {k: i for i, k in enumerate(look.numbers)}

    return look.memo(("kanter",), make)


def _context_lines(spec: LayerSpec, kommuner=None) -> gpd.GeoSeries | None:
    """The backdrop kommuner as one line network within the view, each shared edge once, thinned to
    about a pixel: the edges of the backdrop kommuner in ``kommuner``'s network (the frame the spec
    was drawn from, whose edges are made once), or, without it, in theirs alone."""
    rows = _rows(spec.areas, KONTEKST)
    if not rows:
        return None
    box = shapely.box(*spec.bounds)
    if kommuner is not None:
        edges, owners, tree, position = _network(kommuner)
        wanted = np.zeros(len(position) + 1, dtype=bool)  # the last: no kommune (an owner of -1)
        keys = spec.areas["key"].tolist()
        wanted[[position[keys[i]] for i in rows]] = True
        near = tree.query(box)
        edges = edges[near[wanted[owners[near, 0]] | wanted[owners[near, 1]]]]
    else:
        edges, _ = geo_areas.shared_edges(spec.areas.geometry.values[rows])
    x0, y0, x1, y1 = spec.bounds
    lines = shapely.clip_by_rect(shapely.simplify(edges, max(x1 - x0, y1 - y0) / 400), x0, y0, x1, y1)
    parts = shapely.get_parts(lines)
    parts = parts[(shapely.get_type_id(parts) == 1) & ~shapely.is_empty(parts)]
    if not len(parts):
        return None
    return gpd.GeoSeries([shapely.multilinestrings(parts)], crs=spec.areas.crs)


CONTEXT_CACHE_SIZE = 64
_CONTEXT = Recent(lambda: CONTEXT_CACHE_SIZE)


def _context(spec: LayerSpec, kommuner=None) -> gpd.GeoSeries | None:
    """:func:`_context_lines`, made once per set of backdrop kommuner and view (the same for every
    service shown in an area)."""
    rows = _rows(spec.areas, KONTEKST)
    if kommuner is not None:  # the frame's kommuner, by number
        keys = spec.areas["key"].tolist()
        key = (Same(lookup(kommuner)), tuple(keys[i] for i in rows), tuple(spec.bounds))
    else:
        key = (tuple(_keys(np.asarray(spec.areas.geometry.values[rows], dtype=object))), tuple(spec.bounds))
    return _CONTEXT.get(key, lambda: _context_lines(spec, kommuner))


def _rows(areas: gpd.GeoDataFrame, kind: str, *, other: bool = False) -> list[int]:
    """Positions of the rows of ``kind`` in ``areas`` (with ``other``, of every other kind): plain
    positions, as selecting rows of a GeoDataFrame by a mask costs most of a millisecond."""
    return [i for i, k in enumerate(areas["kind"].tolist()) if (k == kind) != other]


def _decimals(spec: LayerSpec) -> int:
    """Decimals of a degree kept: 4 (about 10 m) for a region; 3 for a view of the whole country,
    drawn with polygons thinned to 2 km, where a screen pixel is about a kilometre."""
    x0, y0, x1, y1 = spec.bounds
    return 3 if max(x1 - x0, y1 - y0) > NATIONAL_SPAN else DECIMALS


def _area_columns(spec: LayerSpec, geoms: dict) -> dict:
    rows = _rows(spec.areas, KONTEKST, other=True)

    def column(name: str) -> list:
        values = spec.areas[name].tolist()
        return [values[i] for i in rows]

    keys, found = _geometries(spec.areas.geometry.values[rows], spec.areas.crs, decimals=_decimals(spec))
    geoms.update(found)
    return {
        "g": keys,
        "f": column("fill"),
        "e": column("edge"),
        "w": [round(float(w) * SCREEN_PX_PER_PT, 2) for w in column("linewidth")],  # points in print, pixels here
        "o": [float(o) for o in column("opacity")],
        "s": [1 if k == STRIPER else 0 for k in column("kind")],
        "t": [text(t) for t in column("tooltip")],
        "c": column("casing"),  # "" or the colour of the casing under the row's edge
    }


def _dash_array(dash) -> str | None:
    """A dash pattern in print points as Leaflet's ``dashArray`` in screen pixels (``None``: solid)."""
    return " ".join(f"{round(x * SCREEN_PX_PER_PT, 2):g}" for x in dash) or None


def highlight_columns(spec: LayerSpec, geoms: dict) -> dict | None:
    """The chosen kommune and its partners, styled from :data:`~layers.spec.HIGHLIGHT_STYLES`."""
    if spec.highlight is None or spec.highlight.empty:
        return None
    styles = [HIGHLIGHT_STYLES[k] for k in spec.highlight["kind"]]
    keys, found = _geometries(spec.highlight.geometry.values, spec.highlight.crs, decimals=_decimals(spec))
    geoms.update(found)
    return {
        "g": keys,
        "e": [s.edge for s in styles],
        "w": [round(s.width * SCREEN_PX_PER_PT, 2) for s in styles],
        "d": [_dash_array(s.dash) for s in styles],
        "t": [text(n) for n in spec.highlight["navn"]],
        "c": [s.casing for s in styles],
    }


def _legend_html(spec: LayerSpec, legend) -> str:
    rows = []
    for e in legend:
        if e.marker:
            sym = '<span class="sk-dot"></span>'
        elif e.line:
            style = f"--c:{html.escape(e.edge)};border-top-width:{round(e.width * SCREEN_PX_PER_PT, 2):g}px"
            if e.dash:  # a dash no longer than the line is wide reads as dots (as the map draws it)
                style += f";border-top-style:{'dotted' if e.dash[0] <= e.width else 'dashed'}"
            sym = f'<span class="sk-line" style="{style}"></span>'
        elif e.hatch:
            sym = f'<span class="sk-sw sk-hatch" style="--c:{html.escape(e.fill or "#fff")}"></span>'
        elif e.fill:
            style = f"background:{html.escape(e.fill)};border-color:{html.escape(e.edge)}"
            sym = f'<span class="sk-sw" style="{style}"></span>'
        else:
            sym = ""
        if e.number:  # the number that stands on the map for this entry
            sym += f'<span class="sk-num">{text(e.number)}</span>'
        rows.append(f'<div class="row">{sym}<span>{text(e.label)}</span></div>')
    head = text(spec.legend_title) if spec.legend_title else "Tegnforklaring"
    return f'<div class="sk-box sk-legend"><details open><summary>{head}</summary>{"".join(rows)}</details></div>'


def _title_html(spec: LayerSpec) -> str:
    notes = "".join(f"<div>{text(n)}</div>" for n in spec.notes)
    if notes:  # folded, so that the map keeps its room; one click (or Enter) opens them
        notes = f'<details class="sk-notes"><summary>Om kartet ({len(spec.notes)})</summary>{notes}</details>'
    return f'<div class="sk-box sk-title"><b>{text(spec.title)}</b><div>{text(spec.subtitle)}</div>{notes}</div>'


def latlon_bounds(bounds: tuple[float, float, float, float]) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of a EPSG:25833 extent."""
    west, south, east, north = shapely.total_bounds(projection.to_wgs84([shapely.box(*bounds)]))
    return [[round(float(south), 6), round(float(west), 6)], [round(float(north), 6), round(float(east), 6)]]


def _points(frame: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    pts = frame.geometry.values
    project = _to_degrees(frame.crs)
    if project is not None:
        pts = shapely.transform(np.asarray(pts, dtype=object), project)
    return [(round(g.y, DECIMALS), round(g.x, DECIMALS)) if g is not None and not g.is_empty else None for g in pts]


def payload(spec: LayerSpec, *, basemap: str = "blank", kommuner=None) -> tuple[dict, dict[str, dict]]:
    """The drawing payload of ``spec`` and the geometries it refers to (key → GeoJSON geometry).
    ``kommuner``: the kommune frame the spec was drawn from, if known (its backdrop lines are then
    cut from the frame's edges, made once, rather than from its backdrop kommuner in every view).

    The payload holds styles, escaped tooltips and labels, the title and legend as escaped HTML,
    the source line (attribution), the view's bounds and the basemap; areas, lines, the highlight
    and the backdrop refer to geometries by key.
    """
    label, tiles, tile_attribution = resolve_choice(basemap, BASEMAPS, what="bakgrunnskart")
    geoms: dict[str, dict] = {}
    context = _context(spec, kommuner)
    context_key = None
    if context is not None:
        (context_key,), found = _geometries(context.values, context.crs, decimals=3)
        geoms.update(found)
    view = {
        "areas": _area_columns(spec, geoms),
        "context": context_key or None,
        "lines": None,
        "linetips": False,
        "highlight": highlight_columns(spec, geoms),
        "hosts": [],
        "labels": [],
        "overlay": _title_html(spec) + _legend_html(spec, spec.legend + spec.highlight_legend()),
        "attribution": html.escape(spec.source),
        # the map in words (set as text by kart.js, never as HTML): its accessible name and description
        "name": f"Kart: {spec.title}",
        "summary": spec.summary(),
        "bounds": latlon_bounds(spec.bounds),
        "tiles": tiles,
        "tileAttribution": tile_attribution,
        "styles": {  # what is no data, drawn as print draws it (layers.spec)
            "context": {"color": CONTEXT_STYLE.edge, "weight": round(CONTEXT_STYLE.width * SCREEN_PX_PER_PT, 2)},
            "host": {
                "color": HOST_STYLE["edge"],
                "fillColor": HOST_STYLE["fill"],
                "weight": round(HOST_STYLE["width"] * SCREEN_PX_PER_PT, 2),
                "radius": round(HOST_STYLE["size"] * SCREEN_PX_PER_PT / 2 + 1.5, 2),
            },
            "lineOpacity": LINE_OPACITY,
            "casing": round(CASING_PT * SCREEN_PX_PER_PT, 2),  # how much wider than its line a casing is
        },
    }
    if spec.lines is not None and len(spec.lines):
        keys, found = _geometries(spec.lines.geometry.values, spec.lines.crs, decimals=_decimals(spec))
        geoms.update(found)
        widths = [round(float(w) * SCREEN_PX_PER_PT, 2) for w in spec.lines["linewidth"]]
        view["lines"] = {"g": keys, "e": spec.lines["edge"].tolist(), "w": widths}
        view["lines"]["c"] = spec.lines["casing"].tolist() if "casing" in spec.lines.columns else [""] * len(keys)
        if "dash" in spec.lines.columns and any(len(d) for d in spec.lines["dash"]):
            view["lines"]["d"] = [_dash_array(d) for d in spec.lines["dash"]]
        if "tooltip" in spec.lines.columns:
            view["lines"]["t"] = [text(t) for t in spec.lines["tooltip"]]
            view["linetips"] = True
    if spec.points is not None and len(spec.points):
        view["hosts"] = [[*p, text(t)] for p, t in zip(_points(spec.points), spec.points["tooltip"]) if p]
    if spec.labels is not None and len(spec.labels):
        lab = spec.labels
        view["labels"] = [  # style: 2 a numbered key, 1 a kommune (italic), 0 an arrangement
            [*p, text(t), 2 if n else 1 if k in (EGEN, INGEN) else 0]
            for p, t, k, n, v in zip(_points(lab), lab["text"], lab["kind"], lab["nummer"], lab["vises"])
            if v and p
        ]
    # which drawing this is (the page marks the map with it when drawn): made once with the payload,
    # not on every rerun that shows it again
    view["id"] = hashlib.blake2b(compact_json(view).encode(), digest_size=6).hexdigest()
    return view, geoms


def script_asset(name: str) -> str:
    """A drawing asset's text (``kart.js`` or ``kart.css``), for inlining into a standalone page."""
    return (ASSET_DIR / "samarbeidskart" / name).read_text(encoding="utf-8")
