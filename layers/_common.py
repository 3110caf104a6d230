"""Private helpers shared by the layer builders: kommune lookups, area rows, backdrop, labels,
the highlight and the view's extent."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely

from geo.choices import ChoiceError
from geo.counties import resolve_era
from geo.io import Dataset
from geo.regions import Region, resolve_region
from layers import palette
from layers.filters import Filters
from layers.spec import (
    AREA_COLUMNS,
    HIGHLIGHT_COLUMNS,
    KLASSE,
    KONTEKST,
    ORDNING,
    PARTNER,
    UKARTLAGT,
    VALGT,
    LayerSpec,
    LegendEntry,
)

#: Views with more kommuner than this do not write each kommune's name on the map.
MAX_KOMMUNE_LABELS = 80
#: The most arrangements, and member kommuner over all of them, one map draws as areas: more is
#: beyond what a person can read and beyond what a browser page should carry.
MAX_MAP_ARRANGEMENTS = 300
MAX_MAP_MEMBERSHIPS = 30_000


class MissingChoice(ChoiceError):
    """A layer was asked for without a choice it needs (a service for the coverage map, an earlier
    version for the comparison)."""


class MapTooLarge(ChoiceError):
    """A map would draw more than :data:`MAX_MAP_ARRANGEMENTS` or :data:`MAX_MAP_MEMBERSHIPS`."""


def check_budget(chosen) -> None:
    """Refuse, before any geometry work, a map of more arrangements than anyone can read."""
    memberships = sum(len(d) for d in chosen["deltakere"])
    if len(chosen) > MAX_MAP_ARRANGEMENTS or memberships > MAX_MAP_MEMBERSHIPS:
        raise MapTooLarge(
            f"Kartet ville tegne {len(chosen)} ordninger med til sammen {memberships} medlemskommuner; høyst "
            f"{MAX_MAP_ARRANGEMENTS} ordninger og {MAX_MAP_MEMBERSHIPS} medlemskap kan vises lesbart i ett kart. "
            "Velg færre tjenester eller et mindre område."
        )


@dataclass(frozen=True)
class Lookup:
    """Kommune numbers and geometries of one kommune frame as plain arrays, built once per frame."""

    numbers: np.ndarray
    geoms: np.ndarray
    by_number: dict
    crs: object  # GeoDataFrame.crs builds a GeoSeries on every access; read it once
    inside: dict = field(default_factory=dict)  # kommunenummer → a point inside it (made when first asked)

    def point_inside(self, numbers) -> np.ndarray:
        """A point inside each kommune of ``numbers`` (``point_on_surface``, made once per kommune)."""
        missing = [k for k in dict.fromkeys(numbers) if k not in self.inside]
        if missing:
            points = shapely.point_on_surface(np.asarray([self.by_number[k] for k in missing], dtype=object))
            self.inside.update(zip(missing, points))
        return np.asarray([self.inside[k] for k in numbers], dtype=object)


_LOOKUPS: dict[int, tuple[weakref.ref, Lookup]] = {}


def lookup(kommuner: gpd.GeoDataFrame) -> Lookup:
    """The :class:`Lookup` of ``kommuner`` (cached for as long as the frame lives)."""
    hit = _LOOKUPS.get(id(kommuner))
    if hit is not None and hit[0]() is kommuner:
        return hit[1]
    numbers = np.asarray(kommuner["kommunenummer"].tolist(), dtype=object)
    geoms = np.asarray(kommuner.geometry.values, dtype=object)
    found = Lookup(numbers, geoms, dict(zip(numbers, geoms)), kommuner.crs)
    key = id(kommuner)
    _LOOKUPS[key] = (weakref.ref(kommuner, lambda _, key=key: _LOOKUPS.pop(key, None)), found)
    return found


def region_of(data: Dataset, filters: Filters) -> Region:
    era = resolve_era(filters.fylkesinndeling).key
    return resolve_region(data.studieomrade, data.fylker, filters.omrade, era=era)


def mapped(data: Dataset) -> set[str]:
    """Kommuner the register maps completely (its study area)."""
    return set(data.studieomrade["kommunenummer"])


def view_bounds(kommuner: gpd.GeoDataFrame, members) -> tuple[float, float, float, float]:
    """The extent of ``members`` with a small margin."""
    look = lookup(kommuner)
    x0, y0, x1, y1 = shapely.total_bounds([look.by_number[k] for k in members])
    pad = 0.03 * max(x1 - x0, y1 - y0)
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)


def area_frame(rows: list[dict], crs) -> gpd.GeoDataFrame:
    """Rows with :data:`~layers.spec.AREA_COLUMNS` and ``geometry`` as a GeoDataFrame."""
    if not rows:
        return gpd.GeoDataFrame({c: [] for c in AREA_COLUMNS}, geometry=[], crs=crs)
    columns = {c: [r[c] for r in rows] for c in AREA_COLUMNS}
    return gpd.GeoDataFrame(columns, geometry=np.asarray([r["geometry"] for r in rows], dtype=object), crs=crs)


def kommune_row(
    data, knr, geom, *, kind, fill, opacity, label="", tooltip="", linewidth=0.4, edge=palette.KOMMUNE_EDGE
) -> dict:
    """One area row for a kommune."""
    return {
        "kind": kind,
        "key": knr,
        "navn": data.names.display[knr],
        "fill": fill,
        "edge": edge,
        "linewidth": linewidth,
        "opacity": opacity,
        "hatch": False,
        "label": label,
        "tooltip": tooltip or data.names.display[knr],
        "geometry": geom,
    }


def context_rows(data, kommuner, bounds, skip) -> list[dict]:
    """Kommuner around the view, drawn faintly so the map does not float."""
    look = lookup(kommuner)
    near = shapely.intersects(look.geoms, shapely.box(*bounds))
    return [
        kommune_row(data, k, g, kind=KONTEKST, fill=palette.NOT_MAPPED, opacity=0.0, linewidth=0.25, edge="#c8c8c8")
        for k, g, n in zip(look.numbers, look.geoms, near)
        if n and k not in skip
    ]


def label_points(rows: list[dict], bounds, crs) -> gpd.GeoDataFrame:
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
    sizes = np.where(kinds == ORDNING, 7.0, 6.0)
    texts = [r["label"] for r in labelled]
    boxes = label_boxes(texts, sizes, points, bounds)
    return gpd.GeoDataFrame(
        {"text": texts, "size": sizes, "kind": kinds, "vises": _declutter(boxes, kinds)}, geometry=points, crs=crs
    )


#: The width, in inches, a map is drawn at in print (A4 wide, beside its legend): what label boxes
#: are measured against. Browser labels are smaller against their map, so what fits here fits there.
PRINT_MAP_WIDTH_IN = 4.9
LINE_CHARS = 22  # a label is wrapped into lines of at most this many characters


def label_boxes(texts, sizes, points, bounds) -> np.ndarray:
    """Each label's box in map units (x0, y0, x1, y1) as print draws it: wrapped into lines of
    :data:`LINE_CHARS`, about 0.6 of the font size per character, 1.2 per line."""
    import textwrap

    metres_per_point = (bounds[2] - bounds[0]) / (PRINT_MAP_WIDTH_IN * 72)
    out = np.full((len(texts), 4), np.nan)
    for i, (text, size, point) in enumerate(zip(texts, sizes, points)):
        if point is None or point.is_empty:
            continue
        lines = [
            line
            for part in str(text).split("\n")
            for line in (textwrap.wrap(part, LINE_CHARS, break_long_words=False) or [part])
        ]
        half_w = 0.6 * size * max(len(line) for line in lines) * metres_per_point / 2
        half_h = 1.2 * size * len(lines) * metres_per_point / 2
        out[i] = (point.x - half_w, point.y - half_h, point.x + half_w, point.y + half_h)
    return out


def _declutter(boxes: np.ndarray, kinds) -> np.ndarray:
    """Which labels to show: arrangements first, then kommuner; a label whose box overlaps one
    already shown is left out (the legend and tooltips still name it)."""
    shown = np.zeros(len(boxes), dtype=bool)
    order = sorted(range(len(boxes)), key=lambda i: kinds[i] != ORDNING)
    placed: list[np.ndarray] = []
    for i in order:
        b = boxes[i]
        if np.isnan(b).any():
            continue
        if all(b[2] < p[0] or b[0] > p[2] or b[3] < p[1] or b[1] > p[3] for p in placed):
            placed.append(b)
            shown[i] = True
    return shown


def highlight_frame(
    data: Dataset, kommuner: gpd.GeoDataFrame, kommune: str | None, partners=()
) -> gpd.GeoDataFrame | None:
    """The chosen kommune (:data:`~layers.spec.VALGT`) and its partners in this map, or the members
    of a chosen arrangement (:data:`~layers.spec.PARTNER`); ``None`` when nothing is chosen."""
    if not kommune and not partners:
        return None
    look = lookup(kommuner)
    keys = [k for k in sorted(set(partners) - {kommune})] + ([kommune] if kommune else [])
    kinds = [PARTNER] * (len(keys) - 1 if kommune else len(keys)) + ([VALGT] if kommune else [])
    return gpd.GeoDataFrame(
        {"kind": kinds, "key": keys, "navn": [data.names.display[k] for k in keys]},
        geometry=np.asarray([look.by_number[k] for k in keys], dtype=object),
        crs=look.crs,
    )[[*HIGHLIGHT_COLUMNS, "geometry"]]


@dataclass(frozen=True)
class Shade:
    """How one kommune is drawn in a choropleth: its fill, the text on the map and its tooltip."""

    fill: str
    label: str
    tooltip: str


def choropleth_spec(
    data: Dataset,
    kommuner: gpd.GeoDataFrame,
    filters: Filters,
    region: Region,
    shades: dict[str, Shade],
    legend: list[LegendEntry],
    *,
    layer: str,
    title: str,
    subtitle: str,
    legend_title: str,
    partners=(),
    **fields,
) -> LayerSpec:
    """A map of kommuner each in its own shade (``shades``, by kommunenummer); kommuner of the
    view without one are drawn as not mapped. ``fields`` are further :class:`LayerSpec` fields."""
    geom, name = lookup(kommuner).by_number, data.names.display
    write = len(shades) <= MAX_KOMMUNE_LABELS
    rows = [
        kommune_row(
            data,
            k,
            geom[k],
            kind=KLASSE,
            fill=s.fill,
            opacity=1.0,
            edge="#6b6b6b",
            linewidth=0.5,
            label=s.label if write else "",
            tooltip=s.tooltip,
        )
        for k, s in shades.items()
    ]
    unmapped = sorted(k for k in region.kommuner if k not in shades)
    rows += [
        kommune_row(
            data, k, geom[k], kind=UKARTLAGT, fill=palette.NOT_MAPPED, opacity=1.0, tooltip=f"{name[k]}\nIkke kartlagt"
        )
        for k in unmapped
    ]
    legend = list(legend) + ([LegendEntry("Ikke kartlagt", fill=palette.NOT_MAPPED)] if unmapped else [])
    bounds = view_bounds(kommuner, region.kommuner)
    crs = lookup(kommuner).crs
    fields.setdefault("notes", data.register.provenance.map_notes())
    return LayerSpec(
        layer=layer,
        title=title,
        subtitle=subtitle,
        legend=tuple(legend),
        legend_title=legend_title,
        areas=area_frame(context_rows(data, kommuner, bounds, region.kommuner) + rows, crs),
        bounds=bounds,
        source=data.register.provenance.source_line(),
        labels=label_points([r for r in rows if r["kind"] == KLASSE], bounds, crs),
        highlight=highlight_frame(data, kommuner, filters.kommune, partners),
        **fields,
    )


def counted(data: Dataset, region: Region) -> list[str]:
    """The kommuner of the view the register maps completely, sorted: what a measure is computed for."""
    return sorted(region.kommuner & mapped(data))
