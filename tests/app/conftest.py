"""The page's tests fail on any deprecation Streamlit reports (a call an upgrade will remove)."""

import logging

import pytest


@pytest.fixture(autouse=True)
def no_streamlit_deprecations(caplog):
    caplog.set_level(logging.WARNING, logger="streamlit.deprecation_util")
    yield
    deprecated = [r.getMessage() for r in caplog.records if r.name.startswith("streamlit.deprecation")]
    assert deprecated == [], deprecated[0][:300] if deprecated else ""
