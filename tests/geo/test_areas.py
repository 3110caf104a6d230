import pandas as pd

from geo import areas as geo_areas


def test_an_empty_selection_keeps_its_columns(dataset):
    none = geo_areas.select_arrangements(dataset.register, tjenester=["finnes-ikke"])
    assert none.empty and list(none.columns) == list(dataset.register.ordninger.columns)
    still = geo_areas.touching_view(none, ["3043"])
    assert still.empty and "deltakere" in still.columns
    assert geo_areas.count_per_kommune(pd.DataFrame({"deltakere": []}), ["3043"]).to_dict() == {"3043": 0}
