"""What the server loads before the first visitor: the default view, and then out of the collector's sight."""

import subprocess
import sys

from geo import settings


def test_preload_draws_the_default_view_and_freezes_what_it_loaded():
    code = (
        "import gc; from ui.views import preload; from layers import web_map; preload(); "
        "print(gc.get_freeze_count() > 10_000, len(web_map._GEOJSON) > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.split() == ["True", "True"]


def test_the_views_ahead_are_one_step_from_the_default(dataset):
    from dataclasses import fields

    from geo.regions import region_options
    from layers.state import ViewState, service_options
    from ui.views import views_ahead

    default = ViewState()
    ahead = views_ahead(dataset)
    assert len(set(ahead)) == len(ahead) and default not in ahead
    for state in ahead:  # each differs from the default in one choice
        assert sum(getattr(state, f.name) != getattr(default, f.name) for f in fields(ViewState)) == 1
    added = {s.tjenester[-1] for s in ahead if s.tjenester is not None}
    assert all(s.tjenester[:-1] == default.services() for s in ahead if s.tjenester is not None)
    assert added == {code for code, _ in service_options(dataset)} - set(default.services())
    areas = {s.omrade for s in ahead if s.omrade != default.omrade}
    options = region_options(dataset.studieomrade, dataset.fylker, default.fylkesinndeling)
    assert areas == {r.label for r in options.values() if r.kind != "norge"} - {default.omrade}  # same polygons


def test_warming_waits_until_no_page_has_run_for_a_while(dataset, monkeypatch):
    import threading
    import time

    from layers.state import ViewState
    from ui import activity, views

    built = []
    monkeypatch.setattr(views, "build_view", lambda data, kommuner, state: built.append(state))
    state = ViewState(tjenester=("legevakt", "lvs"))
    with activity.page_run():
        worker = threading.Thread(target=views.warm, args=(dataset, [state]), kwargs={"quiet": 0.3, "pause": 0.02})
        worker.start()
        time.sleep(0.5)
        assert built == []  # a page is being made
    time.sleep(0.1)
    assert built == []  # one has just been made
    worker.join(5)
    assert built == [state]


def test_a_warmed_view_is_drawn_from_what_warming_made():
    """In a fresh process: the view cuts stripes and converts geometries for the browser when drawn
    first, and neither when warmed before."""
    code = (
        "import sys; from geo import areas; from layers import web_map; from ui import views; "
        "from geo.divisions import DEFAULT_DIVISION as D; from layers.data import shipped, shipped_kommuner; "
        "from layers.state import ViewState; "
        "n = {'stripes': 0, 'encoded': 0}; cut, encode = areas.stripes, web_map.encode_all\n"
        "def counted(name, f):\n"
        "    def g(*a, **k):\n"
        "        n[name] += 1; return f(*a, **k)\n"
        "    return g\n"
        "areas.stripes, web_map.encode_all = counted('stripes', cut), counted('encoded', encode)\n"
        "data, state = shipped(D), ViewState(tjenester=('legevakt', 'lvs'))\n"
        "if sys.argv[1] == 'warm': views.warm(data, [state], quiet=0); n.update(stripes=0, encoded=0)\n"
        "views.build_view(data, shipped_kommuner(D, 'region'), state); print(n['stripes'], n['encoded'])"
    )

    def counts(mode: str) -> list[int]:
        command = [sys.executable, "-c", code, mode]
        out = subprocess.run(command, cwd=settings.ROOT, capture_output=True, text=True, timeout=120, check=True)
        return [int(x) for x in out.stdout.split()]

    cold, warmed = counts("cold"), counts("warm")
    assert cold[0] > 0 and cold[1] > 0
    assert warmed == [0, 0]
