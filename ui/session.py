"""What the page remembers between reruns, and the one place that writes it.

Streamlit keeps a session's values in ``st.session_state``, a mapping every line of a script could
write. Here one object owns the keys the page itself sets (:data:`OWN_KEYS`): the register that is
open, the notes to show, the upload's result, a click waiting to be drawn, the map's memo. The
widgets keep their own keys (the :class:`~layers.state.ViewState` fields among them, named as in the
link and on the command line); this object writes those only to set a view (:meth:`Session.show`).

Every switch of register — an upload, a saved register opened from its link or the list, back to
the shipped one, a deletion — goes through :meth:`Session.switch_register`, so each forgets the
same things.
"""

from __future__ import annotations

import math
from collections.abc import MutableMapping
from dataclasses import dataclass

from geo.register import Register
from layers.state import ViewState
from ui.views import ViewMemo

#: The keys the page sets (besides its widgets').
REGISTER = "register"  # the session's own register (an upload, an edit, a saved one); absent: the shipped one
REGISTER_ID = "register_id"  # (id, version or None) of the saved register that is open
NOTES = "notes"  # Norwegian notes to show once (a link that could not be followed, …)
UPLOAD_RESULT = "upload_result"  # ("ok", message) or ("feil", [problems])
UPLOAD_ID = "upload_id"  # the uploader's file id last read (a rerun does not read it again)
PENDING = "pending"  # (kommune, ordning) to show on the next run (a search hit, a table row, a switch)
PENDING_DIVISION = "pending_division"  # the kommune division to open on, set before its widget exists
CLICK = "klikk"  # a click on the map ({"lat", "lng"}), stored by the map's callback before the run
DRAWN_DIVISION = "tegnet"  # the division the last run drew (a switch carries the kommune over)
PREVIOUS_LAYER = "lag_forrige"  # the layer the last run drew (a new layer opens on its own services)
SENT = "kart_sendt"  # keys of the geometries the page's live map holds
MEMO = "kart_visninger"  # the last views this session drew
OWNER_KEY = "eiernokkel"  # the owner key of a register just saved, shown until the user has kept it
SAVES = "lagringer"  # how many registers this session has saved
OWN_KEYS = (
    REGISTER,
    REGISTER_ID,
    NOTES,
    UPLOAD_RESULT,
    UPLOAD_ID,
    PENDING,
    PENDING_DIVISION,
    CLICK,
    DRAWN_DIVISION,
    PREVIOUS_LAYER,
    SENT,
    MEMO,
    OWNER_KEY,
    SAVES,
)
#: The toggle that shows the register editor: its table (for a nationwide register about a megabyte)
#: is sent to the browser only while it is on.
EDITOR_SHOWN = "vis_redigering"
#: The switches that show a part of the page when asked for: the export choices and the map as a
#: table. Once on, they stay on for the visit, also through a run that draws no map (and so not them).
EXPORTS_SHOWN = "vis_eksport"
MAP_TABLE_SHOWN = "vis_karttabell"
#: Widget keys that belong to one register and are forgotten with it.
REGISTER_WIDGETS = ("sammenlign", "apne_lagret", "bekreft_sletting")


def map_position(click) -> tuple[float, float] | None:
    """``(lat, lng)`` of a map click, or ``None`` where it is not two finite numbers on the globe."""
    if not isinstance(click, dict):
        return None
    lat, lng = click.get("lat"), click.get("lng")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lat, lng)):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return float(lat), float(lng)


@dataclass
class Session:
    """The page's memory: ``state`` is ``st.session_state`` (or any mapping, in tests)."""

    state: MutableMapping

    # --- the register ------------------------------------------------------------------------
    @property
    def register(self) -> Register | None:
        """The session's own register, or ``None`` for the shipped one."""
        return self.state.get(REGISTER)

    @property
    def register_id(self) -> tuple[str, int | None] | None:
        """``(id, version)`` of the saved register that is open (version ``None``: its newest)."""
        return self.state.get(REGISTER_ID)

    def switch_register(
        self, register: Register | None, *, division: str, saved: tuple[str, int | None] | None = None
    ) -> None:
        """Show ``register`` (``None``: the shipped one), saved as ``saved`` or not saved, opened on its
        own kommune ``division``. What belonged to the register before goes: its upload result, its
        comparison and list choice, the chosen kommune and arrangement (they may not exist in this one)."""
        for key in (REGISTER, REGISTER_ID, UPLOAD_RESULT, *REGISTER_WIDGETS):
            self.state.pop(key, None)
        if register is not None:
            self.state[REGISTER] = register
        if saved is not None:
            self.state[REGISTER_ID] = saved
        self.state[PENDING] = (None, None)
        self.state[PENDING_DIVISION] = division

    def replace_register(self, register: Register) -> None:
        """The same register, edited: kept open as it is (its saved id too), the view unchanged."""
        self.state[REGISTER] = register

    def mark_saved(self, register_id: str, version: int | None, *, owner_key: str = "", title: str = "") -> None:
        """The open register is saved as ``register_id``; ``owner_key`` is shown until the user has kept it."""
        self.state[REGISTER_ID] = (register_id, version)
        if owner_key:
            self.state[OWNER_KEY] = (register_id, title, owner_key)
            self.state[SAVES] = self.saves + 1

    @property
    def saves(self) -> int:
        return self.state.get(SAVES, 0)

    @property
    def owner_key(self) -> tuple[str, str, str] | None:
        """``(id, title, owner key)`` of the register just saved, shown until the user says the key is
        kept (whatever register is open meanwhile), or ``None``."""
        return self.state.get(OWNER_KEY)

    def forget_owner_key(self) -> None:
        """The user has kept the owner key: it is no longer shown (only its hash is stored)."""
        self.state.pop(OWNER_KEY, None)

    @property
    def comparison(self) -> int | None:
        """The earlier version chosen to compare with (the widget «Sammenlign med versjon»)."""
        return self.state.get("sammenlign")

    def forget_comparison(self) -> None:
        self.state["sammenlign"] = None

    def compare_with(self, version: int) -> None:
        """Compare with ``version`` (from a link), set before the widget is drawn."""
        self.state["sammenlign"] = version

    def keep_editor_open(self, editor_key: str) -> bool:
        """Turn the editor's toggle back on where the user turned it off while the table (the data
        editor ``editor_key``) holds edits not yet applied, which closing it would drop; whether it did."""
        edits = self.state.get(editor_key)
        pending = isinstance(edits, dict) and any(edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))
        if pending and not self.state.get(EDITOR_SHOWN, False):
            self.state[EDITOR_SHOWN] = True
            return True
        return False

    # --- uploads -----------------------------------------------------------------------------
    def is_new_upload(self, file_id: str) -> bool:
        """Whether the uploader holds a file this session has not read yet (and remember it as read)."""
        if self.state.get(UPLOAD_ID) == file_id:
            return False
        self.state[UPLOAD_ID] = file_id
        return True

    @property
    def upload_id(self) -> str | None:
        return self.state.get(UPLOAD_ID)

    @property
    def upload_result(self) -> tuple[str, object] | None:
        return self.state.get(UPLOAD_RESULT)

    def set_upload_result(self, status: str, detail) -> None:
        self.state[UPLOAD_RESULT] = (status, detail)

    # --- notes -------------------------------------------------------------------------------
    def add_notes(self, notes) -> None:
        self.state[NOTES] = [*self.state.get(NOTES, []), *notes]

    def take_notes(self) -> list[str]:
        """The notes to show on this run; they are shown once."""
        return self.state.pop(NOTES, [])

    # --- the view ----------------------------------------------------------------------------
    @property
    def first_run(self) -> bool:
        """Whether the page has not yet set a view (the link decides it)."""
        return "lag" not in self.state

    def view(self) -> ViewState:
        """The view the widgets (and the last :meth:`show`) hold."""
        return ViewState.from_session(self.state)

    def show(self, state: ViewState) -> None:
        """Set the widgets to ``state`` (before they are drawn on this run)."""
        self.state.update(state.to_session())

    def take_pending_division(self) -> None:
        """Set the kommune division a new register opens on, before its widget exists."""
        if PENDING_DIVISION in self.state:
            self.state["kommuneinndeling"] = self.state.pop(PENDING_DIVISION)

    @property
    def division(self) -> str | None:
        return self.state.get("kommuneinndeling")

    @property
    def drawn_division(self) -> str | None:
        return self.state.get(DRAWN_DIVISION)

    def set_drawn_division(self, division: str) -> None:
        self.state[DRAWN_DIVISION] = division

    def layer_changed(self) -> bool:
        """Whether the layer differs from the one drawn last (it then opens on its own services)."""
        return self.state.get(PREVIOUS_LAYER, self.state.get("lag")) != self.state.get("lag")

    def set_drawn_layer(self) -> None:
        self.state[PREVIOUS_LAYER] = self.state.get("lag")

    def settle_period(self, default: tuple[int, int], *, low: int, high: int) -> None:
        """Give the period slider (``periode``) a pair of years within ``low``–``high`` before it is
        drawn: ``default`` where it has none, a link's years held within the range."""
        value = self.state.get("periode")
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            value = default
        start, end = (min(max(int(v), low), high) for v in value)
        if self.state.get("periode") != (start, end):
            self.state["periode"] = (start, end)

    # --- choosing a kommune or an arrangement --------------------------------------------------
    def pick(self, kommune: str | None, ordning: str | None = None) -> None:
        """Show ``kommune`` (and ``ordning``) on the next run."""
        self.state[PENDING] = (kommune, ordning)

    def keep_switches(self) -> None:
        """Keep the switches that are on (:data:`EXPORTS_SHOWN`, :data:`MAP_TABLE_SHOWN`) through this
        run, drawn or not: Streamlit forgets a widget's value after a run that does not draw it."""
        for key in (EXPORTS_SHOWN, MAP_TABLE_SHOWN):
            if self.state.get(key):
                self.state[key] = True

    def show_in_widget(self, key: str, value) -> None:
        """Set the widget ``key`` (drawn later in this run) to ``value`` where it shows another: a
        choice made elsewhere (a table row, a map click) is shown in every control that holds it,
        and the control stays the same element (keyboard focus is kept)."""
        if self.state.get(key, value) != value:
            self.state[key] = value

    def take_pick(self) -> tuple[str | None, str | None] | None:
        return self.state.pop(PENDING, None)

    def clicked(self, click) -> None:
        """A click on the map, stored by its callback before the run that draws it; anything but a
        position of two finite numbers on the globe (what a careless or hostile client may send) is
        ignored."""
        position = map_position(click)
        if position is not None:
            self.state[CLICK] = {"lat": position[0], "lng": position[1]}

    def take_click(self) -> dict | None:
        return self.state.pop(CLICK, None)

    # --- the map -----------------------------------------------------------------------------
    @property
    def sent(self) -> set[str]:
        """Keys of the geometries the page's live map holds."""
        return self.state.setdefault(SENT, set())

    def forget_sent(self) -> None:
        """The page lacks geometries it was sent (an interrupted rerun): send them all again."""
        self.sent.clear()

    @property
    def memo(self) -> ViewMemo:
        return self.state.setdefault(MEMO, ViewMemo())
