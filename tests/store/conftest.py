"""The store on both backends: a SQLite file, and a throwaway PostgreSQL cluster started by the tests."""

from __future__ import annotations

import pytest

from tests.installed import require_installed
from tests.store.cluster import pg_bin, throwaway_postgres


@pytest.fixture(scope="session")
def postgres_url():
    require_installed(pg_bin() is not None, "PostgreSQL", module=False)
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
