"""Questions asked of a loaded dataset: which arrangements a kommune is in, with whom."""

from __future__ import annotations

import pandas as pd

from geo.io import Dataset


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

    table = pd.DataFrame({
        "Samarbeidsordning": rows["navn"],
        "Tjeneste": [", ".join(service[c] for c in codes) for codes in rows["tjenester"]],
        "Antall": [len(d) for d in rows["deltakere"]],
        "Deltakere": [members(r) for r in rows.itertuples()],
        "Vertskommune": [name.get(h, "") for h in rows["vertskommune"]],
        "Juridisk form": rows["juridisk_form"],
        "id": rows["id"],
    })
    return table.sort_values(["Antall", "Samarbeidsordning"], ignore_index=True)
