"""Shared data is safe across sessions: Streamlit runs each session's script in a thread of one
process, and the process-wide caches (geometries for the browser, backdrops, kommune lookups, each
register's service index) are shared. Many threads build views at once, with caches small enough to
evict all the time, and every view comes out whole."""

import threading

import shapely

from layers import _common, web_map
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
    monkeypatch.setattr(_common, "MAX_CACHED", 5)  # dissolved areas, stripes and borders evicted all the time
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


def test_a_kommune_frame_owns_its_lookup_and_a_copy_gets_its_own(dataset):
    kommuner = prepare_kommuner(dataset, "region")
    look = _common.lookup(kommuner)
    assert _common.lookup(kommuner) is look  # made once for the frame
    copy = kommuner.copy()
    assert _common.lookup(copy) is not look  # nothing keyed by an id another frame could reuse
    part = kommuner.iloc[:3]
    assert list(_common.lookup(part).numbers) == list(part["kommunenummer"])


def test_dissolved_areas_are_shared_per_member_set_and_bounded(dataset, monkeypatch):
    monkeypatch.setattr(_common, "MAX_CACHED", 3)
    kommuner = prepare_kommuner(dataset, "region")
    look = _common.lookup(kommuner)
    some = list(kommuner["kommunenummer"][100:109])
    a, b = some[:2], some[2:5]
    first = look.unions([a, b, list(reversed(a))])
    assert first[0] is first[2]  # one member set, one area, whatever the order of its members
    assert shapely.equals(first[1], shapely.union_all([look.by_number[k] for k in b]))
    assert look.unions([b])[0] is first[1]  # a later view finds it made
    look.unions([[k] for k in some[5:]])
    assert len(look._cache) <= 3  # the oldest went
    assert look.unions([b])[0] is not first[1]


def test_a_memo_keyed_by_an_object_hits_only_that_object(dataset):
    """Stripes are kept by the area object itself (its WKB hash costs as much as cutting them): the
    same object hits, an equal geometry made anew is made again, never another's result."""
    look = _common.lookup(prepare_kommuner(dataset, "region"))
    area = shapely.box(0, 0, 10, 10)
    made = []

    def make(tag):
        made.append(tag)
        return tag

    assert look.memo(("test", _common.Same(area)), lambda: make("first")) == "first"
    assert look.memo(("test", _common.Same(area)), lambda: make("again")) == "first"
    twin = shapely.box(0, 0, 10, 10)
    assert twin == area and look.memo(("test", _common.Same(twin)), lambda: make("twin")) == "twin"
    assert made == ["first", "twin"]


def test_a_label_centre_is_made_once_per_area_within_the_view(dataset):
    """Label centres of areas wholly in their view are kept per area: the same point in a larger view;
    an area the view cuts gets its centre in the part shown."""
    kommuner = prepare_kommuner(dataset, "region")
    look = _common.lookup(kommuner)
    area = look.unions([["3043", "3044"]])[0]  # Ål and Hol
    row = {"label": "Øvre Hallingdal", "geometry": area, "kind": "ordning", "key": "x"}
    x0, y0, x1, y1 = area.bounds
    big = (x0 - 50_000, y0 - 50_000, x1 + 50_000, y1 + 50_000)
    bigger = (x0 - 90_000, y0 - 90_000, x1 + 90_000, y1 + 90_000)
    first = _common.label_points([row], big, look.crs).geometry.iloc[0]
    again = _common.label_points([row], bigger, look.crs).geometry.iloc[0]
    assert again is first and shapely.contains(area, first)
    west = (x0 - 50_000, y0 - 50_000, (x0 + x1) / 2, y1 + 50_000)  # only the western half shown
    cut = _common.label_points([row], west, look.crs).geometry.iloc[0]
    assert cut.x < (x0 + x1) / 2 and shapely.contains(area, cut)
