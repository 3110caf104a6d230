"""The page in a real browser: Debian's Chromium driven by Playwright against `streamlit run app.py`."""

import re

import geopandas as gpd
import pytest
import shapely
from PIL import Image

from geo import settings
from tests.app.browser import FOLIUM_FRAME, chromium_available, launch, running_app
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
        page.goto(url)

        # While Streamlit reruns, the old map can stand beside the new one for a moment: use the newest.
        def frame():
            return page.frame_locator(FOLIUM_FRAME).last

        polygons = frame().locator("path.leaflet-interactive")
        polygons.first.wait_for(timeout=60_000)
        assert polygons.count() > 20  # the Leaflet polygons are drawn
        legend = frame().locator(".sk-legend")
        assert "Hallingdal legevakt" in legend.inner_text()
        assert "PPT for Ål og Hol" not in legend.inner_text()

        # change the service: add PPT and see the map change
        page.get_by_role("combobox", name="Tjenester").click()
        page.keyboard.type("PP-tjeneste")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        frame().locator(".sk-legend", has_text="PPT for Ål og Hol").wait_for(timeout=60_000)
        page.wait_for_function(f"document.querySelectorAll(`{FOLIUM_FRAME}`).length === 1", timeout=60_000)

        # click Ål on the map and see its table
        map_div = frame().locator("#map_div")
        map_div.wait_for()
        x, y = map_div.evaluate(
            "(el, ll) => { const p = window.map_div.latLngToContainerPoint(ll); return [p.x, p.y]; }",
            [lon_lat.y, lon_lat.x],
        )
        map_div.click(position={"x": x, "y": y})
        page.get_by_text(f"Ål: {expected} ordninger").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        shot = tmp_path / "skjermbilde.png"
        page.screenshot(path=str(shot))
        assert Image.open(shot).size == (1400, 1000)

        # download a PNG of exactly this view
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Kart som PNG").click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert target.suffix == ".png" and "legevakt-ppt" in target.name
        assert Image.open(target).size[0] == pytest.approx(8.27 * 300, abs=2)
        browser.close()
    assert outside == []  # nothing was fetched from the network
