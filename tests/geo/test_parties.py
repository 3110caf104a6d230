"""Parties beyond kommuner (issue 22, item 2): typed, validated (a fylkeskommune of the era the
arrangement lived in, an organisasjonsnummer with its check digit), kept through the store's format,
named in the map's notes and tables; counts keep counting kommuner."""

import pytest

from geo.errors import DataError
from geo.io import load_dataset, load_names, with_register
from geo.parties import valid_orgnr
from geo.query import arrangement_details, arrangements_for_kommune
from geo.spreadsheet import register_rows
from geo.uploads import read_register_upload
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.registry import build_layer

HEADER = (
    "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde,"
    "status,avsluttet,andre_parter,organisasjonsnummer\n"
)


def _orgnr(first_eight: str) -> str:
    """A valid organisasjonsnummer made from eight digits (the check digit computed, mod 11)."""
    rest = sum(int(d) * w for d, w in zip(first_eight, (3, 2, 7, 6, 5, 4, 3, 2))) % 11
    return first_eight + str(0 if rest == 0 else 11 - rest)


def _read(text: str):
    return read_register_upload(
        text.encode(), "parter.csv", names=load_names(), tjenester=load_dataset().register.tjenester
    )


def test_organisasjonsnummer_check_digit():
    good = _orgnr("12345678")
    assert valid_orgnr(good) and valid_orgnr(f"{good[:3]} {good[3:6]} {good[6:]}")
    assert not valid_orgnr(good[:8] + str((int(good[8]) + 1) % 10)) and not valid_orgnr("12345")


def test_parties_are_typed_and_the_county_is_one_of_the_era_the_arrangement_lived_in():
    company = _orgnr("98765432")
    register = _read(
        HEADER
        + 'vr,Vestregionen,regionrad,"Asker; Drammen",ja,,annet,2002,tekst,avsluttet,2019,'
        + '"fylkeskommune: Akershus; fylkeskommune: 06",\n'
        + f'khs,KHS,legevakt,"Drammen; Lier",ja,,avtale,2012,tekst,aktiv,,"helseforetak: Vestre Viken HF",{company}\n'
    )
    o = register.ordninger.set_index("id")
    assert (
        o.loc["vr", "andre_parter"] == "fylkeskommune: Akershus; fylkeskommune: Buskerud"
    )  # 06 read as Buskerud (2019)
    assert o.loc["khs", "organisasjonsnummer"] == company
    data = with_register(load_dataset(), register)
    details = arrangement_details(data, "vr")
    assert details["Andre parter"].startswith("Akershus fylkeskommune, Buskerud fylkeskommune")
    drammen = next(k for k, v in data.names.display.items() if v == "Drammen")
    table = arrangements_for_kommune(data, drammen)
    assert "Vestre Viken HF (helseforetak)" in set(table["Andre parter"])
    assert set(table["Antall"]) == {2}  # counted kommuner only
    spec = build_layer(data, prepare_kommuner(data, "region"), "antall", Filters(per=2018))
    note = next(n for n in spec.notes if n.startswith("Andre parter enn kommuner"))
    assert "Vestregionen: Akershus fylkeskommune, Buskerud fylkeskommune" in note and note.endswith("viser kommunene.")
    again = _read(register_rows(data, register.rows["id"]).to_csv(index=False))
    assert again.ordninger["andre_parter"].tolist() == register.ordninger["andre_parter"].tolist()


@pytest.mark.parametrize(
    ("parties", "orgnr", "said"),
    [
        (
            "fylkeskommune: Viken",
            "",
            "kolonne andre_parter: Fylket 'Viken' fantes ikke i fylkesinndelingen",
        ),  # ended 2019
        ("kommune: Lier", "", "kolonne andre_parter: 'kommune: Lier' er ikke en part av formen type: navn"),
        ("selskap: Eksempel AS (123 456 789)", "", "Organisasjonsnummeret 123 456 789 for Eksempel AS er ikke gyldig"),
        ("", "12345", "kolonne organisasjonsnummer: '12345' er ikke et gyldig organisasjonsnummer"),
    ],
)
def test_each_party_that_cannot_be_one_is_a_message(parties, orgnr, said):
    row = f'vr,Vestregionen,regionrad,"Asker; Drammen",ja,,annet,2002,tekst,avsluttet,2019,"{parties}",{orgnr}\n'
    with pytest.raises(DataError) as found:
        _read(HEADER + row)
    assert any(said in str(p) for p in found.value.problems), [str(p) for p in found.value.problems]


def test_a_fylkeskommune_party_is_drawn_as_its_county_outline_in_the_arrangements_colour():
    register = _read(
        HEADER + 'vr,Vestregionen,regionrad,"Asker; Drammen",ja,,annet,2002,tekst,avsluttet,2019,'
        '"fylkeskommune: Akershus; fylkeskommune: Buskerud",\n'
    )
    data = with_register(load_dataset(), register)
    spec = build_layer(data, prepare_kommuner(data, "region"), "dekning", Filters(tjenester=("regionrad",), per=2018))
    outlines = [e for e in spec.legend if e.line and e.label.endswith("(omriss)")]
    assert [e.label for e in outlines] == [
        "Vestregionen: Akershus fylkeskommune (omriss)",
        "Vestregionen: Buskerud fylkeskommune (omriss)",
    ]
    fill = spec.areas.set_index("key").loc["vr", "fill"]
    from layers import palette

    assert set(spec.lines["edge"]) == {palette.outline_for(fill)[0]} and len(spec.lines) == 2
    shipped = load_dataset()  # no register party: no outline
    assert (
        build_layer(shipped, prepare_kommuner(shipped, "region"), "dekning", Filters(tjenester=("legevakt",))).lines
        is None
    )


def test_an_arrangement_of_fylkeskommuner_alone_is_drawn_by_their_outlines_inside_the_frame():
    register = _read(
        HEADER + "vr,Vestregionen,regionrad,,nei,,annet,1992,tekst,avsluttet,2019,"
        '"fylkeskommune: Akershus; fylkeskommune: Buskerud",\n'
        'lv,Lier og Drammen,legevakt,"Lier; Drammen",ja,,annet,2010,tekst,,,,\n'
    )
    assert register.ordninger.set_index("id").loc["vr", "deltakere"] == ()
    assert set(register.medlemskap["ordning_id"]) == {"lv"}  # no kommune counted for it
    data = with_register(load_dataset(), register)
    kommuner = prepare_kommuner(data, "region")
    spec = build_layer(data, kommuner, "dekning", Filters(tjenester=("regionrad",), per=2018))
    assert spec.ordninger == ("vr",) and "vr" not in set(spec.areas["key"])  # no area: only outlines
    row = spec.data_table.frame.set_index("id").loc["vr"]
    assert (row["antall"], row["deltakere"], row["tegnet"]) == (0, "ingen kommune navngitt", "fylkeskommunens omriss")
    assert "Går utenfor kartet: Vestregionen." in spec.notes  # the register's two kommuner: a small view
    spec = build_layer(data, kommuner, "dekning", Filters(tjenester=("regionrad",), per=2018, omrade="Hele Norge"))
    x0, y0, x1, y1 = spec.lines.total_bounds  # all of Norway: the frame holds both outlines
    assert spec.bounds[0] <= x0 and spec.bounds[1] <= y0 and spec.bounds[2] >= x1 and spec.bounds[3] >= y1
    assert build_layer(data, kommuner, "dekning", Filters(tjenester=("regionrad",), per=2019)).ordninger == ()
    far = build_layer(data, kommuner, "dekning", Filters(tjenester=("regionrad",), omrade="Nordland - Nordlánnda"))
    assert far.ordninger == ()  # its counties hold no kommune of that view


@pytest.mark.parametrize(
    ("parties", "said"),
    [
        ("", "kolonne deltakere: Ingen deltakere; skriv kommunenavn skilt med ;."),
        ("helseforetak: Vestre Viken HF", "Ingen deltakere; skriv kommunenavn skilt med ; (eller en fylkeskommune i"),
    ],
)
def test_a_row_without_kommuner_needs_a_fylkeskommune(parties, said):
    with pytest.raises(DataError) as found:
        _read(HEADER + f'vr,Vestregionen,regionrad,,nei,,annet,1992,tekst,avsluttet,2019,"{parties}",\n')
    assert any(said in str(p) for p in found.value.problems), [str(p) for p in found.value.problems]
