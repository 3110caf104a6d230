"""Read the drawing payload back out of a standalone HTML map (layers.folium_map.to_html)."""

from __future__ import annotations

import json
import re

from layers import web_map


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
            view[part] = web_map.features(sk["view"], sk["geoms"], part)
    return view
