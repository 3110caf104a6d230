"""When this server last served a visitor, so that work it does ahead waits for quiet moments.

:func:`page_run` marks a run of the page (``app.py``), :class:`NoteRequests` (an ASGI middleware
``serve.py`` gives to ``st.App``) every request (the page, its assets, the websocket's opening);
:func:`quiet_for` tells whether none of them is under way or has been for a while. Light on purpose:
the server imports it before it starts listening.
"""

from __future__ import annotations

import contextlib
import threading
import time


class _Activity:
    """Page runs under way, and when the last run ended or request came (behind one lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._last = float("-inf")

    @contextlib.contextmanager
    def running(self):
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                self._last = time.monotonic()

    def note(self) -> None:
        with self._lock:
            self._last = time.monotonic()

    def quiet_for(self, seconds: float) -> bool:
        with self._lock:
            return not self._running and time.monotonic() - self._last >= seconds


_ACTIVITY = _Activity()


def page_run():
    """A context for one run of the page: while any is under way the server is not quiet."""
    return _ACTIVITY.running()


def quiet_for(seconds: float) -> bool:
    """Whether no page is being made and none has ended, nor any request come, for ``seconds``."""
    return _ACTIVITY.quiet_for(seconds)


class NoteRequests:
    """ASGI middleware: notes the time of every request (HTTP or websocket) and passes it on."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope.get("type") in ("http", "websocket"):
            _ACTIVITY.note()
        await self.app(scope, receive, send)
