"""Private helpers shared by the layer builders: kommune lookups, area rows, backdrop, labels,
the highlight and the view's extent."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field, replace

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo._frame import geo_frame
from geo._memo import Recent, Same, by_identity
from geo.choices import ChoiceError
from geo.counties import resolve_era
from geo.io import Dataset
from geo.regions import Region, resolve_region
from layers import palette
from layers.filters import Filters
from layers.spec import (
    AREA_COLUMNS,
    CONTEXT_STYLE,
    HIGHLIGHT_COLUMNS,
    KLASSE,
    KONTEKST,
    ORDNING,
    PARTNER,
    UKARTLAGT,
    VALGT,
    LayerSpec,
    LegendEntry,
    SpecTable,
)

#: Views with more kommuner than this do not write each kommune's name on the map.
MAX_KOMMUNE_LABELS = 80
#: The most arrangements, and member kommuner over all of them, one map draws as areas: more is
#: beyond what a person can read and beyond what a browser page should carry.
MAX_MAP_ARRANGEMENTS = 300
MAX_MAP_MEMBERSHIPS = 30_000
#: Results kept per kommune frame (:class:`Lookup`; an arrangement's area in a region is a few kilobytes).
MAX_CACHED = 4096


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
    #: Results that follow from the frame alone (a point inside a kommune, an arrangement's
    #: dissolved area by its member set, the stripes over an area in a view, an era's county
    #: borders), shared by every view and session drawing with this frame: the :data:`MAX_CACHED`
    #: most recently used.
    _cache: Recent = field(default_factory=lambda: Recent(lambda: MAX_CACHED), repr=False, compare=False)

    def _each(self, keys: list, make) -> np.ndarray:
        """The cached value of each key, ``make(missing keys)`` giving those not yet made."""
        return np.asarray(self._cache.each(keys, make), dtype=object)

    def point_inside(self, numbers) -> np.ndarray:
        """A point inside each kommune of ``numbers`` (``point_on_surface``, made once per kommune)."""
        return self._each(
            [("inne", k) for k in numbers],
            lambda keys: shapely.point_on_surface(np.asarray([self.by_number[k] for _, k in keys], dtype=object)),
        )

    def unions(self, member_lists) -> np.ndarray:
        """The union of each member list's kommuner (``coverage_union_all``), each member set
        dissolved once while it stays among the most recently used."""
        return self._each(
            [("union", frozenset(m)) for m in member_lists],
            lambda keys: [shapely.coverage_union_all([self.by_number[x] for x in sorted(k)]) for _, k in keys],
        )

    def memo(self, key, make):
        """``make()``, made once per ``key`` while it stays among the most recently used (for an
        immutable result that follows from the frame and ``key`` alone; two threads may both make
        it, and either result is right)."""
        return self._cache.get(key, make)


#: The attribute a kommune frame holds its :class:`Lookup` in: the frame owns it (pandas carries no
#: such attribute over to a copy or a slice, which get their own). Made under a lock: sessions build
#: maps in threads, and a frame has one lookup.
_LOOKUP_ATTRIBUTE = "_samarbeidskart_lookup"
_LOOKUP_LOCK = threading.Lock()


def lookup(kommuner: gpd.GeoDataFrame) -> Lookup:
    """The :class:`Lookup` of ``kommuner`` (made once, and kept by the frame itself)."""
    found = kommuner.__dict__.get(_LOOKUP_ATTRIBUTE)
    if found is not None:
        return found
    with _LOOKUP_LOCK:
        found = kommuner.__dict__.get(_LOOKUP_ATTRIBUTE)
        if found is None:
            numbers = np.asarray(kommuner["kommunenummer"].tolist(), dtype=object)
            geoms = np.asarray(kommuner.geometry.values, dtype=object)
            found = Lookup(numbers, geoms, dict(zip(numbers, geoms)), kommuner.crs)
            object.__setattr__(kommuner, _LOOKUP_ATTRIBUTE, found)  # not a column: past pandas' __setattr__
    return found


def region_of(data: Dataset, filters: Filters) -> Region:
    era = resolve_era(filters.fylkesinndeling).key
    return resolve_region(data.studieomrade, data.fylker, filters.omrade, era=era)


def mapped(data: Dataset) -> frozenset[str]:
    """Kommuner the register maps completely (its study area)."""
    return _study_area(data.studieomrade)


@by_identity()
def _study_area(studieomrade: pd.DataFrame) -> frozenset[str]:
    return frozenset(studieomrade["kommunenummer"].tolist())


def view_bounds(kommuner: gpd.GeoDataFrame, members) -> tuple[float, float, float, float]:
    """The extent of ``members`` with a small margin."""
    look = lookup(kommuner)
    x0, y0, x1, y1 = shapely.total_bounds([look.by_number[k] for k in members])
    pad = 0.03 * max(x1 - x0, y1 - y0)
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)


def area_frame(rows: list[dict], crs) -> gpd.GeoDataFrame:
    """Rows with :data:`~layers.spec.AREA_COLUMNS` and ``geometry`` as a GeoDataFrame."""
    if not rows:
        return geo_frame({c: [] for c in AREA_COLUMNS}, [], crs)
    return geo_frame({c: [r[c] for r in rows] for c in AREA_COLUMNS}, [r["geometry"] for r in rows], crs)


def kommune_row(data, knr, geom, *, kind, fill, opacity, label="", tooltip="", linewidth=0.4, edge=None) -> dict:
    """One area row for a kommune (its edge by default a grey that stands out from its fill)."""
    if edge is None:
        edge = palette.edge_for(fill, palette.KOMMUNE_EDGE)
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
        "casing": "",
        "geometry": geom,
    }


def context_rows(data, kommuner, bounds, skip) -> list[dict]:
    """Kommuner around the view, drawn faintly so the map does not float."""
    look = lookup(kommuner)
    near = shapely.intersects(look.geoms, shapely.box(*bounds))
    return [
        kommune_row(
            data,
            k,
            g,
            kind=KONTEKST,
            fill=palette.NOT_MAPPED,
            opacity=0.0,
            linewidth=CONTEXT_STYLE.width,
            edge=CONTEXT_STYLE.edge,
        )
        for k, g, n in zip(look.numbers, look.geoms, near)
        if n and k not in skip
    ]


#: Label centres of areas that lie wholly in their view, by the area object (:class:`Same`), the
#: :data:`MAX_CACHED` most recently used: shared by every view and session that shows the area.
_CENTRES = Recent(lambda: MAX_CACHED)


def _centres(geoms: np.ndarray) -> np.ndarray:
    """A point well inside each geometry: the centre of the largest inscribed circle of its largest
    part (an empty point for an empty geometry)."""
    geoms = np.asarray(geoms, dtype=object)
    points = np.full(len(geoms), shapely.Point(), dtype=object)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    if len(parts):
        area = shapely.area(parts)
        order = np.lexsort((-area, owner))  # by owner, largest part first
        first = order[np.r_[True, owner[order][1:] != owner[order][:-1]]]
        largest = parts[first]
        tolerance = np.maximum(200.0, np.sqrt(shapely.area(largest)) / 10)  # a label needs no finer centre
        points[owner[first]] = shapely.get_point(shapely.maximum_inscribed_circle(largest, tolerance), 0)
    return points


def label_points(rows: list[dict], bounds, crs) -> gpd.GeoDataFrame:
    """Where each labelled area's name goes, and whether it is written out or keyed by a number.

    A label is written at a point well inside its area's part within the view (the centre of the
    largest inscribed circle of its largest part), wrapped to :data:`LINE_CHARS` and if need be to
    :data:`NARROW_CHARS`. Where the written label would reach outside its own area or overlap a label
    placed before it (arrangements first, then the largest areas), a number stands there instead and
    :func:`key_entries` lists it in the legend with the whole label, so every name and value on the
    map can be read. Columns: ``text`` (as drawn, lines separated by "\\n"), ``size``, ``kind``,
    ``nummer`` (the key's number, ``""`` for a written label), ``fulltekst`` (the whole label) and
    ``vises`` (whether it is drawn: not where the area lies outside the view)."""
    box = shapely.box(*bounds)
    labelled = [r for r in rows if r["label"]]
    geoms = np.asarray([r["geometry"] for r in labelled], dtype=object)
    points = np.full(len(geoms), shapely.Point(), dtype=object)
    if len(geoms):
        crossing = ~shapely.contains_properly(box, geoms)  # only clip what reaches outside the view
        geoms[crossing] = shapely.intersection(geoms[crossing], box)
        # an area within the view has its centre wherever it is shown: made once per area
        inside = np.flatnonzero(~crossing)
        kept = _CENTRES.each([Same(g) for g in geoms[inside]], lambda keys: _centres([k.obj for k in keys]))
        points[inside] = np.asarray(kept, dtype=object)
        if crossing.any():
            points[crossing] = _centres(geoms[crossing])
    kinds = np.asarray([r["kind"] for r in labelled], dtype=object)
    sizes = np.where(kinds == ORDNING, 7.0, 6.0)
    full = [str(r["label"]) for r in labelled]
    texts, numbers, left_out = _fit_labels(full, sizes, kinds, points, geoms, bounds)
    shown = np.asarray([p is not None and not p.is_empty for p in points], dtype=bool) & ~left_out
    return geo_frame(
        {
            "key": [r["key"] for r in labelled],
            "text": texts,
            "size": sizes,
            "kind": kinds,
            "nummer": numbers,
            "fulltekst": full,
            "vises": shown,
        },
        points,
        crs,
    )


#: The width, in inches, a map is drawn at in print (A4 wide, beside its legend): what print label
#: boxes are measured against.
PRINT_MAP_WIDTH_IN = 4.9
#: The room, in CSS pixels, the live map's data has at 1366×768 beside its title and legend, and the
#: size of its label text (``kart.css``: 11 px for arrangements and numbers, 10 px for kommuner). A label
#: is written out only where it fits both in print and on this screen, so both show the same labels.
SCREEN_MAP_PX = (640.0, 400.0)
SCREEN_FONT_PX = {ORDNING: 11.0}
SCREEN_FONT_PX_DEFAULT = 10.0
LINE_CHARS = 22  # a label is wrapped into lines of at most this many characters
NARROW_CHARS = 12  # … or, where that does not fit its area, this many
#: Width of a character (bold sans-serif, as both renderers draw labels) and height of a line, in
#: units of the font size.
CHAR_WIDTH, LINE_HEIGHT = 0.62, 1.2
#: The share of a written label's box that must lie inside its own area.
INSIDE_SHARE = 0.9


@functools.lru_cache(maxsize=65536)  # the same names are wrapped again in every view of a service
def wrap_label(text: str, width: int = LINE_CHARS) -> str:
    """``text`` in lines of at most ``width`` characters (its own line breaks kept), broken between words."""
    import textwrap

    return "\n".join(
        line
        for part in str(text).split("\n")
        for line in (textwrap.wrap(part, width, break_long_words=False) or [part])
    )


def print_scale(bounds) -> float:
    """Metres of the map per typographic point, as a print of ``bounds`` is drawn."""
    return (bounds[2] - bounds[0]) / (PRINT_MAP_WIDTH_IN * 72)


def screen_scale(bounds) -> float:
    """Metres of the map per CSS pixel, as the live map fits ``bounds`` into :data:`SCREEN_MAP_PX`."""
    return max((bounds[2] - bounds[0]) / SCREEN_MAP_PX[0], (bounds[3] - bounds[1]) / SCREEN_MAP_PX[1])


def screen_sizes(kinds) -> np.ndarray:
    """The label text size on screen, in CSS pixels, per label kind."""
    return np.asarray([SCREEN_FONT_PX.get(k, SCREEN_FONT_PX_DEFAULT) for k in kinds], dtype=float)


def label_boxes(texts, sizes, points, bounds, *, scale: float | None = None) -> np.ndarray:
    """Each label's box in map units (x0, y0, x1, y1): its lines as given, :data:`CHAR_WIDTH` of the
    font size per character, :data:`LINE_HEIGHT` per line; ``sizes`` in points at the print scale of
    ``bounds``, or in pixels at ``scale`` metres per pixel (:func:`screen_scale`)."""
    metres_per_point = print_scale(bounds) if scale is None else scale
    out = np.full((len(texts), 4), np.nan)
    for i, (text, size, point) in enumerate(zip(texts, sizes, points)):
        if point is None or point.is_empty:
            continue
        lines = str(text).split("\n")
        chars = max(len(line) for line in lines) + 0.5
        out[i] = _box(point.x, point.y, chars, len(lines), size * metres_per_point)
    return out


def _box(x: float, y: float, chars: float, lines: int, size_m: float) -> tuple[float, float, float, float]:
    """One label's box: ``chars`` characters wide (the longest line, with half a character's margin),
    ``lines`` lines tall, its font ``size_m`` metres of the map (what :func:`label_boxes` computes per label)."""
    half_w, half_h = CHAR_WIDTH * size_m * chars / 2, LINE_HEIGHT * size_m * lines / 2
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def _in_envelope(envelope, b) -> bool:
    """Whether enough of the box ``b`` lies within ``envelope`` (x0, y0, x1, y1) that it could fit its area."""
    w, h = min(b[2], envelope[2]) - max(b[0], envelope[0]), min(b[3], envelope[3]) - max(b[1], envelope[1])
    return w > 0 and h > 0 and w * h >= INSIDE_SHARE * (b[2] - b[0]) * (b[3] - b[1])


def _fits(geometry, b) -> bool:
    """Whether the label box ``b`` lies (at least :data:`INSIDE_SHARE` of it) inside ``geometry`` (its
    envelope checked first by the caller: the common case, a box well inside, needs no overlay)."""
    need = INSIDE_SHARE * (b[2] - b[0]) * (b[3] - b[1])
    box = shapely.box(*b)
    if shapely.contains_properly(geometry, box):
        return True
    return shapely.area(shapely.intersection(geometry, box)) >= need


class _Placed:
    """Label boxes placed so far, in a grid of cells, so that asking whether a box overlaps one of
    them looks at its neighbours only (not at every label of the map)."""

    def __init__(self, cell: float):
        self.cell, self.cells = cell, {}

    def _keys(self, b: np.ndarray):
        c = self.cell
        for x in range(int(b[0] // c), int(b[2] // c) + 1):
            for y in range(int(b[1] // c), int(b[3] // c) + 1):
                yield x, y

    def overlaps(self, b: np.ndarray) -> bool:
        return any(
            not (b[2] < p[0] or b[0] > p[2] or b[3] < p[1] or b[1] > p[3])
            for key in self._keys(b)
            for p in self.cells.get(key, ())
        )

    def add(self, b: np.ndarray) -> None:
        for key in self._keys(b):
            self.cells.setdefault(key, []).append(b)


#: The most labels keyed by number in one map: beyond that a legend of numbers is no help, and the
#: names that do not fit are left to the map's table and its data export (the notes say so).
MAX_KEYS = 30


def _fit_labels(full: list[str], sizes, kinds, points, geoms, bounds) -> tuple[list[str], list[str], np.ndarray]:
    """The text each label is drawn with, its key number where the written label does not fit its own
    area or would overlap another (in print or on screen), and which labels are left out (more to key
    than :data:`MAX_KEYS`)."""
    texts, fits = list(full), np.zeros(len(full), dtype=bool)
    media = [(np.asarray(sizes, dtype=float), None), (screen_sizes(kinds), screen_scale(bounds))]
    scales = [print_scale(bounds) if scale is None else scale for _, scale in media]  # metres per unit of size
    cell = max(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 12  # about a label's size
    placed = [_Placed(cell) for _ in media]
    areas = shapely.area(geoms) if len(geoms) else np.array([])
    envelopes = shapely.bounds(geoms).tolist() if len(geoms) else []

    order = sorted(range(len(full)), key=lambda i: (kinds[i] != ORDNING, -areas[i]))
    for i in order:
        if points[i] is None or points[i].is_empty:
            continue
        x, y = points[i].x, points[i].y
        for width in (LINE_CHARS, NARROW_CHARS):
            text = wrap_label(full[i], width)
            lines = text.split("\n")
            chars, rows_ = max(len(line) for line in lines) + 0.5, len(lines)
            boxes = [_box(x, y, chars, rows_, size[i] * scales[m]) for m, (size, _) in enumerate(media)]
            if (
                all(_in_envelope(envelopes[i], b) for b in boxes)
                and all(not p.overlaps(b) for b, p in zip(boxes, placed))
                and all(_fits(geoms[i], b) for b in boxes)
            ):
                texts[i], fits[i] = text, True
                for b, p in zip(boxes, placed):
                    p.add(b)
                break
    _make_room_for_numbers(fits, texts, full, points, bounds, media)
    keyed = [i for i in range(len(full)) if not fits[i] and points[i] is not None and not points[i].is_empty]
    left_out = np.zeros(len(full), dtype=bool)
    if len(keyed) > MAX_KEYS:
        left_out[keyed] = True
        return texts, [""] * len(full), left_out
    keyed.sort(key=lambda i: (-round(points[i].y, -3), points[i].x))  # read from the top, left to right
    numbers = [""] * len(full)
    for n, i in enumerate(keyed, start=1):
        numbers[i] = texts[i] = str(n)
    return texts, numbers, left_out


def _make_room_for_numbers(fits, texts, full, points, bounds, media) -> None:
    """A written label that a key number would overlap is keyed by a number too (numbers stand where
    their areas are and are never hidden), until no number overlaps a written label."""
    while True:
        written = np.flatnonzero(fits)
        numbers = [i for i in range(len(full)) if not fits[i] and points[i] is not None and not points[i].is_empty]
        if not len(written) or not numbers or len(numbers) > MAX_KEYS:
            return  # nothing to make room for, or no numbers at all (left out)
        clash: set[int] = set()
        for size, scale in media:
            # a number is drawn in a ring: as wide as two digits and a little taller than a line
            mark = "0" * max(len(str(len(numbers))), 2)
            marks = label_boxes([mark] * len(numbers), 1.25 * size[numbers], points[numbers], bounds, scale=scale)
            boxes = label_boxes([texts[i] for i in written], size[written], points[written], bounds, scale=scale)
            tree = shapely.STRtree(shapely.box(boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]))
            hit = tree.query(shapely.box(marks[:, 0], marks[:, 1], marks[:, 2], marks[:, 3]), predicate="intersects")
            clash |= {int(written[j]) for j in hit[1]}
        if not clash:
            return
        for i in clash:
            fits[i], texts[i] = False, full[i]


def label_note(labels: gpd.GeoDataFrame | None) -> tuple[str, ...]:
    """The note a map carries where names had to be left out of it (more than :data:`MAX_KEYS` to key)."""
    if labels is None or not len(labels) or labels["vises"].all():
        return ()
    n = int((~labels["vises"].astype(bool)).sum())
    return (f"{n} navn får ikke plass i kartet; de står i kartets tabell og dataeksport.",)


def numbered(legend: tuple[LegendEntry, ...], keys: tuple[LegendEntry, ...]) -> tuple[LegendEntry, ...]:
    """``legend`` with each numbered key merged into the entry of the same name (an arrangement's colour
    and its number on one line); keys without such an entry (kommune names) follow at the end."""
    by_label = {k.label: k.number for k in keys}
    merged = tuple(
        replace(e, number=by_label.pop(e.label)) if e.label in by_label and not e.number else e for e in legend
    )
    return merged + tuple(k for k in keys if k.label in by_label)


def key_entries(labels: gpd.GeoDataFrame | None) -> tuple[LegendEntry, ...]:
    """Legend entries for the labels keyed by a number: the number and the whole label on one line."""
    if labels is None or not len(labels):
        return ()
    keyed = sorted((int(n), t) for n, t in zip(labels["nummer"].tolist(), labels["fulltekst"].tolist()) if n)
    return tuple(LegendEntry(" ".join(str(t).split("\n")), number=str(n)) for n, t in keyed)


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
    columns = {"kind": kinds, "key": keys, "navn": [data.names.display[k] for k in keys]}
    return geo_frame({c: columns[c] for c in HIGHLIGHT_COLUMNS}, [look.by_number[k] for k in keys], look.crs)


@dataclass(frozen=True)
class Shade:
    """How one kommune is drawn in a choropleth: its fill, the text on the map, its tooltip, and the
    values it stands for as ``(header, value)`` pairs (what the map's data export holds for it)."""

    fill: str
    label: str
    tooltip: str
    values: tuple[tuple[str, object], ...] = ()


def kommune_data(
    data: Dataset, shades: dict[str, Shade], unmapped, legend, labels: gpd.GeoDataFrame | None, *, title: str
) -> SpecTable:
    """The map's data, one row per kommune it draws: number, name, the values of its shade, the class
    it is drawn in (as the legend names it) and its number on the map where its label is keyed."""
    classes = {e.fill: e.label for e in legend if e.fill and not e.number}
    numbers = {} if labels is None else dict(zip(labels["key"], labels["nummer"]))
    headers = list(dict.fromkeys(h for s in shades.values() for h, _ in s.values))
    name = data.names.display
    rows = [
        {
            "key": k,
            "kommunenummer": k,
            "kommune": name[k],
            **{f"v{i}": dict(s.values).get(h, "") for i, h in enumerate(headers)},
            "klasse": classes.get(s.fill, ""),
            "nummer": numbers.get(k, ""),
        }
        for k, s in shades.items()
    ]
    rows += [
        {
            "key": k,
            "kommunenummer": k,
            "kommune": name[k],
            **{f"v{i}": "" for i in range(len(headers))},
            "klasse": "Ikke kartlagt",
            "nummer": "",
        }
        for k in unmapped
    ]
    columns = {
        "kommunenummer": "Kommunenummer",
        "kommune": "Kommune",
        **{f"v{i}": h for i, h in enumerate(headers)},
        "klasse": "Klasse i kartet",
        "nummer": "Nummer i kartet",
    }
    frame = pd.DataFrame(rows, columns=["key", *columns]).sort_values("kommune", ignore_index=True)
    return SpecTable(title, frame, columns)


def choropleth_spec(
    data: Dataset,
    kommuner: gpd.GeoDataFrame,
    filters: Filters,
    region: Region,
    shades: dict[str, Shade],
    legend: list[LegendEntry],
    *,
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
            edge=palette.edge_for(s.fill, "#767676"),
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
    labels = label_points([r for r in rows if r["kind"] == KLASSE], bounds, crs)
    fields["notes"] = (*fields.get("notes", ()), *label_note(labels))
    if "data_table" not in fields:
        fields["data_table"] = kommune_data(data, shades, unmapped, legend, labels, title=title)
    return LayerSpec(
        title=title,
        subtitle=subtitle,
        legend=tuple(legend) + key_entries(labels),
        legend_title=legend_title,
        areas=area_frame(context_rows(data, kommuner, bounds, region.kommuner) + rows, crs),
        bounds=bounds,
        labels=labels,
        highlight=highlight_frame(data, kommuner, filters.kommune, partners),
        **fields,
    )


def counted(data: Dataset, region: Region) -> list[str]:
    """The kommuner of the view the register maps completely, sorted: what a measure is computed for."""
    return sorted(region.kommuner & mapped(data))
