"""The shipped register against the report it was built from.

Every expected number here is derived from the report's own tables (parsed from the text in
``data/kilder``) or from the register itself; nothing is copied from the report's prose.
"""

import re

import pytest

from geo._text import normalise
from geo.counties import ERAS, county_of
from geo.register import SEKTORER
from tests.report_tables import KOMMUNE_TABLES, TABLE_IDS

SECTOR_TABLES = dict(zip([f"5.{i}" for i in range(1, 11)], SEKTORER[:10]))

#: Rows of the per-kommune tables that the register deliberately does not follow.
NOT_IN_REGISTER = {
    ("4.4 Ål", "ika-opplandene"): "Ål står ikke i deltakerlisten i tabell 2.5 nr 34; Ål er med i IKA Kongsberg.",
    (
        "4.4 Ål",
        "alarmsentral-brann-innlandet-abi",
    ): "Ål står ikke i deltakerlisten i tabell 2.5 nr 35; Ål hører til Sør-Øst 110.",
    (
        "4.4 Ål",
        "fagradet-for-ytre-oslofjord",
    ): "Ål står ikke i deltakerlisten i tabell 2.7 nr 5 eller tabell 5.7 nr 14.",
    ("4.4 Ål", "osloregionen-ikpr"): "Ål står ikke i deltakerlisten i tabell 2.7 nr 2.",
}
#: Rows whose stated number of members differs from the member list the register follows.
COUNT_DIFFERENCES = {
    "ika-opplandene": "tabell 2.5 nr 34 lister 50 kommuner; tabell 4.4, 4.6 og 5.1 oppgir 44",
    "alarmsentral-brann-innlandet-abi": "tabell 2.5 nr 35 lister 47 kommuner; tabell 4.4, 4.6 og 5.8 oppgir 46",
    "iua-oppland": "tabell 2.5 nr 33 og 5.8 nr 14 lister 25 kommuner; tabell 4.6 oppgir 24",
}


@pytest.fixture(scope="module")
def by_name(dataset):
    """normalised name or alias → register id."""
    lookup = {}
    for row in dataset.register.ordninger.itertuples():
        for name in (row.navn, *row.alias):
            assert lookup.setdefault(normalise(name), row.id) == row.id
    return lookup


@pytest.fixture(scope="module")
def rows_by_id(report_tables, by_name):
    found = {}
    for table in TABLE_IDS:
        for row in report_tables[table]:
            found.setdefault(by_name[normalise(row.name)], []).append(row)
    return found


def _members(dataset, oid):
    return dataset.register.ordninger.set_index("id").loc[oid, "deltakere"]


def test_every_table_row_is_one_register_row_and_back(dataset, report_tables, by_name, rows_by_id):
    unknown = [
        f"{t} nr {r.nr} {r.name}" for t in TABLE_IDS for r in report_tables[t] if normalise(r.name) not in by_name
    ]
    assert unknown == []
    # one register row per arrangement, however many tables list it
    assert set(rows_by_id) == set(dataset.register.ordninger["id"])
    assert dataset.register.ordninger["id"].is_unique


def test_each_row_cites_table_rows_that_name_it(dataset, report_tables, new_arrangements, by_name):
    for o in dataset.register.ordninger.itertuples():
        refs = re.findall(r"tabell (\d\.\d+)(?: \((\w+)\))? nr (\d+)", o.kilde)
        assert refs, o.id
        for table, kommune, nr in refs:
            if table == "2.2":
                assert by_name[normalise(new_arrangements[int(nr)])] == o.id
                continue
            key = (f"{table} {kommune}".strip(), int(nr))
            # two rows share a number in some tables; one of them must be this arrangement
            candidates = [r for t, r in ((t, r) for t in TABLE_IDS for r in report_tables[t]) if (t, r.nr) == key]
            assert any(by_name[normalise(r.name)] == o.id for r in candidates), (o.id, key)


def test_full_member_lists_are_reproduced(dataset, names, rows_by_id):
    for oid, rows in rows_by_id.items():
        register = sorted(normalise(names.names[k]) for k in _members(dataset, oid))
        for row in rows:
            if row.summary:
                continue
            printed = sorted(normalise(re.sub(r"\s*\(.*\)$", "", m)) for m in row.members)
            printed = [normalise(n) if n != "hjardal" else "hjartdal" for n in printed]
            assert printed == register, f"{row.table} nr {row.nr} {row.name}"


def test_summarised_member_lists_match_their_counts(dataset, names, rows_by_id):
    ordninger = dataset.register.ordninger.set_index("id")
    for oid, rows in rows_by_id.items():
        members = ordninger.loc[oid, "deltakere"]
        complete = ordninger.loc[oid, "deltakere_komplett"]
        stated = [row for row in rows if row.stated_count is not None]
        for row in stated:
            named = {normalise(m) for m in row.members}
            assert named <= {normalise(names.names[k]) for k in members}, (oid, row.table)
            if not complete:
                assert len(members) < row.stated_count, (oid, row.table)
            elif oid not in COUNT_DIFFERENCES:
                assert len(members) == row.stated_count, (oid, row.table, row.nr)
        if oid in COUNT_DIFFERENCES:  # the listed difference is real
            assert any(row.stated_count != len(members) for row in stated), oid


def test_incomplete_lists_say_so(dataset):
    incomplete = dataset.register.ordninger.query("not deltakere_komplett")
    assert len(incomplete) > 0
    assert incomplete["merknad"].str.contains("oppgir").all()


@pytest.mark.parametrize("table", list(KOMMUNE_TABLES))
def test_per_kommune_tables_are_reproduced(dataset, names, report_tables, by_name, table):
    knr = names.by_name[normalise(KOMMUNE_TABLES[table])][0]
    in_table = {by_name[normalise(r.name)] for r in report_tables[table]}
    medlemskap = dataset.register.medlemskap
    in_register = set(medlemskap.loc[medlemskap["kommunenummer"] == knr, "ordning_id"])
    deliberate = {oid for (t, oid) in NOT_IN_REGISTER if t == table}
    assert in_table - in_register == deliberate
    assert in_register - in_table == set()


def test_sector_tables_map_to_services_of_that_sector(dataset, report_tables, by_name):
    sector = dict(zip(dataset.register.tjenester["kode"], dataset.register.tjenester["sektor"]))
    ordninger = dataset.register.ordninger.set_index("id")
    for table, name in SECTOR_TABLES.items():
        for row in report_tables[table]:
            codes = ordninger.loc[by_name[normalise(row.name)], "tjenester"]
            assert name in {sector[c] for c in codes}, f"{table} nr {row.nr} {row.name}: {codes}"


def test_arrangements_outside_the_sector_tables_are_regional_councils(dataset, report_tables, by_name):
    in_sector_tables = {by_name[normalise(r.name)] for t in SECTOR_TABLES for r in report_tables[t]}
    rest = dataset.register.ordninger[~dataset.register.ordninger["id"].isin(in_sector_tables)]
    sector = dict(zip(dataset.register.tjenester["kode"], dataset.register.tjenester["sektor"]))
    assert len(rest) > 0
    assert all(sector[c] == "Regionråd og samfunnsutvikling" for codes in rest["tjenester"] for c in codes)


def test_new_arrangements_of_table_2_2(dataset, new_arrangements, by_name):
    listed = {by_name[normalise(n)] for n in new_arrangements.values()}
    assert len(listed) == len(new_arrangements)
    marked = set(dataset.register.ordninger.query("etablert_periode == '2015–2021'")["id"])
    assert marked == listed


def test_cross_county_tables_cross_a_county_border_in_some_era(dataset, report_tables, by_name, report_text):
    counties = {era: county_of(dataset.fylker, era)["fylke"] for era in ERAS}
    ordninger = dataset.register.ordninger.set_index("id")
    within = []
    for table in ("2.4", "2.5", "2.6", "2.7"):
        for row in report_tables[table]:
            members = list(ordninger.loc[by_name[normalise(row.name)], "deltakere"])
            if not any(counties[era].loc[members].nunique() > 1 for era in ERAS):
                within.append(sorted(dataset.names.display[k] for k in members))
    # The one exception: the report counts Lunner–Jevnaker as crossing by electoral district
    # ("Jevnaker ble en del av Buskerud valgdistrikt ..., mens Lunner ble en del av Akershus");
    # as counties, both are in Oppland, then Viken, then Akershus (Jevnaker 3236 from 2024).
    assert re.search(r"Jevnaker ble en del av Buskerud\s+valgdistrikt", report_text)
    assert within == [["Jevnaker", "Lunner"]]


def test_study_area_is_tabell_1_1(dataset, report_text):
    printed = set(re.findall(r"K_(\d{4}) ", report_text))
    assert printed == set(dataset.studieomrade["kommunenummer"])
    # region totals printed in Tabell 1.1 equal the sum of their kommuner
    populations = {knr: int(n) for knr, n in re.findall(r"K_(\d{4}) [^\d]+ (\d+)", report_text)}
    study = dataset.studieomrade.set_index("kommunenummer")
    assert all(study.loc[k, "innbyggere_2021"] == n for k, n in populations.items())
    for region, total in re.findall(  # noqa: B007 - the query reads @region
        r"^(Drammensregionen|Kongsbergregionen|Ringeriksregionen|Hallingdal) (\d+)", report_text, re.M
    ):
        assert study.query("kommuneregion == @region")["innbyggere_2021"].sum() == int(total)


def test_every_study_area_kommune_is_in_the_register(dataset):
    members = set(dataset.register.medlemskap["kommunenummer"])
    assert set(dataset.studieomrade["kommunenummer"]) <= members


def test_task_areas_of_tabell_3_1_are_reachable(dataset, report_text):
    block = report_text.split("Tabell 3.1 Oppgaveområder", 1)[1].split("3.2 Fordeling", 1)[0]
    areas = re.findall(r"^(\d+) (.+?)\s*$", block, re.M)
    assert [int(n) for n, _ in areas] == list(range(1, len(areas) + 1))
    oppgave = dataset.register.tjenester["oppgave"]
    assert sorted(oppgave[oppgave != ""]) == sorted(name for _, name in areas)


def test_required_service_codes_exist(dataset):
    assert {"legevakt", "lvs", "barnevernvakt", "ppt", "iua"} <= set(dataset.register.tjenester["kode"])


def test_hosts_stated_by_the_report(dataset):
    o = dataset.register.ordninger.set_index("id")
    name = dataset.names.names
    assert name[o.loc["lvs-hallingdal", "vertskommune"]] == "Ål"
    assert name[o.loc["lvs-drammen", "vertskommune"]] == "Drammen"
    assert o.loc["hallingdal-legevakt", "vertskommune"] == ""  # the report does not say
    assert o.loc["sor-ost-110-iks", "vertskommune"] == ""  # an IKS has no vertskommune
    assert (dataset.register.medlemskap.groupby("ordning_id")["er_vert"].sum() <= 1).all()


def test_report_misspellings_are_corrected_and_kept_as_aliases(dataset):
    o = dataset.register.ordninger.set_index("id")
    assert o.loc["fjellab", "navn"] == "Fjellab" and "Fjelllab" in o.loc["fjellab", "alias"]
    assert "E134 Haugelivegen AS" in o.loc["e134-haukelivegen-as", "alias"]
    assert "Nedre Hallingdal verterærvakt" in o.loc["nedre-hallingdal-veterinaervakt", "alias"]
    text = " ".join(o["navn"])
    for wrong in ("Fjelllab", "Haugelivegen", "verterærvakt", "Notoddden", "Øvrer", "Hjardal"):
        assert wrong not in text
