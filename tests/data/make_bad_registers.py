"""Write the corpus of bad registers in tests/data/bad_registers and its expectations.

Run again after changing a case: `.venv/bin/python tests/data/make_bad_registers.py`.
``expected.csv`` holds, per file, a fragment its message must contain, or ``ok`` for a format
variant the app reads right. (The file over the upload limit is made by the test itself.)
"""

from __future__ import annotations

import csv
import io
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
case("semikolon.csv", csv_text([GOOD], delimiter=";"), "Feil skilletegn")
case("tabulator.csv", csv_text([GOOD], delimiter="\t"), "tabulator")
case("latin1.csv", csv_text([GOOD, OTHER]).encode("latin-1"), "ikke UTF-8 (ugyldig byte på linje 3)")
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
case("tidligere_svelvik.csv", csv_text([row(deltakere="Svelvik; Lier", vertskommune="")]), "Skriv Drammen (3005)")
case("tidligere_hurum.csv", csv_text([row(deltakere="Drammen; Hurum")]), "Skriv Asker (3025)")
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
    csv_text([row(id=""), row(id="b", tjeneste="x", deltakere=""), row(id="c", etablert="?")]),
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
