import pytest

from layers.data import prepare_kommuner


@pytest.fixture(scope="session")
def print_kommuner(dataset):
    return prepare_kommuner(dataset, "trykk")


@pytest.fixture(scope="session")
def screen_kommuner(dataset):
    return prepare_kommuner(dataset, "region")
