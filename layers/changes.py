"""What changed between two versions of a register, as a map: each kommune coloured by whether it
joined arrangements, left them, both, or neither; a table of the changed arrangements."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo import compare
from geo.io import Dataset
from layers._common import MissingChoice, Shade, choropleth_spec, counted, region_of
from layers.filters import Filters
from layers.spec import LayerSpec, LegendEntry, SpecTable

#: Per-kommune classes: key → (legend text, colour), Paul Tol's colour-blind-safe "muted" scheme.
STYLE = {
    "inn": ("Kom inn i ordninger", "#117733"),
    "ut": ("Gikk ut av ordninger", "#CC6677"),
    "begge": ("Både inn og ut", "#AA4499"),
    "uendret": ("Ingen endring i medlemskap", "#DDDDDD"),
}


def changes_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Kommuner coloured by how their memberships changed since ``data.previous``; a table of every
    arrangement that is new, ended, renamed, or changed members, host, legal form or services."""
    if data.previous is None:
        raise MissingChoice("Velg en tidligere versjon av registeret å sammenligne med.")
    region = region_of(data, filters)
    changes = compare.arrangement_changes(data.previous.ordninger, data.register.ordninger)
    here = sorted(
        set(counted(data, region))
        | {k for ks in data.previous.ordninger["deltakere"] for k in ks if k in region.kommuner}
    )
    per = compare.kommune_changes(changes, here)
    name = data.names.display
    shades, present = {}, set()
    for k, inn, ut in per.itertuples(index=False):
        key = "begge" if inn and ut else "inn" if inn else "ut" if ut else "uendret"
        present.add(key)
        shades[k] = Shade(
            STYLE[key][1],
            name[k] if key != "uendret" else "",
            f"{name[k]}\n{STYLE[key][0]}: inn i {inn}, ut av {ut}",
            (("Kom inn i (ordninger)", int(inn)), ("Gikk ut av (ordninger)", int(ut))),
        )
    legend = [LegendEntry(text, fill=colour) for key, (text, colour) in STYLE.items() if key in present]
    shown = pd.DataFrame(
        {
            "navn": changes["navn"],
            "endringer": [", ".join(c) for c in changes["endringer"]],
            "inn": [", ".join(name.get(k, k) for k in ks) for ks in changes["inn"]],
            "ut": [", ".join(name.get(k, k) for k in ks) for ks in changes["ut"]],
        }
    )
    counts = pd.Series([c for cs in changes["endringer"] for c in cs]).value_counts()
    summary = ", ".join(f"{counts[c]} {c}" for c in compare.CHANGES if c in counts) or "ingen endringer"
    return choropleth_spec(
        data,
        kommuner,
        filters,
        region,
        shades,
        legend,
        title=f"Endringer fra {data.previous.provenance.date or 'forrige'} til {data.register.provenance.date or 'nå'}",
        subtitle=f"{region.label} · {summary}",
        legend_title="Medlemskap",
        table=SpecTable(
            "Ordninger som er endret",
            shown,
            {"navn": "Ordning", "endringer": "Endringer", "inn": "Kom inn", "ut": "Gikk ut"},
        ),
        ordninger=tuple(changes["id"][changes["id"].isin(data.register.ordninger["id"])]),
        notes=("Ordningene er sammenlignet etter id: samme id med nytt navn er et nytt navn, ikke en ny ordning.",),
    )
