"""The page as a new user sees it at 1366×768 and 1440×900: the legend and title cover no kommune of
the study area, Drammen clicked, and an upload's errors are readable whole. The README's picture
is taken here (OPPDATER_SKJERMBILDE=1)."""

import os
import re

import geopandas as gpd
import pytest
import shapely

from geo import settings
from layers.data import prepare_kommuner
from tests.app.browser import chromium_available, launch, running_app, the_map, wait_drawn
from tests.installed import require_installed

playwright = pytest.importorskip("playwright.sync_api")
require_installed(chromium_available(), "Chromium")

SIZES = [(1366, 768), (1440, 900)]
ENGLISH = ["Choose an option", "Select all", "Upload", "Drag and drop", "Limit", "per file", "Browse files"]


def _study_vertices(dataset) -> list[list[float]]:
    """Points along the study area's kommune borders (lat, lon), every few kilometres."""
    kommuner = prepare_kommuner(dataset, "region").set_index("kommunenummer")
    study = kommuner.loc[sorted(dataset.studieomrade["kommunenummer"])].geometry
    lines = shapely.segmentize(study.boundary.values, 2000)
    points = gpd.GeoSeries(shapely.points(shapely.get_coordinates(lines)), crs=settings.CRS_METRIC).to_crs(4326)
    return [[p.y, p.x] for p in points]


def _covered(page, vertices) -> int:
    """How many of the study area's border points lie under the legend or the title box."""
    return the_map(page).evaluate(
        """(el, pts) => {
          const boxes = [...el.querySelectorAll('.sk-legend, .sk-title')].map(b => b.getBoundingClientRect());
          const origin = el.getBoundingClientRect();
          return pts.filter(ll => { const p = el.__skMap.latLngToContainerPoint(ll);
            const x = p.x + origin.left, y = p.y + origin.top;
            return boxes.some(b => x > b.left && x < b.right && y > b.top && y < b.bottom); }).length; }""",
        vertices,
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_default_view_at_common_screens(dataset, tmp_path, size):
    vertices = _study_vertices(dataset)
    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.goto(url)
        wait_drawn(page)
        assert _covered(page, vertices) == 0  # the legend and title leave the study area free
        box = the_map(page).bounding_box()
        assert box["y"] + box["height"] <= size[1]  # the whole map fits the screen
        page.screenshot(path=str(tmp_path / f"standard-{size[0]}.png"))
        sidebar = page.locator("[data-testid=stSidebar]").inner_text()
        english = [w for w in ENGLISH if w in sidebar]
        assert english == [], english  # Streamlit's own words are Norwegian too

        # Drammen chosen: its table and partners, the map still clear
        page.goto(f"{url}/?kommune=3005")
        page.get_by_text(re.compile(r"Drammen: \d+ ordninger")).wait_for(timeout=60_000)
        wait_drawn(page)
        assert _covered(page, vertices) == 0
        shot = tmp_path / f"drammen-{size[0]}.png"
        page.screenshot(path=str(shot))
        if size == (1366, 768) and os.environ.get("OPPDATER_SKJERMBILDE"):
            (settings.ROOT / "docs" / "screenshot.png").write_bytes(shot.read_bytes())

        # an upload with errors: every message whole, in the main area, and downloadable
        bad = tmp_path / "feil.csv"
        long_name = "Kommune" + "x" * 60
        bad.write_text(
            "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
            f'a,A,legevakt,"Drammen; {long_name}",ja,,,,k\n',
            encoding="utf-8",
        )
        page.locator("input[type=file]").set_input_files(str(bad))
        page.get_by_text("Filen ble ikke tatt i bruk –").wait_for(timeout=60_000)
        page.get_by_role("button", name="Last ned feillisten (CSV)").wait_for(timeout=60_000)
        message = page.get_by_text(re.compile(f"Ukjent kommune '{long_name}'"))
        assert message.is_visible() and long_name in message.inner_text().replace("\u2060", "")  # whole
        page.screenshot(path=str(tmp_path / f"feil-{size[0]}.png"))
        browser.close()


def test_the_title_is_not_under_streamlits_header_on_any_screen():
    """Streamlit's header is an opaque bar at 768 px and narrower (transparent above): the page's title
    starts below it there, and the wide page keeps its compact top (the whole map fits 1366×768)."""
    header_and_title = """() => { const h = document.querySelector('[data-testid=stHeader]');
        const t = document.querySelector('h1').getBoundingClientRect();
        return {bottom: h.getBoundingClientRect().bottom, background: getComputedStyle(h).backgroundColor,
                top: t.top}; }"""
    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        for width in (320, 768, 1366):
            page = browser.new_page(viewport={"width": width, "height": 768})
            page.goto(url)
            wait_drawn(page)
            seen = page.evaluate(header_and_title)
            if seen["background"] in ("transparent", "rgba(0, 0, 0, 0)"):
                assert width > 768, seen
            else:
                assert seen["top"] >= seen["bottom"], (width, seen)
            page.close()
        browser.close()


def _label_boxes(page) -> list[dict]:
    """Every label on the live map: its text (lines as drawn), whether it shows, and its box's corners as lat/lon."""
    return the_map(page).evaluate(
        """el => [...el.querySelectorAll('.sk-label')].map(l => {
          const r = l.getBoundingClientRect(), o = el.getBoundingClientRect(), m = el.__skMap;
          const ll = (x, y) => { const p = m.containerPointToLatLng([x - o.left, y - o.top]); return [p.lng, p.lat]; };
          return {text: l.innerText, shown: getComputedStyle(l).visibility !== 'hidden',
                  number: l.classList.contains('sk-num'),
                  corners: [ll(r.left, r.top), ll(r.right, r.top), ll(r.right, r.bottom), ll(r.left, r.bottom)]}; })"""
    )


@pytest.mark.parametrize("layer, query", [("antall", "?lag=antall"), ("dekning", "")], ids=["antall", "legevakt"])
def test_every_value_and_name_shows_on_the_map_or_in_its_key_at_1366x768(dataset, tmp_path, layer, query):
    from layers.data import detail_for, shipped_kommuner
    from layers.state import ViewState
    from ui.views import build_view

    state = ViewState(lag=layer)
    spec = build_view(dataset, shipped_kommuner("2020", detail_for(medium="skjerm", omrade=state.omrade)), state).spec
    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{url}/{query}")
        wait_drawn(page)
        labels = _label_boxes(page)
        legend = the_map(page).locator(".sk-legend").inner_text()
        shot = tmp_path / f"kart-{layer}.png"
        page.screenshot(path=str(shot), clip={"x": 300, "y": 0, "width": 1066, "height": 700})
        browser.close()
    assert all(label["shown"] for label in labels)  # nothing the spec placed is hidden at the fitted view
    written = spec.labels[spec.labels["nummer"] == ""]
    assert sorted(label["text"] for label in labels if not label["number"]) == sorted(written["text"])
    for number, full in zip(spec.labels["nummer"], spec.labels["fulltekst"]):
        if number:  # each number on the map, and in the legend with what it stands for
            assert any(label["number"] and label["text"] == number for label in labels)
            assert " ".join(full.split("\n")) in legend
    areas = spec.areas[spec.areas["label"] != ""].to_crs(4326)
    for label in (x for x in labels if not x["number"]):
        box = shapely.Polygon(label["corners"])
        full = written.loc[written["text"] == label["text"], "fulltekst"].iloc[0]
        own = areas[areas["label"] == full].geometry.union_all()
        assert own.intersection(box).area >= 0.85 * box.area, label["text"]  # the text sits inside its own area
    if os.environ.get("OPPDATER_SKJERMBILDE"):
        (settings.ROOT / "docs" / f"kart-{layer}.png").write_bytes(shot.read_bytes())
