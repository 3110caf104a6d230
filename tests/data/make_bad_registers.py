"""Write the corpus of bad registers in tests/data/bad_registers and its expectations.

Run again after changing a case: `.venv/bin/python tests/data/make_bad_registers.py`.
``expected.csv`` holds, per file, a fragment its message must contain, or ``ok`` for a format
variant the app reads right. (The file over the upload limit is made by the test itself.)
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl

from geo.register import ORDNINGER_COLUMNS

HERE = Path(__file__).parent / "bad_registers"
HEADER = list(ORDNINGER_COLUMNS)
GOOD = ["lvs-x", "LVS X", "lvs", "Drammen; Lier", "ja", "Drammen", "avtale", "2016", "tabell 5.2 nr 11"]
OTHER = ["ppt-y", "PPT Y", "ppt", "Ål; Hol", "ja", "", "", "", "tabell 5.4 nr 1"]


def row(**change) -> list[str]:
    values = dict(zip(HEADER, GOOD))
    values.update(change)
    return [values[h] for h in HEADER]


def csv_text(rows, header=HEADER, delimiter=",", newline="\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def xlsx(sheets: dict[str, list[list]], merge: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r in rows:
            sheet.append(r)
        if merge:
            sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CASES: list[tuple[str, bytes, str]] = []


def hidden_sheet() -> bytes:
    """The register on a hidden sheet called ordninger, and a visible sheet of notes."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "notater"
    notes.append(["Registeret ligger på arket ordninger"])
    sheet = book.create_sheet("ordninger")
    for r in [HEADER, GOOD]:
        sheet.append(r)
    sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def case(name: str, data: str | bytes, expected: str) -> None:
    CASES.append((name, data.encode("utf-8") if isinstance(data, str) else data, expected))


case(
    "mangler_kolonne.csv",
    csv_text([GOOD[:3] + GOOD[4:]], header=HEADER[:3] + HEADER[4:]),
    "Mangler kolonnen 'deltakere'",
)
case(
    "omdopt_kolonne.csv",
    csv_text([GOOD], header=[h if h != "deltakere" else "deltaker" for h in HEADER]),
    "fant 'deltaker'; mente du den?",
)
case(
    "omdopt_tjeneste.csv",
    csv_text([GOOD], header=[h if h != "tjeneste" else "tjenester" for h in HEADER]),
    "Mangler kolonnen 'tjeneste' — fant 'tjenester'",
)
case(
    "engelske_kolonner.csv",
    csv_text([GOOD], header=["id", "name", "service", "members", "complete", "host", "form", "year", "source"]),
    "Mangler kolonnen 'navn'",
)
case("semikolon.csv", csv_text([GOOD], delimiter=";"), "ok")  # as Norwegian Excel saves "CSV"
case("tabulator.csv", csv_text([GOOD], delimiter="\t"), "ok")
case("latin1.csv", csv_text([GOOD, OTHER]).encode("latin-1"), "ok")  # read as Windows-1252, with a note
case("utf8_bom.csv", "\ufeff" + csv_text([GOOD, OTHER]), "ok")
case("windows_linjeskift.csv", csv_text([GOOD, OTHER], newline="\r\n"), "ok")
case("tom.csv", "", "Filen er tom")
case("bare_mellomrom.csv", "  \n\n", "Filen er tom")
case("bare_overskrift.csv", csv_text([]), "bare overskriftsraden")
case("tomme_rader.csv", csv_text([GOOD, [""] * 9, OTHER]) + "\n\n", "ok")
case("doble_id.csv", csv_text([GOOD, row(navn="Annen")]), "id 'lvs-x' står også i rad 2")
case(
    "ukjent_kommune.csv",
    csv_text([row(deltakere="Drammen; Atlantis")]),
    "Ukjent kommune 'Atlantis' — fant ingen lignende",
)
case("feilstavet_hjardal.csv", csv_text([row(deltakere="Hjardal; Tinn", vertskommune="")]), "mente du Hjartdal?")
case("feilstavet_ovre_eiker.csv", csv_text([row(deltakere="Drammen; Ovre Eiker")]), "mente du Øvre Eiker?")
case("feilstavet_lillestrom.csv", csv_text([row(deltakere="Lillestrom; Drammen")]), "mente du Lillestrøm?")
case("flertydig_valer.csv", csv_text([row(deltakere="Drammen; Våler")]), "Flertydig kommunenavn 'Våler'")
case(
    "flertydig_heroy.csv", csv_text([row(deltakere="Drammen; Herøy")]), "Herøy (Møre og Romsdal) eller Herøy (Nordland)"
)
case("feil_fylke.csv", csv_text([row(deltakere="Drammen; Våler (Troms)")]), "fylket passer ikke")
case("tidligere_nedre_eiker.csv", csv_text([row(deltakere="Drammen; Nedre Eiker")]), "'Nedre Eiker' finnes ikke lenger")
case("tidligere_svelvik.csv", csv_text([row(deltakere="Svelvik; Lier", vertskommune="")]), "Skriv Drammen (")
case("tidligere_hurum.csv", csv_text([row(deltakere="Drammen; Hurum")]), "Skriv Asker (")
case("tomme_deltakere.csv", csv_text([row(deltakere="", vertskommune="")]), "Ingen deltakere")
case("bare_semikolon_deltakere.csv", csv_text([row(deltakere=" ; ; ", vertskommune="")]), "Ingen deltakere")
case(
    "ukjent_tjeneste.csv",
    csv_text([row(tjeneste="legevakten")]),
    "Ukjent tjenestekode 'legevakten' — mente du legevakt?",
)
case("tom_tjeneste.csv", csv_text([row(tjeneste="")]), "Ingen tjenestekode")
case("aar_som_tekst.csv", csv_text([row(etablert="tjue")]), "'tjue' er ikke et årstall")
case("aar_som_periode.csv", csv_text([row(etablert="2015-2018")]), "'2015-2018' er ikke et årstall")
case("aar_i_fremtiden.csv", csv_text([row(etablert="2999")]), "'2999' er ikke et årstall")
case("aar_med_desimal.csv", csv_text([row(etablert="2015.5")]), "er ikke et årstall")
case("svaert_langt_navn.csv", csv_text([row(navn="Ordning " * 60)]), "tegn langt")
case("formel_i_navn.csv", csv_text([row(navn='=HYPERLINK("http://x.invalid","klikk")')]), "ok")
case("html_i_navn.csv", csv_text([row(navn="<script>alert(1)</script><b>fet</b>")]), "ok")
case("komplett_kanskje.csv", csv_text([row(deltakere_komplett="kanskje")]), "Må være ja eller nei, ikke 'kanskje'")
case("vert_ikke_deltaker.csv", csv_text([row(vertskommune="Oslo")]), "Vertskommunen Oslo er ikke blant deltakerne")
case(
    "vert_ukjent.csv",
    csv_text([row(vertskommune="Dramen")]),
    "kolonne vertskommune: Ukjent kommune 'Dramen' — mente du Drammen?",
)
case("ukjent_juridisk_form.csv", csv_text([row(juridisk_form="aksjeselskap")]), "Ukjent juridisk form 'aksjeselskap'")
case("mangler_kilde.csv", csv_text([row(kilde="")]), "Kilde mangler")
case("mangler_id.csv", csv_text([row(id="")]), "id mangler")
case("id_med_mellomrom.csv", csv_text([row(id="lvs x")]), "kan ikke inneholde mellomrom")
case("for_mange_felt.csv", csv_text([GOOD + ["ekstra"]]), "Raden har 10 felt, men overskriften har 9")
case("for_faa_felt.csv", csv_text([GOOD[:5]]), "Raden har 5 felt")
case("dobbel_deltaker.csv", csv_text([row(deltakere="Drammen; Lier; DRAMMEN")]), "Drammen står flere ganger")
case("dobbel_kolonne.csv", csv_text([GOOD + ["x"]], header=HEADER + ["navn"]), "Kolonnen 'navn' står flere ganger")
case(
    "mange_feil.csv",
    csv_text([row(id=""), row(id="b", tjeneste="x", deltakere=""), row(id="c", navn="LVS C", etablert="?")]),
    "Fant 4 feil",
)
case("feil_filtype.txt", csv_text([GOOD]), "Filtypen støttes ikke")
case("flere_ark.xlsx", xlsx({"notater": [["Se neste ark"]], "data": [HEADER, GOOD]}), "har 2 ark (notater, data)")
case(
    "flettede_celler.xlsx",
    xlsx({"ordninger": [HEADER, GOOD, row(id="b")]}, merge="A2:A3"),
    "sammenslåtte celler (A2:A3)",
)
case("xlsx_mangler_kolonne.xlsx", xlsx({"ark": [HEADER[:3], GOOD[:3]]}), "Mangler kolonnen 'deltakere'")
case(
    "xlsx_ukjent_kommune.xlsx",
    xlsx({"ark": [HEADER, row(deltakere="Drammen; Liier")]}),
    "rad 2, kolonne deltakere: Ukjent kommune 'Liier' — mente du Lier?",
)
case("xlsx_tom.xlsx", xlsx({"ark": []}), "Filen er tom")
case("xlsx_bare_overskrift.xlsx", xlsx({"ark": [HEADER]}), "bare overskriftsraden")
case("ikke_xlsx.xlsx", csv_text([GOOD]), "Excel-arbeidsbok")
case("xlsx_ark_ordninger_og_notater.xlsx", xlsx({"notater": [["x"]], "ordninger": [HEADER, GOOD, OTHER]}), "ok")
case("xlsx_aar_som_tall.xlsx", xlsx({"ark": [HEADER, [*GOOD[:7], 2016, GOOD[8]]]}), "ok")
case("xlsx_formel_og_html.xlsx", xlsx({"ark": [HEADER, row(navn="<i>x</i>"), row(id="y", navn="'=SUM(A1)")]}), "ok")


# --- issue 14: classes of hostile or careless input ---------------------------------------------


def tamper(data: bytes, part: str, change) -> bytes:
    """An XLSX with one part changed (``change(bytes) -> bytes``; ``None`` drops the part)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == part:
                body = change(body)
                if body is None:
                    continue
            dst.writestr(info.filename, body)
    return out.getvalue()


def shared_strings(index: int = 0, strings: bytes = b"<si><t>LVS X</t></si>", doctype: bytes = b"") -> bytes:
    """The good register as an XLSX whose cell B2 (navn) points into a shared-string table, as Excel
    writes text; ``index`` is where it points, ``strings`` what the table holds."""
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + doctype
        + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + strings
        + b"</sst>"
    )
    data = tamper(
        GOOD_XLSX,
        SHEET_XML,
        lambda b: re.sub(
            rb'<c r="B2" t="inlineStr"><is><t>[^<]*</t></is></c>', b'<c r="B2" t="s"><v>%d</v></c>' % index, b
        ),
    )
    data = tamper(
        data,
        "[Content_Types].xml",
        lambda b: b.replace(
            b"</Types>",
            (
                b'<Override PartName="/xl/sharedStrings.xml" '
                b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                b"</Types>"
            ),
        ),
    )
    data = tamper(
        data,
        "xl/_rels/workbook.xml.rels",
        lambda b: b.replace(
            b"</Relationships>",
            (
                b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
            ),
        ),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst, zipfile.ZipFile(io.BytesIO(data)) as src:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("xl/sharedStrings.xml", sst)
    return out.getvalue()


GOOD_XLSX = xlsx({"ordninger": [HEADER, GOOD]})
SHEET_XML = "xl/worksheets/sheet1.xml"
# Tracebacks instead of messages: each must be a Norwegian message, never a trace.
case(
    "felt_over_grensen.csv",
    csv_text([GOOD]).replace("tabell 5.2 nr 11", '"' + "x" * 200_000 + '"'),
    "Cellen er 200000 tegn lang",
)
case(
    "aapent_anforselstegn.csv",  # a quote opens a cell in row 3 and is never closed
    csv_text([GOOD])
    + 'b,"LVS B,lvs,Drammen,ja,,,,kilde\n'
    + csv_text([row(id=f"r{i}", navn=f"R {i}") for i in range(300)], header=None),
    "lukkes aldri",
)
case("xlsx_delt_streng.xlsx", shared_strings(0), "ok")  # the same register, its text in a shared-string table
case("xlsx_delt_streng_utenfor.xlsx", shared_strings(99999), "kunne ikke leses")
case("xlsx_mangler_arkdel.xlsx", tamper(GOOD_XLSX, SHEET_XML, lambda b: None), "skadet")
case("xlsx_avkuttet.xlsx", tamper(GOOD_XLSX, SHEET_XML, lambda b: b[: len(b) // 2]), "kunne ikke leses")
case(
    "xlsx_entiteter.xlsx",
    shared_strings(
        0, b"<si><t>&b;</t></si>", b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    ),
    "XML-entiteter",
)
case(
    "xlsx_feil_stilindeks.xlsx",  # styles are not read: the register reads as it is
    tamper(GOOD_XLSX, SHEET_XML, lambda b: b.replace(b'<c r="A2"', b'<c s="999" r="A2"', 1)),
    "ok",
)
# Budgets: big work from a small file is refused quickly.
case(
    "langt_navn.csv",
    csv_text([row(deltakere="Drammen; " + "a" + " " * 9000 + "b(" + " " * 50 + "c")]),
    "et kommunenavn har høyst",
)
case(
    "mange_ukjente_navn.csv",
    csv_text(
        [row(id=f"u{i}", navn=f"U {i}", deltakere=f"Ukjent{i:04d}by; Lier", vertskommune="") for i in range(3000)]
    ),
    "feil til",
)
case("for_mange_rader.csv", csv_text([row(id=f"r{i}", navn=f"R {i}") for i in range(20_001)]), "mer enn 20 000 rader")
case(
    "xlsx_enorm_dimensjon.xlsx",
    tamper(
        GOOD_XLSX,
        SHEET_XML,
        lambda b: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', b, count=1),
    ),
    "høyst 20000 rader",
)
case(
    "xlsx_zip_bombe.xlsx",
    tamper(GOOD_XLSX, "xl/theme/theme1.xml", lambda b: b + b" " * (60 * 1024 * 1024)),
    "pakkes ut til",
)
# Markdown and HTML in data: read as written (the page and the exports must show it as text).
PAYLOADS = [
    "![sporing](https://evil.example/p.png)",
    "[klikk](https://evil.example)",
    "https://evil.example/a",
    ":red[rød] :material/warning:",
    "$\\alpha$",
    "<img src=x onerror=alert(1)>",
    "**fet** `kode`",
]
case(
    "markdown_og_html.csv",
    csv_text([row(id=f"m{i}", navn=f"M{i} {p}", kilde=f"kilde {p}") for i, p in enumerate(PAYLOADS)]),
    "ok",
)
# Exports that could be broken from the data: refused at the door.
case("vognretur_i_celle.csv", csv_text([row(kilde='a\r=HYPERLINK("https://evil.example")')]), "U+000D")
case("id_med_skript.csv", csv_text([row(id="x<!--<script>")]), "kan bare ha bokstavene")
# Dubious data, refused with the reason.
case("nul_tegn.csv", csv_text([row(navn="LVS\x00X")]), "U+0000")
case("retningsoverstyring.csv", csv_text([row(navn="LVS \u202eX")]), "U+202E")
case("ansi_farge.csv", csv_text([row(navn="\x1b[31mLVS X")]), "U+001B")
case(
    "feilstavet_valgfri_kolonne.csv",
    csv_text([[*GOOD, "viktig"]], header=[*HEADER, "merknd"]),
    "Ukjent kolonne 'merknd' — mente du 'merknad'?",
)
case("excel_feilverdi.csv", csv_text([row(vertskommune="#REF!")]), "Excel-feilverdien #REF!")
case("xlsx_excel_feilverdi.xlsx", xlsx({"ordninger": [HEADER, row(deltakere="#N/A")]}), "Excel-feilverdien #N/A")
case("xlsx_skjult_ark.xlsx", hidden_sheet(), "er skjult")
case("dobbel_tjeneste_kasus.csv", csv_text([row(tjeneste="lvs;LVS")]), "står flere ganger")
case("samme_ordning_to_id.csv", csv_text([GOOD, row(id="lvs-x2")]), "Samme ordning (navn og deltakere) som rad 2")
# Messages that point the right way.
case(
    "linjeskift_i_celle.csv",
    csv_text([row(kilde="linje 1\nlinje 2\nlinje 3"), row(id="b", navn="B", tjeneste="nope")]),
    "rad 3, kolonne tjeneste",
)
case("unicode_tekst.csv", "\ufeff".encode("utf-16-le") + csv_text([GOOD], delimiter="\t").encode("utf-16-le"), "ok")
case("usynlig_i_kolonnenavn.csv", csv_text([GOOD], header=[h + "\u200b" if h == "navn" else h for h in HEADER]), "ok")
case("komma_mellom_deltakere.csv", csv_text([row(deltakere="Drammen, Lier")]), "skill kommunene med semikolon")
case("null_foran_mangler.csv", csv_text([row(deltakere="301; Bærum", vertskommune="")]), "mente du 0301 (Oslo)?")
case("xlsx_formel_uten_verdi.xlsx", xlsx({"ordninger": [HEADER, row(navn='=A1&"x"')]}), "uten lagret verdi")
case("xlsx_for_mange_felt.xlsx", xlsx({"ordninger": [HEADER, [*GOOD, "", "", "", "", "ekstra"]]}), "Raden har 14 felt")
case(
    "samiske_parallellnavn.csv",
    csv_text(
        [row(deltakere="Porsanger - Porsáŋgu - Porsanki; Snåase - Snåsa; Kárášjohka - Karasjok", vertskommune="")]
    ),
    "ok",
)
case(
    "kyrillisk_a.csv",
    csv_text([row(deltakere="Dr\u0430mmen; Lier", vertskommune="")]),
    "U+0430 CYRILLIC SMALL LETTER A",
)


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    for old in HERE.iterdir():
        old.unlink()
    with open(HERE / "expected.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["fil", "forventet"])
        for name, data, expected in CASES:
            (HERE / name).write_bytes(data)
            writer.writerow([name, expected])
    print(f"skrev {len(CASES)} filer i {HERE}")


if __name__ == "__main__":
    main()
