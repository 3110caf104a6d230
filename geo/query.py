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
    if (
        "andre_parter" in rows and rows["andre_parter"].fillna("").astype(bool).any()
    ):  # only where the register has some
        from geo.parties import parties_label

        table.insert(4, "Andre parter", [parties_label(t) for t in rows["andre_parter"].fillna("")])
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
    if o.get("andre_parter"):
        from geo.parties import parties_label

        details["Andre parter"] = parties_label(o["andre_parter"]) + " (ikke talt med blant deltakerne)"
    if o.get("organisasjonsnummer"):
        details["Organisasjonsnummer"] = o["organisasjonsnummer"]
    if o.get("status"):
        details["Status"] = o["status"] + (f", avsluttet {o['avsluttet']}" if o.get("avsluttet") else "")
    if o.get("vedtak"):
        details["Vedtak"] = o["vedtak"]
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


def _haystacks(data: Dataset) -> list[tuple[str, str, str, str]]:
    """Per arrangement: id, name, its own words (name and other spellings) and every word it can be
    found by (its services, members and host too), normalised."""
    reg = data.register
    service = dict(zip(reg.tjenester["kode"], reg.tjenester["navn"]))
    name = data.names.display
    out = []
    for oid, navn, alias, codes, members, host in zip(
        reg.ordninger["id"],
        reg.ordninger["navn"],
        reg.ordninger["alias"],
        reg.ordninger["tjenester"],
        reg.ordninger["deltakere"],
        reg.ordninger["vertskommune"],
    ):
        own = normalise(" ".join([navn, *alias]))
        words = " ".join(
            [own, *codes, *(service[c] for c in codes), *(name[k] for k in members), name.get(host, "") if host else ""]
        )
        out.append((oid, navn, own, normalise(words)))
    return out


def _kommune_hits(data: Dataset, text: str, query: str) -> list[tuple[str, str, str]]:
    """The kommune the text names (a known misspelling too; a former kommune leads to what it
    became), then kommuner whose name holds the text."""
    hits = []
    try:
        knr = resolve_kommune(data.names, text, accept_misspellings=True)
        hits.append(("kommune", knr, data.names.display[knr]))
    except NameError_:
        if query in data.names.former:
            knr, _ = data.names.former[query]
            hits.append(("kommune", knr, f"{text.strip()} → {data.names.display[knr]}"))
    for knr, shown in data.names.display.items():
        if query in normalise(shown) and all(h[1] != knr for h in hits):
            hits.append(("kommune", knr, shown))
    return hits


def search(data: Dataset, text: str, *, limit: int = 8) -> list[tuple[str, str, str]]:
    """Kommuner and arrangements matching ``text``: ``(kind, key, label)`` with kind
    ``"kommune"`` or ``"ordning"``.

    Words may come in any order and each may name the arrangement, its service, a member or the
    host ("kongsberg legevakt", "legevakt gjøvik"); case, hyphens and small typos do not matter; a
    former kommune ("Nedre Eiker") leads to what it became. Nothing found: an empty list.
    """
    query = normalise(text)[:100]
    if not query:
        return []
    words = query.split()
    hits = _kommune_hits(data, text, query)
    found = [
        (sum(w in own for w in words), -len(navn), oid, navn)
        for oid, navn, own, everything in _haystacks(data)
        if all(w in everything for w in words)
    ]
    found.sort(reverse=True)
    hits += [("ordning", oid, navn) for _, _, oid, navn in found]
    if not found:  # a typo: close matches among the names
        names = {own: (oid, navn) for oid, navn, own, _ in _haystacks(data)}
        hits += [("ordning", *names[normalise(x)]) for x in close_matches(text, {k: k for k in names}, n=5, cutoff=0.7)]
        for label in close_matches(text, {normalise(v): v for v in data.names.display.values()}, n=3, cutoff=0.75):
            knr = next(k for k, v in data.names.display.items() if v == label)
            if all(h[1] != knr for h in hits):
                hits.append(("kommune", knr, label))
    return hits[:limit]


def kommune_at(kommuner, lon: float, lat: float) -> str | None:
    """The kommunenummer of the kommune (EPSG:4326 frame) containing a point, or ``None``."""
    point = shapely.Point(lon, lat)
    hit = kommuner[shapely.contains(kommuner.geometry.values, point)]
    return hit["kommunenummer"].iloc[0] if len(hit) else None
