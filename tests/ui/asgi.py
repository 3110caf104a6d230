"""One HTTP request through an ASGI middleware, without a server: what it sent, or that it passed on."""

import asyncio


def request(middleware, path: str, *, method: str = "GET", headers=()) -> list[dict] | None:
    """Send one request through ``middleware`` (its ``app`` becomes an app that notes the call): the
    messages it sent back itself, or None when it passed the request on to the app beneath."""
    sent, passed = [], []

    async def inner(scope, receive, send):
        passed.append(scope["path"])

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    middleware.app = inner
    scope = {"type": "http", "method": method, "path": path, "headers": list(headers)}
    asyncio.run(middleware(scope, receive, send))
    return None if passed else sent
