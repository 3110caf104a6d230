"""Shared fixtures: the shipped data, loaded once per test session, and the report's tables."""

from __future__ import annotations

import os
import tempfile

import pytest

# The tests' saved registers go to a database of their own, never to the app's lagret/ folder.
os.environ.setdefault(
    "SAMARBEIDSKART_DB", f"sqlite:///{tempfile.mkdtemp(prefix='samarbeidskart-test-')}/registre.sqlite"
)

from geo import settings
from geo.io import load_dataset
from tests.report_tables import parse_new_arrangements, parse_tables


@pytest.fixture(scope="session")
def dataset():
    return load_dataset()


@pytest.fixture(scope="session")
def names(dataset):
    return dataset.names


@pytest.fixture(scope="session")
def report_text():
    return settings.REPORT_TEXT_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def report_tables(report_text, names):
    return parse_tables(report_text, names)


@pytest.fixture(scope="session")
def new_arrangements(report_text):
    return parse_new_arrangements(report_text)
