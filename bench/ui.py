"""Run by the benchmark in its own process: what the user feels, measured in the browser.

Debian's Chromium (Playwright) against ``streamlit run``: the real app side by side with the
baselines the benchmark ships, in one run, alternating the apps, medians of :data:`REPS`:

- ``bench/naive_app.py``: the app's default view written with ``GeoDataFrame.explore()`` +
  ``st_folium`` and Streamlit's defaults, the same areas, colours, polygons and controls (what an
  afternoon's app does);
- ``bench/floor_app.py``: one polygon in ``st_folium`` (the stack's floor for a first map).

Changes are of two kinds: a service added (a view new to the session every time; the first, the
default services and one more, the server built ahead in a pause after it started, the later ones
are combinations it did not) and the area changed back and forth (views drawn before). The app
servers are left to settle after start (``bench.load.wait_until_idle``) before changes are measured.
A map counts as drawn when a new Leaflet path is in the page (the live map replaces its paths;
st_folium draws a new map). Bytes are counted on the wire by a TCP proxy between the browser and the
server (HTTP and websocket, compressed as sent). Prints one JSON line.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import threading
import time

import geopandas as gpd
import shapely

from geo import settings
from geo.io import load_dataset
from geo.query import arrangements_for_kommune
from tests.app.browser import MAP, free_port, launch, map_point, running_app, the_map

REPS = 7
NAIVE = settings.ROOT / "bench" / "naive_app.py"
FLOOR = settings.ROOT / "bench" / "floor_app.py"
#: The baselines run with Streamlit's own defaults, not the app's tuned .streamlit/config.toml (they
#: start in bench/, where there is none); only static serving is on, for Leaflet without network.
BASELINE = {"cwd": settings.ROOT / "bench", "options": ("--server.enableStaticServing", "true")}
ENV = {"PYTHONPATH": str(settings.ROOT)}
AREAS = ("Hallingdal", "Studieområdet")  # the filter change: the area selector, back and forth
CLICKED = ("3043", "3041")  # Ål and Gol: clicked in turn

_DOCS = """[document, ...[...document.querySelectorAll('iframe')].map(f => {
  try { return f.contentDocument; } catch (e) { return null; } })].filter(d => d)"""
# Before an action: mark the paths drawn so far, and note (in ms since the epoch, the same clock in
# every frame) when the next click or key press reaches any document of the page.
_ARM = (
    "() => { window.__skInput = null; window.__skDrawn = null; for (const doc of "
    + _DOCS
    + ") { doc.querySelectorAll('path.leaflet-interactive').forEach(p => { p.__old = 1; });"
    " for (const type of ['pointerdown', 'keydown']) { doc.addEventListener(type, () => { if (!window.__skInput)"
    " { window.__skInput = performance.timeOrigin + performance.now(); } }, {capture: true, once: true}); } } }"
)
# Polled at every animation frame: true, noting the time, once a new Leaflet path is in the page.
_NEW_DRAWN = (
    "() => { const drawn = "
    + _DOCS
    + ".some(doc => [...doc.querySelectorAll('path.leaflet-interactive')].some(p => !p.__old));"
    " if (drawn && !window.__skDrawn) { window.__skDrawn = performance.timeOrigin + performance.now(); }"
    " return drawn; }"
)
_TEXT_SHOWN = (
    "text => { const shown = [...document.querySelectorAll('h3')].some(h => h.textContent.includes(text));"
    " if (shown) { window.__skText = performance.timeOrigin + performance.now(); } return shown; }"
)


class Proxy:
    """A TCP proxy from a free local port to ``port`` that counts the bytes it carries."""

    def __init__(self, port: int):
        self.target, self.port, self.bytes = port, free_port(), 0
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        ready.wait(10)

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", self.port))
        ready.set()
        self.loop.run_forever()

    async def _pipe(self, reader, writer) -> None:
        try:
            while data := await reader.read(65536):
                self.bytes += len(data)
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def _handle(self, reader, writer) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:  # the server has stopped (the end of a measurement)
            writer.close()
            return
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True)

    def settled(self, quiet: float = 0.3) -> int:
        """The byte count once nothing has moved for ``quiet`` seconds."""
        last, since = self.bytes, time.perf_counter()
        while time.perf_counter() - since < quiet:
            time.sleep(0.05)
            if self.bytes != last:
                last, since = self.bytes, time.perf_counter()
        return last


@contextlib.contextmanager
def served(script=None, options=(), cwd=None):
    """An app server and a byte-counting proxy in front of it; yields (url through the proxy, proxy)."""
    with running_app(env=ENV, script=script, options=options, cwd=cwd) as url:
        proxy = Proxy(int(url.rsplit(":", 1)[1]))
        yield f"http://127.0.0.1:{proxy.port}", proxy


def _drawn(page, timeout: float = 60_000) -> None:
    page.wait_for_function(_NEW_DRAWN, polling="raf", timeout=timeout)


def _open(browser, url):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url)
    _drawn(page)
    page.wait_for_timeout(1500)  # let the first run finish
    return page


def _timed(page, act, *, text: str | None = None) -> float:
    """Seconds from the input event of ``act()`` (as the page saw it) to the animation frame in which
    a new map is drawn, and ``text`` is shown as a heading, if given: what the user waits for."""
    page.evaluate(_ARM)
    act()
    _drawn(page)
    end = page.evaluate("() => window.__skDrawn")
    if text is not None:
        page.wait_for_function(_TEXT_SHOWN, arg=text, polling="raf", timeout=60_000)
        end = max(end, page.evaluate("() => window.__skText"))
    return (end - page.evaluate("() => window.__skInput")) / 1000


def _choose_area(page, area: str):
    page.locator("[data-testid=stSelectbox]").filter(has_text="Område").click()
    option = page.get_by_role("option", name=area, exact=True)
    option.wait_for()
    return lambda: option.click()


def _click_point(page, lat: float, lon: float):
    """A click at (lat, lon) on the live map or on st_folium's map, whichever the page has."""
    if page.locator(MAP).count():
        x, y = map_point(page, lat, lon)
        return lambda: the_map(page).click(position={"x": x, "y": y})
    container = page.frame_locator("iframe").last.locator(".leaflet-container").first
    x, y = container.evaluate(
        """(el, ll) => { const w = el.ownerDocument.defaultView;
             const m = Object.keys(w).map(k => w[k]).find(v => v && v.latLngToContainerPoint && v._container === el);
             const p = m.latLngToContainerPoint(ll); return [p.x, p.y]; }""",
        [lat, lon],
    )
    return lambda: container.click(position={"x": x, "y": y})


def _add_service(page, label: str):
    """Open the services list, find ``label`` by typing its start; returns the click that adds it."""
    box = page.locator("[data-testid=stMultiSelect]").filter(has_text="Tjenester")
    box.locator("input").click()
    page.keyboard.type(label.split(" · ")[0][:12])
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for()
    return lambda: option.click()


def _new_services(data) -> list[str]:
    """Labels of services to add one by one, each making a view neither app has drawn: after the
    default's, in the app's own order, those with arrangements in the study area."""
    from layers.state import ViewState, service_options

    default = set(ViewState().services())
    in_area = set(data.studieomrade["kommunenummer"])
    members = data.register.medlemskap.merge(
        data.register.ordninger[["id", "tjenester"]], left_on="ordning_id", right_on="id"
    )
    present = {c for k, codes in zip(members["kommunenummer"], members["tjenester"]) if k in in_area for c in codes}
    return [label for code, label in service_options(data) if code not in default and code in present][:REPS]


def _server_pid(url: str) -> int:
    from bench.load import app_pids

    (pid,) = app_pids([url]) or (0,)
    return pid


def _settle(*proxies) -> None:
    """Wait until the servers behind ``proxies`` have done what they do once at start."""
    from bench.load import wait_until_idle

    wait_until_idle([_server_pid(f"http://127.0.0.1:{p.target}") for p in proxies])


def measure_new_views(browser, results: dict) -> None:
    """A service added, each time a view new to the session: the real app and the naive one,
    alternating; and the app server's CPU seconds per new view."""
    from bench.load import cpu_seconds, wait_until_idle

    data = load_dataset()
    labels = _new_services(data)
    times = {"app": [], "naive": []}
    cpu = []
    with running_app(env=ENV) as app_url, running_app(env=ENV, script=NAIVE, **BASELINE) as naive_url:
        pages = {"app": _open(browser, app_url), "naive": _open(browser, naive_url)}
        pid = _server_pid(app_url)
        wait_until_idle([pid, _server_pid(naive_url)])  # what a server does once at start is not a view's
        for rep, label in enumerate(labels):
            for name in ("app", "naive") if rep % 2 == 0 else ("naive", "app"):
                page = pages[name]
                act = _add_service(page, label)
                before = cpu_seconds([pid]) if name == "app" and pid else None
                times[name].append(_timed(page, act))
                page.keyboard.press("Escape")
                page.wait_for_timeout(700)  # the run's end (the time above is until the map is drawn)
                if before is not None:
                    cpu.append(cpu_seconds([pid]) - before)
    results["ui_new_view_s"] = statistics.median(times["app"])
    results["ui_new_view_naive_s"] = statistics.median(times["naive"])
    results["ui_new_view_ratio"] = results["ui_new_view_s"] / results["ui_new_view_naive_s"]
    if cpu:
        results["cpu_per_new_view_s"] = statistics.median(cpu)


def measure_changes(browser, results: dict) -> None:
    """Filter changes (views drawn before) and clicks in the real app and the naive one, alternating."""
    data = load_dataset()
    points = {}
    for k in CLICKED:
        geom = data.kommuner.set_index("kommunenummer").geometry[k]
        p = gpd.GeoSeries([geom], crs=4326).to_crs(settings.CRS_METRIC).iloc[0]
        p = gpd.GeoSeries([shapely.point_on_surface(p)], crs=settings.CRS_METRIC).to_crs(4326).iloc[0]
        label = f"{data.names.display[k]}: {len(arrangements_for_kommune(data, k))} ordninger"
        points[k] = (p.y, p.x, label)
    change = {"app": [], "naive": []}
    clicks = {"app": [], "naive": []}
    wire = {"app": [], "naive": []}
    with served() as (app_url, app_proxy), served(NAIVE, **BASELINE) as (naive_url, naive_proxy):
        pages = {"app": _open(browser, app_url), "naive": _open(browser, naive_url)}
        proxies = {"app": app_proxy, "naive": naive_proxy}
        _settle(app_proxy, naive_proxy)
        for rep in range(2 * REPS):
            for name in ("app", "naive") if rep % 2 == 0 else ("naive", "app"):
                page, proxy = pages[name], proxies[name]
                act = _choose_area(page, AREAS[rep % 2])
                before = proxy.settled()
                change[name].append(_timed(page, act))
                wire[name].append(proxy.settled() - before)
        for rep in range(2 * REPS):
            for name in ("app", "naive") if rep % 2 == 0 else ("naive", "app"):
                page = pages[name]
                lat, lon, label = points[CLICKED[rep % 2]]
                page.wait_for_timeout(300)
                act = _click_point(page, lat, lon)
                clicks[name].append(_timed(page, act, text=label))
    results["ui_filter_change_s"] = statistics.median(change["app"])
    results["ui_filter_change_naive_s"] = statistics.median(change["naive"])
    results["ui_filter_change_ratio"] = results["ui_filter_change_s"] / results["ui_filter_change_naive_s"]
    results["ui_click_s"] = statistics.median(clicks["app"])
    results["ui_click_naive_s"] = statistics.median(clicks["naive"])
    results["ui_click_ratio"] = results["ui_click_s"] / results["ui_click_naive_s"]
    results["ui_bytes_per_change"] = statistics.median(wire["app"])
    results["ui_bytes_per_change_naive"] = statistics.median(wire["naive"])


def measure_uncompressed(browser, results: dict) -> None:
    """Bytes per filter change with websocket compression off: what the setting saves."""
    wire = []
    with served(options=("--server.enableWebsocketCompression", "false")) as (url, proxy):
        page = _open(browser, url)
        for rep in range(2 * REPS):
            act = _choose_area(page, AREAS[rep % 2])
            before = proxy.settled()
            _timed(page, act)
            wire.append(proxy.settled() - before)
    results["ui_bytes_per_change_uncompressed"] = statistics.median(wire)


def measure_count_map(browser, results: dict) -> None:
    """The first switch to the count map in a fresh server, against a later one."""
    first, later = [], []
    for _ in range(REPS):
        with served() as (url, _proxy):
            page = _open(browser, url)
            count_map = page.get_by_text("Antall ordninger per kommune")
            coverage = page.get_by_text("Dekning per tjeneste")
            first.append(_timed(page, count_map.click))
            page.wait_for_timeout(500)
            _timed(page, coverage.click)
            page.wait_for_timeout(500)
            later.append(_timed(page, count_map.click))
            page.close()
    results["ui_first_count_map_s"] = statistics.median(first)
    results["ui_later_count_map_s"] = statistics.median(later)
    results["ui_first_count_map_ratio"] = results["ui_first_count_map_s"] / results["ui_later_count_map_s"]


def measure_first_map(browser, results: dict) -> None:
    """From ``streamlit run`` to the first polygons drawn: the app and the one-polygon floor, in turn;
    and a new visitor on the running app server, with when the sidebar's controls are there too (on a
    visitor's first page the page sends them once the map is drawn: ``ui.first_draw``)."""
    cold = {"app": [], "floor": []}
    warm = {"app": [], "floor": []}
    controls = []
    for _ in range(REPS):
        for name, script, setup in (("app", None, {}), ("floor", FLOOR, BASELINE)):
            t0 = time.perf_counter()
            with running_app(env=ENV, script=script, **setup) as url:
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(url)
                _drawn(page)
                cold[name].append(time.perf_counter() - t0)
                page.close()
                t0 = time.perf_counter()  # a new visitor (a fresh browser context) on the running server
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.goto(url)
                _drawn(page)
                warm[name].append(time.perf_counter() - t0)
                if name == "app":
                    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').wait_for()
                    controls.append(time.perf_counter() - t0)
                page.close()
    results["first_map_s"] = statistics.median(cold["app"])
    results["first_map_floor_s"] = statistics.median(cold["floor"])
    results["first_map_floor_ratio"] = results["first_map_s"] / results["first_map_floor_s"]
    results["first_map_warm_s"] = statistics.median(warm["app"])
    results["first_map_new_visitor_controls_s"] = statistics.median(controls)
    results["first_map_new_visitor_floor_s"] = statistics.median(warm["floor"])
    results["first_map_new_visitor_floor_ratio"] = (
        results["first_map_warm_s"] / results["first_map_new_visitor_floor_s"]
    )


def measure_new_visitor_cpu(browser, results: dict) -> None:
    """The app server's CPU seconds for a new visitor (a fresh browser context, on a settled server):
    the page, Streamlit's code in about sixty files, the websocket and the first run, until all is
    quiet again (no target: it tells what a visitor costs the server beside a change)."""
    from bench.load import cpu_seconds, wait_until_idle

    cpu = []
    with running_app(env=ENV) as url:
        pid = _server_pid(url)
        _open(browser, url).close()  # the server's first visitor: its caches are filled
        for _ in range(REPS):
            wait_until_idle([pid])
            before = cpu_seconds([pid])
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(url)
            _drawn(page)
            page.wait_for_timeout(1500)  # what the page still asks for after the map is drawn
            cpu.append(cpu_seconds([pid]) - before)
            page.close()
    results["cpu_per_new_visitor_s"] = statistics.median(cpu)


def main() -> None:
    from playwright.sync_api import sync_playwright

    results: dict[str, float] = {}
    with sync_playwright() as p:
        browser = launch(p)
        measure_first_map(browser, results)
        measure_new_visitor_cpu(browser, results)
        measure_new_views(browser, results)
        measure_changes(browser, results)
        measure_uncompressed(browser, results)
        measure_count_map(browser, results)
        browser.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
