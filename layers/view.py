"""The app's view: widget state ↔ URL query, service choices, and the map for a state.

Pure functions: the Streamlit page only reads widgets into a :class:`ViewState`, calls
:func:`build_view` and draws what comes back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import folium
import geopandas as gpd

from geo._text import normalise
from geo.counties import DEFAULT_ERA, ERAS
from geo.io import Dataset
from geo.regions import STUDY_AREA, region_options
from geo.register import SEKTORER
from layers.build import LAYERS, Filters, build_layer, split_highlight
from layers.folium_map import BASEMAPS, render_folium
from layers.spec import LayerSpec

#: Shown first in the service list, as the issue and the report's core services ask.
FIRST_SERVICES = ("legevakt", "lvs", "barnevernvakt", "ppt", "iua")
APP_ASSETS = "/app/static/leaflet/"


@dataclass(frozen=True)
class ViewState:
    lag: str = "dekning"
    tjenester: tuple[str, ...] = ("legevakt",)
    sektor: str | None = None
    omrade: str = STUDY_AREA
    fylkesinndeling: str = DEFAULT_ERA
    kommune: str | None = None
    ordning: str | None = None
    bakgrunn: str = "blank"

    def filters(self) -> Filters:
        return Filters(tjenester=self.tjenester if self.lag in ("dekning", "antall", "fylkesgrense") else (),
                       sektor=self.sektor, region=self.omrade, fylkesinndeling=self.fylkesinndeling,
                       kommune=self.kommune)

    def _query(self) -> dict[str, str]:
        return {"lag": self.lag, "tjeneste": ",".join(self.tjenester), "sektor": self.sektor or "",
                "omrade": self.omrade, "fylker": self.fylkesinndeling, "kommune": self.kommune or "",
                "ordning": self.ordning or "", "kart": self.bakgrunn}

    def to_query(self) -> dict[str, str]:
        """The state as URL query parameters (defaults left out, so links stay short)."""
        default = ViewState()._query()
        return {k: v for k, v in self._query().items() if v != default[k]}


def service_options(data: Dataset) -> list[tuple[str, str]]:
    """``(code, label)`` for every service that has an arrangement: the core five first, then by sector."""
    t = data.register.tjenester
    used = {c for codes in data.register.ordninger["tjenester"] for c in codes}
    sector_rank = {s: i for i, s in enumerate(SEKTORER)}
    rows = [(c, n, s) for c, n, s in zip(t["kode"], t["navn"], t["sektor"]) if c in used]
    first = [r for code in FIRST_SERVICES for r in rows if r[0] == code]
    rest = sorted((r for r in rows if r[0] not in FIRST_SERVICES), key=lambda r: (sector_rank[r[2]], r[1]))
    return [(c, f"{n} · {s}") for c, n, s in first + rest]


def state_from_query(params: Mapping[str, str | list[str]], data: Dataset) -> tuple[ViewState, list[str]]:
    """A valid :class:`ViewState` from URL query parameters, and notes on what had to be ignored."""
    def get(key: str) -> str:
        value = params.get(key, "")
        return (value[-1] if isinstance(value, list) and value else value or "").strip()

    notes: list[str] = []
    state = ViewState()

    def take(key: str, field: str, valid, note: str) -> None:
        """Use the link's value for ``field`` if it is valid, else say why it was ignored."""
        nonlocal state
        value = get(key)
        if value and value in valid:
            state = replace(state, **{field: value})
        elif value:
            notes.append(note.format(value))

    take("lag", "lag", LAYERS, f"Ukjent kartlag «{{}}» i lenken; viser {LAYERS[state.lag].label.lower()}.")
    if "tjeneste" in params:
        valid = {c for c, _ in service_options(data)}
        codes = [c.strip() for c in get("tjeneste").split(",") if c.strip()]
        bad = [c for c in codes if c not in valid]
        if bad:
            notes.append(f"Ukjente tjenestekoder i lenken er hoppet over: {', '.join(bad)}.")
        state = replace(state, tjenester=tuple(c for c in codes if c in valid))
    take("sektor", "sektor", SEKTORER, "Ukjent sektor «{}» i lenken er hoppet over.")
    take("fylker", "fylkesinndeling", ERAS, f"Ukjent fylkesinndeling «{{}}» i lenken; bruker {DEFAULT_ERA}.")
    if get("omrade"):  # regions depend on the era, so this comes after it
        options = region_options(data.studieomrade, data.fylker, state.fylkesinndeling)
        if normalise(get("omrade")) in options:
            state = replace(state, omrade=options[normalise(get("omrade"))].label)
        else:
            notes.append(f"Ukjent område «{get('omrade')}» i lenken; viser {STUDY_AREA.lower()}.")
    take("kommune", "kommune", data.names.names, "Ukjent kommunenummer «{}» i lenken er hoppet over.")
    take("ordning", "ordning", set(data.register.ordninger["id"]), "Fant ikke ordningen «{}» i registeret.")
    take("kart", "bakgrunn", BASEMAPS, "Ukjent bakgrunnskart «{}» i lenken; bruker ingen.")
    return state, notes


@dataclass
class View:
    """What the page shows for a state."""

    spec: LayerSpec | None
    map: folium.Map | None
    highlight: folium.FeatureGroup | None = None
    message: str = ""
    ordning_ids: list[str] = field(default_factory=list)


def build_view(data: Dataset, kommuner: gpd.GeoDataFrame, state: ViewState) -> View:
    """The spec and the folium map for ``state``; the chosen kommune and its partners come as a
    separate feature group, so that a click does not rebuild (and reset) the map."""
    layer = LAYERS[state.lag]
    if layer.needs_service and not state.tjenester and not state.sektor:
        return View(spec=None, map=None, message="Velg minst én tjeneste for å se dekningskartet.")
    base, lit = split_highlight(build_layer(data, kommuner, state.lag, state.filters()))
    m = render_folium(base, basemap=state.bakgrunn, assets=APP_ASSETS, height=620)
    highlight = None
    if len(lit):
        highlight = folium.FeatureGroup(name="Valgt kommune")
        for kind, group in lit.groupby("kind"):
            weight, dash = (4, None) if kind == "valgt" else (2.5, "5 4")
            folium.GeoJson(group[["geometry"]].to_crs(4326).__geo_interface__, interactive=False,
                           style_function=lambda f, w=weight, d=dash: {"color": "#000", "weight": w, "fill": False,
                                                                      "dashArray": d}).add_to(highlight)
    return View(spec=base, map=m, highlight=highlight, ordning_ids=list(base.ordninger))


def arrangements_at(view: View, kommunenummer: str, data: Dataset) -> list[str]:
    """Arrangements drawn in the view that the kommune is a member of, smallest first."""
    o = data.register.ordninger.set_index("id")
    ids = [i for i in view.ordning_ids if kommunenummer in o.loc[i, "deltakere"]]
    return sorted(ids, key=lambda i: len(o.loc[i, "deltakere"]))


def spec_geojson(spec: LayerSpec) -> bytes:
    """The view's areas as GeoJSON (EPSG:4326): arrangements, classes and own-service kommuner."""
    keep = spec.areas[spec.areas["kind"].isin(["ordning", "klasse", "egen"])]
    frame = gpd.GeoDataFrame({"type": keep["kind"].map({"ordning": "ordning", "klasse": "kommune", "egen": "egen tjeneste"}),
                              "id": keep["key"], "navn": keep["navn"], "farge": keep["fill"],
                              "beskrivelse": keep["tooltip"].str.replace("\n", " · ")},
                             geometry=keep.geometry.values, crs=spec.areas.crs).to_crs(4326)
    return frame.to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


