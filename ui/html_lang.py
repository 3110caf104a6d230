"""The page's language: Streamlit serves its page as ``<html lang="en">``; ours is Norwegian bokmål.

:class:`NorwegianPage` is an ASGI middleware (``serve.py`` gives it to ``st.App``) that rewrites the
language of the HTML page Streamlit serves, so that screen readers speak it as Norwegian and the
page declares the language it is written in (WCAG 3.1.1). Nothing else passes through it changed.
"""

from __future__ import annotations

LANGUAGE = "nb"
_ENGLISH = b'<html lang="en">'
_NORWEGIAN = f'<html lang="{LANGUAGE}">'.encode()


def _is_page(scope) -> bool:
    """A request for the page itself (``/``, a base path, ``…/index.html``), not for an asset."""
    if scope.get("type") != "http" or scope.get("method") != "GET":
        return False
    path = scope.get("path", "")
    return path.endswith("/") or path.endswith("index.html") or "." not in path.rsplit("/", 1)[-1]


class NorwegianPage:
    """ASGI middleware: the served page says ``lang="nb"``."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if not _is_page(scope):
            await self.app(scope, receive, send)
            return
        # ask for the page uncompressed, so its first line can be read and changed
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
                content = content.replace(_ENGLISH, _NORWEGIAN, 1)
            fixed = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            fixed.append((b"content-length", str(len(content)).encode()))
            await send({**start, "headers": fixed})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, capture)
