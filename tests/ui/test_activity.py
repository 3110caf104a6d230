"""When the server last served a visitor: page runs and requests both count."""

import asyncio
import time

from ui import activity


def test_a_page_run_under_way_or_just_ended_is_not_quiet(monkeypatch):
    monkeypatch.setattr(activity, "_ACTIVITY", activity._Activity())
    assert activity.quiet_for(0.05)  # nothing yet
    with activity.page_run():
        time.sleep(0.1)
        assert not activity.quiet_for(0.05)  # under way, however long
    assert not activity.quiet_for(0.05)
    time.sleep(0.1)
    assert activity.quiet_for(0.05)


def test_every_request_is_noted_and_passed_on(monkeypatch):
    monkeypatch.setattr(activity, "_ACTIVITY", activity._Activity())
    passed = []

    async def app(scope, receive, send):
        passed.append(scope["type"])

    middleware = activity.NoteRequests(app)
    asyncio.run(middleware({"type": "lifespan"}, None, None))
    assert activity.quiet_for(0.05) and passed == ["lifespan"]  # the server's own start is no visitor
    for kind in ("http", "websocket"):
        monkeypatch.setattr(activity, "_ACTIVITY", activity._Activity())
        asyncio.run(middleware({"type": kind, "path": "/"}, None, None))
        assert not activity.quiet_for(0.05)
        assert passed[-1] == kind
