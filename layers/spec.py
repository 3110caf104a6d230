"""The layer spec: everything a renderer needs to draw one map, and nothing renderer-specific.

Both renderers (:mod:`layers.folium_map` and :mod:`layers.static_map`) draw every field of a
spec the same way, so the browser view and a static export of the same filters show the same
areas, colours, legend, labels, highlight, table, title and source line. Builders never add
anything a caller has to strip again: the chosen kommune and its partners are a field of their
own (:attr:`LayerSpec.highlight`), drawn with :data:`HIGHLIGHT_STYLES` by both renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

# --- area kinds: what a row of LayerSpec.areas is -------------------------------------------
KONTEKST = "kontekst"  #: a kommune around the view, drawn as a faint outline
ORDNING = "ordning"  #: an arrangement's area, dissolved from its members
KOMMUNE = "kommune"  #: a member kommune's outline on top (carries the tooltip of its arrangements)
EGEN = "egen"  #: a mapped kommune in no arrangement of a service every kommune has: its own service
INGEN = "ingen"  #: a mapped kommune in no arrangement of a service not every kommune has
UKARTLAGT = "ukartlagt"  #: a kommune in the view that the register does not map
KLASSE = "klasse"  #: a kommune coloured by the class of its value (choropleths)
STRIPER = "striper"  #: stripes in an arrangement's colour: nested in another, or a kommune in two
AREA_KINDS = (KONTEKST, ORDNING, KOMMUNE, EGEN, INGEN, UKARTLAGT, KLASSE, STRIPER)
#: Kinds a data export (GeoJSON) holds, with the type name it writes.
DATA_KINDS = {ORDNING: "ordning", KLASSE: "kommune", EGEN: "egen tjeneste", INGEN: "ingen ordning registrert"}

#: Columns of ``LayerSpec.areas`` (GeoDataFrame in EPSG:25833), drawn in row order.
AREA_COLUMNS = [
    "kind",  # one of AREA_KINDS
    "key",  # arrangement id or kommunenummer
    "navn",  # name shown in tooltip and legend
    "fill",  # fill colour, hex
    "edge",  # edge colour, hex
    "linewidth",  # in points (static) / pixels (folium)
    "opacity",  # fill opacity 0–1
    "hatch",  # bool: the area is shown by stripes (its STRIPER rows); drawn as an outline in its colour
    "label",  # text to write on the map ("" for none)
    "tooltip",  # plain text, lines separated by "\n" (renderers escape it)
    "casing",  # "" or a colour: the edge is drawn on top, over a wider line of this colour (see CASING_PT)
]


@dataclass(frozen=True)
class LineStyle:
    """A line as both renderers draw it: colour, width (points in print, pixels on screen) and
    dash pattern (on/off lengths in the same unit; empty for a solid line)."""

    edge: str
    width: float
    dash: tuple[float, ...] = ()
    casing: str = ""  # "" or the colour of a wider line under it (CASING_PT)


# --- styles that are no data: both renderers draw them from here --------------------------------
#: The backdrop: the kommuner around the view, as faint lines (print points; the browser's pixels are
#: 1.3 of them, as for every width of the spec).
CONTEXT_STYLE = LineStyle("#c8c8c8", 0.45)
#: A host kommune's mark: a white ring with a black edge, the same for every arrangement (the legend's
#: "Vertskommune"); its size in points.
HOST_STYLE = {"edge": "#000000", "fill": "#ffffff", "width": 1.3, "size": 5.0}
#: Opacity of the spec's lines (county borders, network edges): whole, on their casing (a see-through
#: line would take on the colour of what it crosses and lose its contrast).
LINE_OPACITY = 1.0
#: A line that carries meaning (a county border, a network edge, the highlight, an arrangement drawn
#: as an outline) lies on a casing: a line this many points wider, in a colour that contrasts with
#: it (``palette.casing_for``), so that one of the two reaches 3:1 against whatever it crosses (WCAG 1.4.11).
CASING_PT = 1.6
#: Text written on the map: dark text in a white halo (print points of halo; CSS text-shadow on
#: screen), and a numbered key as dark text in a white disc with a dark ring (WCAG 1.4.3).
LABEL_STYLE = {"text": "#111111", "halo": "#ffffff", "halo_pt": 2.2}
#: The title and legend boxes over the live map: their text, and their background's colour and
#: opacity over the map (kart.css); in print they stand beside the map, on white.
BOX_STYLE = {"text": "#222222", "background": "#ffffff", "opacity": 0.92}
#: The map's own background where no area is drawn (print; the browser's kart.css uses the same).
MAP_BACKGROUND = "#f7f9fb"
#: Pixels on screen per point of print: what the browser multiplies the spec's widths by.
SCREEN_PX_PER_PT = 1.3

# --- the highlight: the chosen kommune and its partners ---------------------------------------
VALGT = "valgt"
PARTNER = "partner"
HIGHLIGHT_STYLES = {
    VALGT: LineStyle("#000000", 3.0, casing="#ffffff"),
    PARTNER: LineStyle("#222222", 1.8, (5.0, 3.0), casing="#ffffff"),
}
#: Columns of ``LayerSpec.highlight`` (besides geometry): kind (VALGT or PARTNER), key, navn.
HIGHLIGHT_COLUMNS = ["kind", "key", "navn"]


#: Legend entries a map's text summary names (:meth:`LayerSpec.summary`); the rest are counted.
MAX_SUMMARY_ENTRIES = 40


@dataclass(frozen=True)
class LegendEntry:
    label: str
    fill: str | None = None
    edge: str = "#4d4d4d"
    hatch: bool = False
    marker: bool = False  # a point symbol (host) rather than a patch
    line: bool = False  # a line symbol (county border, highlight)
    dash: tuple[float, ...] = ()  # dash pattern of a line symbol
    width: float = 2.2  # width of a line symbol
    number: str = ""  # a numbered key: the number that stands on the map for ``label``


@dataclass(frozen=True)
class SpecTable:
    """A table that goes with a map: its title, its rows and which columns to show under which
    Norwegian header (in display order)."""

    title: str
    frame: pd.DataFrame
    columns: dict[str, str]

    def __post_init__(self) -> None:
        headers = list(self.columns.values())
        twice = sorted({h for h in headers if headers.count(h) > 1})
        if twice:  # a page table and a data file need one header per column
            raise ValueError(f"SpecTable {self.title!r}: the header(s) {twice} name more than one column")
        missing = [c for c in self.columns if c not in self.frame.columns]
        if missing:
            raise ValueError(f"SpecTable {self.title!r}: columns {missing} are not in its frame")

    def display(self) -> pd.DataFrame:
        """The rows with only the shown columns, under their headers."""
        return self.frame[list(self.columns)].rename(columns=self.columns)


@dataclass(frozen=True)
class LayerSpec:
    """One map, ready to draw.

    ``layer``, ``source`` and the register's own notes are stamped by
    :func:`layers.registry.build_layer` on what a builder returns; a builder sets neither."""

    title: str
    subtitle: str
    areas: gpd.GeoDataFrame
    legend: tuple[LegendEntry, ...]
    bounds: tuple[float, float, float, float]  # view extent, EPSG:25833
    layer: str = ""  # the registry's key (stamped)
    source: str = ""  # the register's source line (Provenance.source_line): whose data this is (stamped)
    legend_title: str = ""
    points: gpd.GeoDataFrame | None = None  # hosts: geometry, navn, fill, tooltip
    #: county borders, network edges, outlines: geometry, edge, linewidth, casing; optional ``dash``
    #: (a tuple of on/off lengths, empty for solid) and ``tooltip``
    lines: gpd.GeoDataFrame | None = None
    labels: gpd.GeoDataFrame | None = None  # text on the map: point geometry, text, size, kind
    highlight: gpd.GeoDataFrame | None = None  # chosen kommune and partners: HIGHLIGHT_COLUMNS + geometry
    table: SpecTable | None = None  # a table that goes with the map (page and print)
    data_table: SpecTable | None = (
        None  # the map's own data, a row per kommune, pair or arrangement drawn (CSV, GeoJSON)
    )
    ordninger: tuple[str, ...] = ()  # ids of the arrangements behind the map (what a data export holds)
    highlight_label: str = "Samarbeidspartnere i kartet"  # what the dashed outlines are, in the legend
    notes: tuple[str, ...] = field(default_factory=tuple)

    def table_in_data(self) -> bool:
        """Whether every column of the page's table is also in the map's data export."""
        if self.table is None or self.data_table is None:
            return False
        return set(self.table.columns.values()) <= set(self.data_table.columns.values())

    def summary(self, *, max_entries: int = MAX_SUMMARY_ENTRIES) -> str:
        """The map in words, for those who do not see it (screen readers, alt text in a report): its
        title and area, what its legend says (the first ``max_entries`` entries by name, with the
        numbers that stand on the map), the highlight and the source. The same text goes with every
        renderer: the live map, the HTML export and the static files' metadata."""
        entries = list(self.legend + self.highlight_legend())
        named = [f"{e.label} (nr. {e.number} i kartet)" if e.number else e.label for e in entries[:max_entries]]
        more = len(entries) - len(named)
        parts = [f"Kart: {self.title}.", f"{self.subtitle}." if self.subtitle else ""]
        if named:
            head = self.legend_title or "Tegnforklaring"
            parts.append(f"{head}: " + "; ".join(named) + (f"; og {more} til" if more else "") + ".")
        if self.data_table is not None and len(self.data_table.frame):
            parts.append(f"Tabellen «{self.data_table.title}» har kartets opplysninger.")
        if self.source:
            parts.append(self.source if self.source.startswith("Kilde") else f"Kilde: {self.source}")
        return " ".join(p.replace("..", ".") for p in parts if p).rstrip(".") + "."

    def highlight_legend(self) -> tuple[LegendEntry, ...]:
        """Legend entries for the highlight (empty when no kommune is chosen)."""
        if self.highlight is None or self.highlight.empty:
            return ()
        chosen = self.highlight[self.highlight["kind"] == VALGT]["navn"].tolist()
        out = []
        if chosen:
            s = HIGHLIGHT_STYLES[VALGT]
            out.append(LegendEntry(f"Valgt: {chosen[0]}", edge=s.edge, line=True, width=s.width))
        if (self.highlight["kind"] == PARTNER).any():
            s = HIGHLIGHT_STYLES[PARTNER]
            out.append(LegendEntry(self.highlight_label, edge=s.edge, line=True, dash=s.dash, width=s.width))
        return tuple(out)
