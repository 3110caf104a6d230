"""The page's tests fail on any deprecation Streamlit reports (a call an upgrade will remove)."""

import logging

import pytest


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def no_streamlit_deprecations():
    logger = logging.getLogger("streamlit.deprecation_util")  # Streamlit's loggers do not propagate
    collect = _Collect()
    logger.addHandler(collect)
    try:
        yield
    finally:
        logger.removeHandler(collect)
    assert collect.messages == [], collect.messages[0][:300]
