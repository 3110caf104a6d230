"""The page's state has one owner: every key the page sets is written by ui/session.py, and the four
ways to switch register (an upload, a saved register opened, back to the shipped one, a deletion) are
one method that forgets the same things."""

import ast

import pytest

from geo import settings
from ui.session import EDITOR_SHOWN, OWN_KEYS, PENDING, PENDING_DIVISION, REGISTER, REGISTER_ID, UPLOAD_RESULT, Session


class _Register:
    """Stands in for a register: the session only keeps it."""


def _used(session: Session) -> Session:
    """A session in the middle of its work: a register open and saved, a comparison, an upload's result."""
    session.switch_register(_Register(), division="2024", saved=("abc", 2))
    session.set_upload_result("ok", "lest inn")
    session.state.update({"sammenlign": 1, "apne_lagret": "abc", "kommune": "3005", "ordning": "x"})
    session.take_pick()
    return session


@pytest.mark.parametrize(
    "switch, register, saved",
    [
        ("opplasting", _Register(), None),
        ("lagret register åpnet", _Register(), ("def", None)),
        ("tilbake til det medfølgende", None, None),
        ("slettet", None, None),
    ],
)
def test_every_switch_of_register_forgets_the_same_things(switch, register, saved):
    session = _used(Session({}))
    session.switch_register(register, division="2020", saved=saved)
    state = session.state
    assert state.get(REGISTER) is register and state.get(REGISTER_ID) == saved, switch
    for gone in (UPLOAD_RESULT, "sammenlign", "apne_lagret"):
        assert gone not in state, (switch, gone)
    assert state[PENDING] == (None, None) and state[PENDING_DIVISION] == "2020"  # kommune and arrangement cleared
    session.take_pending_division()
    assert state["kommuneinndeling"] == "2020" and PENDING_DIVISION not in state


def test_an_owner_key_is_shown_until_it_is_kept_and_saves_are_counted():
    session = Session({})
    session.mark_saved("abc", 1, owner_key="hemmelig", title="Agder")
    assert session.saves == 1 and session.register_id == ("abc", 1)
    session.switch_register(None, division="2024")  # another register opened: the key is still to be kept
    assert session.owner_key == ("abc", "Agder", "hemmelig") and session.owner_key == ("abc", "Agder", "hemmelig")
    session.forget_owner_key()
    assert session.owner_key is None


def test_notes_clicks_and_picks_are_shown_once():
    session = Session({})
    session.add_notes(["a"])
    session.add_notes(["b"])
    assert session.take_notes() == ["a", "b"] and session.take_notes() == []
    session.clicked({"lat": 60.0, "lng": 10.0})
    assert session.take_click() == {"lat": 60.0, "lng": 10.0} and session.take_click() is None
    session.pick("3005", "x")
    assert session.take_pick() == ("3005", "x") and session.take_pick() is None


def _writes(path) -> list[str]:
    """Lines of ``path`` that write the session: assignment to, deletion from, or a mutating call on it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("update", "pop", "setdefault", "clear", "__setitem__"):
                targets = [node.func.value]
        for t in targets:
            text = ast.unparse(t)
            if "session_state" in text or text.startswith(("ss", "session.state", "self.state")):
                found.append(f"{path.name}:{node.lineno}: {text}")
    return found


def test_no_session_key_is_written_outside_the_session_object():
    pages = [settings.ROOT / "app.py", *(p for p in (settings.ROOT / "ui").glob("*.py") if p.name != "session.py")]
    assert [w for p in pages for w in _writes(p)] == []
    assert _writes(settings.ROOT / "ui" / "session.py")  # the owner does write (the check sees writes)


def test_the_session_object_names_every_key_the_page_sets():
    source = (settings.ROOT / "ui" / "session.py").read_text(encoding="utf-8")
    assert len(OWN_KEYS) == len(set(OWN_KEYS)) and "redigert" not in OWN_KEYS  # nothing written and never read
    for key in OWN_KEYS:
        assert source.count(f'"{key}"') == 1, key  # named once, as a constant


@pytest.mark.parametrize(
    "click",
    [
        None,
        "60,10",
        {"lat": "60", "lng": 10},
        {"lat": float("nan"), "lng": 10.0},
        {"lat": float("inf"), "lng": 10.0},
        {"lat": 95.0, "lng": 10.0},
        {"lat": True, "lng": 10.0},
        {"lng": 10.0},
        [60.0, 10.0],
    ],
)
def test_a_map_click_that_is_not_a_position_is_ignored(click):
    session = Session({})
    session.clicked(click)
    assert session.take_click() is None


def test_a_map_click_keeps_only_its_position():
    session = Session({})
    session.clicked({"lat": 60, "lng": 10.5, "n": 3, "x": "<script>"})
    assert session.take_click() == {"lat": 60.0, "lng": 10.5}


def test_the_editor_is_kept_open_while_it_holds_edits_not_applied():
    session = Session({EDITOR_SHOWN: False, "redigering-1": {"edited_rows": {}, "added_rows": [], "deleted_rows": []}})
    assert not session.keep_editor_open("redigering-1") and session.state[EDITOR_SHOWN] is False
    session.state["redigering-1"] = {"edited_rows": {0: {"navn": "Ny"}}, "added_rows": [], "deleted_rows": []}
    assert session.keep_editor_open("redigering-1") and session.state[EDITOR_SHOWN] is True
    assert not session.keep_editor_open("redigering-1")  # open already: nothing to do


def test_the_period_slider_gets_a_pair_of_years_within_its_range():
    session = Session({})
    session.settle_period((2015, 2021), low=1952, high=2022)
    assert session.state["periode"] == (2015, 2021)  # the layer's default where there was none
    session.state["periode"] = [1800, 2030]  # a link's years outside the register's range
    session.settle_period((2015, 2021), low=1952, high=2022)
    assert session.state["periode"] == (1952, 2022)
