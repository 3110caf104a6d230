"""An arrangement's life (issue 22, item 1): status, end and decision are optional columns, checked
with a message per contradiction; the register can be drawn as it stood in a year; a register
without them loads and is written out as before."""

import datetime

import pytest

from geo import settings
from geo.errors import DataError
from geo.founded import in_force, register_as_of
from geo.io import load_dataset, load_names, with_register
from geo.register import has_lifecycle
from geo.spreadsheet import register_rows
from geo.uploads import read_register_upload
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.registry import build_layer

NEXT_YEAR = datetime.date.today().year + 1  # a start in the future, whatever year the test runs
HEADER = (
    "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde,status,avsluttet,vedtak\n"
)
GOOD = (
    HEADER
    + 'vr,Vestregionen,regionrad,"Asker; Bærum; Drammen",ja,,annet,2002,tekst 4,avsluttet,2019-01-01,vedtak 2018\n'
    + 'khs,KHS,legevakt,"Drammen; Lier",ja,,avtale,2012,seed 000,aktiv,,"https://example.no/vedtak?id=1"\n'
    + 'ny,Ny plan,ppt,"Lier; Asker",ja,,,,plan,planlagt,,\n'
)


def _read(text: str):
    return read_register_upload(
        text.encode(), "livslop.csv", names=load_names(), tjenester=load_dataset().register.tjenester
    )


def test_status_end_and_decision_are_read_and_kept(tmp_path):
    register = _read(GOOD)
    o = register.ordninger.set_index("id")
    assert (o.loc["vr", "status"], o.loc["vr", "avsluttet"], o.loc["vr", "vedtak"]) == (
        "avsluttet",
        "2019-01-01",
        "vedtak 2018",
    )
    assert o.loc["khs", "vedtak"] == "https://example.no/vedtak?id=1" and o.loc["ny", "status"] == "planlagt"
    assert has_lifecycle(register)
    rows = register_rows(with_register(load_dataset(), register), register.rows["id"])
    assert list(rows.columns[-3:]) == ["status", "avsluttet", "vedtak"]  # written out, to read back unchanged
    again = _read(rows.to_csv(index=False))
    assert again.ordninger[["status", "avsluttet", "vedtak"]].equals(
        register.ordninger[["status", "avsluttet", "vedtak"]]
    )


@pytest.mark.parametrize(
    ("row", "said"),
    [
        (
            'a,A,ppt,"Lier; Asker",ja,,,2015,k,avsluttet,2010,',
            "rad 2, kolonne avsluttet: Avsluttet 2010 er før etablert 2015.",
        ),
        ('a,A,ppt,"Lier; Asker",ja,,,2015,k,avsluttet,,', "rad 2, kolonne avsluttet: Status er avsluttet, men året"),
        (
            f'a,A,ppt,"Lier; Asker",ja,,,{NEXT_YEAR},k,aktiv,,',
            f"rad 2, kolonne etablert: Status er aktiv, men etablert {NEXT_YEAR} er fram i tid",
        ),
        (
            'a,A,ppt,"Lier; Asker",ja,,,2015,k,aktiv,2019,',
            "kolonne avsluttet: Status er aktiv, men ordningen ble avsluttet 2019",
        ),
        (
            'a,A,ppt,"Lier; Asker",ja,,,2015,k,nedlagt,,',
            "kolonne status: Ukjent status 'nedlagt'. Gyldige: planlagt, aktiv eller avsluttet",
        ),
        ('a,A,ppt,"Lier; Asker",ja,,,2015,k,,i fjor,', "kolonne avsluttet: 'i fjor' er ikke et årstall eller en dato"),
        ('a,A,ppt,"Lier; Asker",ja,,,2015,k,,2019-02-30,', "'2019-02-30' er ikke et årstall eller en dato"),
    ],
)
def test_each_contradiction_is_a_message_naming_row_and_column(row, said):
    with pytest.raises(DataError) as found:
        _read(HEADER + row + "\n")
    assert any(said in str(p) for p in found.value.problems), [str(p) for p in found.value.problems]


def test_the_register_as_it_stood_in_a_year():
    register = _read(GOOD)
    o = register.ordninger
    assert in_force(o, 2018).tolist() == [True, True, False]  # Vestregionen ended 1.1.2019; the plan not begun
    assert in_force(o, 2019).tolist() == [False, True, False]
    assert list(register_as_of(register, 2025).ordninger["id"]) == ["khs"]
    data = with_register(load_dataset(), register)
    kommuner = prepare_kommuner(data, "region")
    then = build_layer(data, kommuner, "antall", Filters(per=2018))
    now = build_layer(data, kommuner, "antall", Filters(per=2025))
    assert set(then.ordninger) == {"vr", "khs"} and set(now.ordninger) == {"khs"}
    assert any("Registeret per 2025: 2 ordninger som ikke var i kraft da, er ikke med." in n for n in now.notes)


def test_a_register_without_the_columns_loads_and_is_written_out_as_before(dataset):
    assert not has_lifecycle(dataset.register)
    assert set(dataset.register.ordninger["status"]) == {""} and set(dataset.register.ordninger["avsluttet"]) == {""}
    header = (settings.DATA_DIR / "ordninger.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert list(register_rows(dataset, dataset.register.rows["id"]).columns) == header
    assert register_as_of(dataset.register, 2026) is dataset.register  # every arrangement in force today


def test_former_kommuner_are_read_as_their_successors_where_the_arrangement_ended_before_the_change():
    """Issue 22, item 3: Røyken and Hurum became Asker on 1.1.2020 (data/kommunenavn_alias.csv)."""
    ended = HEADER + 'dr,Drammensregionen,regionrad,"Røyken; Hurum; Drammen",ja,,annet,1990,§4,avsluttet,2019,\n'
    register = _read(ended.replace('Drammen",', 'Lier",'))
    asker = next(
        k for k, v in load_dataset(division=register.provenance.division).names.display.items() if v == "Asker"
    )
    assert register.ordninger["deltakere"].iloc[0][0] == asker  # drawn as the area of its successor
    said = " ".join(register.notes)
    assert "Røyken som Asker (slått sammen med Asker og Hurum til Asker 1.1.2020)" in said
    with pytest.raises(DataError, match="Kommunen 'Røyken' finnes ikke lenger"):
        _read(ended.replace("avsluttet,2019,", "aktiv,,"))  # in force today: the name is out of date
    with pytest.raises(DataError, match="Kommunen 'Røyken' finnes ikke lenger"):
        _read(ended.replace("avsluttet,2019,", "avsluttet,2021,"))  # ended after the merger
