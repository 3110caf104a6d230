"""The overview document as an editable Word file (python-docx): headings, a table per sector, the
partners map, the register's credit; Norwegian as the document's language."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from layers.overview import COLUMNS, Overview


def render(overview: Overview) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    style = document.styles["Normal"]
    style.font.size = Pt(9)
    language = style.element.get_or_add_rPr()
    lang = language.makeelement(qn("w:lang"), {qn("w:val"): "nb-NO"})
    language.append(lang)
    document.core_properties.title = overview.title
    document.core_properties.author = overview.source
    document.core_properties.language = "nb-NO"
    document.add_heading(overview.title, level=1)
    document.add_paragraph(
        f"{overview.kommune} (kommunenummer {overview.kommunenummer}) er med i {overview.count} interkommunale "
        f"ordninger i registeret. {overview.source}"
        + (f" · Registerets dato: {overview.date}." if overview.date else "")
    )
    for note in overview.notes:
        document.add_paragraph(note)
    if overview.map_png:
        document.add_picture(io.BytesIO(overview.map_png), height=Mm(70))
    for sector, rows in overview.groups:
        document.add_heading(f"{sector} ({len(rows)})", level=2)
        table = document.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        for cell, column in zip(table.rows[0].cells, COLUMNS):
            cell.text = column
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            for cell, value in zip(table.add_row().cells, row.cells()):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
