"""The layer «Nye ordninger i en periode»: counts per kommune of arrangements founded in the period,
per kommuneregion in its table; it reproduces the report's statement of where most and fewest new
arrangements were founded after 2015 (both read, neither typed in)."""

import re

from geo import settings
from geo.founded import founded_between
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.new_since import default_period
from layers.registry import build_layer
from layers.state import ViewState, repair


def _report_statement() -> tuple[list[str], str]:
    text = " ".join(settings.REPORT_TEXT_PATH.read_text(encoding="utf-8").split())
    found = re.search(r"Flest nyetableringer registreres i (.+?), færrest i (\w+)\.", text)
    most = re.split(r", | og ", found.group(1))
    return most, found.group(2)


def _buskerud_regions(dataset) -> set[str]:
    """The kommuneregioner of former Buskerud (the randkommuner's regions, like Hadeland, are not)."""
    county = dataset.fylker.set_index("kommunenummer")["fylkesnavn_2019"]
    s = dataset.studieomrade
    return {r for r, k in zip(s["kommuneregion"], s["kommunenummer"]) if county.get(k) == "Buskerud"}


def test_the_layer_reproduces_where_the_report_says_most_and_fewest_new_arrangements_were_founded(dataset):
    most, fewest = _report_statement()
    assert len(most) == 3 and fewest
    start, end = default_period(dataset)
    assert start == 2015 and end == int(dataset.register.provenance.date[:4])  # "after 2015", to the register's year
    kommuner = prepare_kommuner(dataset, "region")
    spec = build_layer(dataset, kommuner, "nye", ViewState(lag="nye").filters())
    table = spec.table.frame.set_index("region")
    homes = table.loc[sorted(_buskerud_regions(dataset)), "hjem"].sort_values(ascending=False)
    assert set(homes.index[:3]) == set(most)  # Kongsbergregionen, Hallingdal and Ringeriksregionen, from the text
    assert homes.index[-1] == fewest and homes.iloc[-1] < homes.iloc[-2]  # Drammensregionen, alone at the bottom
    per = table.loc[sorted(_buskerud_regions(dataset)), "per_kommune"].sort_values()
    assert per.index[0] == fewest  # per kommune too


def test_each_kommune_counts_the_new_arrangements_it_is_in(dataset):
    kommuner = prepare_kommuner(dataset, "region")
    spec = build_layer(dataset, kommuner, "nye", Filters(periode=(2015, 2021)))
    o = dataset.register.ordninger
    new = o[founded_between(o, 2015, 2021).to_numpy()]
    hol = next(k for k, v in dataset.names.display.items() if v == "Hol")
    expected = sum(hol in d for d in new["deltakere"])
    shown = spec.data_table.display().set_index("Kommunenummer")  # what the map shows, its data export holds
    assert shown.loc[hol, "Nye ordninger"] == expected > 0
    assert spec.title == "Nye ordninger etablert 2015–2021 pr kommune"
    assert any(f"{len(new)} ordninger er etablert 2015–2021" in n for n in spec.notes)
    earlier = build_layer(dataset, kommuner, "nye", Filters(periode=(2000, 2014)))
    assert earlier.title.endswith("2000–2014 pr kommune") and earlier.table.frame["hjem"].sum() >= 0


def test_a_link_with_a_period_that_is_no_period_says_so(dataset):
    state, notes = repair(ViewState(lag="nye", periode="2021–2015"), dataset)
    assert state.periode is None and any("ikke en periode av årstall" in n for n in notes)
    state, notes = repair(ViewState(lag="nye", periode="2015–2018"), dataset)
    assert state.periode == "2015-2018" and not notes
    assert ViewState(lag="nye", periode="2015-2018").to_query()["periode"] == "2015-2018"
    assert ViewState.from_session({"lag": "nye", "periode": (2016, 2019)}).periode == "2016-2019"
    assert ViewState(lag="dekning", periode="2015-2018").filters().periode is None  # only the layer that takes it
