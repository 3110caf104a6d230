"""A visitor's first page: the map is drawn before the sidebar's controls are sent.

In the browser, Streamlit fetches the code of each kind of element the first time the page has one,
and builds the elements that arrive together in one piece: on a visitor's first page the map waited
for the sidebar's controls to be fetched and built (0.2–0.4 s on the project's machine). So on a
session's first run the page sends the map, then waits until the browser says the map is drawn
(``static/samarbeidskart/live.js`` posts once to :attr:`FirstDraw.url`), at most :data:`WAIT_S`, and
only then sends the sidebar, which the browser builds beside a map already there.

:class:`NoteDrawn` (an ASGI middleware ``serve.py`` gives to ``st.App``) takes the browser's word.
Where it is not installed (``streamlit run app.py``, Streamlit's AppTest) nothing waits.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import threading

#: The longest the sidebar waits for the browser's word (a slow browser gets it after this anyway).
WAIT_S = 0.5
#: Where the browser says the map is drawn, relative to the page: ``…/_samarbeidskart/kartet-er-tegnet/<token>``.
PATH = "_samarbeidskart/kartet-er-tegnet/"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class _Waiting:
    """The first runs waiting for their map to be drawn: token → event (behind one lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: dict[str, threading.Event] = {}
        self.listening = False  # set when the middleware is in the server

    def add(self, token: str) -> threading.Event:
        with self._lock:
            return self._events.setdefault(token, threading.Event())

    def remove(self, token: str) -> None:
        with self._lock:
            self._events.pop(token, None)

    def drawn(self, token: str) -> None:
        with self._lock:
            event = self._events.get(token)
        if event is not None:
            event.set()

    def __len__(self) -> int:
        with self._lock:
            return len(self._events)


_WAITING = _Waiting()


class FirstDraw:
    """One first run's wait for its map. ``url`` is ``None`` when there is nothing to wait for."""

    def __init__(self, token: str | None = None) -> None:
        self.url = PATH + token if token else None
        self._event = _WAITING.add(token) if token else None

    def wait(self, *, timeout: float = WAIT_S) -> bool:
        """Wait until the browser says the map is drawn, at most ``timeout`` seconds; whether it said so."""
        return self._event.wait(timeout) if self._event is not None else False


@contextlib.contextmanager
def expect(first_run: bool):
    """The wait for the map of a session's first run (``first_run``), when the server listens for the
    browser's word; a :class:`FirstDraw` with nothing to wait for otherwise. Forgotten at the end."""
    token = secrets.token_urlsafe(24) if first_run and _WAITING.listening else None
    try:
        yield FirstDraw(token)
    finally:
        if token:
            _WAITING.remove(token)


class NoteDrawn:
    """ASGI middleware: a ``POST`` to ``…/`` :data:`PATH` ``<token>`` ends that first run's wait (``204``;
    the same for a token nobody waits for). Everything else passes on."""

    def __init__(self, app) -> None:
        self.app = app
        _WAITING.listening = True

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        head, _, token = path.rpartition("/")
        if scope.get("type") != "http" or scope.get("method") != "POST" or not (head + "/").endswith("/" + PATH):
            await self.app(scope, receive, send)
            return
        if _TOKEN.fullmatch(token):
            _WAITING.drawn(token)
        await send({"type": "http.response.start", "status": 204, "headers": [(b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": b""})
