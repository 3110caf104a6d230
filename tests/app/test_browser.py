"""The page in a real browser: Debian's Chromium driven by Playwright against `streamlit run serve.py`."""

import re
import shutil
import subprocess

import geopandas as gpd
import pytest
import shapely
from PIL import Image

from geo import settings
from tests.app.browser import (
    MAP,
    chromium_available,
    launch,
    map_point,
    running_app,
    the_map,
    wait_drawn,
    wait_until,
    watch_reruns,
)
from tests.installed import require_installed

playwright = pytest.importorskip("playwright.sync_api")

require_installed(chromium_available(), "Chromium")


def test_browse_change_service_click_a_kommune_and_download(dataset, tmp_path):
    al = dataset.kommuner.set_index("kommunenummer").geometry["3043"]
    point = shapely.point_on_surface(gpd.GeoSeries([al], crs=4326).to_crs(settings.CRS_METRIC).iloc[0])
    lon_lat = gpd.GeoSeries([point], crs=settings.CRS_METRIC).to_crs(4326).iloc[0]
    expected = (dataset.register.medlemskap["kommunenummer"] == "3043").sum()

    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        outside = []
        page.on(
            "request",
            lambda r: (
                outside.append(r.url) if not re.match(r"(https?://127\.0\.0\.1|data:|blob:|about:)", r.url) else None
            ),
        )
        runs = watch_reruns(page)  # before the page opens its websocket
        page.goto(url)

        def frame():
            return the_map(page)

        polygons = frame().locator("path.leaflet-interactive")
        polygons.first.wait_for(timeout=60_000)
        assert polygons.count() > 20  # the Leaflet polygons are drawn
        legend = frame().locator(".sk-legend")
        assert "Hallingdal legevakt" in legend.inner_text()
        assert "PPT for Ål og Hol" not in legend.inner_text()

        # change the service: add PPT and see the map change, in the same map element (no remount)
        the_map(page).evaluate("el => { el.__probe = 'samme kart'; }")
        page.get_by_role("combobox", name="Tjenester").click()
        page.keyboard.type("PP-tjeneste")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        frame().locator(".sk-legend", has_text="PPT for Ål og Hol").wait_for(timeout=60_000)
        assert page.locator(MAP).count() == 1
        assert the_map(page).evaluate("el => el.__probe") == "samme kart"

        # click Ål on the map: its highlight and its table come in one rerun, on the same map
        wait_until(page, runs.idle)
        before = len(runs)
        x, y = map_point(page, lon_lat.y, lon_lat.x)
        the_map(page).click(position={"x": x, "y": y})
        page.get_by_text(f"Ål: {expected} ordninger").wait_for(timeout=60_000)
        frame().locator(".sk-legend", has_text="Valgt: Ål").wait_for(timeout=60_000)
        wait_until(page, runs.idle)
        assert len(runs) - before == 1  # one script run for the click
        assert the_map(page).evaluate("el => el.__probe") == "samme kart"
        shot = tmp_path / "skjermbilde.png"
        page.screenshot(path=str(shot))
        assert Image.open(shot).size == (1400, 1000)

        # download a PNG of exactly this view, from the export choices shown when asked for
        page.get_by_text("Vis eksportvalgene").click()
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Kart som PNG").click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert target.suffix == ".png" and "legevakt-ppt" in target.name
        assert Image.open(target).size[0] == pytest.approx(8.27 * 300, abs=2)

        # and Ål's overview document, made when its button is pressed
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Oversikt (PDF)").click()
        document = tmp_path / info.value.suggested_filename
        info.value.save_as(document)
        assert document.name == "oversikt-ål.pdf" and document.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftotext"):  # poppler-utils, installed by scripts/setup.sh
            text = subprocess.run(["pdftotext", str(document), "-"], capture_output=True, text=True).stdout
            assert "Oversikt over interkommunale samarbeid – Ål" in text
        browser.close()
    assert outside == []  # nothing was fetched from the network


def test_choosing_an_arrangement_keeps_the_map_and_fits_it_to_its_narrower_column():
    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        the_map(page).locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
        wide = the_map(page).evaluate("el => { el.__probe = 'samme kart'; return el.clientWidth; }")
        page.get_by_placeholder("f.eks. Hjartdal eller LVS Drammen").fill("LVS Drammen")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Ordning: LVS Drammen").click()
        page.get_by_role("heading", name="LVS Drammen").wait_for(timeout=60_000)
        the_map(page).locator(".sk-legend", has_text="Deltakere i LVS Drammen").wait_for(timeout=60_000)
        wait_drawn(page)
        size = the_map(page).evaluate("el => [el.__probe, el.clientWidth, el.__skMap.getSize().x]")
        assert size[0] == "samme kart"  # the same map element, not a new one
        assert size[1] < wide and size[2] == size[1]  # Leaflet knows the narrower width it is drawn in
        browser.close()


def test_the_app_server_runs_on_uvloop():
    """The server's event loop is uvloop (uvicorn picks it when installed): the script thread hands each
    of a run's messages to the loop, and uvloop wakes it once for a batch where asyncio's own loop writes
    to its wake-up socket once per message (about a fifth of a new view's CPU)."""
    from bench.load import app_pids

    with running_app() as url:
        (pid,) = app_pids([url])
        with open(f"/proc/{pid}/maps") as maps:
            assert "uvloop/loop." in maps.read()


def test_the_page_asks_for_leaflet_and_the_drawing_code_before_the_map_needs_them():
    """Leaflet and the drawing script are requested by the page's own head (``ui.served_page``), next to
    Streamlit's code, and have arrived before the map's component first asks for them. Streamlit's own
    code reaches the browser compressed (``ui.served_assets``; Streamlit alone sends it as it is)."""
    with running_app() as url, playwright.sync_playwright() as p:
        page = launch(p).new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        wait_drawn(page)
        timing = page.evaluate(
            """() => performance.getEntriesByType('resource')
                 .filter(e => /leaflet\\.js|kart\\.js|leaflet\\.css|kart\\.css/.test(e.name))
                 .map(e => ({name: e.name.split('/').pop(), by: e.initiatorType, end: e.responseEnd}))"""
        )
        by = {t["name"]: t["by"] for t in timing}
        assert by == {"leaflet.js": "link", "kart.js": "link", "leaflet.css": "link", "kart.css": "link"}, timing
        # each fetched once: the component's own load of them found them preloaded
        assert len(timing) == 4
        scripts = page.evaluate(
            """() => performance.getEntriesByType('resource')
                 .filter(e => /\\/static\\/js\\/.+\\.js$/.test(e.name))
                 .map(e => [e.encodedBodySize, e.decodedBodySize])"""
        )
        assert len(scripts) > 20  # Streamlit's code in pieces
        sent, unpacked = (sum(sizes) for sizes in zip(*scripts))
        assert sent < unpacked / 2, (sent, unpacked)


def test_a_new_visitors_map_is_drawn_before_the_sidebar_is_sent():
    """On a session's first run the page sends the map, and the sidebar only once the browser has said
    (one POST, ``ui.first_draw``) that the map is drawn: the map is on the screen before the sidebar's
    controls are, and a later run of the same page says nothing more."""
    watch = """(() => { window.__seen = {}; new MutationObserver(() => {
        const marks = [['map', '.sk-live path.leaflet-interactive'], ['sidebar', '[data-testid="stMultiSelect"]']];
        for (const [k, sel] of marks) {
          if (!window.__seen[k] && document.querySelector(sel)) { window.__seen[k] = performance.now(); } }
      }).observe(document, {childList: true, subtree: true}); })();"""
    with running_app() as url, playwright.sync_playwright() as p:
        context = launch(p).new_context(viewport={"width": 1366, "height": 768})
        context.add_init_script(watch)
        page = context.new_page()
        said = []
        page.on(
            "response", lambda r: said.append((r.request.method, r.status)) if "kartet-er-tegnet" in r.url else None
        )
        page.goto(url)
        wait_drawn(page)
        page.get_by_role("combobox", name="Tjenester").wait_for()
        seen = page.evaluate("() => window.__seen")
        assert seen["map"] < seen["sidebar"], seen
        wait_until(page, lambda: said, timeout_s=10)
        assert said == [("POST", 204)]
        page.get_by_text("Antall ordninger per kommune").click()  # a later run: nothing to say
        page.wait_for_timeout(1500)
        assert said == [("POST", 204)]
