"""A link to a saved register says what of it could not be followed (issue: links that silently
showed another register or version, or raised)."""

import pytest

from store.links import link_query, read_link


@pytest.mark.parametrize(
    "value",
    ["x' OR '1'='1", "abc%20def", "abc\x00def", "register🙂", "a" * 100_000, "a" * 33, "../../etc"],
    ids=["sql", "prosent", "nul", "emoji", "lang", "33 tegn", "sti"],
)
def test_a_register_id_that_cannot_be_one_is_named_and_the_shipped_register_shown(value):
    link, notes = read_link({"register": value})
    assert link is None and len(notes) == 1
    assert "det medfølgende registeret vises" in notes[0]
    assert len(notes[0]) < 300 and "\x00" not in notes[0]  # quoted shortened and printable


@pytest.mark.parametrize("value", ["²", "①", "-1", "2.0", "siste", "0", "1" * 7, "٣"])
def test_a_version_that_is_not_a_number_is_named_and_the_newest_shown(value):
    link, notes = read_link({"register": "AbC-12_x", "versjon": value})
    assert link == ("AbC-12_x", None)
    assert len(notes) == 1 and "ikke et versjonsnummer" in notes[0] and "nyeste versjonen vises" in notes[0]


def test_a_good_link_reads_without_notes_and_round_trips():
    link, notes = read_link({"register": "AbC-12_x", "versjon": "3"})
    assert link == ("AbC-12_x", 3) and notes == []
    assert read_link(link_query(link)) == (link, [])
    assert read_link({"versjon": "2"}) == (None, ["Lenken har et versjonsnummer uten et register; det ble ignorert."])
    assert read_link({}) == (None, [])
