"""The layer registry: the one place that knows a layer.

Each :class:`Layer` says its key, its Norwegian label, which filters it takes and whether it
has a table, and holds its builder. The app's widgets, the link parser, the command line's
flags and the atlas all read it. Adding a layer is one module with a builder
``(data, kommuner, filters) -> LayerSpec`` and one line in :data:`LAYERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import geopandas as gpd

from geo.choices import resolve_choice
from geo.io import Dataset
from geo.register import SEKTORER
from layers._common import MissingChoice
from layers.changes import changes_layer
from layers.counts import count_layer
from layers.coverage import coverage_layer, regional_council_layer
from layers.crossings import crossing_layer
from layers.filters import INDEX_SERVICES, Filters
from layers.network import hosting_layer, network_layer
from layers.new_since import new_since_layer
from layers.partners import additive_layer, consolidation_layer, partner_overlap_layer
from layers.spec import LayerSpec

NEEDS_SERVICE = "Velg minst én tjeneste (eller en sektor) for å se {label}."


@dataclass(frozen=True)
class Layer:
    """One kind of map.

    Attributes
    ----------
    key, label
        The key in links and on the command line; the Norwegian name shown to people.
    build
        ``(data, kommuner, filters) -> LayerSpec``.
    services, sector
        Whether the layer can be narrowed to services, and to a sector.
    needs_service
        Whether it needs at least one service (or a sector) to draw anything.
    exact_services
        How many services it compares, where it needs an exact number (``None`` otherwise).
    table
        Whether its spec carries a table.
    default_services
        The services it opens on (``()``: all), as the report's figure of it does.
    period
        Whether it takes a period of years founded (``Filters.periode``).
    shows_not_in_force
        Whether, drawn as of a year, it can also draw the arrangements not in force then
        (``Filters.ikke_i_kraft``).
    """

    key: str
    label: str
    build: Callable[[Dataset, gpd.GeoDataFrame, Filters], LayerSpec]
    services: bool = False
    sector: bool = False
    needs_service: bool = False
    exact_services: int | None = None
    table: bool = False
    default_services: tuple[str, ...] = ()
    period: bool = False
    shows_not_in_force: bool = False

    def filters_for(self, filters: Filters) -> Filters:
        """``filters`` without what this layer does not take (so a map never depends on a hidden choice)."""
        return replace(
            filters,
            tjenester=filters.tjenester if self.services else (),
            sektor=filters.sektor if self.sector else None,
            periode=filters.periode if self.period else None,
            ikke_i_kraft=filters.ikke_i_kraft and self.shows_not_in_force and filters.per is not None,
        )

    def missing(self, filters: Filters) -> str:
        """Why ``filters`` cannot be drawn by this layer, or ``""``."""
        if self.needs_service and not filters.tjenester and not filters.sektor:
            return NEEDS_SERVICE.format(label=self.label.lower())
        if self.exact_services is not None and len(filters.tjenester) != self.exact_services:
            return (
                f"Velg nøyaktig {self.exact_services} tjenester for å se {self.label.lower()} "
                f"(valgt: {len(filters.tjenester)})."
            )
        return ""


LAYERS: dict[str, Layer] = {
    "dekning": Layer(
        "dekning",
        "Dekning per tjeneste",
        coverage_layer,
        services=True,
        needs_service=True,
        default_services=("legevakt",),
        shows_not_in_force=True,
    ),
    "antall": Layer("antall", "Antall ordninger per kommune", count_layer, services=True, sector=True),
    "fylkesgrense": Layer(
        "fylkesgrense", "Samarbeid over fylkesgrenser", crossing_layer, services=True, sector=True, table=True
    ),
    "regionrad": Layer("regionrad", "Regionråd", regional_council_layer, shows_not_in_force=True),
    "partnere": Layer(
        "partnere",
        "Samme eller ulike partnere i to tjenester",
        partner_overlap_layer,
        services=True,
        exact_services=2,
        table=True,
        default_services=("legevakt", "barnevernvakt"),
    ),
    "konsolidering": Layer(
        "konsolidering",
        "Konsolideringsindeks",
        consolidation_layer,
        services=True,
        table=True,
        default_services=INDEX_SERVICES,
    ),
    "additiv": Layer(
        "additiv", "Additiv indeks", additive_layer, services=True, table=True, default_services=INDEX_SERVICES
    ),
    "nettverk": Layer("nettverk", "Partnernettverk", network_layer, services=True, sector=True, table=True),
    "vertskap": Layer("vertskap", "Vertskommuner", hosting_layer, services=True, sector=True, table=True),
    "endringer": Layer("endringer", "Endringer mellom versjoner", changes_layer, table=True),
    "nye": Layer(
        "nye", "Nye ordninger i en periode", new_since_layer, services=True, sector=True, table=True, period=True
    ),
}


#: Arrangements whose other parties a map's note names one by one; the rest are counted.
MAX_PARTY_NOTES = 6


def _other_parties(data: Dataset, ordning_ids) -> tuple[str, ...]:
    """A note naming the parties that are not kommuner of the arrangements in the map: the map draws
    kommuner, and its counts and indexes count kommuner."""
    o = data.register.ordninger
    if "andre_parter" not in o or not o["andre_parter"].to_numpy().any():  # most registers have none: one pass
        return ()
    shown = o[o["id"].isin(set(ordning_ids)) & o["andre_parter"].fillna("").astype(bool)]
    if not len(shown):
        return ()
    from geo.parties import parties_label

    named = [f"{n}: {parties_label(t)}" for n, t in zip(shown["navn"], shown["andre_parter"])]
    more = f" og {len(named) - MAX_PARTY_NOTES} til" if len(named) > MAX_PARTY_NOTES else ""
    return (
        f"Andre parter enn kommuner: {'; '.join(named[:MAX_PARTY_NOTES])}{more}. Kartet og tallene viser kommunene.",
    )


def resolve_layer(key: str) -> Layer:
    """The :class:`Layer` for ``key``; unknown keys raise :class:`~geo.choices.UnknownChoice`."""
    return resolve_choice(key, LAYERS, what="kartlag")


def build_layer(data: Dataset, kommuner: gpd.GeoDataFrame, layer: str, filters: Filters) -> LayerSpec:
    """Build the spec of ``layer`` for ``filters``: the one call the app, the exporter and the atlas make.

    Raises
    ------
    UnknownChoice
        For an unknown layer, service, region, era or classification.
    MissingChoice
        When the layer needs a service and none is chosen.
    """
    found = resolve_layer(layer)
    filters = found.filters_for(filters)
    if filters.sektor:
        filters = replace(filters, sektor=resolve_choice(filters.sektor, {s: s for s in SEKTORER}, what="sektor"))
    why = found.missing(filters)
    if why:
        raise MissingChoice(why)
    as_of = ()
    if filters.per is not None:  # the register as it stood that year (status, founded, ended)
        from geo.founded import register_as_of

        drawn = register_as_of(data.register, filters.per)
        if drawn is not data.register:
            gone = len(data.register.ordninger) - len(drawn.ordninger)
            shown = filters.ikke_i_kraft and found.shows_not_in_force
            as_of = (
                f"Registeret per {filters.per}: {gone} ordninger som ikke var i kraft da, er "
                + ("tegnet med stiplet eller prikket omriss der de hører til kartet." if shown else "ikke med."),
            )
            whole = data.register.ordninger
            data = replace(
                data, register=drawn, not_in_force=whole[~whole["id"].isin(drawn.ordninger["id"]).to_numpy()]
            )
    spec = found.build(data, kommuner, filters)
    provenance = data.register.provenance
    # the contract stamped once: which layer this is, whose data it shows, and what every map of it says
    notes = (*spec.notes, *as_of, *_other_parties(data, spec.ordninger), *provenance.map_notes())
    return replace(spec, layer=found.key, source=provenance.source_line(), notes=notes)
