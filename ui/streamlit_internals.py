"""Every reliance of the page on Streamlit beyond its documented API, in one place, each checked by
``tests/ui/test_streamlit_internals.py`` against the installed Streamlit, so that an upgrade that
breaks one fails loudly in the tests instead of quietly on a user's page. Streamlit is pinned in
``requirements.txt``.

- Two hidden config options (``.streamlit/config.toml``), set for speed (README, "Ytelse").
- The file uploader's own words are English: the page hides them by their ``data-testid`` and says
  them in Norwegian with CSS (:data:`UPLOADER_CSS`).
- The uploader's button has no Norwegian accessible name: ``static/samarbeidskart/live.js`` gives it
  one (``aria-label``), found by :data:`DROPZONE`.
- Streamlit names some of its controls in English (skip link, help buttons, the table's tools):
  ``live.js`` says those names in Norwegian, by the English text it knows.
- A rerun may draw a control anew and drop the keyboard's focus to the page's start: ``live.js``
  puts it back on the control drawn in its place (same element kind, same name).
- Captions are drawn in a grey below 4.5:1 contrast on the sidebar: the page darkens them by
  :data:`CAPTION`.
- A widget's ``key`` becomes a CSS class ``st-key-<key>``: the map's asset loader is styled by it.
- The page's top padding is set on Streamlit's ``.block-container`` (``ui.page``), and at 768 px and
  narrower, where Streamlit's header is an opaque bar 60 px tall, made room for it (checked in the
  browser: ``tests/app/test_screens.py``).
"""

from __future__ import annotations

#: Hidden config options the page's config sets, and the values it sets.
HIDDEN_OPTIONS = {"global.minCachedMessageSize": 1000, "runner.postScriptGC": False}
#: The uploader's parts, by the ``data-testid`` Streamlit's front end gives them.
DROPZONE = "stFileUploaderDropzone"
DROPZONE_TEXT = "stFileUploaderDropzoneInstructions"
CAPTION = "stCaptionContainer"
TEST_IDS = (DROPZONE, DROPZONE_TEXT, CAPTION)
#: The class Streamlit gives an element with a ``key``: this prefix and the key.
KEY_CLASS = "st-key-"

UPLOADER_CSS = f"""
[data-testid="{DROPZONE_TEXT}"] span, [data-testid="{DROPZONE_TEXT}"] small {{ display: none; }}
[data-testid="{DROPZONE_TEXT}"] > div::after {{ content: "Dra filen hit, eller velg den"; }}
[data-testid="{DROPZONE}"] button * {{ display: none; }}
[data-testid="{DROPZONE}"] button::after {{ content: "Velg fil"; font-size: 0.875rem; }}
"""
#: Captions in a grey that reaches 4.5:1 on the sidebar's and the page's background (WCAG 1.4.3).
CAPTION_CSS = f"""
[data-testid="{CAPTION}"], [data-testid="{CAPTION}"] p {{ color: #575757 !important; opacity: 1 !important; }}
"""


def key_class(key: str) -> str:
    """The CSS selector of the element Streamlit draws for a widget or container with ``key``."""
    return f".{KEY_CLASS}{key}"
