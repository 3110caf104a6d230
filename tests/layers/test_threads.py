"""Shared data is safe across sessions: Streamlit runs each session's script in a thread of one
process, and the process-wide caches (geometries for the browser, backdrops, kommune lookups, each
register's service index) are shared. Many threads build views at once, with caches small enough to
evict all the time, and every view comes out whole."""

import threading

from layers import web_map
from layers.data import prepare_kommuner
from layers.state import ViewState
from ui.views import build_view

STATES = [
    ViewState(),
    ViewState(lag="antall"),
    ViewState(tjenester=("ppt",)),
    ViewState(tjenester=("barnevernvakt",), omrade="Hallingdal"),
    ViewState(lag="fylkesgrense", fylkesinndeling="2024"),
    ViewState(lag="nettverk", kommune="3043"),
    ViewState(tjenester=("iua",), omrade="Buskerud", fylkesinndeling="2019"),
    ViewState(lag="vertskap"),
]


def test_eight_threads_building_views_with_evicting_caches_see_no_error(dataset, monkeypatch):
    monkeypatch.setattr(web_map, "CACHE_SIZE", 40)  # far fewer than one view's geometries: evicts constantly
    monkeypatch.setattr(web_map, "CONTEXT_CACHE_SIZE", 2)
    kommuner = [prepare_kommuner(dataset, "region"), prepare_kommuner(dataset, "trykk")]  # two frames: two lookups
    errors, whole = [], []
    start = threading.Barrier(8)

    def work(n: int) -> None:
        start.wait()
        try:
            for i in range(12):
                state = STATES[(n + i) % len(STATES)]
                view = build_view(dataset, kommuner[(n + i) % 2], state)
                payload, geoms = view.payload
                referred = {
                    k for part in ("areas", "lines", "highlight") if payload.get(part) for k in payload[part]["g"]
                }
                whole.append(referred <= set(geoms) and "" not in referred)  # no shape lost to another thread
        except Exception as exc:  # noqa: BLE001 - any error in a thread is what this test looks for
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(whole) == 8 * 12 and all(whole)
