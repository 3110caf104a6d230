"""Layer functions: data + filters → :class:`~layers.spec.LayerSpec`.

Each function is pure: it takes the loaded :class:`~geo.io.Dataset`, the kommune polygons to
draw with (full detail for print, thinned for the browser — both a clean coverage in
EPSG:25833) and the :class:`Filters`, and returns one spec.
"""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import areas as geo_areas
from geo._text import close_matches, normalise, or_list
from geo.counties import DEFAULT_ERA, county_of, resolve_era
from geo.io import Dataset
from geo.regions import STUDY_AREA, Region, resolve_region
from layers import palette
from layers.spec import AREA_COLUMNS, LayerSpec, LegendEntry


@dataclass(frozen=True)
class Filters:
    """What to show. ``tjenester`` are service codes; ``region`` a region label (see
    :func:`geo.regions.region_options`); ``fylkesinndeling`` an era key; ``kommune`` a
    kommunenummer to highlight with its partners."""

    tjenester: tuple[str, ...] = ()
    sektor: str | None = None
    region: str = STUDY_AREA
    fylkesinndeling: str = DEFAULT_ERA
    kommune: str | None = None
    klassifisering: str = "fisherjenks"
    klasser: int = 5


#: Views with more kommuner than this do not write each kommune's name on the map.
MAX_KOMMUNE_LABELS = 80

#: Classification schemes for the choropleths: key → (mapclassify name, Norwegian label).
SCHEMES = {
    "fisherjenks": ("FisherJenks", "naturlige brudd (Fisher–Jenks)"),
    "kvantiler": ("Quantiles", "kvantiler"),
    "like": ("EqualInterval", "like intervaller"),
}


def resolve_service(data: Dataset, code: str) -> str:
    """The service code ``code`` (case-insensitive); unknown codes list the valid ones."""
    codes = {normalise(c): c for c in data.register.tjenester["kode"]}
    if normalise(code) in codes:
        return codes[normalise(code)]
    hint = close_matches(code, codes, n=3, cutoff=0.6)
    tail = f" Mente du {or_list(hint)}?" if hint else ""
    raise ValueError(f"Ukjent tjenestekode '{code}'.{tail} Gyldige koder: {', '.join(sorted(codes.values()))}.")


def service_title(data: Dataset, codes: tuple[str, ...], sektor: str | None = None) -> str:
    names = dict(zip(data.register.tjenester["kode"], data.register.tjenester["navn"]))

    def lower(text: str) -> str:
        return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text

    parts = [lower(names[c]) for c in codes] + ([f"sektoren {lower(sektor)}"] if sektor else [])
    return or_list(parts).replace(" eller ", " og ") if parts else "alle tjenester"


# --- shared helpers ----------------------------------------------------------------------

def _region(data: Dataset, filters: Filters) -> Region:
    return resolve_region(data.studieomrade, data.fylker, filters.region, era=resolve_era(filters.fylkesinndeling).key)


def _bounds(kommuner: gpd.GeoDataFrame, members) -> tuple[float, float, float, float]:
    look = _lookup(kommuner)
    x0, y0, x1, y1 = shapely.total_bounds([look.by_number[k] for k in members])
    pad = 0.03 * max(x1 - x0, y1 - y0)
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)


@dataclass(frozen=True)
class _Lookup:
    """Kommune numbers and geometries of one kommune frame as plain arrays, built once per frame."""

    numbers: np.ndarray
    geoms: np.ndarray
    by_number: dict
    crs: object  # GeoDataFrame.crs builds a GeoSeries on every access; read it once


_LOOKUPS: dict[int, tuple[weakref.ref, _Lookup]] = {}


def _lookup(kommuner: gpd.GeoDataFrame) -> _Lookup:
    hit = _LOOKUPS.get(id(kommuner))
    if hit is not None and hit[0]() is kommuner:
        return hit[1]
    numbers = np.asarray(kommuner["kommunenummer"].tolist(), dtype=object)
    geoms = np.asarray(kommuner.geometry.values, dtype=object)
    found = _Lookup(numbers, geoms, dict(zip(numbers, geoms)), kommuner.crs)
    _LOOKUPS[id(kommuner)] = (weakref.ref(kommuner, lambda _, key=id(kommuner): _LOOKUPS.pop(key, None)), found)
    return found


def _mapped(data: Dataset) -> set[str]:
    """Kommuner the register maps completely: the study area of the report."""
    return set(data.studieomrade["kommunenummer"])


def _frame(rows: list[dict], crs) -> gpd.GeoDataFrame:
    if not rows:
        return gpd.GeoDataFrame({c: [] for c in AREA_COLUMNS}, geometry=[], crs=crs)
    columns = {c: [r[c] for r in rows] for c in AREA_COLUMNS}
    return gpd.GeoDataFrame(columns, geometry=np.asarray([r["geometry"] for r in rows], dtype=object), crs=crs)


def _kommune_row(data, knr, geom, *, kind, fill, opacity, label="", tooltip="", linewidth=0.4, edge=palette.KOMMUNE_EDGE):
    return {"kind": kind, "key": knr, "navn": data.names.display[knr], "fill": fill, "edge": edge,
            "linewidth": linewidth, "opacity": opacity, "hatch": False, "label": label,
            "tooltip": tooltip or data.names.display[knr], "geometry": geom}


def _context_rows(data, kommuner, bounds, skip) -> list[dict]:
    """Kommuner around the view, drawn faintly so the map does not float."""
    look = _lookup(kommuner)
    near = shapely.intersects(look.geoms, shapely.box(*bounds))
    return [
        _kommune_row(data, k, g, kind="kontekst", fill=palette.NOT_MAPPED, opacity=0.0, linewidth=0.25, edge="#c8c8c8")
        for k, g, n in zip(look.numbers, look.geoms, near) if n and k not in skip
    ]


def _label_points(rows: list[dict], bounds, crs) -> gpd.GeoDataFrame:
    """A point well inside each labelled area's part within the view: the centre of the largest
    inscribed circle of its largest part (sits inside even long, bent areas)."""
    box = shapely.box(*bounds)
    labelled = [r for r in rows if r["label"]]
    geoms = np.asarray([r["geometry"] for r in labelled], dtype=object)
    if len(geoms):
        crossing = ~shapely.contains_properly(box, geoms)  # only clip what reaches outside the view
        geoms[crossing] = shapely.intersection(geoms[crossing], box)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    points = np.full(len(geoms), shapely.Point(), dtype=object)
    if len(parts):
        area = shapely.area(parts)
        order = np.lexsort((-area, owner))  # by owner, largest part first
        first = order[np.r_[True, owner[order][1:] != owner[order][:-1]]]
        largest = parts[first]
        tolerance = np.maximum(200.0, np.sqrt(shapely.area(largest)) / 10)  # a label needs no finer centre
        points[owner[first]] = shapely.get_point(shapely.maximum_inscribed_circle(largest, tolerance), 0)
    kinds = np.asarray([r["kind"] for r in labelled], dtype=object)
    return gpd.GeoDataFrame({"text": [r["label"] for r in labelled], "size": np.where(kinds == "ordning", 7.0, 6.0),
                             "kind": kinds}, geometry=points, crs=crs)


def _highlight(data: Dataset, kommuner: gpd.GeoDataFrame, spec: LayerSpec, filters: Filters, partners: set[str]) -> LayerSpec:
    """Outline the chosen kommune (thick) and its partners in this layer (dashed)."""
    if not filters.kommune:
        return spec
    geom = _lookup(kommuner).by_number
    rows = [
        {**_kommune_row(data, k, geom[k], kind="partner", fill=palette.NOT_MAPPED, opacity=0.0,
                        linewidth=1.6, edge="#222222"), "hatch": False}
        for k in sorted(partners - {filters.kommune})
    ]
    rows.append(_kommune_row(data, filters.kommune, geom[filters.kommune], kind="valgt", fill=palette.NOT_MAPPED,
                             opacity=0.0, linewidth=3.0, edge="#000000"))
    extra = _frame(rows, spec.areas.crs)
    legend = spec.legend + (
        LegendEntry(f"Valgt: {data.names.display[filters.kommune]}", fill=None, edge="#000000", line=True),
        LegendEntry("Samarbeidspartnere i kartet", fill=None, edge="#222222", line=True),
    )
    return replace(spec, areas=pd.concat([spec.areas, extra], ignore_index=True), legend=legend)


HIGHLIGHT_KINDS = ("valgt", "partner")


def split_highlight(spec: LayerSpec) -> tuple[LayerSpec, gpd.GeoDataFrame]:
    """The spec without what :func:`_highlight` added, and the highlight rows on their own."""
    lit = spec.areas["kind"].isin(HIGHLIGHT_KINDS).to_numpy()
    if not lit.any():
        return spec, spec.areas.iloc[0:0]
    base = replace(spec, areas=spec.areas[~lit].reset_index(drop=True), legend=spec.legend[:-2])
    return base, spec.areas[lit]


# --- coverage per service ------------------------------------------------------------------

def coverage_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters, *, title: str | None = None) -> LayerSpec:
    """Each arrangement for the chosen services, dissolved from its members and coloured so
    that neighbouring (touching or overlapping) arrangements differ."""
    if not filters.tjenester and not filters.sektor:
        raise ValueError("Velg minst én tjeneste (eller en sektor) for dekningskartet.")
    codes = tuple(resolve_service(data, c) for c in filters.tjenester)
    region = _region(data, filters)
    view = region.kommuner
    chosen = geo_areas.touching_view(
        geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor), view)
    dissolved = geo_areas.dissolve_arrangements(chosen, kommuner).sort_values(["areal", "navn"], ascending=[False, True], ignore_index=True)
    pairs = geo_areas.touching_arrangements([frozenset(d) for d in dissolved["deltakere"]], data.naboer)
    colours = palette.colour_graph(len(dissolved), pairs)
    dissolved["fill"] = colours

    covered = {k for members in dissolved["deltakere"] for k in members}
    mapped = _mapped(data)
    geom = _lookup(kommuner).by_number
    by_kommune: dict[str, list[str]] = {}
    for navn, members in zip(dissolved["navn"], dissolved["deltakere"]):
        for k in members:
            by_kommune.setdefault(k, []).append(navn)
    service = service_title(data, codes, filters.sektor)

    rows = []
    own = sorted((k for k in view if k in mapped and k not in covered), key=data.names.display.get)
    unmapped = sorted(k for k in view if k not in mapped and k not in covered)
    name_own = len(view) <= MAX_KOMMUNE_LABELS  # hundreds of names would smear; legend and tooltips still name them
    for k in own:
        rows.append(_kommune_row(data, k, geom[k], kind="egen", fill=palette.OWN_SERVICE, opacity=1.0,
                                 label=data.names.display[k] if name_own else "",
                                 tooltip=f"{data.names.display[k]}\nEgen tjeneste – ingen registrert ordning for {service}"))
    for k in unmapped:
        rows.append(_kommune_row(data, k, geom[k], kind="ukartlagt", fill=palette.NOT_MAPPED, opacity=1.0,
                                 tooltip=f"{data.names.display[k]}\nIkke kartlagt"))
    # Larger arrangements first. An "umbrella" that contains two or more different others (Osloregionen
    # around the regional councils) is hatched underneath them; one that lies inside a single other
    # arrangement (Øvre Hallingdal inside Hallingdal legevakt) is hatched on top of it.
    member_sets = [set(d) for d in dissolved["deltakere"]]
    distinct = {frozenset(m) for m in member_sets}
    umbrella = [sum(other < mine for other in distinct) >= 2 for mine in member_sets]
    drawn: list[set[str]] = []
    under, solid, hatched = [], [], []
    for r, is_umbrella in zip(dissolved.itertuples(), umbrella):
        inside = not is_umbrella and any(set(r.deltakere) <= d for d, u in drawn if not u)
        drawn.append((set(r.deltakere), is_umbrella))
        host = data.names.display.get(r.vertskommune, "") if r.vertskommune else ""
        tip = [r.navn, f"{r.antall} kommuner" + ("" if r.deltakere_komplett else " (ufullstendig liste)")]
        if host:
            tip.append(f"Vertskommune: {host}")
        row = {"kind": "ordning", "key": r.id, "navn": r.navn, "fill": r.fill, "edge": palette.EDGE,
               "linewidth": 0.9, "opacity": 0.45 if inside or is_umbrella else 0.85, "hatch": inside or is_umbrella,
               "label": "" if is_umbrella else r.navn, "tooltip": "\n".join(tip), "geometry": r.geometry}
        (under if is_umbrella else hatched if inside else solid).append(row)
    rows += under + solid + hatched
    # Kommune outlines on top: they carry the tooltip that lists every arrangement a kommune is in.
    for k in sorted(view & covered):
        names = by_kommune.get(k, [])
        rows.append(_kommune_row(data, k, geom[k], kind="kommune", fill=palette.NOT_MAPPED, opacity=0.0,
                                 tooltip="\n".join([data.names.display[k], *names])))
    bounds = _bounds(kommuner, view)
    areas = _frame(_context_rows(data, kommuner, bounds, view | covered) + rows, _lookup(kommuner).crs)

    legend = [LegendEntry(r["navn"], fill=r["fill"], hatch=r["hatch"]) for r in solid + hatched + under]
    if own:
        legend.append(LegendEntry("Egen tjeneste (ingen ordning)", fill=palette.OWN_SERVICE))
    if unmapped:
        legend.append(LegendEntry("Ikke kartlagt", fill=palette.NOT_MAPPED))
    hosts = dissolved[dissolved["vertskommune"] != ""]
    points = gpd.GeoDataFrame({
        "navn": [data.names.display[h] for h in hosts["vertskommune"]],
        "fill": hosts["fill"].to_numpy(),
        "tooltip": [f"Vertskommune for {n}: {data.names.display[h]}" for n, h in zip(hosts["navn"], hosts["vertskommune"])],
    }, geometry=shapely.point_on_surface(np.asarray([geom[h] for h in hosts["vertskommune"]], dtype=object)) if len(hosts) else [],
       crs=_lookup(kommuner).crs)
    if len(points):
        legend.append(LegendEntry("Vertskommune", fill="#ffffff", edge=palette.HOST, marker=True))
    n = len(dissolved)
    spec = LayerSpec(
        layer="dekning",
        title=title or f"Samarbeid om {service}",
        subtitle=f"{region.label} · {n} {'ordning' if n == 1 else 'ordninger'}" + (
            " · skravert: ordning som ligger innenfor eller rundt andre ordninger" if hatched or under else ""),
        areas=areas,
        legend=tuple(legend),
        legend_title="Samarbeidsordning",
        bounds=bounds,
        points=points,
        labels=_label_points([r for r in rows if r["kind"] in ("ordning", "egen")], bounds, _lookup(kommuner).crs),
        ordninger=tuple(dissolved["id"]),
    )
    partners = {k for members in dissolved["deltakere"] if filters.kommune in members for k in members}
    return _highlight(data, kommuner, spec, filters, partners)


def regional_council_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Regional councils (IKPR/regionråd), Figur 4.1."""
    spec = coverage_layer(data, kommuner, replace(filters, tjenester=("regionrad",), sektor=None),
                          title="Regionråd (interkommunalt politisk råd)")
    return replace(spec, layer="regionrad", legend_title="Regionråd")


# --- number of arrangements per kommune ------------------------------------------------------

def _classes(values: np.ndarray, scheme: str, k: int) -> tuple[np.ndarray, list[str]]:
    """Class index per value and a legend label per class ("12–18")."""
    if scheme not in SCHEMES:
        raise ValueError(f"Ukjent klassifisering '{scheme}'. Gyldige: {or_list(list(SCHEMES))}.")
    distinct = np.unique(values)
    k = max(1, min(k, len(distinct)))
    if k == 1:
        return np.zeros(len(values), dtype=int), [f"{int(distinct[0])}"]
    import mapclassify  # imported here: it brings scipy and scikit-learn (over 1 s), and only choropleths need it

    with warnings.catch_warnings():  # Fisher–Jenks without numba is fast enough for a few hundred kommuner
        warnings.filterwarnings("ignore", message="Numba not installed")
        classifier = mapclassify.classify(values, SCHEMES[scheme][0], k=k)
    uppers = [int(np.floor(b)) for b in classifier.bins]
    labels, lower = [], int(values.min())
    for upper in uppers:
        labels.append(f"{lower}" if lower == upper else f"{lower}–{upper}")
        lower = upper + 1
    return np.asarray(classifier.yb, dtype=int), labels


def _count_spec(data, kommuner, filters, region, counts: pd.Series, *, layer, title, subtitle, legend_title) -> LayerSpec:
    geom = _lookup(kommuner).by_number
    view = region.kommuner
    rows = []
    legend: list[LegendEntry] = []
    if len(counts):
        yb, labels = _classes(counts.to_numpy(), filters.klassifisering, filters.klasser)
        colours = palette.sequential(len(labels))
        write = len(counts) <= MAX_KOMMUNE_LABELS
        for (k, n), c in zip(counts.items(), yb):
            rows.append(_kommune_row(data, k, geom[k], kind="klasse", fill=colours[c], opacity=1.0,
                                     label=f"{data.names.display[k]}\n{n}" if write else "",
                                     tooltip=f"{data.names.display[k]}\n{n} ordninger", edge="#6b6b6b", linewidth=0.5))
        legend = [LegendEntry(lab, fill=col) for lab, col in zip(labels, colours)]
    unmapped = sorted(k for k in view if k not in counts.index)
    for k in unmapped:
        rows.append(_kommune_row(data, k, geom[k], kind="ukartlagt", fill=palette.NOT_MAPPED, opacity=1.0,
                                 tooltip=f"{data.names.display[k]}\nIkke kartlagt"))
    if unmapped:
        legend.append(LegendEntry("Ikke kartlagt", fill=palette.NOT_MAPPED))
    bounds = _bounds(kommuner, view)
    areas = _frame(_context_rows(data, kommuner, bounds, view) + rows, _lookup(kommuner).crs)
    return LayerSpec(layer=layer, title=title, subtitle=subtitle, areas=areas, legend=tuple(legend),
                     legend_title=legend_title, bounds=bounds,
                     labels=_label_points([r for r in rows if r["kind"] == "klasse"], bounds, _lookup(kommuner).crs))


def count_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Number of arrangements per kommune (Figur 2.2), for the kommuner the register maps."""
    codes = tuple(resolve_service(data, c) for c in filters.tjenester)
    region = _region(data, filters)
    chosen = geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor)
    counted = sorted(region.kommuner & _mapped(data))
    counts = geo_areas.count_per_kommune(chosen, counted)
    what = "formelle samarbeidsordninger" if not codes and not filters.sektor else f"ordninger for {service_title(data, codes, filters.sektor)}"
    spec = _count_spec(data, kommuner, filters, region, counts, layer="antall",
                       title=f"Antall {what} per kommune",
                       subtitle=f"{region.label} · klasser: {SCHEMES[filters.klassifisering][1]}",
                       legend_title="Antall ordninger")
    spec = replace(spec, ordninger=tuple(geo_areas.touching_view(chosen, region.kommuner)["id"]))
    return _highlight(data, kommuner, spec, filters, set())


# --- county-border crossings ---------------------------------------------------------------

def _internal_borders(counties: gpd.GeoDataFrame) -> list:
    lines = []
    for a, b in geo_areas.neighbour_pairs(counties.geometry):
        shared = shapely.intersection(counties.geometry.values[a].boundary, counties.geometry.values[b].boundary)
        if not shapely.is_empty(shared):
            lines.append(shared)
    return lines


def crossing_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Arrangements whose members lie in more than one county in the chosen era: per kommune,
    how many of its arrangements cross; county borders of that era drawn over; a table by county set."""
    era = resolve_era(filters.fylkesinndeling)
    codes = tuple(resolve_service(data, c) for c in filters.tjenester)
    region = _region(data, filters)
    county = county_of(data.fylker, era.key)
    chosen = geo_areas.touching_view(
        geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor), region.kommuner)
    crossing = geo_areas.crossings(chosen, county)
    counted = sorted(region.kommuner & _mapped(data))
    counts = geo_areas.count_per_kommune(chosen[chosen["id"].isin(crossing["id"])], counted)
    spec = _count_spec(data, kommuner, filters, region, counts, layer="fylkesgrense",
                       title="Samarbeid over fylkesgrenser",
                       subtitle=f"{era.label}: {len(crossing)} av {len(chosen)} ordninger krysser en fylkesgrense · {region.label}",
                       legend_title="Ordninger som krysser")
    borders = _internal_borders(geo_areas.dissolve_counties(kommuner, county))
    lines = gpd.GeoDataFrame({"edge": [palette.BORDER] * len(borders), "linewidth": [2.2] * len(borders)},
                             geometry=borders, crs=_lookup(kommuner).crs)
    legend = spec.legend + (LegendEntry(f"Fylkesgrense ({era.label.lower()})", edge=palette.BORDER, line=True),)
    spec = replace(spec, lines=lines, legend=legend, table=geo_areas.crossing_summary(crossing),
                   notes=(f"Regel: {era.rule}",), ordninger=tuple(crossing["id"]))
    return _highlight(data, kommuner, spec, filters, set())


# --- registry -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Layer:
    key: str
    label: str
    build: Callable[[Dataset, gpd.GeoDataFrame, Filters], LayerSpec]
    needs_service: bool


LAYERS: dict[str, Layer] = {
    "dekning": Layer("dekning", "Dekning per tjeneste", coverage_layer, True),
    "antall": Layer("antall", "Antall ordninger per kommune", count_layer, False),
    "fylkesgrense": Layer("fylkesgrense", "Samarbeid over fylkesgrenser", crossing_layer, False),
    "regionrad": Layer("regionrad", "Regionråd", regional_council_layer, False),
}


def resolve_layer(key: str) -> Layer:
    """The :class:`Layer` for ``key``; unknown keys list the valid ones."""
    k = normalise(key).replace(" ", "")
    if k in LAYERS:
        return LAYERS[k]
    hint = close_matches(key, {x: x for x in LAYERS}, n=1, cutoff=0.5)
    tail = f" Mente du {hint[0]}?" if hint else ""
    raise ValueError(f"Ukjent kartlag '{key}'.{tail} Gyldige: {or_list(list(LAYERS))}.")


def build_layer(data: Dataset, kommuner: gpd.GeoDataFrame, layer: str, filters: Filters) -> LayerSpec:
    """Build the spec of ``layer`` for ``filters``: the one call the app and the exporter make."""
    return resolve_layer(layer).build(data, kommuner, filters)
