"""Bad registers give clear Norwegian messages naming file, row, column and value — all at once."""

import pytest

from geo.errors import DataError
from geo.register import ORDNINGER_COLUMNS, read_ordninger, read_tjenester

HEADER = ",".join(ORDNINGER_COLUMNS)
GOOD = 'lvs-x,LVS X,lvs,"Drammen; Lier",ja,Drammen,avtale,2016,tabell 5.2 nr 11'


def read(names, dataset, *lines, header=HEADER, encoding="utf-8"):
    text = "\n".join([header, *lines]) + "\n"
    return read_ordninger(text.encode(encoding), names=names, tjenester=dataset.register.tjenester, file="mitt.csv")


def problems(names, dataset, *lines, **kw):
    with pytest.raises(DataError) as info:
        read(names, dataset, *lines, **kw)
    return [str(p) for p in info.value.problems]


def test_a_good_row_becomes_a_valid_frame(names, dataset):
    reg = read(names, dataset, GOOD)
    row = reg.ordninger.iloc[0]
    assert row["deltakere"] == ("3005", "3049")
    assert row["vertskommune"] == "3005"
    assert row["tjenester"] == ("lvs",)
    assert row["etablert"] == 2016 and bool(row["deltakere_komplett"]) is True
    assert reg.medlemskap.to_dict("records") == [
        {"ordning_id": "lvs-x", "kommunenummer": "3005", "er_vert": True},
        {"ordning_id": "lvs-x", "kommunenummer": "3049", "er_vert": False},
    ]


def test_unknown_kommune_names_file_row_column_and_suggests(names, dataset):
    found = problems(names, dataset, GOOD, 'b,B,lvs,"Hjardal; Tinn",ja,,,,kilde')
    assert found == [
        "mitt.csv, rad 3, kolonne deltakere: Ukjent kommune 'Hjardal' — mente du Hjartdal? (kjent skrivefeil)"
    ]


def test_ambiguous_and_former_names(names, dataset):
    found = problems(names, dataset, 'a,A,lvs,"Våler; Nedre Eiker",ja,,,,kilde')
    assert "rad 2, kolonne deltakere: Flertydig kommunenavn 'Våler'" in found[0]
    assert "Nedre Eiker' finnes ikke lenger" in found[1] and "Skriv Drammen (3005)" in found[1]


def test_every_problem_at_once(names, dataset):
    found = problems(
        names,
        dataset,
        GOOD,
        "lvs-x,Dublett,lvs,Drammen,ja,,,,kilde",
        "c,C,legevak,,kanskje,Oslo,aksjeselskap,20x5,",
        'd,D,"lvs;iua",Drammen,ja,Lier,,1999,kilde',
    )
    assert "mitt.csv, rad 3, kolonne id: id 'lvs-x' står også i rad 2" in found[0]
    assert any("rad 4, kolonne tjeneste: Ukjent tjenestekode 'legevak' — mente du legevakt" in p for p in found)
    assert any("rad 4, kolonne deltakere: Ingen deltakere" in p for p in found)
    assert any("rad 4, kolonne deltakere_komplett: Må være ja eller nei, ikke 'kanskje'" in p for p in found)
    assert any("rad 4, kolonne juridisk_form: Ukjent juridisk form 'aksjeselskap'" in p for p in found)
    assert any("rad 4, kolonne etablert: '20x5' er ikke et årstall" in p for p in found)
    assert any("rad 4, kolonne kilde: Kilde mangler" in p for p in found)
    assert any("rad 5, kolonne vertskommune: Vertskommunen Lier er ikke blant deltakerne" in p for p in found)
    assert len(found) == 8


def test_missing_column_suggests_the_one_that_is_there(names, dataset):
    header = HEADER.replace("deltakere,", "deltaker,")
    found = problems(names, dataset, GOOD, header=header)
    assert found == ["mitt.csv, rad 1: Mangler kolonnen 'deltakere' — fant 'deltaker'; mente du den?"]


def test_semicolon_separated_files_are_read_and_the_note_says_so(names, dataset):
    text = HEADER.replace(",", ";") + "\n" + GOOD.replace(",", ";").replace('"Drammen; Lier"', '"Drammen; Lier"')
    reg = read_ordninger(text.encode(), names=names, tjenester=dataset.register.tjenester, file="semi.csv")
    assert any("semikolon" in n for n in reg.notes)


def test_windows_1252_is_read_and_the_note_says_so(names, dataset):
    text = HEADER + "\n" + GOOD + "\n" + 'b,Bø PPT,ppt,"Ål; Hol",ja,,,,kilde\n'
    reg = read_ordninger(text.encode("cp1252"), names=names, tjenester=dataset.register.tjenester, file="w.csv")
    assert "Bø PPT" in set(reg.ordninger["navn"]) and any("Windows-1252" in n for n in reg.notes)


def test_utf8_with_bom_blank_lines_and_quoted_commas_are_read(names, dataset):
    text = "\ufeff" + HEADER + "\n\n" + GOOD.replace("LVS X", '"LVS X, sør"') + "\n\n"
    reg = read_ordninger(text.encode("utf-8"), names=names, tjenester=dataset.register.tjenester, file="bom.csv")
    assert reg.ordninger.loc[0, "navn"] == "LVS X, sør"
    assert reg.ordninger.loc[0, "rad"] == 3  # the blank line 2 still counts as a row


def test_empty_and_header_only_files(names, dataset):
    tj = dataset.register.tjenester
    with pytest.raises(DataError, match="mitt.csv: Filen er tom"):
        read_ordninger(b"", names=names, tjenester=tj, file="mitt.csv")
    with pytest.raises(DataError, match="bare overskriftsraden"):
        read_ordninger((HEADER + "\n").encode(), names=names, tjenester=tj, file="mitt.csv")


def test_wrong_number_of_cells(names, dataset):
    found = problems(names, dataset, GOOD + ",ekstra")
    assert "rad 2: Raden har 10 felt, men overskriften har 9" in found[0]


def test_long_name_and_duplicate_member(names, dataset):
    found = problems(names, dataset, f'a,{"x" * 250},lvs,"Drammen; drammen",ja,,,,kilde')
    assert "250 tegn" in found[0]
    assert "Drammen står flere ganger" in found[1]


def test_legal_form_variants_are_accepted(names, dataset):
    reg = read(names, dataset, GOOD.replace("avtale", "§20-2"))
    assert reg.ordninger.loc[0, "juridisk_form"] == "administrativ vertskommune"


def test_service_table_checks_codes_and_sectors():
    text = "kode,navn,sektor,oppgave,alle_har\nlvs,LVS,Helse,,ja\nlvs,LVS igjen,Helse,,ja\nX Y,Feil,Helsa,,kanskje\n"
    with pytest.raises(DataError) as info:
        read_tjenester(text.encode(), file="tj.csv")
    found = [str(p) for p in info.value.problems]
    assert "tj.csv, rad 3, kolonne kode: Tjenestekoden 'lvs' står også i rad 2." in found
    assert any("rad 4, kolonne kode" in p for p in found)
    assert "tj.csv, rad 4, kolonne sektor: Ukjent sektor 'Helsa' — mente du Helse?" in found
    assert "tj.csv, rad 4, kolonne alle_har: alle_har må være ja eller nei, ikke 'kanskje'." in found
