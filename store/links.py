"""The link keys of a saved register (``?register=ID&versjon=N``): pure functions, so the page can
read a link without loading the database layer (SQLAlchemy) before the first map is drawn."""

from __future__ import annotations

import re

#: What a register id and a version number in a link may be (the store makes ids of these characters).
_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
_VERSION = re.compile(r"[1-9][0-9]{0,5}")


def _echo(value: str) -> str:
    """A link value as a note may quote it: printable, one line, shortened."""
    shown = "".join(c if c.isprintable() else "?" for c in value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def read_link(query) -> tuple[tuple[str, int | None] | None, list[str]]:
    """The saved register a link names (``register=ID`` and perhaps ``versjon=N``), or ``None``, and
    a Norwegian note for each part of the link that was ignored and why."""

    def get(key: str) -> str:
        value = query.get(key, "")
        return (value[-1] if isinstance(value, list) and value else value or "").strip()

    notes = []
    register_id, version = get("register"), get("versjon")
    if register_id and not _ID.fullmatch(register_id):
        notes.append(
            f"Lenken nevner registeret «{_echo(register_id)}», men et lagret register har en id av bokstavene "
            "a–z og A–Z, sifre, - og _ (høyst 32 tegn); det medfølgende registeret vises."
        )
        register_id = ""
    if version and not _VERSION.fullmatch(version):
        notes.append(
            f"«{_echo(version)}» i lenken er ikke et versjonsnummer (1, 2, 3 …); "
            + ("den nyeste versjonen vises." if register_id else "det ble ignorert.")
        )
        version = ""
    elif version and not register_id:
        notes.append("Lenken har et versjonsnummer uten et register; det ble ignorert.")
    if not register_id:
        return None, notes
    return (register_id, int(version) if version else None), notes


def link_of(query) -> tuple[str, int | None] | None:
    """The saved register a link names, or ``None`` (:func:`read_link` without its notes)."""
    return read_link(query)[0]


def link_query(saved: tuple[str, int | None] | None) -> dict[str, str]:
    """The link keys of a saved register (empty for an unsaved one)."""
    if not saved:
        return {}
    register_id, version = saved
    return {"register": register_id, **({"versjon": str(version)} if version else {})}
