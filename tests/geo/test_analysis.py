"""The research measures on a small register worked out by hand.

Kommuner A–G; services lv, bv, ppt. Arrangements (host in brackets):
  1 lv {A,B,C} [A]    2 lv {D,E} [?]     3 lv {C,F} [?]   (C is in two legevakt arrangements)
  4 bv {A,B,C} [B]    5 bv {D} [?]       (one member: no cooperation)
  6 ppt {A,B} [A]     7 ppt {E,F} [?]
G is in no arrangement.
"""

import math

import pandas as pd
import pytest

from geo import analysis

KOMMUNER = list("ABCDEFG")


@pytest.fixture
def register():
    rows = [
        ("1", ("lv",), ("A", "B", "C"), "A"),
        ("2", ("lv",), ("D", "E"), ""),
        ("3", ("lv",), ("C", "F"), ""),
        ("4", ("bv",), ("A", "B", "C"), "B"),
        ("5", ("bv",), ("D",), ""),
        ("6", ("ppt",), ("A", "B"), "A"),
        ("7", ("ppt",), ("E", "F"), ""),
    ]
    return pd.DataFrame(rows, columns=["id", "tjenester", "deltakere", "vertskommune"])


def test_partner_sets(register):
    lv = analysis.partner_sets(register, "lv")
    assert lv["C"] == {"A", "B", "F"}  # both legevakt arrangements count
    assert lv["D"] == {"E"} and "G" not in lv
    assert "D" not in analysis.partner_sets(register, "bv")  # alone in an arrangement is no cooperation


def test_partner_overlap_classes(register):
    lv_bv = analysis.partner_overlap(register, "lv", "bv", KOMMUNER).set_index("kommunenummer")
    assert lv_bv["klasse"].to_dict() == {
        "A": "samme",
        "B": "samme",
        "C": "overlapp",
        "D": "bare_a",
        "E": "bare_a",
        "F": "bare_a",
        "G": "ingen",
    }
    assert lv_bv.loc["C", "felles"] == 2 and lv_bv.loc["C", "partnere_a"] == ("A", "B", "F")
    lv_ppt = analysis.partner_overlap(register, "lv", "ppt", KOMMUNER).set_index("kommunenummer")["klasse"]
    assert lv_ppt["E"] == "ulike" and lv_ppt["F"] == "ulike" and lv_ppt["A"] == "overlapp"
    bv_ppt = analysis.partner_overlap(register, "bv", "ppt", KOMMUNER).set_index("kommunenummer")["klasse"]
    assert bv_ppt["E"] == "bare_b" and bv_ppt["C"] == "bare_a"


def test_consolidation_index_constellations_and_additive_index(register):
    c = analysis.consolidation(register, ["lv", "bv", "ppt"], KOMMUNER).set_index("kommunenummer")
    # A: lv {B,C}, bv {B,C}, ppt {B}: Jaccard 1, 1/2, 1/2 → 2/3; two distinct sets
    assert c.loc["A", "indeks"] == pytest.approx(2 / 3) and c.loc["A", "konstellasjoner"] == 2
    assert c.loc["A", "tjenester"] == 3 and c.loc["A", "par"] == 3
    # C and E cooperate on two services: below the minimum of three, no value (one pair is no pattern)
    assert analysis.MIN_INDEX_SERVICES == 3
    assert math.isnan(c.loc["C", "indeks"]) and math.isnan(c.loc["E", "indeks"])
    two = analysis.consolidation(register, ["lv", "bv", "ppt"], KOMMUNER, min_services=2).set_index("kommunenummer")
    assert two.loc["C", "indeks"] == pytest.approx(2 / 3)  # {A,B,F} vs {A,B}
    assert two.loc["E", "indeks"] == 0.0 and two.loc["E", "konstellasjoner"] == 2  # {D} vs {F}
    assert math.isnan(two.loc["D", "indeks"]) and two.loc["D", "tjenester"] == 1  # one service: never a value
    assert math.isnan(c.loc["G", "indeks"]) and c.loc["G", "tjenester"] == 0 and c.loc["G", "konstellasjoner"] == 0
    assert c["tjenester"].to_dict() == {"A": 3, "B": 3, "C": 2, "D": 1, "E": 2, "F": 2, "G": 0}


def test_partner_network_weights(register):
    w = analysis.partner_weights(register)
    weights = {(a, b): n for a, b, n in w.itertuples(index=False)}
    assert weights == {("A", "B"): 3, ("A", "C"): 2, ("B", "C"): 2, ("D", "E"): 1, ("C", "F"): 1, ("E", "F"): 1}
    assert list(w.iloc[0]) == ["A", "B", 3]  # heaviest first
    a = analysis.partners_by_weight(w, "A")
    assert a.to_dict("list") == {"kommunenummer": ["B", "C"], "vekt": [3, 2]}
    assert analysis.partners_by_weight(w, "G").empty


def test_hosting_keeps_unknown_apart_from_none(register):
    h = analysis.hosting(register, KOMMUNER).set_index("kommunenummer")
    assert h.loc["A", ["vert_for", "betjener", "vert_annet_sted", "ukjent_vert"]].tolist() == [2, 2, 1, 0]
    assert h.loc["B", ["vert_for", "betjener", "vert_annet_sted", "ukjent_vert"]].tolist() == [1, 2, 2, 0]
    assert h.loc["C", ["vert_for", "vert_annet_sted", "ukjent_vert"]].tolist() == [0, 2, 1]
    assert h.loc["D", "ukjent_vert"] == 2 and h.loc["G"].drop("ordninger_vert").tolist() == [0, 0, 0, 0]
    assert h.loc["A", "ordninger_vert"] == ("1", "6")
