"""Universal design in a real browser: axe-core (WCAG 2.0/2.1 A and AA rules, pinned in package.json)
on every kind of page state at 1366×768 and at 320 CSS px, and the map's text alternative."""

import re

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
        "nye": ("?lag=nye", None),  # the period slider, and the region table
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
                if name == "opplasting-med-feil":  # said to a screen reader as it appears (WCAG 4.1.3)
                    assert page.get_by_role("alert").filter(has_text="Filen ble ikke tatt i bruk").count() >= 1
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


FOCUSED = """() => { const e = document.activeElement; if (!e) return '';
  const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].innerText) || e.innerText || '';
  return (e.getAttribute('role') || e.tagName.toLowerCase()) + ': ' + label.trim().split('\\n')[0]; }"""


def _tab_to(page, wanted: str, *, exact: bool = True, limit: int = 120) -> list[str]:
    """Press Tab until the focused element's name is ``wanted`` (or starts with it); the names passed."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        passed.append(now)
        name = now.split(": ", 1)[-1]
        if name == wanted or not exact and name.startswith(wanted):
            return passed
    raise AssertionError(f"Nådde ikke «{wanted}» med Tab; gikk gjennom: {passed}")


def _choose_with_arrows(page, option: str, *, limit: int = 400) -> None:
    """In the focused list box: arrows until ``option`` is the active option, then Enter."""
    page.keyboard.press("ArrowDown")
    for _ in range(limit):
        active = page.evaluate(
            """() => { const e = document.activeElement, id = e && e.getAttribute('aria-activedescendant');
                       const o = id && document.getElementById(id); return o ? o.innerText.trim() : ''; }"""
        )
        if active == option:
            page.keyboard.press("Enter")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"Fant ikke valget «{option}» med piltastene")


def test_keyboard_alone_opens_the_count_map_drammen_an_arrangement_and_exports_the_png(dataset):
    drammen_has = set(dataset.register.medlemskap.query("kommunenummer == '3005'")["ordning_id"])
    with running_app() as url, playwright.sync_playwright() as p:
        page = launch(p).new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.goto(url)
        wait_drawn(page)
        # the layer: the radio group's arrows move the choice
        _tab_to(page, "Dekning per tjeneste")
        page.keyboard.press("ArrowDown")
        page.get_by_text("Antall ordninger per kommune").first.wait_for()
        page.wait_for_function("() => document.querySelector('.sk-title b').innerText.startsWith('Antall')")
        # the kommune: its list box, by arrows and Enter
        _tab_to(page, "Kommune")
        _choose_with_arrows(page, "Drammen")
        heading = page.get_by_role("heading", name=re.compile(r"^Drammen: \d+ ordninger"))
        heading.wait_for(timeout=60_000)
        # one of its arrangements, from the list beside its table
        passed = _tab_to(page, "Vis en av kommunens ordninger i kartet")
        stops = [x for x in passed if x.startswith("path")]
        assert not stops, f"{len(stops)} stopp i kartet: {passed}"  # the map is one stop, not hundreds
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_function("() => new URLSearchParams(location.search).get('ordning')", timeout=60_000)
        chosen = page.evaluate("() => new URLSearchParams(location.search).get('ordning')")
        assert chosen in drammen_has
        english = [
            x
            for x in passed
            if re.search(r"Help for|Skip to|Link to|Show/hide|Download as|Fullscreen|Zoom (in|out)$", x)
        ]
        assert not english, english  # the controls' names are Norwegian, Streamlit's own too
        # the export choices, by Space on their switch, then the PNG, by Enter on its button
        _tab_to(page, "Vis eksportvalgene", exact=False)
        page.keyboard.press("Space")
        page.get_by_role("button", name="Kart som PNG").wait_for(timeout=60_000)
        _tab_to(page, "Kart som PNG")
        with page.expect_download(timeout=60_000) as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.endswith(".png")
        # the button may be drawn anew as it makes its file: the focus comes back to it
        page.wait_for_function(f"() => ({FOCUSED})().endsWith('Kart som PNG')", timeout=5_000)
        focused = page.evaluate(FOCUSED)
        ring = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return [document.activeElement.matches(':focus-visible'), s.outlineStyle, s.outlineColor]; }"""
        )
        assert focused.endswith("Kart som PNG") and ring[1] != "none", (focused, ring)  # the focus stays, and shows
