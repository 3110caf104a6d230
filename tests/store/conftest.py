"""The store on both backends: a SQLite file, and a throwaway PostgreSQL cluster (initdb and pg_ctl
in a temporary directory, on a free local port) started by the tests themselves."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.app.browser import free_port


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_url():
    bin_dir = _pg_bin()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL mangler i CI; scripts/setup.sh skal installere den.", pytrace=False)
        pytest.skip("PostgreSQL er ikke installert (kjør scripts/setup.sh som root)")
    home = Path(tempfile.mkdtemp(prefix="samarbeidskart-pg-"))  # outside pytest's root-only folders
    data = home / "data"
    home.chmod(0o755)
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    subprocess.run(
        _as_postgres(
            [f"{bin_dir}/initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
        ),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres(
            [
                f"{bin_dir}/pg_ctl",
                "-D",
                str(data),
                "-w",
                "-l",
                str(data.parent / "log"),
                "-o",
                f"-p {port} -k {data.parent} -c listen_addresses=127.0.0.1",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        for _ in range(50):
            done = subprocess.run(
                _as_postgres(
                    [f"{bin_dir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "samarbeidskart"]
                ),
                capture_output=True,
            )
            if done.returncode == 0:
                break
            time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/samarbeidskart"
    finally:
        subprocess.run(
            _as_postgres([f"{bin_dir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(home, ignore_errors=True)


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
