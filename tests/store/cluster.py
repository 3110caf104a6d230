"""A throwaway PostgreSQL cluster (initdb and pg_ctl in a temporary directory, on a free local
port), for the store's tests and the benchmark. PostgreSQL refuses to run as root, so its tools
run as the postgres user then."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from tests.app.browser import free_port


def pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class Cluster(str):
    """The SQLAlchemy URL of a throwaway cluster's database, which can also stop, start, freeze and
    thaw the server (to see what the app does when its database goes away)."""

    def __new__(cls, url: str, bin_dir: str, data: Path, home: Path, port: int):
        made = super().__new__(cls, url)
        made.bin_dir, made.data, made.home, made.port = bin_dir, data, home, port
        return made

    def _ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1"
        run = [f"{self.bin_dir}/pg_ctl", "-D", str(self.data), "-w", "-l", str(self.home / "log"), "-o", options]
        subprocess.run(_as_postgres([*run, *args]), check=True, capture_output=True)

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def start(self) -> None:
        self._ctl("start")

    def _pids(self) -> list[int]:
        main = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
        return [main, *map(int, children)]

    def freeze(self) -> None:
        """Stop every process of the server (SIGSTOP): connections stay open and nothing answers."""
        for pid in self._pids():
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in self._pids():
            os.kill(pid, signal.SIGCONT)


@contextlib.contextmanager
def throwaway_postgres():
    """Yields the URL (a :class:`Cluster`) of a fresh, empty database; the cluster is stopped and
    removed after."""
    bin_dir = pg_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL er ikke installert (kjør scripts/setup.sh som root)")
    home = Path(tempfile.mkdtemp(prefix="samarbeidskart-pg-"))  # outside pytest's root-only folders
    data = home / "data"
    home.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    port = free_port()
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
                str(home / "log"),
                "-o",
                f"-p {port} -k {home} -c listen_addresses=127.0.0.1",
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
        yield Cluster(f"postgresql+psycopg://postgres@127.0.0.1:{port}/samarbeidskart", bin_dir, data, home, port)
    finally:
        subprocess.run(
            _as_postgres([f"{bin_dir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(home, ignore_errors=True)
