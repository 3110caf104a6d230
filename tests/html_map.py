"""Read a drawing payload as the drawing script reads it: its compact geometries decoded, its columns
as GeoJSON features (a reference for the tests; the product decodes in ``kart.js`` only, which
``tests/layers/test_kart_js.py`` checks in a browser), and the payload back out of a standalone HTML map."""

from __future__ import annotations

import json
import re

import numpy as np


def payload_script(html: str) -> str:
    """The JSON text of the page's payload, as it stands in the <script> element."""
    return re.search(r"var sk = (\{.*?\});\n", html, flags=re.S).group(1)


def payload_of(html: str) -> dict:
    """The page's drawing payload with areas, lines and highlight as GeoJSON feature collections
    (as the drawing script builds them)."""
    sk = json.loads(payload_script(html))
    view = dict(sk["view"])
    for part in ("areas", "lines", "highlight"):
        if view.get(part):
            view[part] = features(sk["view"], sk["geoms"], part)
    return view


def decode(geometry: dict | None) -> dict | None:
    """A geometry of :func:`layers.web_map.encode` as plain GeoJSON (what the drawing script makes of it)."""
    if geometry is not None and geometry.get("type") == "GeometryCollection":
        return {"type": "GeometryCollection", "geometries": [decode(g) for g in geometry["geometries"]]}
    if geometry is None or "q" not in geometry:
        return geometry
    scale = 10.0 ** geometry["d"]

    def line(q):
        xy = np.cumsum(np.asarray(q, dtype=np.int64).reshape(-1, 2), axis=0) / scale
        return xy.tolist()

    kind, q = geometry["type"], geometry["q"]
    if kind in ("LineString", "MultiPoint"):
        coords = line(q)
    elif kind == "Point":
        coords = line(q)[0]
    elif kind in ("Polygon", "MultiLineString"):
        coords = [line(r) for r in q]
    else:
        coords = [[line(r) for r in polygon] for polygon in q]
    return {"type": kind, "coordinates": coords}


def features(view: dict, geoms: dict[str, dict], part: str) -> dict:
    """One part of a payload (``"areas"``, ``"lines"`` or ``"highlight"``) as the GeoJSON
    FeatureCollection the drawing script builds from it: one feature per row, its geometry looked
    up by key, the other columns as properties."""
    columns = view.get(part) or {}
    n = len(columns.get("g", ()))
    feats = [
        {
            "type": "Feature",
            "id": i,
            "geometry": decode(geoms.get(columns["g"][i])),
            "properties": {c: v[i] for c, v in columns.items() if c != "g"},
        }
        for i in range(n)
    ]
    return {"type": "FeatureCollection", "features": [f for f in feats if f["geometry"] is not None]}
