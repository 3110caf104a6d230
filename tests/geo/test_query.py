from geo.query import arrangements_for_kommune


def test_kommune_table_lists_its_arrangements_with_hosts(dataset):
    tinn = dataset.names.by_name["tinn"][0]
    table = arrangements_for_kommune(dataset, tinn)
    ids = set(dataset.register.medlemskap.query("kommunenummer == @tinn")["ordning_id"])
    assert set(table["id"]) == ids
    assert table["Antall"].is_monotonic_increasing
    kraft = table.set_index("id").loc["kommunekraft-as"]
    assert kraft["Deltakere"].endswith("m.fl. (ufullstendig liste)")

    hallingdal = arrangements_for_kommune(dataset, dataset.names.by_name["ål"][0]).set_index("id")
    assert hallingdal.loc["lvs-hallingdal", "Vertskommune"] == "Ål"
    assert hallingdal.loc["lvs-hallingdal", "Tjeneste"] == "Legevaktsentral (116117)"


import pytest  # noqa: E402

from geo.query import search  # noqa: E402


@pytest.mark.parametrize(
    "query, first",
    [
        ("kongsberg legevakt", "Kongsbergregionen interkommunale legevakt"),
        ("legevakt kongsberg", "Kongsbergregionen interkommunale legevakt"),
        ("notodden legevakt", "Notodden interkommunale legevakt"),
        ("gjøvik legevakt", "Gjøvik interkommunale legevakt (GIL)"),
        ("Nedre Eiker", "Nedre Eiker → Drammen"),
        ("Røyken", "Røyken → Asker"),
        ("hjardal", "Hjartdal"),
    ],
)
def test_search_finds_words_in_any_order_and_former_kommuner(dataset, query, first):
    assert search(dataset, query)[0][2] == first


def test_drammen_legevakt_finds_both_drammen_legevakter(dataset):
    names = [h[2] for h in search(dataset, "drammen legevakt")]
    assert {"Legevakta i Drammen-Lier", "Legevakta i Drammen-Holmestrand"} <= set(names)


def test_nothing_found_is_an_empty_list(dataset):
    assert search(dataset, "xyzzy qwerty") == []
