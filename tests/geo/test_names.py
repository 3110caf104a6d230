import pytest

from geo.names import NameError_, resolve_kommune


@pytest.mark.parametrize(
    "text, knr",
    [
        ("Drammen", "3005"),
        ("drammen", "3005"),
        ("  DRAMMEN ", "3005"),
        ("Sør-Aurdal", "3449"),
        ("Sør Aurdal", "3449"),
        ("sør aurdal", "3449"),
        ("Nord Aurdal", "3451"),
        ("Nore og Uvdal", "3052"),
        ("nore  og uvdal", "3052"),
        ("Aurskog Høland", "3026"),
        ("Våler (Innlandet)", "3419"),
        ("Våler (Hedmark)", "3419"),
        ("Våler (Viken)", "3018"),
        ("Våler (Østfold)", "3018"),
        ("Herøy (Nordland)", "1818"),
        ("Herøy (Møre og Romsdal)", "1515"),
        ("0301", "0301"),
        ("Guovdageaidnu", "5430"),
    ],
)
def test_resolves_official_names_and_variants(names, text, knr):
    assert resolve_kommune(names, text) == knr


def test_misspelling_asks_what_was_meant(names):
    with pytest.raises(NameError_, match=r"Ukjent kommune 'Hjardal' — mente du Hjartdal\?"):
        resolve_kommune(names, "Hjardal")
    assert resolve_kommune(names, "Hjardal", accept_misspellings=True) == "3819"


def test_close_match_for_a_typo(names):
    with pytest.raises(NameError_, match="mente du Hjartdal"):
        resolve_kommune(names, "Hjartdall")
    with pytest.raises(NameError_, match="fant ingen lignende"):
        resolve_kommune(names, "Atlantis")


def test_ambiguous_name_asks_for_the_county(names):
    with pytest.raises(NameError_, match=r"Flertydig .*'Våler'.*Våler \(Viken\) eller Våler \(Innlandet\)"):
        resolve_kommune(names, "Våler")


def test_wrong_county_is_refused(names):
    with pytest.raises(NameError_, match="fylket passer ikke"):
        resolve_kommune(names, "Våler (Nordland)")


@pytest.mark.parametrize("old, new", [("Nedre Eiker", "Drammen"), ("Svelvik", "Drammen"), ("Hurum", "Asker")])
def test_former_kommune_says_what_it_became(names, old, new):
    with pytest.raises(NameError_, match=rf"'{old}' finnes ikke lenger.*Skriv {new}"):
        resolve_kommune(names, old)


@pytest.mark.parametrize(
    "name, official",
    [
        ("Snåase", "Snåsa"),
        ("Raarvihke", "Røyrvik"),
        ("Loabák", "Lavangen"),
        ("Hábmer", "Hamarøy"),
        ("Hámmerfeasta", "Hammerfest"),
        ("Snåase - Snåsa", "Snåsa"),
    ],
)
def test_official_sami_and_kven_forms_are_names_of_the_same_kommune_in_2020(name, official):
    from geo.io import load_names

    index = load_names().indexes["2020"]
    assert index.names[resolve_kommune(index, name)] == official


def test_a_register_of_2020_accepts_the_sami_forms_and_stays_in_2020(dataset):
    from geo.io import load_names
    from geo.uploads import read_register_upload

    text = (
        "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde,kommuneinndeling\n"
        'a,Legevakt Indre Namdal,legevakt,"Snåase; Raarvihke",ja,,,,eget,2020\n'
    )
    register = read_register_upload(text.encode(), "r.csv", names=load_names(), tjenester=dataset.register.tjenester)
    assert register.provenance.division == "2020" and register.ordninger["deltakere"].iloc[0] == ("5041", "5043")
