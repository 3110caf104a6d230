"""Streamlit's own code, served from memory and compressed once.

A new visitor's browser asks the app server for about sixty of Streamlit's files (its code in
pieces, its styles and fonts) while the first run is being made. Streamlit serves each from disk
through its middleware and a worker thread: about 1.3 ms of the server's CPU per file, on the thread
that also sends every run's messages. Those files are part of the installed package and their names
carry a hash of their content, so they never change under a name. :class:`StreamlitAssets` (an
ASGI middleware ``serve.py`` gives to ``st.App``) answers for them from memory instead: each file is
read once, compressed once (gzip, for text, when the browser accepts it) and then sent as it is.
Everything else, and any request it does not recognise, goes on to Streamlit unchanged.
"""

from __future__ import annotations

import gzip
import mimetypes
import re
from pathlib import Path

from starlette.datastructures import Headers

#: Streamlit's hashed files: ``/static/js/…``, ``/static/css/…``, ``/static/media/…`` under its base path.
_ASSET = re.compile(r"/static/(?:js|css|media)/[A-Za-z0-9_-][A-Za-z0-9_.-]*\.[a-z0-9]+")
#: As Streamlit says it for the same files: a year, never revalidated (the name changes with the content).
CACHE_CONTROL = b"public, immutable, max-age=31536000"
#: Smaller files are sent as they are: compressing them saves less than the header costs.
GZIP_MIN_BYTES = 1024
#: Text (scripts, styles, drawings); fonts and pictures are compressed already. By name, not by type:
#: Streamlit's server tells Python's ``mimetypes`` that a script is ``application/javascript``.
_COMPRESSIBLE = frozenset({".js", ".mjs", ".css", ".svg", ".json", ".map", ".txt"})


def _streamlit_static() -> Path:
    from streamlit import file_util

    return Path(file_util.get_static_dir())


def _base_path() -> str:
    """Streamlit's ``server.baseUrlPath`` as a path prefix (``""`` or ``/kart``)."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


class _Asset:
    """One file's response headers and body, and its gzip form when that is worth sending."""

    __slots__ = ("body", "gzipped", "headers")

    def __init__(self, body: bytes, content_type: str, *, compressible: bool) -> None:
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        self.headers = [(b"content-type", content_type.encode()), (b"cache-control", CACHE_CONTROL)]
        self.body = body
        self.gzipped = None
        if compressible and len(body) >= GZIP_MIN_BYTES:
            packed = gzip.compress(body, compresslevel=6, mtime=0)
            if len(packed) < len(body):
                self.gzipped = packed
                self.headers.append((b"vary", b"accept-encoding"))


class StreamlitAssets:
    """ASGI middleware: Streamlit's hashed files from memory (see the module); the rest passes on.

    Parameters
    ----------
    app
        The ASGI app beneath (Streamlit's).
    root
        Streamlit's static folder; by default the installed package's.
    base_path
        The path the app is served under; by default Streamlit's ``server.baseUrlPath``, read at the
        first request (the server's configuration is loaded by then).
    """

    def __init__(self, app, *, root: Path | None = None, base_path: str | None = None) -> None:
        self.app = app
        self._root = root
        self._base = base_path
        # only the event loop's thread reads and writes it; files that exist only (a name asked for
        # and not found is not remembered: the requests a stranger sends cannot fill it)
        self._files: dict[str, _Asset] = {}

    def _asset(self, path: str) -> _Asset | None:
        if self._base is None:
            self._base = _base_path()
        if not path.startswith(self._base) or not _ASSET.fullmatch(path, len(self._base)):
            return None
        name = path[len(self._base) + 1 :]  # static/js/….js
        asset = self._files.get(name)
        if asset is None:
            file = (self._root if self._root is not None else _streamlit_static()) / name
            if not file.is_file():
                return None  # Streamlit answers (its own 404 or page)
            content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            compressible = file.suffix in _COMPRESSIBLE
            asset = self._files[name] = _Asset(file.read_bytes(), content_type, compressible=compressible)
        return asset

    async def __call__(self, scope, receive, send) -> None:
        asset = None
        if scope.get("type") == "http" and scope.get("method") == "GET":
            asked = Headers(scope=scope)
            if "range" not in asked:  # a part of a file: Streamlit answers
                asset = self._asset(scope.get("path", ""))
        if asset is None:
            await self.app(scope, receive, send)
            return
        body, headers = asset.body, list(asset.headers)
        if asset.gzipped is not None and "gzip" in asked.get("accept-encoding", ""):  # as Starlette's GZip decides
            body = asset.gzipped
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
