"""Analysis layers on who works with whom: the partner network and hosting. Definitions in
:mod:`geo.analysis`."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import analysis
from geo import areas as geo_areas
from geo.io import Dataset
from layers import palette
from layers._common import choropleth_spec, counted, lookup, region_of
from layers.counts import class_shades
from layers.filters import Filters, resolve_services, service_title
from layers.spec import LayerSpec, LegendEntry, SpecTable

#: The strongest edges a network map draws (at most this, and three per kommune in the view, so
#: that the core stands out); the rest are counted in its notes.
MAX_EDGES = 400
EDGES_PER_KOMMUNE = 3
#: Rows of the strongest-pairs table.
MAX_PAIRS = 200
EDGE = "#26367a"


def _chosen(data: Dataset, filters: Filters, region) -> pd.DataFrame:
    codes = resolve_services(data, filters.tjenester)
    chosen = geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor)
    return geo_areas.touching_view(chosen, region.kommuner)


def _width(weight: np.ndarray, lightest: int, heaviest: int) -> np.ndarray:
    """Line width in points (pixels on screen): 0.6 for the lightest edge drawn, 5 for the heaviest."""
    span = max(heaviest - lightest, 1)
    return np.round(0.6 + 4.4 * np.clip((weight - lightest) / span, 0, 1), 2)


def _edges(data: Dataset, kommuner: gpd.GeoDataFrame, shown: pd.DataFrame, span: tuple[int, int]) -> gpd.GeoDataFrame:
    """Edges as straight lines between the kommuner's representative points, width by weight."""
    look = lookup(kommuner)
    ends = sorted(set(shown["a"]) | set(shown["b"]))
    point = dict(zip(ends, shapely.point_on_surface(np.asarray([look.by_number[k] for k in ends], dtype=object))))
    name = data.names.display
    lines = [shapely.LineString([point[a], point[b]]) for a, b in zip(shown["a"], shown["b"])]
    return gpd.GeoDataFrame(
        {
            "edge": [EDGE] * len(shown),
            "casing": [palette.casing_for(EDGE)] * len(shown),
            "linewidth": _width(shown["vekt"].to_numpy(), *span),
            "tooltip": [f"{name[a]} – {name[b]}: {w} felles ordninger" for a, b, w in shown.itertuples(index=False)],
        },
        geometry=lines,
        crs=look.crs,
    )


def _pairs_table(data: Dataset, weights: pd.DataFrame, kommune: str | None) -> SpecTable:
    name = data.names.display
    if kommune:
        mine = analysis.partners_by_weight(weights, kommune)
        frame = pd.DataFrame({"kommune": [name[k] for k in mine["kommunenummer"]], "vekt": mine["vekt"]})
        return SpecTable(
            f"{name[kommune]}s partnere etter antall felles ordninger",
            frame,
            {"kommune": "Partner", "vekt": "Felles ordninger"},
        )
    top = weights.head(MAX_PAIRS)
    frame = pd.DataFrame({"a": [name[k] for k in top["a"]], "b": [name[k] for k in top["b"]], "vekt": top["vekt"]})
    return SpecTable(
        "De sterkeste samarbeidsparene", frame, {"a": "Kommune", "b": "Partner", "vekt": "Felles ordninger"}
    )


def _pairs_data(data: Dataset, weights: pd.DataFrame, shown: pd.DataFrame) -> SpecTable:
    """The map's data: every pair of kommuner in the area that share arrangements, with how many, and
    whether the map draws its line (the strongest)."""
    name = data.names.display
    drawn = set(zip(shown["a"].tolist(), shown["b"].tolist()))
    a, b = weights["a"].tolist(), weights["b"].tolist()
    frame = pd.DataFrame(
        {
            "key": [f"{x}-{y}" for x, y in zip(a, b)],
            "a_nr": a,
            "a": [name[k] for k in a],
            "b_nr": b,
            "b": [name[k] for k in b],
            "vekt": weights["vekt"].to_numpy(),
            "tegnet": ["ja" if pair in drawn else "nei" for pair in zip(a, b)],
        }
    )
    columns = {
        "a_nr": "Kommunenummer",
        "a": "Kommune",
        "b_nr": "Partnerens kommunenummer",
        "b": "Partner",
        "vekt": "Felles ordninger",
        "tegnet": "Linje i kartet",
    }
    return SpecTable("Samarbeidspar i området", frame, columns)


def network_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Kommuner of the area joined by a line for every pair that shares arrangements, wider the more
    they share; each kommune coloured by how many arrangements it shares with partners in the area
    (its strength), so that the core and the periphery show."""
    region = region_of(data, filters)
    chosen = _chosen(data, filters, region)
    here = counted(data, region)
    everything = analysis.partner_weights(chosen)
    inside = everything["a"].isin(here) & everything["b"].isin(here)
    weights = everything[inside].reset_index(drop=True)
    shown = weights.head(min(MAX_EDGES, EDGES_PER_KOMMUNE * len(here)))
    span = (int(shown["vekt"].min()), int(shown["vekt"].max())) if len(shown) else (1, 1)
    strength = (
        pd.concat([weights.groupby("a")["vekt"].sum(), weights.groupby("b")["vekt"].sum()]).groupby(level=0).sum()
    )
    shades, legend = class_shades(
        data,
        strength.reindex(here, fill_value=0).astype(int),
        filters,
        unit="felles ordninger med partnere i området",
        header="Felles ordninger med partnere i området",
    )
    for w in sorted({span[0], (span[0] + span[1]) // 2, span[1]}):
        legend.append(
            LegendEntry(
                f"{w} felles {'ordning' if w == 1 else 'ordninger'}",
                edge=EDGE,
                line=True,
                width=float(_width(np.array([w]), *span)[0]),
            )
        )
    notes = [
        "En linje mellom to kommuner i området for hver felles ordning; jo bredere, jo flere. Fargen er "
        "kommunens sum av felles ordninger med partnere i området: kjernen i samarbeidet er mørkest."
    ]
    if len(weights) > len(shown):
        notes.append(
            f"Viser de {len(shown)} sterkeste av {len(weights)} samarbeidspar i området "
            f"(minst {span[0]} felles ordninger); tabellen lister de sterkeste parene."
        )
    outside = int((~inside).sum())
    if outside:
        notes.append(f"{outside} par med en kommune utenfor området er ikke tegnet.")
    partners = analysis.partners_by_weight(weights, filters.kommune)["kommunenummer"] if filters.kommune else ()
    what = service_title(data, resolve_services(data, filters.tjenester), filters.sektor)
    return choropleth_spec(
        data,
        kommuner,
        filters,
        region,
        shades,
        legend,
        title=f"Partnernettverk: {what}",
        subtitle=f"{region.label} · {len(weights)} samarbeidspar i {len(chosen)} ordninger",
        legend_title="Felles ordninger med partnere",
        partners=tuple(partners),
        lines=_edges(data, kommuner, shown, span),
        table=_pairs_table(data, weights, filters.kommune),
        data_table=_pairs_data(data, weights, shown),
        ordninger=tuple(chosen["id"]),
        notes=tuple(notes),
    )


def hosting_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """How many arrangements each kommune hosts, for whom, and where members depend on a host
    elsewhere; arrangements without a known host are counted as unknown, never as none."""
    region = region_of(data, filters)
    chosen = _chosen(data, filters, region)
    here = counted(data, region)
    table = analysis.hosting(chosen, here).set_index("kommunenummer")
    name = data.names.display
    members = dict(zip(chosen["id"], chosen["deltakere"]))
    served = {k: sorted({m for oid in ids for m in members[oid]} - {k}) for k, ids in table["ordninger_vert"].items()}
    extra = {
        k: (
            ("Vert for kommunene", ", ".join(name[m] for m in served[k])),
            ("Med i ordninger med vert i en annen kommune", int(r.vert_annet_sted)),
            ("Med i ordninger uten oppgitt vert", int(r.ukjent_vert)),
        )
        for k, r in zip(table.index, table.itertuples())
    }
    shades, legend = class_shades(
        data, table["vert_for"], filters, unit="ordninger som vertskommune", header="Vert for (antall)", extra=extra
    )
    unknown = int((chosen["vertskommune"] == "").sum())
    shown = pd.DataFrame(
        {
            "kommune": [name[k] for k in table.index],
            "vert_for": table["vert_for"].to_numpy(),
            "betjener": [", ".join(name[m] for m in served[k]) for k in table.index],
            "annet_sted": table["vert_annet_sted"].to_numpy(),
            "ukjent": table["ukjent_vert"].to_numpy(),
        }
    )
    shown = shown.sort_values("kommune", ignore_index=True)  # by name: with most hosts unknown, order is no rank
    what = service_title(data, resolve_services(data, filters.tjenester), filters.sektor)
    return choropleth_spec(
        data,
        kommuner,
        filters,
        region,
        shades,
        legend,
        title=f"Vertskommuner: {what}",
        subtitle=f"{region.label} · {len(chosen) - unknown} av {len(chosen)} ordninger har oppgitt vertskommune, "
        f"{unknown} ukjent",
        legend_title="Ordninger kommunen er vert for",
        partners=tuple(served.get(filters.kommune, ())),
        table=SpecTable(
            "Vertskap per kommune",
            shown,
            {
                "kommune": "Kommune",
                "vert_for": "Vert for (antall)",
                "betjener": "Vert for kommunene",
                "annet_sted": "Med i ordninger med vert i en annen kommune",
                "ukjent": "Med i ordninger uten oppgitt vert",
            },
        ),
        ordninger=tuple(chosen["id"]),
        notes=(
            "Ordninger uten oppgitt vertskommune (IKS, AS og der kilden ikke sier det) er talt som ukjent, ikke som "
            "at ingen er vert.",
        ),
    )
