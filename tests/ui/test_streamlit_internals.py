"""Each reliance on Streamlit internals (ui/streamlit_internals.py) checked against the installed
Streamlit: an upgrade that renames an option, a test id or the key class fails here, loudly."""

import re
import tomllib
from pathlib import Path

import pytest
import streamlit
import streamlit.config

from geo import settings
from ui import streamlit_internals as internals
from ui.page import PAGE_CSS

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"


def _in_bundle(text: str) -> bool:
    return any(text in path.read_text(encoding="utf-8", errors="ignore") for path in BUNDLE.glob("*.js"))


def test_streamlit_is_pinned_to_the_version_installed():
    pinned = re.search(r"^streamlit==(\S+)$", (settings.ROOT / "requirements.txt").read_text(), re.M).group(1)
    assert streamlit.__version__ == pinned


@pytest.mark.parametrize("option", list(internals.HIDDEN_OPTIONS))
def test_the_hidden_options_exist_and_the_config_sets_them(option):
    streamlit.config.get_option(option)  # raises for an option this Streamlit does not know
    config = tomllib.loads((settings.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    section, name = option.split(".")
    assert config[section][name] == internals.HIDDEN_OPTIONS[option]


@pytest.mark.parametrize("test_id", internals.TEST_IDS)
def test_the_uploaders_test_ids_are_still_streamlits(test_id):
    written = (f'"{test_id}"', f"`{test_id}`", f"'{test_id}'")  # however the bundle quotes it
    assert any(_in_bundle(w) for w in written), f"Streamlit's front end no longer has data-testid {test_id}"
    assert f'[data-testid="{test_id}"]' in PAGE_CSS


def test_keyed_elements_still_get_a_class_of_their_key():
    assert _in_bundle(internals.KEY_CLASS)
    assert internals.key_class("kart-forlast") in PAGE_CSS
