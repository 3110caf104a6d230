"""In a real browser: a register full of Markdown and HTML payloads makes the page fetch nothing
from outside and show no trace; a second session keeps answering while the first uploads the
heaviest case."""

import re
import urllib.request

import pytest

from tests.app.browser import chromium_available, launch, running_app, the_map, wait_drawn
from tests.hostile.conftest import CORPUS
from tests.installed import require_installed

playwright = pytest.importorskip("playwright.sync_api")
require_installed(chromium_available(), "Chromium")

LOCAL = re.compile(r"(https?://127\.0\.0\.1|data:|blob:|about:)")


def test_markup_in_a_register_stays_text_and_fetches_nothing():
    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        outside, errors = [], []
        page.on("request", lambda r: outside.append(r.url) if not LOCAL.match(r.url) else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        the_map(page).locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
        page.locator("input[type=file]").set_input_files(str(CORPUS / "markdown_og_html.csv"))
        page.get_by_text("ordninger er lest inn").wait_for(timeout=60_000)
        page.get_by_label("Søk etter kommune eller ordning").fill("M1")
        page.keyboard.press("Enter")
        page.get_by_role("button", name=re.compile("Ordning: M1")).first.click()
        page.get_by_role("heading", name=re.compile("M1")).wait_for(timeout=60_000)
        wait_drawn(page)
        body = page.inner_text("body").replace("\u2060", "")  # the invisible joiner that stops autolinks
        assert "[klikk](https://evil.example)" in body  # shown as written
        assert page.locator("a[href*='evil.example'], img[src*='evil.example']").count() == 0
        assert page.locator("[data-testid=stException]").count() == 0 and "Traceback" not in body
        browser.close()
    assert outside == [] and errors == []


def _healthy(url: str) -> bool:
    """The server answers its health check while another session works (its own timeout is the bound)."""
    return urllib.request.urlopen(f"{url}/_stcore/health", timeout=10).read() == b"ok"


def test_a_second_session_keeps_answering_while_the_first_uploads_the_heaviest_case():
    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        first = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        second = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        for page in (first, second):
            page.goto(url)
            the_map(page).locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
        first.locator("input[type=file]").set_input_files(str(CORPUS / "mange_ukjente_navn.csv"))
        second.get_by_text("Fylker fra 2024").click()
        second.get_by_text("Fylkesinndeling fra 2024: Viken er delt").wait_for(timeout=20_000)
        assert _healthy(url)
        first.get_by_text("Filen ble ikke tatt i bruk –").wait_for(timeout=60_000)
        assert first.locator("[data-testid=stException]").count() == 0
        assert second.locator("[data-testid=stException]").count() == 0
        browser.close()
