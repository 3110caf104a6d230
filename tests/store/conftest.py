"""The store on both backends: a SQLite file, and a throwaway PostgreSQL cluster started by the tests."""

from __future__ import annotations

import os

import pytest

from tests.store.cluster import pg_bin, throwaway_postgres


@pytest.fixture(scope="session")
def postgres_url():
    if pg_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL mangler i CI; scripts/setup.sh skal installere den.", pytrace=False)
        pytest.skip("PostgreSQL er ikke installert (kjør scripts/setup.sh som root)")
    with throwaway_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registre.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:  # each test starts on an empty database
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return url
