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
