"""What changed between two versions of a register (pure functions).

Arrangements are matched by id. A change is one of: ``ny`` (only in the new version), ``avsluttet``
(only in the old), ``nytt navn``, ``medlemmer inn``, ``medlemmer ut``, ``ny vert``, ``ny juridisk
form`` and ``nye tjenester``; an arrangement can have several. Per kommune: how many arrangements
it joined and left (as a member of a new or ended arrangement, or added to or removed from one).
"""

from __future__ import annotations

import pandas as pd

CHANGES = (
    "ny",
    "avsluttet",
    "nytt navn",
    "medlemmer inn",
    "medlemmer ut",
    "ny vert",
    "ny juridisk form",
    "nye tjenester",
)


def arrangement_changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per arrangement that changed: ``id``, ``navn`` (the new name, else the old),
    ``endringer`` (tuple of :data:`CHANGES`), ``inn`` and ``ut`` (kommunenummer joined or left)."""
    before = old.set_index("id")
    after = new.set_index("id")
    rows = []
    for oid in list(after.index) + [i for i in before.index if i not in after.index]:
        if oid not in before.index:
            members = tuple(after.loc[oid, "deltakere"])
            rows.append((oid, after.loc[oid, "navn"], ("ny",), members, ()))
            continue
        if oid not in after.index:
            members = tuple(before.loc[oid, "deltakere"])
            rows.append((oid, before.loc[oid, "navn"], ("avsluttet",), (), members))
            continue
        a, b = before.loc[oid], after.loc[oid]
        joined = tuple(k for k in b["deltakere"] if k not in set(a["deltakere"]))
        left = tuple(k for k in a["deltakere"] if k not in set(b["deltakere"]))
        changes = [
            name
            for name, changed in (
                ("nytt navn", a["navn"] != b["navn"]),
                ("medlemmer inn", bool(joined)),
                ("medlemmer ut", bool(left)),
                ("ny vert", a["vertskommune"] != b["vertskommune"]),
                ("ny juridisk form", a["juridisk_form"] != b["juridisk_form"]),
                ("nye tjenester", set(a["tjenester"]) != set(b["tjenester"])),
            )
            if changed
        ]
        if changes:
            rows.append((oid, b["navn"], tuple(changes), joined, left))
    return pd.DataFrame(rows, columns=["id", "navn", "endringer", "inn", "ut"])


def kommune_changes(changes: pd.DataFrame, kommuner) -> pd.DataFrame:
    """Per kommune: ``inn`` (arrangements it joined) and ``ut`` (arrangements it left)."""
    joined: dict[str, int] = {}
    left: dict[str, int] = {}
    for ins, outs in zip(changes["inn"], changes["ut"]):
        for k in ins:
            joined[k] = joined.get(k, 0) + 1
        for k in outs:
            left[k] = left.get(k, 0) + 1
    return pd.DataFrame(
        [{"kommunenummer": k, "inn": joined.get(k, 0), "ut": left.get(k, 0)} for k in kommuner],
        columns=["kommunenummer", "inn", "ut"],
    )
