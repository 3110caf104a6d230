"""Run in its own process by the benchmark: save and open the nationwide synthetic register
(5,000 arrangements) in the store, on SQLite and on a throwaway PostgreSQL cluster.

Prints one JSON line: db_save_s and db_open_s per backend (medians of three)."""

from __future__ import annotations

import json
import statistics
import tempfile
import time

from bench.synthetic import make_register
from geo.io import load_dataset
from geo.register import read_ordninger
from store import registers
from tests.store.cluster import pg_bin, throwaway_postgres


def _measure(url: str, register, tjenester) -> tuple[float, float]:
    engine = registers.connect(url)
    saves, opens = [], []
    for _ in range(3):
        t0 = time.perf_counter()
        saved = registers.save(engine, register, title="nasjonalt", credit="benchmark")
        saves.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        registers.open_register(engine, saved.id, tjenester=tjenester)
        opens.append(time.perf_counter() - t0)
    engine.dispose()
    return statistics.median(saves), statistics.median(opens)


def main() -> None:
    base = load_dataset()
    register = read_ordninger(
        make_register(base), names=base.names, tjenester=base.register.tjenester, file="nasjonalt.csv"
    )
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        out["db_save_sqlite_s"], out["db_open_sqlite_s"] = _measure(
            f"sqlite:///{tmp}/b.sqlite", register, base.register.tjenester
        )
    if pg_bin():
        with throwaway_postgres() as url:
            out["db_save_postgres_s"], out["db_open_postgres_s"] = _measure(url, register, base.register.tjenester)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
