"""Questions asked of a loaded dataset: which arrangements a kommune is in, with whom."""

from __future__ import annotations

import pandas as pd
import shapely

from geo._text import close_matches, normalise
from geo.io import Dataset
from geo.names import NameError_, resolve_kommune


def arrangements_for_kommune(data: Dataset, kommunenummer: str) -> pd.DataFrame:
    """The kommune's arrangements as the report's Tabell 4.1–4.6 list them.

    Columns (Norwegian, for display): ``Samarbeidsordning``, ``Tjeneste``, ``Deltakere``,
    ``Vertskommune``, ``Juridisk form``, ``id``; sorted by number of members, then name.
    """
    reg = data.register
    ids = reg.medlemskap.loc[reg.medlemskap["kommunenummer"] == kommunenummer, "ordning_id"]
    rows = reg.ordninger[reg.ordninger["id"].isin(ids)]
    service = dict(zip(reg.tjenester["kode"], reg.tjenester["navn"]))
    name = data.names.display

    def members(row) -> str:
        text = ", ".join(name[k] for k in row.deltakere)
        return text if row.deltakere_komplett else text + " m.fl. (ufullstendig liste)"

    table = pd.DataFrame(
        {
            "Samarbeidsordning": rows["navn"],
            "Tjeneste": [", ".join(service[c] for c in codes) for codes in rows["tjenester"]],
            "Antall": [len(d) for d in rows["deltakere"]],
            "Deltakere": [members(r) for r in rows.itertuples()],
            "Vertskommune": [name.get(h, "") for h in rows["vertskommune"]],
            "Juridisk form": rows["juridisk_form"],
            "id": rows["id"],
        }
    )
    return table.sort_values(["Antall", "Samarbeidsordning"], ignore_index=True)


def arrangement_details(data: Dataset, ordning_id: str) -> dict[str, str]:
    """Everything the register says about one arrangement, as label → text for display."""
    o = data.register.ordninger.set_index("id").loc[ordning_id]
    service = dict(zip(data.register.tjenester["kode"], data.register.tjenester["navn"]))
    name = data.names.display
    members = ", ".join(name[k] for k in o["deltakere"])
    details = {
        "Navn": o["navn"],
        "Tjeneste": ", ".join(service[c] for c in o["tjenester"]),
        "Deltakere": f"{members} ({len(o['deltakere'])})"
        + ("" if o["deltakere_komplett"] else " – listen er ufullstendig"),
        "Vertskommune": name.get(o["vertskommune"], "") or "ikke oppgitt",
        "Juridisk form": o["juridisk_form"] or "ikke oppgitt",
        "Etablert": str(o["etablert"]) if not pd.isna(o["etablert"]) else (o["etablert_periode"] or "ikke oppgitt"),
        "Kilde": o["kilde"],
    }
    if o["merknad"]:
        details["Merknad"] = o["merknad"]
    if o["alias"]:
        details["Også skrevet"] = "; ".join(o["alias"])
    return details


def partners(data: Dataset, kommunenummer: str, *, ordning_ids=None) -> pd.DataFrame:
    """The kommune's partners: ``Kommune`` and ``Felles ordninger`` (count), most shared first."""
    m = data.register.medlemskap
    mine = set(m.loc[m["kommunenummer"] == kommunenummer, "ordning_id"])
    if ordning_ids is not None:
        mine &= set(ordning_ids)
    shared = m[m["ordning_id"].isin(mine) & (m["kommunenummer"] != kommunenummer)]
    counts = shared["kommunenummer"].value_counts()
    frame = pd.DataFrame(
        {
            "Kommune": [data.names.display[k] for k in counts.index],
            "Felles ordninger": counts.to_numpy(),
            "kommunenummer": counts.index,
        }
    )
    return frame.sort_values(["Felles ordninger", "Kommune"], ascending=[False, True], ignore_index=True)


def search(data: Dataset, text: str, *, limit: int = 8) -> list[tuple[str, str, str]]:
    """Kommuner and arrangements matching ``text``: ``(kind, key, label)`` with kind
    ``"kommune"`` or ``"ordning"``. Case, hyphens and small typos do not matter."""
    query = normalise(text)
    if not query:
        return []
    hits: list[tuple[str, str, str]] = []
    try:
        knr = resolve_kommune(data.names, text, accept_misspellings=True)
        hits.append(("kommune", knr, data.names.display[knr]))
    except NameError_:
        pass
    kommuner = {normalise(v): k for k, v in data.names.display.items()}
    for key, knr in kommuner.items():
        if query in key and ("kommune", knr, data.names.display[knr]) not in hits:
            hits.append(("kommune", knr, data.names.display[knr]))
    for label in close_matches(text, {k: data.names.display[v] for k, v in kommuner.items()}, n=3, cutoff=0.75):
        knr = kommuner[normalise(label)]
        if ("kommune", knr, label) not in hits:
            hits.append(("kommune", knr, label))
    arrangements: dict[str, tuple[str, str]] = {}
    for oid, navn, alias in zip(
        data.register.ordninger["id"], data.register.ordninger["navn"], data.register.ordninger["alias"]
    ):
        for n in (navn, *alias):
            arrangements.setdefault(normalise(n), (oid, navn))
    found = [v for k, v in arrangements.items() if query in k]
    found += [arrangements[normalise(x)] for x in close_matches(text, {k: k for k in arrangements}, n=5, cutoff=0.7)]
    for oid, navn in found:
        if ("ordning", oid, navn) not in hits:
            hits.append(("ordning", oid, navn))
    return hits[:limit]


def kommune_at(kommuner, lon: float, lat: float) -> str | None:
    """The kommunenummer of the kommune (EPSG:4326 frame) containing a point, or ``None``."""
    point = shapely.Point(lon, lat)
    hit = kommuner[shapely.contains(kommuner.geometry.values, point)]
    return hit["kommunenummer"].iloc[0] if len(hit) else None
