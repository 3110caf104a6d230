"""The link keys of a saved register (``?register=ID&versjon=N&sammenlign=M``): pure functions, so the page can
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


def id_problem(register_id: str) -> str:
    """Why ``register_id`` cannot be a saved register's id (a Norwegian sentence), or ``""``."""
    if _ID.fullmatch(register_id):
        return ""
    return (
        f"«{_echo(register_id)}» er ikke id-en til et lagret register: den har bokstavene a–z og A–Z, sifre, "
        "- og _ (høyst 32 tegn)."
    )


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


def read_comparison(query, link: tuple[str, int | None] | None) -> tuple[int | None, list[str]]:
    """The earlier version a link compares with (``sammenlign=M``), or ``None``, and a Norwegian note
    where the link's value was ignored and why."""
    value = query.get("sammenlign", "")
    value = (value[-1] if isinstance(value, list) and value else value or "").strip()
    if not value:
        return None, []
    if not link:
        return None, ["Lenken ber om en sammenligning uten et lagret register; den ble ignorert."]
    if not _VERSION.fullmatch(value):
        return None, [f"«{_echo(value)}» i lenken er ikke et versjonsnummer å sammenligne med; det ble ignorert."]
    return int(value), []


def link_of(query) -> tuple[str, int | None] | None:
    """The saved register a link names, or ``None`` (:func:`read_link` without its notes)."""
    return read_link(query)[0]


def link_query(saved: tuple[str, int | None] | None, *, comparison: int | None = None) -> dict[str, str]:
    """The link keys of a saved register, and the earlier version it is compared with (empty for an
    unsaved one)."""
    if not saved:
        return {}
    register_id, version = saved
    return {
        "register": register_id,
        **({"versjon": str(version)} if version else {}),
        **({"sammenlign": str(comparison)} if comparison else {}),
    }
