"""The documented deployment (``python -m deploy``): two app processes behind HAProxy from Debian's
packages. In headless Chromium through the balancer: visitors are spread over both processes, each
browser stays on its own (the cookie), its websocket works (the map is drawn and redrawn), and its
view survives a reload; a saved register opens on either."""

import re

import pytest

from deploy.__main__ import cluster, haproxy
from tests.app.browser import chromium_available, launch, pair_register, the_map, wait_drawn
from tests.installed import require_installed

playwright = pytest.importorskip("playwright.sync_api")
require_installed(chromium_available() and haproxy() is not None, "Chromium eller HAProxy", pronoun="dem")

pytestmark = pytest.mark.slow
VISITORS = 4


def _server(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "SAMARBEIDSKART_SERVER")


def _choose_area(page, area: str) -> None:
    page.locator("[data-testid=stSelectbox]").filter(has_text="Område").click()
    page.get_by_role("option", name=area, exact=True).click()


def test_visitors_are_spread_over_two_processes_and_each_keeps_its_own(tmp_path):
    areas = ["Hallingdal", "Kongsbergregionen", "Ringeriksregionen", "Drammensregionen"]
    register = tmp_path / "felles.csv"
    register.write_bytes(pair_register(7, "Felles legevakt"))
    with (
        cluster(env={"SAMARBEIDSKART_DB": f"sqlite:///{tmp_path / 'registre.sqlite'}"}) as (url, apps),
        playwright.sync_playwright() as p,
    ):
        browser = launch(p)
        contexts = [browser.new_context(viewport={"width": 1366, "height": 768}) for _ in range(VISITORS)]
        pages = [c.new_page() for c in contexts]
        for page in pages:
            page.goto(url)
        for page, area in zip(pages, areas):
            wait_drawn(page)
            _choose_area(page, area)  # over the websocket, to the process that holds the session
        for page, area in zip(pages, areas):
            page.wait_for_function("a => location.search.includes('omrade=' + encodeURIComponent(a))", arg=area)
            wait_drawn(page)
        servers = [_server(c) for c in contexts]
        assert set(servers) == {"app1", "app2"}, servers  # both processes take visitors
        for context, page, area, server in zip(contexts, pages, areas, servers):
            page.reload()  # the same browser comes back to its own process, and its link to its view
            wait_drawn(page)
            assert _server(context) == server
            assert area in the_map(page).inner_text()
            assert page.locator("[data-testid=stException]").count() == 0
        # what one process stores, a visitor of the other opens
        first = pages[0]
        first.locator("input[type=file]").set_input_files(str(register))
        first.get_by_text("ordninger er lest inn").wait_for(timeout=60_000)
        first.get_by_label("Kreditering").fill("Klyngetest")
        first.get_by_role("button", name="Lagre registeret").click()
        first.wait_for_function("new URLSearchParams(location.search).get('register')", timeout=60_000)
        register_id = re.search(r"register=([\w-]+)", first.url).group(1)
        other = next(p for p, s in zip(pages, servers) if s != servers[0])
        other.goto(f"{url}/?register={register_id}")
        the_map(other).locator(".sk-legend", has_text="Felles legevakt").wait_for(timeout=60_000)
        assert "Klyngetest" in other.inner_text("body")
        browser.close()


def test_the_load_tests_users_are_served_through_the_balancer(tmp_path):
    """The benchmark's simulated users (bench/load.py) speak the page's protocol: through HAProxy every
    change is answered with the chosen area, on both processes, without an error (no time is asserted:
    the figures are the benchmark's)."""
    from bench.load import measure

    with cluster(env={"SAMARBEIDSKART_DB": f"sqlite:///{tmp_path / 'registre.sqlite'}"}) as (url, apps):
        found = measure(url, apps, users=4, duration=6)
    assert found["load_errors"] == 0 and found["load_changes"] >= 4
    assert found["load_views_intact"] == 1.0 and found["load_servers"] == 2
    assert found["cpu_per_change_s"] > 0
