"""The overview document as a searchable A4 PDF (fpdf2): text as text, in DejaVu Sans (every letter
of Norwegian and Sámi names), tables that break across pages with their headings repeated."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from layers.overview import COLUMNS, Overview

#: Column widths in millimetres on A4 landscape (277 mm between the margins).
WIDTHS = (44, 30, 54, 28, 24, 20, 16, 18, 43)


def _font_dir() -> Path:
    """DejaVu Sans: Debian's, else the copy matplotlib ships (its path only; matplotlib is not imported)."""
    debian = Path("/usr/share/fonts/truetype/dejavu")
    if (debian / "DejaVuSans.ttf").exists() and (debian / "DejaVuSans-Bold.ttf").exists():
        return debian
    return Path(importlib.util.find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf"


def render(overview: Overview) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_lang("nb")
    pdf.set_title(overview.title)
    pdf.set_author(overview.source)
    pdf.set_creator("Samarbeidskart")
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, overview.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    lead = (
        f"{overview.kommune} (kommunenummer {overview.kommunenummer}) er med i {overview.count} interkommunale "
        f"ordninger i registeret. {overview.source}"
        + (f" · Registerets dato: {overview.date}." if overview.date else "")
    )
    pdf.multi_cell(0, 5, lead, new_x="LMARGIN", new_y="NEXT")
    for note in overview.notes:
        pdf.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")
    if overview.map_png:
        import io

        pdf.ln(2)
        pdf.image(io.BytesIO(overview.map_png), h=85, alt_text=f"Kart over {overview.kommune} og samarbeidspartnerne")
    for sector, rows in overview.groups:
        if pdf.will_page_break(30):  # a sector's heading never stands alone at the foot of a page
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.cell(0, 7, f"{sector} ({len(rows)})", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 7.5)
        with pdf.table(
            col_widths=WIDTHS,
            width=sum(WIDTHS),
            line_height=3.6,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
            text_align="LEFT",
            repeat_headings=1,
        ) as table:
            heading = table.row()
            for column in COLUMNS:
                heading.cell(column)
            for row in rows:
                cells = table.row()
                for value in row.cells():
                    cells.cell(value)
    return bytes(pdf.output())
