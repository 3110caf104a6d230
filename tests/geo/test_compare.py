"""What changed between two versions, on a hand-made pair whose differences are known:

old: a {A,B} host A, IKS · b {C,D} · c {E,F} "Gamle navn"
new: a {A,B,C} host B, IKS · c {E,F} "Nytt navn" · d {G,H}
→ a: members in (C), new host; b: ended (C, D left); c: renamed; d: new (G, H joined).
"""

import pandas as pd

from geo.compare import arrangement_changes, kommune_changes


def _frame(rows):
    return pd.DataFrame(rows, columns=["id", "navn", "tjenester", "deltakere", "vertskommune", "juridisk_form"])


OLD = _frame(
    [
        ("a", "A", ("lv",), ("A", "B"), "A", "IKS"),
        ("b", "B", ("lv",), ("C", "D"), "", ""),
        ("c", "Gamle navn", ("ppt",), ("E", "F"), "", ""),
    ]
)
NEW = _frame(
    [
        ("a", "A", ("lv",), ("A", "B", "C"), "B", "IKS"),
        ("c", "Nytt navn", ("ppt",), ("E", "F"), "", ""),
        ("d", "D", ("ppt",), ("G", "H"), "", ""),
    ]
)


def test_each_kind_of_change_is_found():
    changes = arrangement_changes(OLD, NEW).set_index("id")
    assert changes.loc["a", "endringer"] == ("medlemmer inn", "ny vert") and changes.loc["a", "inn"] == ("C",)
    assert changes.loc["b", "endringer"] == ("avsluttet",) and changes.loc["b", "ut"] == ("C", "D")
    assert changes.loc["c", "endringer"] == ("nytt navn",) and changes.loc["c", "navn"] == "Nytt navn"
    assert changes.loc["d", "endringer"] == ("ny",) and changes.loc["d", "inn"] == ("G", "H")
    assert set(changes.index) == {"a", "b", "c", "d"}


def test_nothing_changed_is_an_empty_table():
    assert arrangement_changes(OLD, OLD).empty


def test_per_kommune_joined_and_left():
    per = kommune_changes(arrangement_changes(OLD, NEW), list("ABCDEFGHI")).set_index("kommunenummer")
    assert per.loc["C"].tolist() == [1, 1]  # joined a, left with b's end
    assert per.loc["D"].tolist() == [0, 1] and per.loc["G"].tolist() == [1, 0]
    assert per.loc["A"].tolist() == [0, 0] and per.loc["I"].tolist() == [0, 0]
