"""In headless Chromium, two app servers sharing one PostgreSQL database: a register saved in one
browser opens by its link in a fresh browser on the other server; ten sessions each save their own
register and each later opens exactly its own."""

import re

import pytest

from tests.app.browser import chromium_available, launch, pair_register, running_app, the_map
from tests.installed import require_installed
from tests.store.cluster import pg_bin, throwaway_postgres

playwright = pytest.importorskip("playwright.sync_api")
require_installed(chromium_available() and pg_bin() is not None, "Chromium eller PostgreSQL", pronoun="dem")

pytestmark = pytest.mark.slow
SESSIONS = 10


def _saved_id(page) -> str:
    page.get_by_text("vises bare til du bekrefter").wait_for(timeout=120_000)
    page.wait_for_function("new URLSearchParams(location.search).get('register')", timeout=60_000)
    return re.search(r"register=([\w-]+)", page.url).group(1)


def _key_shown_whole(page) -> None:
    """The owner key in the narrow sidebar: every character on screen (wrapped, none cut off), with a
    copy button, until the user confirms it is kept."""
    code = page.locator("[data-testid=stSidebar] [data-testid=stCode] code").first
    key = code.inner_text().strip()
    assert len(key) >= 30 and re.fullmatch(r"[\w-]+", key)
    box = code.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert box[0] <= box[1] + 1, box  # nothing hidden to the right
    page.get_by_role("button", name="Jeg har tatt vare på eiernøkkelen").click()
    page.get_by_text("vises bare til du bekrefter").wait_for(state="detached", timeout=60_000)


def _opens_own(page, url: str, register_id: str, i: int) -> None:
    page.goto(f"{url}/?register={register_id}")
    legend = the_map(page).locator(".sk-legend", has_text=f"Lagret {i} legevakt")
    legend.wait_for(timeout=120_000)
    text = legend.inner_text()
    others = [j for j in range(SESSIONS) if j != i and f"Lagret {j} legevakt" in text]
    assert others == [], f"økt {i} ser register {others}"


def test_saved_registers_open_by_link_on_another_server_and_never_mix(tmp_path):
    files = []
    for i in range(SESSIONS):
        path = tmp_path / f"lagret{i}.csv"
        path.write_bytes(pair_register(i, f"Lagret {i} legevakt"))
        files.append(path)
    with (
        throwaway_postgres() as db,
        running_app(env={"SAMARBEIDSKART_DB": db}) as one,
        running_app(env={"SAMARBEIDSKART_DB": db}) as two,
        playwright.sync_playwright() as p,
    ):
        browser = launch(p)
        pages = [browser.new_context(viewport={"width": 1366, "height": 768}).new_page() for _ in range(SESSIONS)]
        for page in pages:
            page.goto(one)
        for page in pages:
            the_map(page).locator("path.leaflet-interactive").first.wait_for(timeout=120_000)
        for page, path in zip(pages, files):  # all uploads go in before any is waited for
            page.locator("input[type=file]").set_input_files(str(path))
        for i, page in enumerate(pages):
            page.get_by_text("ordninger er lest inn").wait_for(timeout=120_000)
            page.get_by_label("Kreditering").fill(f"Økt {i}")
        for page in pages:  # every session saves at once
            page.get_by_role("button", name="Lagre registeret").click()
        ids = [_saved_id(page) for page in pages]
        assert len(set(ids)) == SESSIONS
        _key_shown_whole(pages[0])
        for i, register_id in enumerate(ids):  # a fresh browser on the other server
            fresh = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
            _opens_own(fresh, two, register_id, i)
            assert f"Økt {i}" in fresh.inner_text("body")
            assert fresh.locator("[data-testid=stException]").count() == 0
            fresh.context.close()
        browser.close()
