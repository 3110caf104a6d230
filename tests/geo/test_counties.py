import pytest

from geo.counties import ERAS, county_of, resolve_era


@pytest.mark.parametrize(
    "kommune, era, fylke",
    [
        ("Jevnaker", "2019", "Oppland"),
        ("Jevnaker", "2020", "Viken"),
        ("Jevnaker", "2024", "Akershus"),
        ("Lunner", "2019", "Oppland"),
        ("Lunner", "2020", "Viken"),
        ("Lunner", "2024", "Akershus"),
        ("Gran", "2019", "Oppland"),
        ("Gran", "2020", "Innlandet"),
        ("Gran", "2024", "Innlandet"),
        ("Holmestrand", "2019", "Vestfold"),
        ("Holmestrand", "2020", "Vestfold og Telemark"),
        ("Holmestrand", "2024", "Vestfold"),
        ("Drammen", "2019", "Buskerud"),
        ("Drammen", "2020", "Viken"),
        ("Drammen", "2024", "Buskerud"),
        ("Asker", "2019", "Akershus"),
        ("Tinn", "2024", "Telemark"),
        ("Alta", "2024", "Finnmark - Finnmárku - Finmarkku"),
        ("Tromsø", "2024", "Troms - Romsa - Tromssa"),
        ("Bodø", "2020", "Nordland - Nordlánnda"),
        ("Hamar", "2019", "Hedmark"),
        ("Gjøvik", "2019", "Oppland"),
        ("Bergen", "2019", "Hordaland"),
        ("Kinn", "2019", "Sogn og Fjordane"),
        ("Arendal", "2019", "Aust-Agder"),
    ],
)
def test_county_by_era(dataset, kommune, era, fylke):
    knr = dataset.names.by_name[kommune.lower()][0]
    assert county_of(dataset.fylker, era).loc[knr, "fylkesnavn"] == fylke


def test_county_codes_follow_the_kommunenummer_in_2020(dataset):
    table = county_of(dataset.fylker, "2020")
    assert (table.index.str[:2] == table["fylke"]).all()


def test_every_kommune_has_a_county_in_every_era(dataset):
    assert set(dataset.fylker["kommunenummer"]) == set(dataset.kommuner["kommunenummer"])
    for era in ERAS:
        table = county_of(dataset.fylker, era)
        assert table["fylke"].str.fullmatch(r"\d{2}").all()
        assert (table["fylkesnavn"] != "").all()


def test_straddling_kommuner_say_how_they_were_placed(dataset):
    notes = dataset.fylker.set_index("navn")["merknad"]
    assert "Svelvik" in notes["Drammen"] and "største del" in notes["Drammen"]
    assert "Røyken" in notes["Asker"] and "Hurum" in notes["Asker"]
    assert notes["Gran"] == ""


def test_split_counties_of_2024(dataset):
    table = county_of(dataset.fylker, "2024").join(dataset.fylker.set_index("kommunenummer")["fylke_2020"])
    from_viken = set(table.loc[table["fylke_2020"] == "30", "fylkesnavn"])
    assert from_viken == {"Østfold", "Akershus", "Buskerud"}
    from_vt = set(table.loc[table["fylke_2020"] == "38", "fylkesnavn"])
    assert from_vt == {"Vestfold", "Telemark"}


def test_unknown_era_lists_the_valid_ones():
    with pytest.raises(ValueError, match="Gyldige: 2019, 2020 eller 2024"):
        resolve_era("2021")
    assert resolve_era(2024).key == "2024"


def test_county_names_are_kartverkets_official_forms_in_2024(dataset):
    import json

    from geo import settings

    source = settings.ROOT.parent / "shared" / "data" / "kartverket-2024" / "Fylker-M.geojson"
    if not source.exists():
        pytest.skip("Kartverkets fylkesfil (../shared) finnes ikke her")
    official = {
        f["properties"]["fylkesnummer"]: f["properties"]["fylkesnavn"]
        for f in json.loads(source.read_text())["features"]
    }
    ours = county_of(dataset.fylker, "2024").drop_duplicates("fylke").set_index("fylke")["fylkesnavn"].to_dict()
    assert ours == official


def test_a_county_is_found_by_any_of_its_official_forms(dataset):
    from geo.regions import resolve_region

    for form in ("Nordland", "Nordlánnda", "nordland - nordlánnda"):
        assert resolve_region(dataset.studieomrade, dataset.fylker, form, era="2024").label == "Nordland - Nordlánnda"
    assert dataset.names.display["1818"] == "Herøy (Nordland)"  # a shared kommune name: the Norwegian form
