"""Text from data and links is shown as text in every element of the page: no Markdown image,
link, autolink, colour or icon directive, math or HTML is ever rendered from it."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings
from tests.hostile.conftest import CORPUS

APP = str(settings.ROOT / "app.py")
#: What a Markdown renderer would act on, unless escaped with a backslash.
LIVE = [
    re.compile(p)
    for p in (
        r"(?<!\\)!(?<!\\)\[",
        r"(?<!\\)\]\(",
        r"(?<!\\)https?(?<!\\):",
        r"(?<!\\)www\.",
        r"(?<!\\):[a-z_]+(?<!\\)\[",
        r"(?<!\\)\$",
        r"(?<!\\)<[a-z!/]",
        r"(?<!\\):material",
    )
]


def markdown_texts(at) -> list[str]:
    """The source of every element that renders Markdown (headers, captions, notes, labels)."""
    texts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "error", "warning")
        for e in getattr(at, kind)
    ]
    texts += [b.label for b in at.button] + [d.label for d in at.get("download_button")]
    return texts


def assert_inert(at):
    for text in markdown_texts(at):
        for pattern in LIVE:
            assert not pattern.search(text), (pattern.pattern, text)


@pytest.fixture
def uploaded():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    data = (CORPUS / "markdown_og_html.csv").read_bytes()
    at.file_uploader[0].set_value(
        ("![x](https:__evil.example_p.png) [klikk](https:__e.no).csv", data, "text/csv")
    ).run()
    assert not at.exception
    return at


def test_an_upload_full_of_markup_is_shown_as_text(uploaded):
    assert any("ordninger er lest inn" in s.value for s in uploaded.success)
    assert_inert(uploaded)
    # its map, with the map's table and the export row, where the register's text is shown too
    uploaded.multiselect(key="tjenester").set_value(["lvs"]).run()
    uploaded.toggle(key="vis_eksport").set_value(True).run()
    uploaded.toggle(key="vis_karttabell").set_value(True).run()
    assert not uploaded.exception and len(uploaded.get("download_button")) == 8
    assert_inert(uploaded)


def test_its_arrangements_search_and_details_are_text(uploaded):
    uploaded.text_input(key="sok").input("M0").run()
    hits = [b for b in uploaded.button if b.label.startswith("Ordning")]
    assert hits
    hits[0].click().run()
    assert not uploaded.exception
    assert any("M0" in s.value for s in uploaded.subheader)
    assert_inert(uploaded)


@pytest.mark.parametrize(
    "query",
    [
        {"lag": "![x](https://evil.example/p.png)"},
        {"omrade": "[klikk](https://evil.example)", "kommune": ":red[rød]"},
        {"ordning": "$\\alpha$" + "x" * 500, "tjenester": "<img src=x>,legevakt"},
    ],
)
def test_link_parameters_are_echoed_short_and_as_text(query):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    at.run()
    assert not at.exception and at.info  # each ignored value is explained
    assert all(len(i.value) < 400 for i in at.info)  # echoed values are shortened
    assert_inert(at)


def test_a_service_the_new_register_lacks_does_not_crash_the_page():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.multiselect(key="tjenester").set_value(["lvs", "iua"]).run()
    data = (CORPUS / "markdown_og_html.csv").read_bytes()  # has only lvs
    at.file_uploader[0].set_value(("ny.csv", data, "text/csv")).run()
    assert not at.exception
    assert at.multiselect(key="tjenester").value == ["lvs"]
