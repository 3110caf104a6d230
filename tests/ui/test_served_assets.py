"""Streamlit's own hashed files from memory: the same bytes, compressed once, and nothing else taken."""

import gzip
from pathlib import Path

import pytest
from streamlit import file_util

from tests.ui.asgi import request
from ui.served_assets import CACHE_CONTROL, StreamlitAssets

STATIC = Path(file_util.get_static_dir())


def _largest(folder: str, suffix: str) -> Path:
    return max((STATIC / "static" / folder).glob(f"*{suffix}"), key=lambda p: p.stat().st_size)


def _get(middleware, path: str, *, method: str = "GET", headers=()):
    """One request through ``middleware``: (status, headers, body), or None when it passed it on."""
    sent = request(middleware, path, method=method, headers=headers)
    if sent is None:
        return None
    start, body = sent
    return start["status"], dict(start["headers"]), body["body"]


@pytest.fixture
def assets():
    return StreamlitAssets(None, base_path="")


def test_a_hashed_script_comes_from_memory_with_streamlits_cache_rule(assets):
    script = _largest("js", ".js")
    status, headers, body = _get(assets, f"/static/js/{script.name}")
    assert status == 200 and body == script.read_bytes()
    # as Python's mimetypes says it (Streamlit's server makes that application/javascript)
    assert headers[b"content-type"] in (b"text/javascript; charset=utf-8", b"application/javascript")
    assert headers[b"cache-control"] == CACHE_CONTROL
    assert headers[b"content-length"] == str(len(body)).encode()
    assert b"content-encoding" not in headers  # the browser did not say it takes gzip


def test_a_browser_that_takes_gzip_gets_the_same_bytes_smaller(assets):
    script = _largest("js", ".js")
    status, headers, body = _get(assets, f"/static/js/{script.name}", headers=[(b"accept-encoding", b"br, gzip")])
    assert status == 200 and headers[b"content-encoding"] == b"gzip" and headers[b"vary"] == b"accept-encoding"
    assert len(body) < script.stat().st_size / 2
    assert gzip.decompress(body) == script.read_bytes()
    # compressed once: the next visitor gets the very same object
    again = _get(assets, f"/static/js/{script.name}", headers=[(b"accept-encoding", b"gzip")])[2]
    assert again is body


def test_fonts_and_stylesheets_keep_their_types_and_fonts_are_not_compressed_again(assets):
    font = _largest("media", ".woff2")
    _, headers, body = _get(assets, f"/static/media/{font.name}", headers=[(b"accept-encoding", b"gzip")])
    assert headers[b"content-type"] == b"font/woff2" and b"content-encoding" not in headers
    assert body == font.read_bytes()
    sheet = _largest("css", ".css")
    _, headers, _ = _get(assets, f"/static/css/{sheet.name}")
    assert headers[b"content-type"] == b"text/css; charset=utf-8"


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/", "GET", ()),  # the page itself: ServedPage and Streamlit make it
        ("/static/js/finnes-ikke.abc123.js", "GET", ()),  # Streamlit answers its own 404
        ("/static/js/../../index.html", "GET", ()),  # never a path out of the folder
        ("/static/js/..", "GET", ()),
        ("/static/js/.skjult.js", "GET", ()),
        ("/static/index.html", "GET", ()),  # not one of the hashed folders
        ("/app/static/leaflet/leaflet.js", "GET", ()),  # the app's own files: Streamlit's app static serving
        ("/_stcore/health", "GET", ()),
        ("/static/js/{script}", "POST", ()),
        ("/static/js/{script}", "HEAD", ()),
        ("/static/js/{script}", "GET", [(b"range", b"bytes=0-10")]),
    ],
)
def test_everything_else_goes_on_to_streamlit(assets, path, method, headers):
    path = path.format(script=_largest("js", ".js").name)
    assert _get(assets, path, method=method, headers=headers) is None


def test_a_name_asked_for_and_not_found_is_not_remembered(assets):
    for n in range(50):
        assert _get(assets, f"/static/js/ukjent{n}.js") is None
    assert not assets._files


def test_under_a_base_path_only_the_base_paths_files_are_served():
    script = _largest("js", ".js")
    assets = StreamlitAssets(None, base_path="/kart")
    assert _get(assets, f"/kart/static/js/{script.name}")[2] == script.read_bytes()
    assert _get(assets, f"/static/js/{script.name}") is None
    assert _get(assets, f"/kartX/static/js/{script.name}") is None


def test_scripts_are_compressed_whatever_type_python_gives_them(assets, monkeypatch):
    """In the running server Streamlit has told ``mimetypes`` that ``.js`` is ``application/javascript``."""
    monkeypatch.setattr("ui.served_assets.mimetypes.guess_type", lambda name: ("application/javascript", None))
    script = _largest("js", ".js")
    _, headers, body = _get(assets, f"/static/js/{script.name}", headers=[(b"accept-encoding", b"gzip")])
    assert headers[b"content-type"] == b"application/javascript" and headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(body) == script.read_bytes()
