"""The kommune's overview document («Oversikt over interkommunale samarbeid – <kommune>»): its
content derived from the register, written as a searchable A4 PDF and an editable Word file, both
read back; from the command line for one kommune or all."""

import shutil
import subprocess

import pytest
from docx import Document

from layers import export
from layers.overview import DOCUMENTS, NOT_IN_REGISTER, kommune_overview, render_overview
from tests.installed import require_installed


def _drammen(dataset) -> str:
    return next(k for k, v in dataset.names.display.items() if v == "Drammen")


def _expected(dataset, k) -> set[str]:
    """Drammen's arrangements, read from the register directly."""
    reg = dataset.register
    ids = set(reg.medlemskap.loc[reg.medlemskap["kommunenummer"] == k, "ordning_id"])
    return set(reg.ordninger.loc[reg.ordninger["id"].isin(ids), "navn"])


def test_the_overview_lists_every_arrangement_the_kommune_is_party_to_by_sector(dataset):
    k = _drammen(dataset)
    overview = kommune_overview(dataset, k)
    names = {r.navn for _, rows in overview.groups for r in rows}
    assert names == _expected(dataset, k) and overview.count == len(names)
    sector = dict(zip(dataset.register.tjenester["kode"], dataset.register.tjenester["sektor"]))
    o = dataset.register.ordninger
    by_name = {n: sector[codes[0]] for n, codes in zip(o["navn"], o["tjenester"])}  # the first service's sector
    for group, rows in overview.groups:
        assert all(by_name[r.navn] == group for r in rows)
    every = [r for _, rows in overview.groups for r in rows]
    assert all("Drammen" not in r.andre_parter.split(", ") for r in every)  # the others, not itself
    assert all(r.status == "" and r.organisasjonsnummer == "" for r in every)  # not in the register: empty
    assert overview.source == dataset.register.provenance.source_line()
    assert overview.title == "Oversikt over interkommunale samarbeid – Drammen"


def _pdf_text(path) -> str:
    require_installed(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)", module=False)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_command_line_writes_a_searchable_a4_pdf_and_a_word_file_with_the_same_content(dataset, tmp_path):
    k = _drammen(dataset)
    expected = _expected(dataset, k)
    pdf, word = tmp_path / "drammen.pdf", tmp_path / "drammen.docx"
    assert export.main(["--oversikt", "Drammen", "--format", "pdf", "--out", str(pdf)]) == 0
    assert export.main(["--oversikt", "Drammen", "--out", str(word)]) == 0  # the format from the file's suffix
    text = " ".join(_pdf_text(pdf).split())
    assert "Oversikt over interkommunale samarbeid – Drammen" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info and "Oversikt over interkommunale samarbeid – Drammen" in info
    document = Document(str(word))
    cells = [c.text for t in document.tables for row in t.rows[1:] for c in row.cells[:1]]
    assert set(cells) == expected  # the Word file holds every arrangement once
    words = " ".join(p.text for p in document.paragraphs)
    assert NOT_IN_REGISTER in words and dataset.register.provenance.source_line() in words
    for name in expected:  # and the PDF, as searchable text (a name may wrap in its cell)
        assert all(part in text for part in name.split()[:2]), name
    assert len(document.inline_shapes) == 1  # the partners map


def test_every_kommune_of_the_register_gets_its_file_and_a_wrong_name_is_refused(
    dataset, tmp_path, capsys, monkeypatch
):
    from layers import overview

    monkeypatch.setattr(overview, "partners_map_png", lambda data, k: b"")  # the map is tested above
    small = tmp_path / "alle"
    members = set(dataset.register.medlemskap["kommunenummer"])
    assert export.main(["--oversikt", "alle", "--format", "docx", "--out", str(small)]) == 0
    assert len(list(small.glob("*.docx"))) == len(members)
    assert export.main(["--oversikt", "Drammn", "--format", "pdf"]) == 2
    assert "mente du Drammen?" in capsys.readouterr().err
    with pytest.raises(Exception, match="dokumentformat"):
        render_overview(kommune_overview(dataset, _drammen(dataset)), "odt")
    assert set(DOCUMENTS) == {"pdf", "docx"}
