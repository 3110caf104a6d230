"""The page Streamlit serves, made ours: Norwegian, and asking for the map's code at once.

:class:`ServedPage` is an ASGI middleware (``serve.py`` gives it to ``st.App``) that rewrites the
HTML page Streamlit serves, and nothing else:

- its language: Streamlit says ``<html lang="en">``; ours is Norwegian bokmål, so that screen readers
  speak it as Norwegian and the page declares the language it is written in (WCAG 3.1.1);
- its head asks for Leaflet and the map's drawing script and styles (:data:`PRELOADED`) as soon as
  the page arrives, beside Streamlit's own code: by the time the live map's component runs and
  loads them (``static/samarbeidskart/live.js``), they are in the browser's cache, so the first map
  waits only for its data.
"""

from __future__ import annotations

#: Where the app serves ``static/`` (``server.enableStaticServing``), relative to the page.
ASSETS = "app/static/"
LANGUAGE = "nb"
_ENGLISH = b'<html lang="en">'
_NORWEGIAN = f'<html lang="{LANGUAGE}">'.encode()
#: What the live map loads, asked for by the page's head: (path under ``ASSETS``, ``as``).
PRELOADED = (
    ("leaflet/leaflet.js", "script"),
    ("samarbeidskart/kart.js", "script"),
    ("leaflet/leaflet.css", "style"),
    ("samarbeidskart/kart.css", "style"),
)
_PRELOAD = "".join(f'<link rel="preload" href="{ASSETS}{path}" as="{kind}">' for path, kind in PRELOADED).encode()


def _is_page(scope) -> bool:
    """A request for the page itself (``/``, a base path, ``…/index.html``), not for an asset."""
    if scope.get("type") != "http" or scope.get("method") != "GET":
        return False
    path = scope.get("path", "")
    return path.endswith("/") or path.endswith("index.html") or "." not in path.rsplit("/", 1)[-1]


def rewrite(page: bytes) -> bytes:
    """Streamlit's HTML ``page`` in Norwegian, its head asking for the map's code (see the module)."""
    page = page.replace(_ENGLISH, _NORWEGIAN, 1)
    return page.replace(b"<head>", b"<head>" + _PRELOAD, 1)


class ServedPage:
    """ASGI middleware: the served page says ``lang="nb"`` and preloads the map's code."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if not _is_page(scope):
            await self.app(scope, receive, send)
            return
        # ask for the page uncompressed, so its head can be read and changed
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": headers}
        start: dict | None = None
        body: list[bytes] = []

        async def capture(message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            content = b"".join(body)
            html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in start["headers"])
            if html:
                content = rewrite(content)
            fixed = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            fixed.append((b"content-length", str(len(content)).encode()))
            await send({**start, "headers": fixed})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, capture)
