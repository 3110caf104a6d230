"""Two kommune divisions (2020 and 2024), the crosswalk between them, registers written in either,
and the NIVI register drawn on today's map."""

import re

import geopandas as gpd
import pytest
import shapely

from geo import settings
from geo.counties import county_of
from geo.errors import DataError
from geo.io import load_crosswalk, load_dataset, load_names, load_reference, with_register
from geo.names import resolve_kommune
from geo.uploads import read_register_upload
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.registry import build_layer

HEADER = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
#: Written with 2024 names: Haram (split from Ålesund in 2024), Jevnaker, the official Sami form of
#: Karasjok, and Drammen by its 2024 number.
TODAY = (
    HEADER
    + 'a,Sunnmøre legevakt,legevakt,"Ålesund; Haram; Giske",ja,Ålesund,,,eget\n'
    + 'b,Hadeland PPT,ppt,"Jevnaker; Lunner; 3301",ja,,,,eget\n'
    + 'c,Finnmark barnevernvakt,barnevernvakt,"Kárášjohka - Karasjok; Porsanki",ja,,,,eget\n'
)
#: The same register in 2020 terms: Haram was part of Ålesund, Drammen was 3005.
THEN = (
    HEADER
    + 'a,Sunnmøre legevakt,legevakt,"Ålesund; Giske",ja,Ålesund,,,eget\n'
    + 'b,Hadeland PPT,ppt,"Jevnaker; Lunner; 3005",ja,,,,eget\n'
    + 'c,Finnmark barnevernvakt,barnevernvakt,"Karasjok; Porsanger",ja,,,,eget\n'
)


@pytest.fixture(scope="module")
def names():
    return load_names()


def _read(text: str, names, file="r.csv"):
    return read_register_upload(text.encode(), file, names=names, tjenester=load_dataset().register.tjenester)


def test_the_2024_division_is_357_valid_polygons_in_a_valid_coverage():
    ref = load_reference(division="2024")
    geoms = ref.kommuner.geometry.values
    assert len(ref.kommuner) == 357 and shapely.is_valid(geoms).all()
    assert shapely.coverage_is_valid(ref.kommuner.to_crs(settings.CRS_METRIC).geometry.values)
    assert {"1580", "3236", "5610"} <= set(ref.kommuner["kommunenummer"])


@pytest.mark.parametrize("division", ["2020", "2024"])
def test_county_tables_name_the_same_kommuner_as_the_polygons(division):
    ref = load_reference(division=division)
    polygons = dict(zip(ref.kommuner["kommunenummer"], ref.kommuner["navn"]))
    assert dict(zip(ref.fylker["kommunenummer"], ref.fylker["navn"])) == polygons


def test_the_crosswalk_pairs_every_kommune_of_both_divisions_with_its_own_land():
    cw = load_crosswalk().pairs
    k20 = load_reference(division="2020").kommuner.to_crs(settings.CRS_METRIC).set_index("kommunenummer").geometry
    k24 = load_reference(division="2024").kommuner.to_crs(settings.CRS_METRIC).set_index("kommunenummer").geometry
    assert set(cw["kommunenummer_2020"]) == set(k20.index) and set(cw["kommunenummer_2024"]) == set(k24.index)
    a = gpd.GeoSeries(k20.loc[cw["kommunenummer_2020"]].values)
    b = gpd.GeoSeries(k24.loc[cw["kommunenummer_2024"]].values)
    overlap = a.intersection(b).area.values
    share = overlap / b.area.values  # most of each 2024 kommune lies in its 2020 partner
    assert (share > 0.8).all(), cw[share <= 0.8]
    alesund = cw[cw["kommunenummer_2020"] == "1507"]
    assert set(alesund["navn_2024"]) == {"Ålesund", "Haram"}
    assert (cw["kommunenummer_2024"].value_counts() == 1).all()  # no merger in 2024: one predecessor each


@pytest.mark.parametrize(
    "name, knr",
    [
        ("Kárášjohka - Karasjok", "5610"),
        ("Karasjok", "5610"),
        ("Kárášjohka", "5610"),
        ("Porsanger - Porsáŋgu - Porsanki", "5622"),
        ("Porsanki", "5622"),
        ("Snåase - Snåsa", "5041"),
        ("Snåsa", "5041"),
        ("3236", "3236"),
        ("Jevnaker", "3236"),
        ("Haram", "1580"),
        ("Våler (Østfold)", "3114"),
        ("Våler (Innlandet)", "3419"),
    ],
)
def test_names_resolve_in_the_2024_division(names, name, knr):
    assert resolve_kommune(names.indexes["2024"], name) == knr


def test_a_register_in_2024_names_loads_and_maps(names):
    register = _read(TODAY, names)
    assert register.provenance.division == "2024"
    assert any("kommuneinndelingen 2024" in n for n in register.notes)
    data = with_register(load_dataset(division="2024"), register)
    o = data.register.ordninger.set_index("id")
    assert set(o.loc["a", "deltakere"]) == {"1508", "1580", "1532"} and o.loc["b", "deltakere"][2] == "3301"
    spec = build_layer(
        data, prepare_kommuner(data, "region"), "dekning", Filters(tjenester=("legevakt",), omrade="Møre og Romsdal")
    )
    area = spec.areas.query("kind == 'ordning' and key == 'a'").geometry.iloc[0]
    haram = prepare_kommuner(data, "region").set_index("kommunenummer").geometry["1580"]
    assert area.contains(haram.representative_point())
    assert "kommuneinndeling 2024" in spec.source


def test_the_same_register_in_2020_terms_loads_too(names):
    register = _read(THEN, names)
    assert register.provenance.division == "2020"
    assert set(register.ordninger.set_index("id").loc["b", "deltakere"]) == {"3053", "3054", "3005"}


def test_a_register_mixing_the_divisions_is_refused_row_by_row(names):
    mixed = HEADER + 'a,X,legevakt,"Haram; Giske",ja,,,,eget\n' + 'b,Y,ppt,"Jevnaker; 3005",ja,,,,eget\n'
    with pytest.raises(DataError) as info:
        _read(mixed, names, file="blandet.csv")
    text = str(info.value)
    assert "blander kommuneinndelingene" in text and "rad 2 (Haram)" in text and "rad 3 (3005)" in text
    rows = [p for p in info.value.problems if p.row is not None]
    assert rows and all("finnes i kommuneinndelingen" in p.message for p in rows)


def test_a_name_of_the_other_division_says_so(names):
    stated = HEADER.replace(",kilde\n", ",kilde,kommuneinndeling\n") + 'a,X,legevakt,"Haram; Giske",ja,,,,eget,2020\n'
    with pytest.raises(
        DataError,
        match=r"rad 2, kolonne deltakere: 'Haram' finnes i kommuneinndelingen 2024 "
        r"\(Haram, 1580\), men registeret bruker kommuneinndelingen 2020",
    ):
        _read(stated, names)


def test_the_nivi_register_on_2024_boundaries_has_the_same_members(dataset):
    today = load_dataset(division="2024")
    mapping = load_crosswalk().mapping("2020", "2024")
    before = dataset.register.ordninger.set_index("id")["deltakere"]
    after = today.register.ordninger.set_index("id")["deltakere"]
    assert list(before.index) == list(after.index)
    for oid, members in before.items():
        assert set(after[oid]) == {m for k in members for m in mapping[k]}, oid
        assert len(after[oid]) == len(members)  # no kommune of the study area's arrangements was split
    county = county_of(today.fylker, "2024")["fylkesnavn"]
    assert county["3236"] == "Akershus" and county["3234"] == "Akershus"  # Jevnaker and Lunner
    spec = build_layer(today, prepare_kommuner(today, "trykk"), "dekning", Filters(tjenester=("lvs",)))
    assert "kommuneinndeling 2024" in spec.source and any("skrevet i kommuneinndelingen 2020" in n for n in spec.notes)


def test_jevnakers_county_changes_the_2024_crossings(dataset):
    """Jevnaker is in Akershus from 2024: arrangements with Jevnaker and Buskerud kommuner cross,
    and Lunner–Jevnaker does not; had Jevnaker gone to Buskerud, exactly the Jevnaker ones would differ."""
    from geo import areas

    o = dataset.register.ordninger
    county = county_of(dataset.fylker, "2024")
    wrong = county.copy()
    wrong.loc["3053", ["fylke", "fylkesnavn"]] = ["33", "Buskerud"]
    now, then = set(areas.crossings(o, county)["id"]), set(areas.crossings(o, wrong)["id"])
    changed = now ^ then
    assert changed and all("3053" in d for d in o.set_index("id").loc[sorted(changed), "deltakere"])
    members = o.set_index("id")["deltakere"]
    assert any("3053" in members[i] for i in now - then)  # crosses now that Jevnaker is in Akershus
    assert "lunner-og-jevnaker-voksenopplaering" not in now


def test_the_design_note_puts_jevnaker_in_akershus():
    design = settings.ROOT.parent / "shared" / "DESIGN.md"
    if not design.exists():
        pytest.skip("shared/ er ikke ved siden av")
    text = design.read_text(encoding="utf-8")
    akershus = re.search(r"Akershus 32 \(([^)]*)\)", text, flags=re.S).group(1)
    assert "Jevnaker" in akershus
