"""Universal design in a real browser: axe-core (WCAG 2.0/2.1 A and AA rules, pinned in package.json)
on every kind of page state at 1366×768 and at 320 CSS px, and the map's text alternative."""

import pytest

from geo import settings
from tests.app.browser import chromium_available, launch, running_app, the_map, wait_drawn
from tests.installed import require_installed

playwright = pytest.importorskip("playwright.sync_api")

require_installed(chromium_available(), "Chromium")
AXE = settings.ROOT / "node_modules" / "axe-core" / "axe.min.js"
require_installed(AXE.exists(), "axe-core (npm ci)")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"skjerm": (1366, 768), "smal": (320, 640)}
BAD_CSV = (
    "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
    'a,Legevakt,legevakt,"Drammen; Hjardal",ja,Drammen,,,test\n'
    "b,,ppt,Lier,ja,,,,test\n"
)
GOOD_CSV = (
    "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
    'a,Felles legevakt,legevakt,"Drammen; Lier",ja,Drammen,,,test\n'
)


def violations(page) -> list[str]:
    """What axe finds against WCAG 2.1 A/AA in the page as it is now: rule, and the first elements."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => {
             const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
             return r.violations.map(v => v.id + ': ' + v.help + ' — ' +
                                     v.nodes.slice(0, 3).map(n => n.html.slice(0, 160)).join(' | '));
           }""",
        WCAG_TAGS,
    )
    return found


def _upload(page, name: str, content: str) -> None:
    sidebar_toggle = page.locator('[data-testid="stExpandSidebarButton"]')
    if sidebar_toggle.count() and sidebar_toggle.is_visible():
        sidebar_toggle.click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content.encode()}]
    )


def _states(dataset):
    drammen = "3005"
    theirs = dataset.register.medlemskap.query("kommunenummer == @drammen")["ordning_id"].iloc[0]
    return {
        "standard": ("", None),
        "kommune": (f"?kommune={drammen}", None),
        "antall": ("?lag=antall", None),
        "ordning": (f"?kommune={drammen}&ordning={theirs}", None),
        "opplasting-med-feil": ("", ("feil.csv", BAD_CSV, "Filen ble ikke tatt i bruk")),
        "lagring": ("", ("eget.csv", GOOD_CSV, "Lagre registeret")),
    }


@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_no_wcag_21_aa_violation_in_any_page_state(dataset, size):
    width, height = SIZES[size]
    found = {}
    with running_app() as url, playwright.sync_playwright() as p:
        browser = launch(p)
        for name, (query, upload) in _states(dataset).items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url + "/" + query)
            wait_drawn(page)
            if upload:
                _upload(page, upload[0], upload[1])
                page.get_by_text(upload[2]).first.wait_for(timeout=60_000)
            page.wait_for_timeout(800)  # the run's last elements
            assert page.evaluate("document.documentElement.lang") == "nb"
            found[name] = violations(page)
            page.close()
    failing = {k: v for k, v in found.items() if v}
    assert not failing, "\n".join(f"{k}: {x}" for k, v in failing.items() for x in v)


def test_the_map_has_a_name_a_text_summary_and_a_link_to_the_same_facts_as_a_table(dataset):
    with running_app() as url, playwright.sync_playwright() as p:
        page = launch(p).new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        wait_drawn(page)
        the_map_ = the_map(page)
        name = the_map_.get_attribute("aria-label")
        assert name.startswith("Kart: Samarbeid om")
        summary = page.locator("#" + the_map_.get_attribute("aria-describedby")).text_content()
        assert "Hallingdal legevakt" in summary and "Kilde:" in summary  # the legend and whose data, in words
        link = the_map_.get_by_role("link", name="Kartet som tabell")
        target = link.get_attribute("href")
        assert page.locator(target).count() == 1  # the heading over the table
        heading = page.get_by_role("heading", name="Kartet som tabell")
        assert heading.count() == 1
