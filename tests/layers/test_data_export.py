"""What a map shows, its data export holds: the CSV (and GeoJSON) of a map is the map's own table —
a row per kommune, pair or arrangement the layer draws, with the values shown — written by the same
command line a report writer uses; the register's rows are a download of their own."""

import csv
import io
import json

import pytest

from geo import analysis
from geo import areas as geo_areas
from layers import export
from layers.data import detail_for, prepare_kommuner
from layers.filters import Filters
from layers.registry import LAYERS, build_layer

#: Every layer the shipped register can draw without an earlier version (that one is tested below).
DRAWN = [k for k in LAYERS if k != "endringer"]
SERVICES = {"dekning": "legevakt", "partnere": "legevakt,barnevernvakt"}


def _cli_csv(tmp_path, *args) -> list[dict]:
    out = tmp_path / "kart.csv"
    assert export.main([*args, "--format", "csv", "--out", str(out)]) == 0
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def _spec(dataset, lag: str, services: str = ""):
    kommuner = prepare_kommuner(dataset, detail_for(medium="skjerm", omrade="Studieområdet"))
    codes = tuple(c for c in services.split(",") if c)
    return build_layer(dataset, kommuner, lag, Filters(tjenester=codes))


@pytest.mark.parametrize("lag", DRAWN)
def test_the_csv_of_every_layer_is_its_map_table_as_drawn(tmp_path, dataset, lag):
    services = SERVICES.get(lag, "")
    rows = _cli_csv(tmp_path, "--lag", lag, *(["--tjenester", services] if services else []))
    spec = _spec(dataset, lag, services)
    assert rows and list(rows[0]) == [*spec.data_table.columns.values(), "Kilde"]
    assert {r["Kilde"] for r in rows} == {spec.source}  # whose data this is, on every row
    if lag != "nettverk":  # rows of kommuner or arrangements: the numbers keyed on the map, each once
        numbers = sorted(n for n in spec.labels["nummer"] if n)
        assert sorted(r["Nummer i kartet"] for r in rows if r["Nummer i kartet"]) == numbers
    drawn = spec.areas[spec.areas["kind"].isin(["klasse", "ukartlagt"])]
    if lag in ("dekning", "regionrad"):  # a row per arrangement drawn, and per kommune without one
        ids = [r["Id eller kommunenummer"] for r in rows if r["Type"] == "ordning"]
        assert sorted(ids) == sorted(set(spec.areas.loc[spec.areas["kind"] == "ordning", "key"]))
    elif lag == "nettverk":  # a row per pair of kommuner in the area that share an arrangement
        study = sorted(dataset.studieomrade["kommunenummer"])
        weights = analysis.partner_weights(geo_areas.touching_view(dataset.register.ordninger, study))
        inside = weights[weights["a"].isin(study) & weights["b"].isin(study)]
        assert len(rows) == len(inside)
        assert sum(r["Linje i kartet"] == "ja" for r in rows) == len(spec.lines)
    else:  # a row per kommune drawn, in the class the map colours it
        assert sorted(r["Kommunenummer"] for r in rows) == sorted(drawn["key"])
        legend = {e.fill: e.label for e in spec.legend if e.fill and not e.number}
        fill = dict(zip(drawn["key"], drawn["fill"]))
        for r in rows:
            assert r["Klasse i kartet"] == legend.get(fill[r["Kommunenummer"]], "Ikke kartlagt"), r


def test_the_count_map_csv_holds_each_kommunes_count(tmp_path, dataset, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert export.main(["--lag", "antall", "--format", "csv"]) == 0  # no --out: named as the app names it
    (written,) = tmp_path.glob("*.csv")
    rows = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    counts = dataset.register.medlemskap["kommunenummer"].value_counts()
    assert len(rows) == len(dataset.studieomrade)
    assert {r["Kommunenummer"]: int(r["Antall ordninger"]) for r in rows} == {
        k: int(counts.get(k, 0)) for k in dataset.studieomrade["kommunenummer"]
    }


def test_the_crossing_and_index_values_are_in_the_data(tmp_path, dataset):
    rows = {r["Kommune"]: r for r in _cli_csv(tmp_path, "--lag", "fylkesgrense")}
    assert rows["Drammen"]["Ordninger som krysser"]  # which arrangements cross, by name
    rows = {r["Kommune"]: r for r in _cli_csv(tmp_path, "--lag", "konsolidering")}
    assert rows["Tinn"]["Indeks"] == "" and "," in rows["Gol"]["Indeks"]  # not computed stays empty; 0,72


def test_register_rows_are_a_download_of_their_own(tmp_path):
    out = tmp_path / "rader.csv"
    assert export.main(["--tjenester", "lvs", "--format", "registerrader", "--out", str(out)]) == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("id,navn,tjeneste,deltakere") and "lvs-drammen" in out.read_text(encoding="utf-8-sig")


def test_the_geojson_features_carry_their_rows_values(tmp_path):
    out = tmp_path / "antall.geojson"
    assert export.main(["--lag", "antall", "--out", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    drammen = next(f["properties"] for f in features if f["properties"]["id"] == "3005")
    assert isinstance(drammen["Antall ordninger"], int) and drammen["Klasse i kartet"]


def test_the_change_map_exports_a_row_per_kommune(dataset, screen_kommuner):
    from geo.io import load_names, with_register
    from geo.uploads import read_register_upload

    head = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
    old = head + 'a,Test legevakt,legevakt,"Drammen; Lier",ja,,,,eget\n'
    new = head + 'a,Test legevakt,legevakt,"Drammen; Lier; Hole",ja,,,,eget\n'
    read = [
        read_register_upload(t.encode(), "r.csv", names=load_names(), tjenester=dataset.register.tjenester)
        for t in (old, new)
    ]
    data = with_register(dataset, read[1], division="2020", previous=read[0])
    spec = build_layer(data, screen_kommuner, "endringer", Filters())
    frame = spec.data_table.display().set_index("Kommune")
    assert frame.loc["Hole", "Kom inn i (ordninger)"] == 1 and frame.loc["Drammen", "Kom inn i (ordninger)"] == 0
