"""Run in its own process by the benchmark: a bounded load test through the deployment of
``python -m deploy`` (HAProxy in front of two app processes on this machine).

Each simulated user is what a browser is to the server: it fetches ``/_stcore/health`` through the
balancer (the sticky cookie and the XSRF cookie), opens the page's websocket with them, runs the page,
and then changes the area (``omrade``) every 2 s, in turn among the study area's regions — the
server's work and the bytes of a real filter change, without a browser's drawing (the browser side is
``bench/ui.py``). The time of a change is from sending it to the script's end as the user receives it.
An error is a change that did not finish in 30 s, a closed connection or a traceback on the page; a
view is intact when the reply names the chosen area.

Prints one JSON line: load_users, load_changes, load_p50_s, load_p95_s, load_errors, load_views_intact
(share), cpu_per_change_s (the app processes' CPU seconds per change) and load_servers (how many app
processes took users)."""

from __future__ import annotations

import asyncio
import http.cookies
import json
import os
import statistics
import sys
import time
import urllib.request

USERS = 40
INTERVAL_S = 2.0
DURATION_S = 40.0


def _areas() -> tuple[str, ...]:
    """The study area and its kommuneregioner: what a user of the shipped register changes between."""
    from geo.io import load_dataset
    from geo.regions import STUDY_AREA, region_options
    from layers.state import ViewState

    data = load_dataset()
    labels = [r.label for r in region_options(data.studieomrade, data.fylker, ViewState().fylkesinndeling).values()]
    regions = sorted(set(data.studieomrade["kommuneregion"]))
    return (STUDY_AREA, *(label for label in labels if label in regions))


def _cookies(url: str) -> dict[str, str]:
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as response:
        jar = http.cookies.SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    return {k: v.value for k, v in jar.items()}


def _rerun(widgets=()) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    for widget_id, value in widgets:
        state = msg.rerun_script.widget_states.widgets.add()
        state.id, state.string_value = widget_id, value
    return msg.SerializeToString()


async def _until_finished(ws, timeout: float) -> tuple[bytes, str | None]:
    """Messages until the script's end: (their bytes, the area selectbox's id if one was drawn)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen, area_id = [], None
    deadline = time.monotonic() + timeout
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=max(0.1, deadline - time.monotonic()))
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        seen.append(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise RuntimeError("traceback on the page")
            if element.WhichOneof("type") == "selectbox" and element.selectbox.id.endswith("-omrade"):
                area_id = element.selectbox.id
        if kind == "script_finished":
            return b"".join(seen), area_id


async def _user(url: str, index: int, stop_at: float, out: dict, areas: tuple[str, ...], users: int) -> None:
    import websockets

    cookies = await asyncio.to_thread(_cookies, url)
    header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    out["servers"].add(cookies.get("SAMARBEIDSKART_SERVER", "?"))
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(
        ws_url,
        subprotocols=["streamlit", cookies.get("_streamlit_xsrf", "")],
        additional_headers={"Cookie": header, "Origin": url},
        max_size=None,
        open_timeout=60,
    ) as ws:
        await ws.send(_rerun())
        _, area_id = await _until_finished(ws, 120)
        if area_id is None:
            raise RuntimeError("the area control was not drawn")
        await asyncio.sleep(INTERVAL_S * index / users)  # users spread over the interval
        turn = index
        while time.monotonic() < stop_at:
            area = areas[turn % len(areas)]
            turn += 1
            started = time.monotonic()
            try:
                await ws.send(_rerun([(area_id, area)]))
                raw, _ = await _until_finished(ws, 30)
            except (TimeoutError, RuntimeError, OSError, websockets.ConnectionClosed):
                out["errors"] += 1
                return
            took = time.monotonic() - started
            out["times"].append(took)
            out["intact"] += area.encode() in raw
            await asyncio.sleep(max(0.0, INTERVAL_S - took))


def cpu_seconds(pids) -> float:
    """User and system CPU seconds of the processes ``pids`` (Linux ``/proc``)."""
    total = 0.0
    for pid in pids:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wait_until_idle(pids, *, window: float | None = None, idle: float = 0.05, timeout: float = 90.0) -> float:
    """Wait until the processes ``pids`` spend under ``idle`` CPU seconds in ``window`` seconds (by
    default a second longer than the pause ``ui.views.warm`` waits for before it starts): what a
    server does once at start is over before its CPU per change is measured. Returns the seconds
    waited."""
    if window is None:
        from ui.views import QUIET_S

        window = QUIET_S + 1.0
    t0 = time.monotonic()
    before = cpu_seconds(pids)
    while time.monotonic() - t0 < timeout:
        time.sleep(window)
        now = cpu_seconds(pids)
        if now - before < idle:
            break
        before = now
    return time.monotonic() - t0


async def _run(url: str, areas: tuple[str, ...], users: int, duration: float) -> dict:
    out = {"times": [], "errors": 0, "intact": 0, "servers": set()}
    stop_at = time.monotonic() + duration
    running = (_user(url, i, stop_at, out, areas, users) for i in range(users))
    results = await asyncio.gather(*running, return_exceptions=True)
    out["errors"] += sum(isinstance(r, BaseException) for r in results)
    return out


def measure(url: str, apps: list[str], *, users: int = USERS, duration: float = DURATION_S) -> dict:
    """Run ``users`` simulated users for ``duration`` seconds through the balancer at ``url`` in front
    of the app processes ``apps``; the figures of the module's docstring."""
    areas = _areas()
    pids = app_pids(apps)
    wait_until_idle(pids)
    cpu_before = cpu_seconds(pids)
    out = asyncio.run(_run(url, areas, users, duration))
    cpu = cpu_seconds(pids) - cpu_before
    times = sorted(out["times"])
    n = len(times)
    return {
        "load_users": users,
        "load_changes": n,
        "load_p50_s": statistics.median(times) if n else None,
        "load_p95_s": times[min(n - 1, int(0.95 * n))] if n else None,
        "load_errors": out["errors"],
        "load_views_intact": out["intact"] / n if n else 0.0,
        "cpu_per_change_s": cpu / n if n else None,
        "load_servers": len(out["servers"] - {"?"}),
        "load_areas": len(areas),
    }


def main() -> None:
    sys.path.insert(0, ".")
    from deploy.__main__ import cluster

    with cluster(env={"SAMARBEIDSKART_DB": os.environ.get("SAMARBEIDSKART_DB", "")}) as (url, apps):
        print(json.dumps(measure(url, apps)))


def app_pids(apps) -> list[int]:
    """The app processes' ids, found by their ports (the cluster started them)."""
    ports = {a.rsplit(":", 1)[1] for a in apps}
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(command) and any(p.encode() in command for p in ports):
            found.append(int(pid))
    return found


if __name__ == "__main__":
    main()
