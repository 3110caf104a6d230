"""Helpers for driving the real app in Debian's Chromium (no browser download)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from geo import settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The app's live map (layers/live_map.py): a Leaflet map in the page itself, no iframe.
MAP = ".sk-live"


def the_map(page):
    """The live map's element: ``.locator(...)`` finds what is drawn on it."""
    return page.locator(MAP).last


#: Neighbouring kommuner across Norway: one pair per browser session in the concurrency tests.
PAIRS = [
    ("Arendal", "Grimstad"),
    ("Bergen", "Askøy"),
    ("Tromsø", "Balsfjord"),
    ("Bodø", "Saltdal"),
    ("Trondheim", "Malvik"),
    ("Stavanger", "Sandnes"),
    ("Kristiansand", "Vennesla"),
    ("Ålesund", "Giske"),
    ("Hamar", "Løten"),
    ("Alta", "Loppa"),
]


def pair_register(i: int, name: str) -> bytes:
    """A one-row register: the ``i``-th pair of ``PAIRS`` sharing a legevakt called ``name``."""
    a, b = PAIRS[i]
    return (
        "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
        f's{i},{name},legevakt,"{a}; {b}",ja,{a},,,test\n'
    ).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(
    timeout: float = 60.0,
    env: dict | None = None,
    *,
    script: Path | None = None,
    options: tuple[str, ...] = (),
    cwd: Path | None = None,
):
    """``streamlit run serve.py`` (the README's command) headless on a free local port; yields the URL
    and stops it after.
    ``env`` adds environment variables (``SAMARBEIDSKART_DB`` for a server of a shared store);
    ``script`` runs another page (the benchmark's baselines); ``options`` adds ``--server.*`` flags;
    ``cwd`` is where it runs (and so which ``.streamlit/config.toml`` it reads: the repository's)."""
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env or {})}
    for _attempt in range(3):  # a port is chosen before the server binds it: a start that loses it tries again
        port = free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script or settings.ROOT / "serve.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                *options,
            ],
            cwd=cwd or settings.ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(proc, url, timeout)
        except _PortTaken:
            continue
        try:
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        return
    raise RuntimeError("streamlit fant ingen ledig port etter tre forsøk.")


class _PortTaken(Exception):
    pass


def _wait_healthy(proc: subprocess.Popen, url: str, timeout: float) -> None:
    """Wait until the server answers its health check; a server that stopped because its port was taken
    raises :class:`_PortTaken`, any other failure to start a ``RuntimeError`` with its output."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError as exc:
            if proc.poll() is not None or time.monotonic() > deadline:
                output = proc.stdout.read().decode() if proc.stdout else ""
                if proc.poll() is None:
                    proc.kill()
                if "already in use" in output or "Errno 98" in output:
                    raise _PortTaken from exc
                raise RuntimeError(f"streamlit startet ikke:\n{output}") from exc
            time.sleep(0.3)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


class Runs(list):
    """Script runs the server started for a page (a list growing by one per run), and how many ended."""

    finished: int = 0

    def idle(self) -> bool:
        return self.finished >= len(self)


def watch_reruns(page) -> Runs:
    """A list that grows by one for every script run the server starts for ``page`` (each run
    begins with a ``new_session`` message on the websocket, and ends with ``script_finished``)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    runs = Runs()

    def on_frame(payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            msg = ForwardMsg()
            try:
                msg.ParseFromString(bytes(payload))
            except Exception:  # noqa: BLE001 — not a ForwardMsg: not a run
                return
            if msg.WhichOneof("type") == "new_session":
                runs.append(len(runs) + 1)
            elif msg.WhichOneof("type") == "script_finished":
                runs.finished += 1

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return runs


def wait_until(page, condition, *, timeout_s: float = 60.0) -> None:
    """Wait until ``condition()`` holds (checked between the page's own events), or fail."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("Siden ble ikke ferdig i tide.")
        page.wait_for_timeout(50)


def wait_drawn(page) -> None:
    """Wait until the live map has drawn its view: paths, the legend, every label placed and Leaflet's
    size that of its element (a view fitted to the element it is in); and until the run is over (on a
    visitor's first page the sidebar and what is under the map come after the map: ``ui.first_draw``)."""
    the_map(page).locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=60_000
    )
    page.wait_for_function(
        """() => { const el = [...document.querySelectorAll('.sk-live')].pop();
                   return el && el.__skMap && el.querySelector('.sk-legend') &&
                          el.__skMap.getSize().x === el.clientWidth &&
                          [...el.querySelectorAll('.sk-label')].every(l => l.getBoundingClientRect().width > 0); }""",
        timeout=60_000,
    )
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def map_point(page, lat: float, lon: float) -> tuple[float, float]:
    """Where ``(lat, lon)`` is on the live map, in the map element's own pixels."""
    return the_map(page).evaluate(
        "(el, ll) => { const p = el.__skMap.latLngToContainerPoint(ll); return [p.x, p.y]; }", [lat, lon]
    )
