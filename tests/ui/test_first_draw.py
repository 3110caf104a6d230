"""A visitor's first page waits for the browser's word that the map is drawn, and only then."""

import threading
import time

import pytest

from tests.ui.asgi import request
from ui import first_draw
from ui.first_draw import PATH, NoteDrawn, expect


@pytest.fixture
def listening(monkeypatch):
    """The server as ``serve.py`` makes it (the middleware installed); as it was after the test."""
    monkeypatch.setattr(first_draw._WAITING, "listening", False)
    middleware = NoteDrawn(None)
    assert first_draw._WAITING.listening
    return middleware


def _post(middleware, path: str, *, method: str = "POST"):
    """One request through ``middleware``: its status, or None when it passed the request on."""
    sent = request(middleware, path, method=method)
    return None if sent is None else sent[0]["status"]


def test_without_the_middleware_nothing_waits(monkeypatch):
    """``streamlit run app.py`` and AppTest: no word will come, so a first run does not wait for one."""
    monkeypatch.setattr(first_draw._WAITING, "listening", False)
    with expect(True) as drawn:
        assert drawn.url is None
        assert drawn.wait(timeout=30) is False  # at once: a wait of 30 s would stop the test
    assert len(first_draw._WAITING) == 0


def test_only_a_sessions_first_run_waits(listening):
    with expect(False) as drawn:
        assert drawn.url is None and drawn.wait(timeout=30) is False


def test_the_browsers_word_ends_the_wait_and_the_wait_is_forgotten(listening):
    with expect(True) as drawn:
        assert drawn.url.startswith(PATH) and len(first_draw._WAITING) == 1
        said = threading.Timer(0.05, lambda: _post(listening, "/" + drawn.url))
        said.start()
        started = time.monotonic()
        assert drawn.wait(timeout=30) is True
        assert time.monotonic() - started < 10  # ended by the word, not by the timeout
    assert len(first_draw._WAITING) == 0


def test_a_word_that_came_before_the_wait_is_kept_and_under_a_base_path_too(listening):
    with expect(True) as drawn:
        assert _post(listening, "/kart/" + drawn.url) == 204
        assert drawn.wait(timeout=30) is True


def test_without_the_word_the_wait_ends_at_its_limit(listening):
    with expect(True) as drawn:
        assert drawn.wait(timeout=0.05) is False


def test_two_first_runs_wait_each_for_their_own_map(listening):
    with expect(True) as one, expect(True) as other:
        assert one.url != other.url
        _post(listening, "/" + other.url)
        assert other.wait(timeout=30) is True
        assert one.wait(timeout=0.05) is False


def test_a_run_that_ends_in_an_error_forgets_its_wait(listening):
    with pytest.raises(RuntimeError), expect(True):
        raise RuntimeError
    assert len(first_draw._WAITING) == 0


def test_words_nobody_waits_for_are_answered_and_not_remembered(listening):
    for n in range(20):
        assert _post(listening, f"/{PATH}ukjent{n:02d}abcdefghijklmnop") == 204
    assert _post(listening, f"/{PATH}<script>") == 204
    assert len(first_draw._WAITING) == 0


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/", "GET"),
        ("/_stcore/health", "GET"),
        (f"/{PATH}abcdefghijklmnopqrstuvwxyz", "GET"),  # only a POST is the browser's word
        ("/_samarbeidskart/noe-annet/abcdefghijklmnopqrstuvwxyz", "POST"),
        ("/x_samarbeidskart/kartet-er-tegnet/abcdefghijklmnopqrstuvwxyz", "POST"),
    ],
)
def test_everything_else_goes_on_to_streamlit(listening, path, method):
    assert _post(listening, path, method=method) is None
