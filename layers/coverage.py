"""Coverage per service: each arrangement as an area, coloured so that neighbours differ."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import areas as geo_areas
from geo._frame import geo_frame
from geo._memo import Recent
from geo.io import Dataset
from geo.register import own_service
from layers import palette
from layers._common import (
    MAX_KOMMUNE_LABELS,
    Same,
    area_frame,
    check_budget,
    context_rows,
    highlight_frame,
    key_entries,
    kommune_row,
    label_note,
    label_points,
    lookup,
    mapped,
    numbered,
    region_of,
    view_bounds,
)
from layers.filters import Filters, resolve_services, service_title
from layers.spec import EGEN, INGEN, KOMMUNE, ORDNING, STRIPER, UKARTLAGT, LayerSpec, LegendEntry, LineStyle, SpecTable

OWN_SERVICE_LABEL = "Egen tjeneste (ingen ordning)"
NO_ARRANGEMENT_LABEL = "Ingen ordning registrert"
DOUBLE_LABEL = "Kommune i flere ordninger: striper i fargen til den andre"
UNSTRIPED_NOTE = (
    "Kommuner i flere ordninger er ikke stripet i et kart over så mange kommuner; verktøytipset og "
    "kommunens tabell viser alle."
)
OUTLINED_NOTE = (
    "Ordninger som ligger innenfor eller rundt andre er tegnet med kant i sin farge, ikke skravert, i et "
    "kart over så mange kommuner."
)
NOT_MAPPED_LABEL = "Ikke kartlagt"
NAMES_IN_LEGEND_NOTE = (
    "Ordningenes navn står i tegnforklaringen, ikke i kartet: et kart over så mange kommuner har ikke plass til dem."
)
OWN_SERVICE_NOTE = (
    "«Egen tjeneste»: registeret kartlegger alle formelle ordninger i {area}, og alle kommuner skal ha "
    "tjenesten; en kommune der uten ordning for den løser den selv."
)
STATED_OWN_NOTE = "«Egen tjeneste»: der registeret sier at kommunen løser tjenesten selv."


def _statements(data: Dataset, kommuner: list[str], codes) -> tuple[str, ...]:
    """Ids of the register's "egen tjeneste" rows behind the kommuner drawn as such (for the data export)."""
    egne, wanted = data.register.egne, set(kommuner)
    return tuple(
        oid
        for oid, members, services in zip(egne["id"], egne["deltakere"], egne["tjenester"])
        if wanted & set(members) and (not codes or set(codes) & set(services))
    )


@dataclass
class _Drawn:
    """Area rows of the arrangements in drawing order: umbrellas under, solid, nested (hatched) on top."""

    under: list[dict]
    solid: list[dict]
    hatched: list[dict]
    members: dict = field(default_factory=dict)  # key of an arrangement → its member set
    nested: dict = field(default_factory=dict)  # key of an arrangement → member sets drawn inside it (on top)

    def rows(self, bounds, doubles: list[dict], *, look, stripes: bool = True) -> list[dict]:
        """Every row in drawing order; a striped arrangement as its stripes, then its outline (only the
        outline, in its colour, without ``stripes``)."""

        def striped(rows: list[dict]) -> list[dict]:
            if not stripes:
                return rows
            return [x for r in rows for x in (_stripe_row(r, r["geometry"], key=r["key"], bounds=bounds, look=look), r)]

        return striped(self.under) + self.solid + doubles + striped(self.hatched)


#: An arrangement reaching further than this many times the view's size is left cut by the frame
#: (and named in the notes) rather than zooming the map out to show all of it.
MAX_FRAME_GROWTH = 2.5


def _frame_around(bounds, drawn: list) -> tuple[tuple[float, float, float, float], list[str]]:
    """The view's extent grown to hold everything ``drawn`` (``(arrangement name, geometry)``) whole,
    except what is far larger than the view, returned by name (a report's map never cuts an
    arrangement silently)."""
    x0, y0, x1, y1 = bounds
    span = max(x1 - x0, y1 - y0)
    beyond = []
    for navn, geom in drawn:
        a0, b0, a1, b1 = geom.bounds
        if max(a1 - a0, b1 - b0) > MAX_FRAME_GROWTH * span:
            if navn not in beyond:
                beyond.append(navn)
            continue
        x0, y0, x1, y1 = min(x0, a0), min(y0, b0), max(x1, a1), max(y1, b1)
    pad = 0.02 * max(x1 - x0, y1 - y0)
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad), beyond


def stripe_spacing(bounds) -> float:
    """Distance between stripes: about a hundred and tenth of the view's width (about 2 mm on an A4
    map), on a ladder of steps of √2, so that views of about the same size share their stripes."""
    raw = max((bounds[2] - bounds[0]) / 110, 1.0)
    return float(2 ** (round(2 * np.log2(raw)) / 2))


def _fills(dissolved: gpd.GeoDataFrame, everywhere: pd.DataFrame, naboer) -> list[str]:
    """A colour per arrangement drawn, chosen among every arrangement of the service in the whole
    register (largest first), so that an arrangement keeps its colour in every view of the service:
    each its own while there are few, else touching ones differ (:func:`palette.colour_by_reach`)."""
    ids, members = everywhere["id"].tolist(), everywhere["deltakere"].tolist()

    def choose() -> dict[str, str]:
        ranked = sorted(range(len(ids)), key=lambda i: (-len(members[i]), ids[i]))
        colours = palette.colour_by_reach([frozenset(members[i]) for i in ranked], naboer)
        return MappingProxyType({ids[i]: c for i, c in zip(ranked, colours)})

    # the same arrangements (a register's, for a set of services) get the same colours in every view
    colour = _COLOURS.get((tuple(ids), tuple(map(tuple, members)), Same(naboer)), choose)
    return [colour[oid] for oid in dissolved["id"]]


#: Colours of every arrangement of a set of services (:func:`_fills`), the 32 most recently used
#: (a nationwide register's service set holds thousands: a few hundred kilobytes each).
_COLOURS = Recent(lambda: 32)


def dissolved_arrangements(
    data: Dataset, kommuner: gpd.GeoDataFrame, chosen: pd.DataFrame, everywhere: pd.DataFrame | None = None
) -> gpd.GeoDataFrame:
    """The chosen arrangements as areas, largest first, each with a ``fill`` (see :func:`_fills`;
    ``everywhere`` is every arrangement of the services in the register, default ``chosen``)."""
    dissolved = geo_areas.dissolve_arrangements(chosen, kommuner, union=lookup(kommuner).unions, largest_first=True)
    dissolved["fill"] = _fills(dissolved, chosen if everywhere is None else everywhere, data.naboer)
    return dissolved


def _umbrellas(member_sets: list[frozenset[str]], holders: list[list[int]]) -> list[bool]:
    """An "umbrella" contains two or more different other arrangements (Osloregionen around the
    regional councils): it is hatched underneath them rather than drawn over them. ``holders``:
    :func:`geo.areas.contained_in` of ``member_sets``."""
    inside: list[set[frozenset[str]]] = [set() for _ in member_sets]
    for i, outer in enumerate(holders):
        for j in outer:
            if member_sets[i] != member_sets[j]:
                inside[j].add(member_sets[i])
    return [len(distinct) >= 2 for distinct in inside]


class _Row(NamedTuple):
    """What a coverage map reads of a dissolved arrangement (plain lists: a GeoDataFrame's
    ``itertuples`` costs a millisecond per ten rows)."""

    id: str
    navn: str
    fill: str
    antall: int
    deltakere_komplett: bool
    vertskommune: str
    geometry: object


def _tooltip(data: Dataset, r) -> str:
    tip = [r.navn, f"{r.antall} kommuner" + ("" if r.deltakere_komplett else " (ufullstendig liste)")]
    if r.vertskommune:
        tip.append(f"Vertskommune: {data.names.display.get(r.vertskommune, '')}")
    return "\n".join(tip)


def _arrangement_rows(data: Dataset, dissolved: gpd.GeoDataFrame, *, write: bool = True) -> _Drawn:
    """Larger arrangements first; one lying inside a single other arrangement (Øvre Hallingdal
    inside Hallingdal legevakt) is hatched on top of it, an umbrella hatched underneath."""
    member_sets = [frozenset(d) for d in dissolved["deltakere"]]
    holders = geo_areas.contained_in(member_sets)
    umbrellas = _umbrellas(member_sets, holders)
    ids = dissolved["id"].tolist()
    out = _Drawn([], [], [], members=dict(zip(ids, member_sets)))
    columns = [dissolved[c].tolist() for c in _Row._fields[:-1]] + [list(dissolved.geometry.values)]
    for i, (r, umbrella) in enumerate(zip(map(_Row._make, zip(*columns)), umbrellas)):
        # inside an arrangement drawn before it (a larger one) that is not itself an umbrella
        inside = not umbrella and any(j < i and not umbrellas[j] for j in holders[i])
        striped = inside or umbrella  # shown by stripes in its colour over what lies under it, and an outline
        row = {
            "kind": ORDNING,
            "key": r.id,
            "navn": r.navn,
            "fill": r.fill,
            "edge": palette.outline_for(r.fill)[0] if striped else palette.edge_for(r.fill),
            "linewidth": 1.8 if striped else 0.9,
            "opacity": 0.0 if striped else 1.0,  # opaque: overlapping fills never blend into a colour not in the legend
            "hatch": striped,
            "label": "" if umbrella or not write else r.navn,
            "tooltip": _tooltip(data, r),
            "casing": palette.outline_for(r.fill)[1] if striped else "",  # an outline in its colour, on a casing
            "geometry": r.geometry,
        }
        (out.under if umbrella else out.hatched if inside else out.solid).append(row)
        if inside:
            for j in holders[i]:
                if j < i and not umbrellas[j]:
                    out.nested.setdefault(ids[j], []).append(member_sets[i])
    return out


def _stripe_row(source: dict, geometry, *, key: str, bounds, look, angle: float = 45.0) -> dict:
    """Stripes in ``source``'s colour across ``geometry``, at the spacing of the view's size (its
    ``bounds``), simplified to an eighth of their spacing; cut once per area, spacing and angle in
    ``look`` (the frame's lookup): a view new to the process cuts only its areas new to it."""
    spacing = stripe_spacing(bounds)

    def cut():
        return shapely.simplify(geo_areas.stripes(geometry, spacing=spacing, angle=angle), spacing / 8)

    return {
        **source,
        "kind": STRIPER,
        "key": key,
        "edge": source["fill"],
        "linewidth": 0.0,
        "opacity": 1.0,
        "hatch": False,
        "label": "",
        "casing": "",
        "geometry": look.memo(("striper", Same(geometry), spacing, angle), cut),
    }


def _shared_kommuner(solid: list[dict], dissolved) -> dict[str, list[dict]]:
    """Kommune → the solid arrangements it is a member of, in drawing order, for the kommuner in two
    or more (the last drawn is the ground colour over them)."""
    members = dict(zip(dissolved["id"], dissolved["deltakere"]))
    out: dict[str, list[dict]] = {}
    for r in solid:
        for k in members[r["key"]]:
            out.setdefault(k, []).append(r)
    return {k: rows for k, rows in sorted(out.items()) if len(rows) > 1}


def _double_members(data: Dataset, kommuner, shared: dict[str, list[dict]], bounds) -> list[dict]:
    """Stripes in the colour of every other arrangement over a kommune of ``shared``, so it shows all
    of the arrangements it is in."""
    look, name = lookup(kommuner), data.names.display
    rows = []
    for k, arrangements in shared.items():
        tip = "\n".join([name[k], "Med i flere ordninger for samme tjeneste:", *(r["navn"] for r in arrangements)])
        for i, r in enumerate(arrangements[:-1]):
            stripe = _stripe_row(r, look.by_number[k], key=k, bounds=bounds, look=look, angle=45.0 + 90.0 * i)
            rows.append({**stripe, "tooltip": tip})
    return rows


def _edges_over(outlines: list[dict], solid: list[dict], dissolved) -> None:
    """Give each member's outline an edge that stands out from the fill it lies on: that of the last
    solid arrangement drawn over the kommune."""
    members = dict(zip(dissolved["id"], dissolved["deltakere"]))
    top = {k: r["fill"] for r in solid for k in members[r["key"]]}
    for r in outlines:
        r["edge"] = palette.edge_for(top.get(r["key"], r["fill"]), palette.KOMMUNE_EDGE)


def own_service_kommuner(data: Dataset, codes: tuple[str, ...], sektor: str | None) -> tuple[set[str], str]:
    """The kommuner the map may call "egen tjeneste" where they are in no arrangement, and why
    (a note for the map, ``""`` for none): those the register states run every drawn service
    themselves (its ``egen tjeneste`` rows), and — only for a register that states it maps its area
    completely — every kommune of that area, where every drawn service is one every kommune must
    provide (``alle_har``). Nowhere else: a register that says nothing is not read as saying "own"."""
    t = data.register.tjenester
    drawn = set(codes) or set(t.loc[t["sektor"] == sektor, "kode"]) & {
        c for services in data.register.rows["tjenester"] for c in services
    }
    stated = own_service(data.register, drawn)
    alle_har = dict(zip(t["kode"], t["alle_har"]))
    if data.register.provenance.complete and drawn and all(alle_har.get(c) == "ja" for c in drawn):
        return stated | mapped(data), OWN_SERVICE_NOTE.format(area=data.register.provenance.area)
    return stated, STATED_OWN_NOTE if stated else ""


def _kommune_rows(
    data: Dataset, kommuner, view: frozenset[str], dissolved, service: str, own: set[str]
) -> tuple[list, list, list]:
    """Rows for the view's kommuner: in no arrangement (grey, named: "egen tjeneste" for those of
    ``own``, else "ingen ordning registrert"), not mapped (white), and the members' outlines on top
    that carry the tooltip listing every arrangement they are in."""
    geom = lookup(kommuner).by_number
    by_kommune: dict[str, list[str]] = {}
    for navn, members in zip(dissolved["navn"], dissolved["deltakere"]):
        for k in members:
            by_kommune.setdefault(k, []).append(navn)
    name = data.names.display
    in_register = mapped(data)
    write = len(view) <= MAX_KOMMUNE_LABELS  # hundreds of names would smear; legend and tooltips still name them
    alone = [
        kommune_row(
            data,
            k,
            geom[k],
            kind=EGEN if k in own else INGEN,
            fill=palette.OWN_SERVICE if k in own else palette.NO_ARRANGEMENT,
            opacity=1.0,
            label=name[k] if write else "",
            tooltip=f"{name[k]}\n"
            + (
                f"Egen tjeneste – ingen registrert ordning for {service}"
                if k in own
                else f"Ingen ordning registrert for {service}"
            ),
        )
        for k in sorted((k for k in view if k in in_register and k not in by_kommune), key=name.get)
    ]
    unmapped = [
        kommune_row(
            data, k, geom[k], kind=UKARTLAGT, fill=palette.NOT_MAPPED, opacity=1.0, tooltip=f"{name[k]}\nIkke kartlagt"
        )
        for k in sorted(k for k in view if k not in in_register and k not in by_kommune)
    ]
    outlines = [
        kommune_row(
            data,
            k,
            geom[k],
            kind=KOMMUNE,
            fill=palette.NOT_MAPPED,
            opacity=0.0,
            tooltip="\n".join([name[k], *by_kommune[k]]),
        )
        for k in sorted(view & by_kommune.keys())
    ]
    return alone, unmapped, outlines


def _label_rows(rows: list[dict], drawn: _Drawn, *, look) -> list[dict]:
    """The rows that carry a name, each with the part of its area a reader sees as its own: an
    arrangement with others drawn inside it (hatched on top) is named outside them, in the union of
    its members in none of them (``look``, the frame's lookup, keeps each member set's union)."""
    out = []
    for r in rows:
        if r["kind"] not in (ORDNING, EGEN, INGEN) or not r["label"]:
            continue  # a row without a name needs no place for one
        inside = drawn.nested.get(r["key"]) if r["kind"] == ORDNING and not r["hatch"] else None
        if inside:
            rest = drawn.members[r["key"]].difference(*inside)
            own = look.unions([rest])[0] if rest else None
            if own is not None and not own.is_empty and own.area > 0.15 * r["geometry"].area:
                r = {**r, "geometry": own}
        out.append(r)
    return out


def _members_text(name: dict, members, complete: bool) -> str:
    """An arrangement's members as its table row says them (``name``: kommunenummer → name)."""
    if not members:
        return "ingen kommune navngitt"
    return "; ".join(name[k] for k in members) + ("" if complete else " (ufullstendig liste)")


def coverage_data(
    data: Dataset, dissolved, drawn: _Drawn, alone: list[dict], labels, service: str, *, not_in_force=()
) -> SpecTable:
    """The map's data: a row per arrangement drawn (its members, host, form, colour and how it is drawn),
    the rows of :func:`not_in_force` and a row per kommune drawn as "egen tjeneste" or "ingen ordning
    registrert"."""
    name = data.names.display
    numbers = dict(zip(labels["key"], labels["nummer"]))
    how = {r["key"]: "skravert" for r in drawn.hatched + drawn.under} | {r["key"]: "flate" for r in drawn.solid}
    how |= {oid: "fylkeskommunens omriss" for oid, ks in zip(dissolved["id"], dissolved["deltakere"]) if not ks}
    ids, members = dissolved["id"].tolist(), dissolved["deltakere"].tolist()
    complete, hosts = dissolved["deltakere_komplett"].tolist(), dissolved["vertskommune"].tolist()
    rows = [
        {
            "key": oid,
            "type": "ordning",
            "id": oid,
            "navn": navn,
            "antall": len(ks),
            "deltakere": _members_text(name, ks, full),
            "vertskommune": name.get(host, ""),
            "juridisk_form": form,
            "farge": fill,
            "tegnet": how.get(oid, ""),
            "nummer": numbers.get(oid, ""),
        }
        for oid, navn, ks, full, host, form, fill in zip(
            ids,
            dissolved["navn"].tolist(),
            members,
            complete,
            hosts,
            dissolved["juridisk_form"].tolist(),
            dissolved["fill"].tolist(),
        )
    ]
    rows += list(not_in_force)
    rows += [
        {
            "key": a["key"],
            "type": "egen tjeneste" if a["kind"] == EGEN else "ingen ordning registrert",
            "id": a["key"],
            "navn": a["navn"],
            "antall": 1,
            "deltakere": a["navn"],
            "vertskommune": "",
            "juridisk_form": "",
            "farge": a["fill"],
            "tegnet": "flate",
            "nummer": numbers.get(a["key"], ""),
        }
        for a in alone
    ]
    columns = {
        "type": "Type",
        "id": "Id eller kommunenummer",
        "navn": "Navn",
        "antall": "Antall kommuner",
        "deltakere": "Deltakere",
        "vertskommune": "Vertskommune",
        "juridisk_form": "Juridisk form",
        "farge": "Farge i kartet",
        "tegnet": "Tegnet som",
        "nummer": "Nummer i kartet",
    }
    return SpecTable(f"Ordninger for {service} i kartet", pd.DataFrame(rows, columns=["key", *columns]), columns)


def host_points(data: Dataset, kommuner: gpd.GeoDataFrame, dissolved: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A point in each host kommune, in its arrangement's colour."""
    rows = [
        (n, h, f)
        for n, h, f in zip(dissolved["navn"].tolist(), dissolved["vertskommune"].tolist(), dissolved["fill"].tolist())
        if h
    ]  # plain lists: a GeoDataFrame's every selection costs a millisecond or more
    name = data.names.display
    where = lookup(kommuner).point_inside([h for _, h, _ in rows])
    return geo_frame(
        {
            "navn": [name[h] for _, h, _ in rows],
            "fill": [f for _, _, f in rows],
            "tooltip": [f"Vertskommune for {n}: {name[h]}" for n, h, _ in rows],
        },
        where if rows else [],
        lookup(kommuner).crs,
    )


def _legend(drawn: _Drawn, alone: list, unmapped: list, points, *, stripes: bool = True) -> tuple[LegendEntry, ...]:
    legend = [
        LegendEntry(r["navn"], fill=r["fill"], hatch=True)
        if r["hatch"] and stripes
        else LegendEntry(r["navn"], fill="#ffffff", edge=r["edge"])  # drawn as an outline in its colour
        if r["hatch"]
        else LegendEntry(r["navn"], fill=r["fill"])
        for r in drawn.solid + drawn.hatched + drawn.under
    ]
    kinds = {r["kind"] for r in alone}
    if EGEN in kinds:
        legend.append(LegendEntry(OWN_SERVICE_LABEL, fill=palette.OWN_SERVICE))
    if INGEN in kinds:
        legend.append(LegendEntry(NO_ARRANGEMENT_LABEL, fill=palette.NO_ARRANGEMENT))
    if unmapped:
        legend.append(LegendEntry(NOT_MAPPED_LABEL, fill=palette.NOT_MAPPED))
    if len(points):
        legend.append(LegendEntry("Vertskommune", fill="#ffffff", edge=palette.HOST, marker=True))
    return tuple(legend)


def coverage_layer(
    data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters, *, title: str | None = None
) -> LayerSpec:
    """Each arrangement for the chosen services, dissolved from its members and coloured so
    that neighbouring (touching or overlapping) arrangements differ."""
    codes = resolve_services(data, filters.tjenester)
    region = region_of(data, filters)
    view = region.kommuner
    everywhere = geo_areas.select_arrangements(data.register, tjenester=codes, sektor=filters.sektor)
    chosen = geo_areas.touching_view(everywhere, view)
    counties_only = counties_only_in_view(data, kommuner, everywhere, view)
    if len(counties_only):  # drawn by their fylkeskommuner's outlines alone
        chosen = pd.concat([chosen, counties_only])
    gone = not_in_force_in_view(data, kommuner, codes, filters.sektor, view) if filters.ikke_i_kraft else None
    check_budget(chosen if gone is None or not len(gone) else pd.concat([chosen, gone]))  # before any geometry
    dissolved = dissolved_arrangements(data, kommuner, chosen, everywhere)
    county_lines, county_legend, county_frame = county_outlines(data, kommuner, dissolved)
    earlier_lines, earlier_legend, earlier_table, earlier_frame = (
        not_in_force(data, kommuner, gone, filters.per) if gone is not None else ([], (), [], [])
    )
    with_members = np.asarray([bool(d) for d in dissolved["deltakere"]], dtype=bool)
    # drawn from their members: not those drawn by a fylkeskommune's outline (a selection of a
    # GeoDataFrame costs most of a millisecond: made only when there are such)
    every, dissolved = dissolved, (dissolved if with_members.all() else dissolved[with_members].reset_index(drop=True))
    service = service_title(data, codes, filters.sektor)
    # names on the map where a person can read them: in views of a region, not of hundreds of kommuner
    # (there the legend names every arrangement by its colour, and the tooltips and table too)
    drawn = _arrangement_rows(data, dissolved, write=len(view) <= MAX_KOMMUNE_LABELS)
    own, own_note = own_service_kommuner(data, codes, filters.sektor)
    alone, unmapped, outlines = _kommune_rows(data, kommuner, view, dissolved, service, own)
    _edges_over(outlines, drawn.solid, dissolved)
    covered = {k for members in dissolved["deltakere"] for k in members}
    bounds, beyond = _frame_around(
        view_bounds(kommuner, view), [*zip(dissolved["navn"], dissolved.geometry), *county_frame, *earlier_frame]
    )
    crs = lookup(kommuner).crs
    # Stripes for kommuner in two arrangements where a person can see them: in views of a region,
    # not of hundreds of kommuner (there the kommune's tooltip and table list its arrangements).
    striping = len(view) <= MAX_KOMMUNE_LABELS
    shared = _shared_kommuner(drawn.solid, dissolved)
    doubles = _double_members(data, kommuner, shared, bounds) if striping else []
    rows = alone + unmapped + drawn.rows(bounds, doubles, look=lookup(kommuner), stripes=striping) + outlines
    points = host_points(data, kommuner, dissolved)
    labels = label_points(_label_rows(rows, drawn, look=lookup(kommuner)), bounds, crs)
    n = len(every)
    nested = (
        f" · {'skravert' if striping else 'farget kant'}: ordning som ligger innenfor eller rundt andre ordninger"
        if drawn.hatched or drawn.under
        else ""
    )
    partners = {k for members in dissolved["deltakere"] if filters.kommune in members for k in members}
    shown = dict(zip(every["id"], every["deltakere"]))
    label = "Samarbeidspartnere i kartet"
    if filters.ordning in shown:  # a chosen arrangement: its members outlined (with the kommune, if any)
        partners = set(shown[filters.ordning]) | ({filters.kommune} if filters.kommune else set())
        label = "Deltakere i " + dict(zip(every["id"], every["navn"]))[filters.ordning]
    return LayerSpec(
        title=title or f"Samarbeid om {service}",
        subtitle=f"{region.label} · {n} {'ordning' if n == 1 else 'ordninger'}{nested}",
        areas=area_frame(context_rows(data, kommuner, bounds, view | covered) + rows, crs),
        legend=numbered(
            _legend(drawn, alone, unmapped, points, stripes=striping)
            + ((LegendEntry(DOUBLE_LABEL, fill="#7f7f7f", hatch=True),) if doubles else ()),
            key_entries(labels),
        )
        + county_legend
        + earlier_legend,
        legend_title="Samarbeidsordning",
        bounds=bounds,
        points=points,
        labels=labels,
        highlight=highlight_frame(data, kommuner, filters.kommune, partners),
        highlight_label=label,
        lines=_line_frame(county_lines + earlier_lines, crs),
        data_table=coverage_data(data, every, drawn, alone, labels, service, not_in_force=earlier_table),
        ordninger=tuple(every["id"])
        + tuple(r["id"] for r in earlier_table)
        + _statements(data, [r["key"] for r in alone if r["kind"] == EGEN], codes),
        notes=((own_note,) if any(r["kind"] == EGEN for r in alone) else ())
        + (() if striping or not len(dissolved) else (NAMES_IN_LEGEND_NOTE,))
        + label_note(labels)
        + (() if striping or not shared else (UNSTRIPED_NOTE,))
        + (() if striping or not (drawn.hatched or drawn.under) else (OUTLINED_NOTE,))
        + tuple(
            [
                f"Går utenfor kartet: {', '.join(beyond[:8])}"
                + (f" og {len(beyond) - 8} til" if len(beyond) > 8 else "")
                + "."
            ]
            if beyond
            else []
        ),
    )


#: A fylkeskommune party's county outline: its width (points in print), in the arrangement's colour.
COUNTY_OUTLINE_WIDTH = 2.0


def _fylkeskommune_shapes(
    data: Dataset, kommuner: gpd.GeoDataFrame, ids, *, rows: pd.DataFrame | None = None
) -> list[tuple[str, object, object]]:
    """``(id, party, county polygon)`` for each fylkeskommune party of the arrangements ``ids`` (rows of
    ``rows``, default the register's), the county in the era the arrangement lived in; ``[]`` where
    they name no such party."""
    o = data.register.ordninger if rows is None else rows
    if "andre_parter" not in o or not o["andre_parter"].to_numpy().any():
        return []
    from geo.counties import county_of
    from geo.divisions import resolve_division
    from geo.parties import era_of, read_parties
    from geo.register import end_year

    parties, ended = dict(zip(o["id"], o["andre_parter"])), dict(zip(o["id"], o["avsluttet"]))
    out = []
    for oid in ids:
        for party in read_parties(parties.get(oid, "")):
            if party.kind != "fylkeskommune":
                continue
            era = era_of(end_year(ended.get(oid, "")), resolve_division(data.division).display_era)
            county = county_of(data.fylker, era)
            key = ("fylker", era, tuple(county.index), tuple(county["fylke"]))
            counties = lookup(kommuner).memo(key, functools.partial(geo_areas.dissolve_counties, kommuner, county))
            shape = counties.loc[counties["fylkesnavn"] == party.name, "geometry"]
            if len(shape):
                out.append((oid, party, shape.iloc[0]))
    return out


def counties_only_in_view(
    data: Dataset, kommuner: gpd.GeoDataFrame, everywhere: pd.DataFrame, view, *, rows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Arrangements that name no kommune, only fylkeskommuner (Vestregionen as its sources tell it),
    whose county (in the arrangement's era) holds a kommune of ``view`` (their parties read from
    ``rows``, default the register's)."""
    none = everywhere[np.asarray([not d for d in everywhere["deltakere"]], dtype=bool)]
    if not len(none):
        return none
    inside = lookup(kommuner).unions([sorted(view)])[0]
    shapes = _fylkeskommune_shapes(data, kommuner, none["id"], rows=rows)
    near = {oid for oid, _, shape in shapes if shape.intersects(inside) and not shape.touches(inside)}
    return none[none["id"].isin(near).to_numpy()]


def county_outlines(data: Dataset, kommuner: gpd.GeoDataFrame, dissolved: gpd.GeoDataFrame):
    """Where an arrangement drawn has a fylkeskommune among its parties: that county's outline (in the
    era the arrangement lived in) in the arrangement's colour, on a casing, and a legend line for each;
    ``([], (), [])`` where none has: line rows, legend entries, and ``(arrangement name, outline)`` for
    the map's frame."""
    shapes = _fylkeskommune_shapes(data, kommuner, dissolved["id"])
    if not shapes:
        return [], (), []
    names, fills = dict(zip(dissolved["id"], dissolved["navn"])), dict(zip(dissolved["id"], dissolved["fill"]))
    rows, legend, frame = [], [], []
    for oid, party, shape in shapes:
        edge = palette.outline_for(fills[oid])[0]
        rows.append(
            {"geometry": shape.boundary, "edge": edge, "linewidth": COUNTY_OUTLINE_WIDTH,
             "casing": palette.casing_for(edge), "dash": (), "tooltip": f"{names[oid]}: {party.label()}"}
        )  # fmt: skip
        legend.append(
            LegendEntry(f"{names[oid]}: {party.label()} (omriss)", edge=edge, line=True, width=COUNTY_OUTLINE_WIDTH)
        )
        frame.append((names[oid], shape))
    return rows, tuple(legend), frame


#: An arrangement not in force in the year a map is drawn as of, drawn on request
#: (``Filters.ikke_i_kraft``): its outline in dark grey on a white casing, dashed where it had ended,
#: dotted where it had not yet begun; the legend, the tooltip and the table say which.
ENDED_STYLE = LineStyle("#4d4d4d", 1.4, dash=(5.0, 2.5), casing=palette.casing_for("#4d4d4d"))
NOT_BEGUN_STYLE = LineStyle("#4d4d4d", 1.4, dash=(1.0, 2.0), casing=palette.casing_for("#4d4d4d"))
#: Most arrangements not in force named one by one in a legend (the table holds every one).
MAX_NOT_IN_FORCE_LEGEND = 10


def not_in_force_in_view(data: Dataset, kommuner: gpd.GeoDataFrame, codes, sektor: str | None, view) -> pd.DataFrame:
    """The arrangements of the services not in force in the year drawn (``data.not_in_force``) with a
    member in ``view``, or (naming no kommune) a fylkeskommune whose county holds one."""
    gone = data.not_in_force
    if gone is None:  # the register is drawn as it stands, or all of it was in force
        return pd.DataFrame(columns=["id", "tjenester", "deltakere"])
    wanted = set(codes)
    if sektor:
        t = data.register.tjenester
        wanted |= set(t.loc[t["sektor"] == sektor, "kode"])
    if wanted:
        gone = gone[np.asarray([bool(wanted & set(s)) for s in gone["tjenester"]], dtype=bool)]
    counties = counties_only_in_view(data, kommuner, gone, view, rows=gone)
    touching = geo_areas.touching_view(gone, view)
    return pd.concat([touching, counties]) if len(counties) else touching


def not_in_force(data: Dataset, kommuner: gpd.GeoDataFrame, gone: pd.DataFrame, year: int):
    """The arrangements ``gone`` (:func:`not_in_force_in_view`), each as its outline in
    :data:`ENDED_STYLE` (ended by ``year``) or :data:`NOT_BEGUN_STYLE` (one naming no kommune: its
    fylkeskommuner's county outlines): ``(line rows, legend entries, table rows, (name, area) for the
    map's frame)``."""
    from geo.register import end_year

    if not len(gone):
        return [], (), [], []
    look, name = lookup(kommuner), data.names.display
    counties: dict[str, list] = {}
    for oid, party, area in _fylkeskommune_shapes(data, kommuner, gone["id"], rows=gone):
        counties.setdefault(oid, []).append((party.label(), area))
    with_members = [m for m in gone["deltakere"] if m]
    areas = dict(zip(map(frozenset, with_members), look.unions(with_members)))  # one lookup for all of them
    rows, legend, table, frame = [], [], [], []
    for r in gone.itertuples():
        ended = end_year(r.avsluttet)
        if ended is not None and ended <= year:
            style, what = ENDED_STYLE, f"avsluttet {ended}"
        else:
            style, what = NOT_BEGUN_STYLE, "planlagt" if pd.isna(r.etablert) else f"etablert {int(r.etablert)}"
        outlines = [("", areas[frozenset(r.deltakere)])] if r.deltakere else counties.get(r.id, [])
        for party, area in outlines:
            label = f"{r.navn}: {party}" if party else r.navn
            rows.append(
                {"geometry": area.boundary, "edge": style.edge, "linewidth": style.width, "casing": style.casing,
                 "dash": style.dash, "tooltip": f"{label}\n{what}: ikke i kraft i {year}"}
            )  # fmt: skip
            frame.append((r.navn, area))
            if len(legend) < MAX_NOT_IN_FORCE_LEGEND:
                legend.append(
                    LegendEntry(f"{label} ({what})", edge=style.edge, line=True, dash=style.dash, width=style.width)
                )
        drawn_as = f"{'stiplet' if style is ENDED_STYLE else 'prikket'} omriss"
        table.append(
            {
                "key": r.id,
                "type": "ordning, ikke i kraft",
                "id": r.id,
                "navn": r.navn,
                "antall": len(r.deltakere),
                "deltakere": _members_text(name, r.deltakere, r.deltakere_komplett),
                "vertskommune": name.get(r.vertskommune, ""),
                "juridisk_form": r.juridisk_form,
                "farge": "",
                "tegnet": f"{drawn_as} ({what})" if r.deltakere else f"{drawn_as} av fylkeskommunen ({what})",
                "nummer": "",
            }
        )
    if len(rows) > MAX_NOT_IN_FORCE_LEGEND:
        more = len(rows) - MAX_NOT_IN_FORCE_LEGEND
        legend.append(LegendEntry(f"og {more} til som ikke var i kraft (se tabellen)", edge=ENDED_STYLE.edge, line=True,
                                  dash=ENDED_STYLE.dash, width=ENDED_STYLE.width))  # fmt: skip
    return rows, tuple(legend), table, frame


def _line_frame(rows: list[dict], crs) -> gpd.GeoDataFrame | None:
    """The spec's lines from rows of :func:`county_outlines` and :func:`not_in_force`; ``None`` for none."""
    if not rows:
        return None
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)


def regional_council_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Regional councils (IKPR/regionråd), Figur 4.1."""
    spec = coverage_layer(
        data,
        kommuner,
        replace(filters, tjenester=("regionrad",), sektor=None),
        title="Regionråd (interkommunalt politisk råd)",
    )
    return replace(spec, legend_title="Regionråd")
