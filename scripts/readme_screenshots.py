"""Take the README's pictures of the app at 1366×768 in Debian's Chromium: the page with Drammen chosen
(docs/screenshot.png), and the count and legevakt maps (docs/kart-antall.png, docs/kart-dekning.png).

Run after a change to how the page or the map looks: ``.venv/bin/python scripts/readme_screenshots.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.app.browser import launch, running_app, wait_drawn  # noqa: E402

#: picture → (link parameters, the part of the 1366×768 page it shows: the whole page, or the main area)
PICTURES = {
    "screenshot.png": ("?kommune=3005", None),
    "kart-antall.png": ("?lag=antall", {"x": 300, "y": 0, "width": 1066, "height": 700}),
    "kart-dekning.png": ("", {"x": 300, "y": 0, "width": 1066, "height": 700}),
}


def main() -> int:
    from playwright.sync_api import sync_playwright

    with running_app() as url, sync_playwright() as p:
        browser = launch(p)
        for name, (query, clip) in PICTURES.items():
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"{url}/{query}")
            wait_drawn(page)
            page.wait_for_timeout(1500)  # the run's last elements
            page.screenshot(path=str(ROOT / "docs" / name), clip=clip)
            page.close()
            print(f"Skrev docs/{name}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
