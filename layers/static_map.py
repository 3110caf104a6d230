"""Draw a :class:`~layers.spec.LayerSpec` with matplotlib in EPSG:25833 for reports.

A4 width, title and subtitle, the map, a legend column, a scale bar and the source line; PNG
(300 dpi by default), SVG and PDF, and an atlas of many figures in one PDF. Files are written
whole or not at all. No pyplot: figures are plain :class:`~matplotlib.figure.Figure` objects,
so nothing here needs a display or touches global state.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

from geo.choices import resolve_choice
from geo.files import write_with
from layers.spec import (
    CASING_PT,
    EGEN,
    HIGHLIGHT_STYLES,
    HOST_STYLE,
    INGEN,
    LABEL_STYLE,
    LINE_OPACITY,
    MAP_BACKGROUND,
    LayerSpec,
    SpecTable,
)

A4_WIDTH = 8.27
A4_HEIGHT = 11.69
#: ``lines.scale_dashes`` off: dash lengths are absolute, as Leaflet's ``dashArray`` is in the browser.
_RC = {
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "svg.fonttype": "path",
    "hatch.linewidth": 0.8,
    "lines.scale_dashes": False,
}
TABLE_ROWS = 10
NOTE_WIDTH = 130  # characters on a line of a note
NOTE_LINE = 0.15  # inches a line of a note takes


def _wrap(text: str, width: int = 40) -> str:
    """Lines of at most ``width`` characters, broken between words (and after hyphens), never inside one."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _nice_length(span_m: float) -> float:
    target = span_m / 5
    base = 10 ** math.floor(math.log10(target))
    return max(m * base for m in (1, 2, 5) if m * base <= target)


def _draw_areas(ax, areas: gpd.GeoDataFrame) -> None:
    """Draw every row in order, each with its own fill, opacity, edge and width (stripes and nested
    arrangements are rows of their own in the spec, drawn like any other, as in the browser)."""
    if areas.empty:
        return
    faces = [to_rgba(f, float(o)) for f, o in zip(areas["fill"], areas["opacity"])]
    areas.geometry.plot(
        ax=ax, facecolor=faces, edgecolor=areas["edge"].tolist(), linewidth=areas["linewidth"].astype(float).tolist()
    )
    cased = areas[areas["casing"] != ""]
    if len(cased):  # outlines that carry meaning: on top, over their casing (as in the browser)
        widths = cased["linewidth"].astype(float).tolist()
        rings = shapely.boundary(cased.geometry.values)
        _lines(ax, rings, cased["casing"].tolist(), [w + CASING_PT for w in widths], zorder=3)
        _lines(ax, rings, cased["edge"].tolist(), widths, zorder=3)


def _lines(ax, geometries, colours: list, widths: list, *, zorder: float, dash=None) -> None:
    """Lines (or polygon rings) in their colours and widths, as one matplotlib collection (a
    geopandas plot call would draw the whole figure once more)."""
    segments, seg_colours, seg_widths = [], [], []
    for geometry, colour, width in zip(geometries, colours, widths):
        for part in shapely.get_parts(geometry):
            segments.append(shapely.get_coordinates(part))
            seg_colours.append(colour)
            seg_widths.append(width)
    if segments:
        style = "solid" if not dash else (0, dash)
        ax.add_collection(
            LineCollection(segments, colors=seg_colours, linewidths=seg_widths, linestyles=style, zorder=zorder)
        )


def _place_labels(ax, labels: gpd.GeoDataFrame | None) -> None:
    """Write each label the spec shows where the spec puts it, as the spec wrapped it (the spec has
    already keyed by number every label that would not fit its area or would overlap another)."""
    if labels is None or labels.empty:
        return
    for row in labels[labels["vises"]].itertuples():
        if row.geometry is None or row.geometry.is_empty:
            continue
        number, italic = bool(row.nummer), row.kind in (EGEN, INGEN)
        ax.annotate(
            row.text,
            (row.geometry.x, row.geometry.y),
            ha="center",
            va="center",
            fontsize=float(row.size) + (0.5 if number else 0.0),
            fontstyle="italic" if italic and not number else "normal",
            fontweight="normal" if italic and not number else "bold",
            color=LABEL_STYLE["text"],
            linespacing=1.0,
            bbox={
                "boxstyle": "circle,pad=0.15",
                "facecolor": LABEL_STYLE["halo"],
                "edgecolor": LABEL_STYLE["text"],
                "linewidth": 0.5,
            }
            if number
            else None,
            path_effects=None
            if number
            else [withStroke(linewidth=LABEL_STYLE["halo_pt"], foreground=LABEL_STYLE["halo"])],
            annotation_clip=True,
            zorder=20,
        )


def _dash(dash: tuple[float, ...]):
    return (0, dash) if dash else "solid"


def _draw_highlight(ax, spec: LayerSpec) -> None:
    """The chosen kommune and its partners as outlines, styled from :data:`~layers.spec.HIGHLIGHT_STYLES`."""
    if spec.highlight is None or spec.highlight.empty:
        return
    for kind, group in spec.highlight.groupby("kind", sort=False):
        style = HIGHLIGHT_STYLES[kind]
        if style.casing:
            rings = shapely.boundary(group.geometry.values)
            _lines(ax, rings, [style.casing] * len(group), [style.width + CASING_PT] * len(group), zorder=18)
        group.boundary.plot(
            ax=ax,
            color=style.edge,
            linewidth=style.width,
            linestyle=_dash(style.dash),
            gid=f"highlight-{kind}",
            zorder=18,
        )


def _cell(value, limit: int = 40) -> str:
    """A table cell for print: decimals with a comma, long text shortened."""
    text = f"{value:.2f}".replace(".", ",") if isinstance(value, float) else str(value)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:·")  # shortened between words, never inside one
    return cut + " …"


def _table_text(table: SpecTable, *, in_data: bool) -> str:
    """A map's table as lines of text under the legend: its title, up to :data:`TABLE_ROWS` rows, and
    where the rest is (``in_data``: the map's data export holds it too)."""
    shown = table.display()
    lines = [_wrap(table.title + ":", 44)]
    for row in shown.head(TABLE_ROWS).itertuples(index=False):
        cells = [_cell(c) for c in row]
        lines.append(_wrap(" · ".join(cells), 48))
    if len(shown) > TABLE_ROWS:
        where = "i appen og i dataeksporten" if in_data else "i appen"
        lines.append(f"og {len(shown) - TABLE_ROWS} rader til (hele tabellen står {where})")
    return "\n".join(lines)


def _legend_handles(spec: LayerSpec):
    handles = []
    for e in spec.legend + spec.highlight_legend():
        if e.number and not (e.fill or e.hatch):  # a numbered key alone: its number, then what it stands for
            handles.append((Patch(facecolor="none", edgecolor="none"), _wrap(f"{e.number}: {e.label}", 38)))
            continue
        elif e.marker:
            h = Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markerfacecolor="white",
                markeredgecolor=e.edge,
                markeredgewidth=1.5,
                markersize=6,
            )
        elif e.line:
            h = Line2D([], [], color=e.edge, linewidth=e.width, linestyle=_dash(e.dash))
        elif e.hatch:
            h = Patch(facecolor=to_rgba(e.fill, 0.25), edgecolor=e.fill, hatch="////", linewidth=0.8)
        else:
            h = Patch(facecolor=e.fill or "white", edgecolor=e.edge, linewidth=0.6)
        handles.append((h, _wrap(f"{e.number}: {e.label}" if e.number else e.label, 38)))
    return handles


@dataclass(frozen=True)
class _Page:
    """Where things go on the figure, in inches: map size, margins, header and footer."""

    width: float
    height: float
    map_w: float
    map_h: float
    header: float
    footer: float = 0.45
    margin: float = 0.3
    bottom: float = 0.45  # where the map's lower edge is

    def x(self, inches: float) -> float:
        return inches / self.width

    def y(self, inches: float) -> float:
        return inches / self.height


#: Page sizes, in inches: the figure sized to the map (A4 wide), or an A4 page, standing or lying.
PAGES = {"tilpasset": None, "a4": (A4_WIDTH, A4_HEIGHT), "a4-liggende": (A4_HEIGHT, A4_WIDTH)}


def _page(spec: LayerSpec, width: float, *, page: str = "tilpasset", title: bool = True) -> _Page:
    """Where the map, legend and texts go. The map keeps the view's aspect; on an A4 page it is as
    large as the page allows inside 15 mm margins, placed under the title."""
    size = resolve_choice(page, PAGES, what="sidestørrelse")
    x0, y0, x1, y1 = spec.bounds
    aspect = (y1 - y0) / (x1 - x0)
    header = (0.95 if title else 0.3) + NOTE_LINE * _note_lines(spec)
    footer, margin = 0.45, 0.3 if size is None else 0.59
    legend_w = (2.75 if spec.legend else 0.0) + (0.5 if size and size[0] > size[1] else 0.0)
    width = size[0] if size else width
    map_w = width - 2 * margin - legend_w
    room = (size[1] if size else A4_HEIGHT) - header - footer - (margin if size else 0.2)
    map_h = min(map_w * aspect, room)
    map_w = map_h / aspect
    if size is None:
        return _Page(width, header + map_h + footer, map_w, map_h, header, footer, margin, footer)
    return _Page(
        width,
        size[1],
        map_w,
        map_h,
        header + margin - 0.3,
        footer + margin - 0.3,
        margin,
        size[1] - (header + margin - 0.3) - map_h,
    )


def _draw_map(ax, spec: LayerSpec) -> None:
    """Areas, county borders, hosts, the highlight and a scale bar, clipped to the view."""
    x0, y0, x1, y1 = spec.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_facecolor(MAP_BACKGROUND)
    _draw_areas(ax, spec.areas)
    if spec.lines is not None and len(spec.lines):
        widths = spec.lines["linewidth"].astype(float)
        if "casing" in spec.lines.columns:
            cased = (spec.lines["casing"] != "").to_numpy()
            _lines(
                ax,
                spec.lines.geometry.values[cased],
                spec.lines["casing"][cased].tolist(),
                (widths[cased] + CASING_PT).tolist(),
                zorder=10,
            )
        dashes = spec.lines["dash"].tolist() if "dash" in spec.lines.columns else [()] * len(spec.lines)
        for dash in dict.fromkeys(tuple(d) for d in dashes):  # one collection per dash pattern
            mine = np.asarray([tuple(d) == dash for d in dashes], dtype=bool)
            _lines(
                ax,
                spec.lines.geometry.values[mine],
                [to_rgba(c, LINE_OPACITY) for c in spec.lines["edge"][mine]],
                widths[mine].tolist(),
                zorder=10,
                dash=dash or None,
            )
    if spec.points is not None and len(spec.points):
        xs, ys = [p.x for p in spec.points.geometry], [p.y for p in spec.points.geometry]
        style = HOST_STYLE
        ax.scatter(
            xs,
            ys,
            s=(style["size"] + style["width"]) ** 2,
            facecolor=style["fill"],
            edgecolor=style["edge"],
            linewidth=style["width"],
            zorder=15,
        )
    _draw_highlight(ax, spec)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    length = _nice_length(x1 - x0)
    bar = AnchoredSizeBar(
        ax.transData,
        length,
        f"{length / 1000:g} km",
        loc="lower left",
        pad=0.5,
        borderpad=0.4,
        sep=3,
        frameon=True,
        size_vertical=(y1 - y0) / 300,
        fontproperties={"size": 7},
    )
    # over everything on the map (a county border crossing it hid its first digit), on a light ground
    bar.patch.set(facecolor="white", alpha=0.85, edgecolor="none")
    bar.set_zorder(30)
    ax.add_artist(bar)


def _note_lines(spec: LayerSpec) -> int:
    return sum(_wrap(note, NOTE_WIDTH).count("\n") + 1 for note in spec.notes)


def _draw_texts(fig, spec: LayerSpec, page: _Page, figure_title: str | None, *, title: bool = True) -> None:
    """Title, subtitle, notes and the register's source line."""
    top = 1 - page.y(0.22 + page.header - (0.95 if title else 0.3) - NOTE_LINE * _note_lines(spec))
    left = page.x(page.margin)
    below = 0.5 if title else 0.0
    if title:
        fig.text(left, top, _wrap(figure_title or spec.title, 80), fontsize=13, fontweight="bold", va="top")
        fig.text(left, top - page.y(0.3), spec.subtitle, fontsize=8.5, va="top", color="#333333")
    for note in spec.notes:
        text = _wrap(note, NOTE_WIDTH)
        fig.text(left, top - page.y(below), text, fontsize=7, va="top", color="#555555", linespacing=1.25)
        below += NOTE_LINE * (text.count("\n") + 1)
    fig.text(left, page.y(page.bottom - 0.31), spec.source, fontsize=7.5, color="#444444")


def _draw_legend(fig, spec: LayerSpec, page: _Page) -> None:
    """The legend beside the map (highlight entries included) and the map's table under it."""
    handles = _legend_handles(spec)
    if not handles:
        return
    anchor = (page.x(page.margin + page.map_w + 0.15), page.y(page.bottom + page.map_h))
    legend = fig.legend(
        [h for h, _ in handles],
        [lab for _, lab in handles],
        loc="upper left",
        bbox_to_anchor=anchor,
        frameon=False,
        fontsize=7,
        title=spec.legend_title or None,
        title_fontsize=8,
        alignment="left",
        handlelength=1.6,
        labelspacing=0.45,
    )
    if spec.table is not None and len(spec.table.frame):
        # the legend's own extent: measuring it needs no drawing of the whole figure
        bottom = legend.get_window_extent(fig.canvas.get_renderer()).transformed(fig.transFigure.inverted()).y0
        left = page.x(page.margin + page.map_w + 0.2)
        fig.text(
            left, bottom - page.y(0.15), _table_text(spec.table, in_data=spec.table_in_data()), fontsize=6.5, va="top"
        )


def render_static(
    spec: LayerSpec,
    *,
    width: float = A4_WIDTH,
    figure_title: str | None = None,
    page: str = "tilpasset",
    title: bool = True,
) -> Figure:
    """A report-ready figure of ``spec``.

    Parameters
    ----------
    figure_title
        Replaces the title (``"Figur 5.8 …"``).
    page
        ``"tilpasset"`` (A4 wide, as tall as the map needs), ``"a4"`` or ``"a4-liggende"``.
    title
        Leave the title and subtitle out (a report sets its own caption).
    """
    with mpl.rc_context(_RC):
        page = _page(spec, width, page=page, title=title)
        fig = Figure(figsize=(page.width, page.height))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((page.x(page.margin), page.y(page.bottom), page.x(page.map_w), page.y(page.map_h)))
        _draw_map(ax, spec)
        _draw_texts(fig, spec, page, figure_title, title=title)
        _draw_legend(fig, spec, page)
        _place_labels(ax, spec.labels)
        return fig


def static_bytes(
    spec: LayerSpec,
    fmt: str,
    *,
    dpi: int = 300,
    figure_title: str | None = None,
    page: str = "tilpasset",
    title: bool = True,
) -> bytes:
    """The figure as bytes in any format matplotlib writes (``layers.formats.EXPORTS`` lists the ones
    offered: PNG, SVG and PDF; the one list of formats is there)."""
    fig = render_static(spec, figure_title=figure_title, page=page, title=title)
    fmt = resolve_choice(fmt, {f: f for f in fig.canvas.get_supported_filetypes()}, what="filformat")
    buffer = io.BytesIO()
    with mpl.rc_context(_RC):
        fig.savefig(buffer, format=fmt, dpi=dpi, facecolor="white", metadata=_metadata(spec, fmt))
    return _svg_text(buffer.getvalue(), spec) if fmt == "svg" else buffer.getvalue()


def _metadata(spec: LayerSpec, fmt: str) -> dict | None:
    """The file's own metadata: title, the map in words (:meth:`LayerSpec.summary`, for a report's alt
    text) and whose data it shows (the register's source line)."""
    summary = spec.summary()
    if fmt == "png":
        return {"Title": spec.title, "Description": summary, "Source": spec.source}
    if fmt == "svg":
        return {"Title": spec.title, "Description": summary, "Source": spec.source, "Creator": "Samarbeidskart"}
    if fmt == "pdf":
        return {"Title": spec.title, "Subject": summary, "Keywords": spec.source, "Creator": "Samarbeidskart"}
    return None  # a format whose writer takes no text metadata (JPEG, TIFF): the figure's footer says it


def _svg_text(svg: bytes, spec: LayerSpec) -> bytes:
    """The SVG with a ``<title>`` and a ``<desc>`` first inside its root, which screen readers and
    browsers read as the image's name and description, and ``role="img"`` naming them."""
    from xml.sax.saxutils import escape

    head, sep, rest = svg.partition(b"<svg ")
    tag_end = rest.index(b">") + 1
    opening = rest[:tag_end].replace(b">", b' role="img" aria-labelledby="sk-title sk-desc">', 1)
    texts = (
        f'<title id="sk-title">{escape(spec.title)}</title><desc id="sk-desc">{escape(spec.summary())}</desc>'
    ).encode()
    return head + sep + opening + texts + rest[tag_end:]


def save_atlas(pages: Iterable[tuple[LayerSpec, str]], path: str | Path) -> Path:
    """Write many figures into one PDF, a page a figure: ``pages`` yields ``(spec, figure_title)``."""

    def write(tmp: Path) -> None:
        with (
            mpl.rc_context(_RC),
            PdfPages(tmp, metadata={"Title": "Samarbeidskart – atlas", "Creator": "Samarbeidskart"}) as pdf,
        ):
            for spec, title in pages:
                pdf.savefig(render_static(spec, figure_title=title, page="a4"), facecolor="white")

    return write_with(Path(path), write)
