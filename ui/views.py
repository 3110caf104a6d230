"""The map the page shows for a state, and the views a session has drawn (its memo).

:func:`build_view` turns a :class:`~layers.state.ViewState` into the layer's spec and the live map's
payload (or the Norwegian reason there is none); :class:`ViewMemo` keeps a session's last few, so
going back to one builds nothing.
"""

from __future__ import annotations

import gc
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace

import geopandas as gpd

from geo.choices import ChoiceError
from geo.divisions import DEFAULT_DIVISION
from geo.io import Dataset
from layers import web_map
from layers.data import detail_for, shipped, shipped_kommuner
from layers.registry import LAYERS, build_layer
from layers.spec import LayerSpec
from layers.state import ViewState
from ui import activity


@dataclass
class View:
    """What the page shows for a state: the spec (with its highlight) and the live map's payload
    (:func:`layers.web_map.payload`), or why there is none."""

    spec: LayerSpec | None
    message: str = ""
    payload: tuple[dict, dict] | None = None


def build_view(data: Dataset, kommuner: gpd.GeoDataFrame, state: ViewState) -> View:
    """The spec and payload for ``state``; a choice the layer cannot draw comes back as a message."""
    try:
        spec = build_layer(data, kommuner, state.lag, state.filters())
    except ChoiceError as exc:
        return View(spec=None, message=str(exc))
    return View(spec=spec, payload=web_map.payload(spec, basemap=state.bakgrunnskart, kommuner=kommuner))


def next_views(state: ViewState, services) -> list[ViewState]:
    """The views a visitor most often opens next, to be made ahead once the page is sent: the count
    map (Figur 2.2) of the same area, as the page will ask for it (its own default services)."""
    if state.lag == "antall":
        return []
    own = tuple(c for c in LAYERS["antall"].default_services if c in services)
    return [replace(state, lag="antall", tjenester=own)]


@dataclass
class ViewMemo:
    """The last few views a session drew: going back to one builds nothing.

    A view is found by its state and the identity of what it was drawn from (``kommuner`` and the
    ``sources`` of ``data``: the shipped dataset, the session's register, an earlier version). An
    entry holds those objects, so no other object can take their identity while it lives.
    """

    size: int = 6
    _entries: OrderedDict = field(default_factory=OrderedDict)

    def view(self, data: Dataset, kommuner: gpd.GeoDataFrame, state: ViewState, *, sources: tuple) -> View:
        key = (state, id(kommuner), *(id(s) for s in sources))
        hit = self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            return hit[1]
        view = build_view(data, kommuner, state)
        self._entries[key] = ((kommuner, *sources), view)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return view


def preload() -> None:
    """Load what the first page needs: the modules on its path, the shipped register and the polygons
    of its default view. ``serve.py`` runs this when the server starts, while the browser is still
    loading Streamlit's page; the page's loaders then find it done."""
    import geo.query  # noqa: F401

    # the default view once: its geometries converted for the browser (layers.web_map's cache),
    # the coordinate transformation set up, and every module on the way imported
    build_view(shipped(DEFAULT_DIVISION), shipped_kommuner(DEFAULT_DIVISION, "region"), ViewState())
    from layers import palette

    palette.sequential(5)  # the choropleths' colour ramp, measured once per process
    # What is loaded now lives as long as the process: out of the collector's sight, a full collection
    # (which Python starts now and then as objects pile up) walks only what came later (60-95 ms
    # otherwise, in whichever user's rerun it falls).
    gc.freeze()


#: Seconds without a page run or a request before the server builds views ahead (:func:`warm`): a
#: pause, not the moment between a page arriving and its visitor's first choice. A visitor who acts
#: while it works waits for at most the one view it is building (20-70 ms).
QUIET_S = 3.0


def views_ahead(data: Dataset) -> list[ViewState]:
    """The views a visitor reaches in one step from the default view: each other service added to
    the default services (the common first change), then the default services in each other area
    drawn on the same kommune polygons (not the whole country, drawn on polygons of its own and
    more work than a quiet moment should hold)."""
    from geo.regions import region_options
    from layers.state import service_options

    default = ViewState()
    own = default.services()
    added = [replace(default, tjenester=(*own, code)) for code, _ in service_options(data) if code not in own]
    detail = screen_detail(data, default)
    areas = [
        replace(default, omrade=r.label)
        for r in region_options(data.studieomrade, data.fylker, default.fylkesinndeling).values()
        if r.label != default.omrade
    ]
    return added + [s for s in areas if screen_detail(data, s) == detail]


def screen_detail(data: Dataset, state: ViewState) -> str:
    """The level of detail of the kommune polygons a screen view of ``state`` is drawn with."""
    return detail_for(medium="skjerm", omrade=state.omrade, data=data, era=state.fylkesinndeling)


def warm(data: Dataset, states: list[ViewState], *, quiet: float = QUIET_S, pause: float = 0.1) -> None:
    """Build ``states`` one by one, each only once the server has been quiet (no page run, no request)
    for ``quiet`` seconds (:mod:`ui.activity`), so that what they share with the views visitors ask
    for (areas, stripes, names' places, geometries converted for the browser: the process-wide caches
    of ``layers``) is made while nobody waits. The views themselves are not kept."""
    for state in states:
        while not activity.quiet_for(quiet):
            time.sleep(pause)
        build_view(data, shipped_kommuner(DEFAULT_DIVISION, screen_detail(data, state)), state)


def preload_and_warm() -> None:
    """What ``serve.py`` runs in the background when the server starts: :func:`preload`, then the
    views one step from the default (:func:`views_ahead`) in quiet moments, then out of the
    collector's sight like the rest (see :func:`preload`)."""
    preload()
    warm(shipped(DEFAULT_DIVISION), views_ahead(shipped(DEFAULT_DIVISION)))
    gc.freeze()
