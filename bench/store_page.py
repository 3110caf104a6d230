"""Run in its own process by the benchmark: the page's run time with 2,000 public registers in the
store against an empty store, on PostgreSQL (and SQLite where PostgreSQL is missing).

The page is run as Streamlit runs it (``AppTest``: the whole script, the server's own process), a
rerun of one session with the store's list caches emptied before each, so that every run reads the
list — the worst case; with the caches a run reads it once per 15 s. Prints one JSON line:
store_page_empty_s, store_page_2000_s (medians of seven), store_page_delta_s, and how many registers
were stored and how many the list showed."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time

REGISTERS = 2_000
REPS = 7


def _fill(url: str) -> int:
    from geo.io import load_dataset, load_names
    from geo.uploads import read_register_upload
    from store import registers

    text = (
        "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
        'a,Legevakt,legevakt,"Arendal; Grimstad",ja,Arendal,avtale,2019,eget\n'
    )
    register = read_register_upload(
        text.encode(), "r.csv", names=load_names(), tjenester=load_dataset().register.tjenester
    )
    engine = registers.connect(url)
    for i in range(REGISTERS):
        registers.save(engine, register, title=f"Register {i:04d}", credit="benchmark", listed=True)
    stored = registers.listed(engine).total
    engine.dispose()
    return stored


def _page_run(url: str) -> float:
    os.environ["SAMARBEIDSKART_DB"] = url
    from streamlit.testing.v1 import AppTest

    from geo import settings
    from ui import loaders

    loaders.store.clear()
    app = AppTest.from_file(str(settings.ROOT / "app.py"), default_timeout=120)
    app.run()
    app.run()  # the session's first map is drawn; now only what each run repeats
    times = []
    for _ in range(REPS):
        loaders.store_changed()  # the list is read on this run
        t0 = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - t0)
        assert not app.exception, app.exception
    shown = [len(s.options) - 1 for s in app.selectbox if s.key == "apne_lagret"]
    return statistics.median(times), (shown or [0])[0]


def main() -> None:
    sys.path.insert(0, ".")
    from tests.store.cluster import pg_bin, throwaway_postgres

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        if pg_bin():
            with throwaway_postgres() as empty_url, throwaway_postgres() as full_url:
                out["store_registers"] = _fill(full_url)
                out["store_page_empty_s"], _ = _page_run(empty_url)
                out["store_page_2000_s"], out["store_list_shown"] = _page_run(full_url)
        else:
            full_url = f"sqlite:///{tmp}/full.sqlite"
            out["store_registers"] = _fill(full_url)
            out["store_page_empty_s"], _ = _page_run(f"sqlite:///{tmp}/empty.sqlite")
            out["store_page_2000_s"], out["store_list_shown"] = _page_run(full_url)
    out["store_page_delta_s"] = out["store_page_2000_s"] - out["store_page_empty_s"]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
