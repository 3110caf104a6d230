"""Ten sessions at once, each with its own uploaded register, changing filters together."""

import pytest

from tests.app.browser import chromium_available, launch, pair_register, running_app, the_map
from tests.installed import require_installed

playwright = pytest.importorskip("playwright.sync_api")
require_installed(chromium_available(), "Chromium")

pytestmark = pytest.mark.slow  # run in CI; skip locally with -m "not slow"

SESSIONS = 10


def test_ten_sessions_each_see_only_their_own_register(tmp_path):
    files = []
    for i in range(SESSIONS):
        path = tmp_path / f"sesjon{i}.csv"
        path.write_bytes(pair_register(i, f"Sesjon {i} legevakt"))
        files.append(path)
    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        pages = [browser.new_context(viewport={"width": 1300, "height": 900}).new_page() for _ in range(SESSIONS)]
        errors = []
        for page in pages:
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
        for page in pages:
            the_map(page).locator("path.leaflet-interactive").first.wait_for(timeout=120_000)
        for page, path in zip(pages, files):  # all uploads go in before any is waited for
            page.locator("input[type=file]").set_input_files(str(path))
        for i, page in enumerate(pages):
            page.get_by_text(f"sesjon{i}.csv: 1 ordninger er lest inn").wait_for(timeout=120_000)
        for page in pages:  # every session changes a filter at once
            page.get_by_text("Fylker fra 2024").click()
        for i, page in enumerate(pages):
            page.get_by_text("Fylkesinndeling fra 2024: Viken er delt").wait_for(timeout=120_000)  # the change ran
            legend = the_map(page).locator(".sk-legend", has_text=f"Sesjon {i} legevakt")
            legend.wait_for(timeout=120_000)
            text = legend.inner_text()
            others = [j for j in range(SESSIONS) if j != i and f"Sesjon {j} legevakt" in text]
            assert others == [], f"økt {i} ser data fra økt {others}"
            assert page.locator("[data-testid=stException]").count() == 0
        browser.close()
    assert errors == []
