"""Analysis layers on partner sets: the overlap of two services (NIBR Figur 4.5), the
consolidation index and the additive index (NIBR Figur 4.1). Definitions in :mod:`geo.analysis`."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd

from geo import analysis
from geo import areas as geo_areas
from geo.io import Dataset
from layers import palette
from layers._common import Shade, choropleth_spec, counted, region_of
from layers._format import decimal
from layers.filters import INDEX_SERVICES, INDEX_SERVICES_WHY, Filters, resolve_services, service_title
from layers.spec import LayerSpec, LegendEntry, SpecTable

#: Overlap classes: key → (legend text, colour). Paul Tol's "muted" scheme (colour-blind safe).
OVERLAP_STYLE = {
    "samme": ("Samme partnere i begge", "#117733"),
    "overlapp": ("Delvis de samme partnerne", "#44AA99"),
    "ulike": ("Helt ulike partnere", "#CC6677"),
    "bare_a": ("Samarbeider bare om {a}", "#88CCEE"),
    "bare_b": ("Samarbeider bare om {b}", "#DDCC77"),
    "ingen": ("Samarbeider om ingen av dem", "#DDDDDD"),
}
#: Consolidation index classes (equal fifths of 0–1: the index has a fixed scale).
INDEX_BOUNDS = (0.2, 0.4, 0.6, 0.8)
NOT_COMPUTED = "#F0F0F0"
DEFINITION_PARTNERS = (
    "En kommunes partnere for en tjeneste er de andre medlemmene i ordningene for tjenesten den er "
    "med i; den samarbeider om tjenesten når den har minst én partner."
)
#: The index in one sentence a kommunestyre member understands.
CONSOLIDATION_PLAIN = (
    "Indeksen viser om kommunen samarbeider med de samme kommunene i ulike tjenester: for hvert par av "
    "tjenester måles hvor stor del av partnerne som er felles, og indeksen er snittet – 1 betyr nøyaktig de "
    "samme partnerne i alle tjenestene, 0 at de aldri har noen felles."
)
#: NIBR 2015:104 computes its measures over ø-hjelp (kommunal akutt døgnenhet): our register's code for it.
ACUTE_BEDS = "intermediaer"


def _nibr_note(data: Dataset, figure: str, nibr: str, codes) -> str:
    """Where our services differ from NIBR's figure, and why (the register's own count of ø-hjelp rows)."""
    t = data.register.tjenester
    mapped = set(t.loc[t["oppgave"] != "", "kode"])
    n = sum(ACUTE_BEDS in services for services in data.register.ordninger["tjenester"])
    why = (
        "ø-hjelp (kommunale akutte døgnplasser) ikke er blant oppgavene rapporten kartlegger for alle kommuner"
        if ACUTE_BEDS not in mapped
        else "ø-hjelp ikke er valgt"
    )
    return (
        f"NIBRs figur {figure} bygger på {nibr}. Her: {service_title(data, tuple(codes))}, fordi {why} – "
        f"registeret har {n} {'slik ordning' if n == 1 else 'slike ordninger'}, og å regne med den ville "
        "gjort «ukjent» til «ingen samarbeid»."
    )


def _names(data: Dataset, members) -> str:
    return ", ".join(sorted(data.names.display[k] for k in members)) or "–"


def _chosen(data: Dataset, region, codes) -> tuple[str, ...]:
    o = geo_areas.touching_view(geo_areas.select_arrangements(data.register, tjenester=codes), region.kommuner)
    return tuple(o["id"])


def partner_overlap_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """Per kommune: the same, overlapping or different partners for two services, or one or neither."""
    code_a, code_b = resolve_services(data, filters.tjenester)[:2]
    region = region_of(data, filters)
    a, b = service_title(data, (code_a,)), service_title(data, (code_b,))
    table = analysis.partner_overlap(data.register.ordninger, code_a, code_b, counted(data, region))
    styles = {k: (text.format(a=a, b=b), colour) for k, (text, colour) in OVERLAP_STYLE.items()}
    name = data.names.display
    partners_a = [_names(data, p) for p in table["partnere_a"]]  # written once, for tooltip, values and table
    partners_b = [_names(data, p) for p in table["partnere_b"]]
    shades = {
        r.kommunenummer: Shade(
            styles[r.klasse][1],
            name[r.kommunenummer],
            f"{name[r.kommunenummer]}\n{styles[r.klasse][0]}\n{a}: {pa}\n{b}: {pb}",
            ((f"Partnere {a}", pa), (f"Partnere {b}", pb), ("Felles partnere", int(r.felles))),
        )
        for r, pa, pb in zip(table.itertuples(), partners_a, partners_b)
    }
    present = set(table["klasse"])
    legend = [LegendEntry(text, fill=colour) for k, (text, colour) in styles.items() if k in present]
    counts = table["klasse"].value_counts()
    shown = pd.DataFrame(
        {
            "kommune": [name[k] for k in table["kommunenummer"]],
            "klasse": [styles[k][0] for k in table["klasse"]],
            "a": partners_a,
            "b": partners_b,
            "felles": table["felles"],
        }
    )
    return choropleth_spec(
        data,
        kommuner,
        filters,
        region,
        shades,
        legend,
        title=f"Samme eller ulike partnere: {a} og {b}",
        subtitle=f"{region.label} · {counts.get('samme', 0)} med samme, {counts.get('overlapp', 0)} med delvis "
        f"samme og {counts.get('ulike', 0)} med helt ulike partnere",
        legend_title="Partnere i de to tjenestene",
        table=SpecTable(
            f"Partnere per kommune: {a} og {b}",
            shown,
            {
                "kommune": "Kommune",
                "klasse": "Klasse i kartet",
                "a": f"Partnere {a}",
                "b": f"Partnere {b}",
                "felles": "Felles partnere",
            },
        ),
        ordninger=_chosen(data, region, (code_a, code_b)),
        notes=(
            DEFINITION_PARTNERS + " Samme: nøyaktig de samme partnerne; delvis: noen felles; ulike: ingen felles.",
            *(
                ()
                if ACUTE_BEDS in (code_a, code_b)
                else (_nibr_note(data, "4.5", "legevakt og ø-hjelp", (code_a, code_b)),)
            ),
        ),
    )


def _index_services(data: Dataset, filters: Filters) -> tuple[tuple[str, ...], str]:
    """The services an index is computed over: the chosen ones, or :data:`~layers.filters.INDEX_SERVICES`
    when fewer than two are chosen; and a note saying which, and why those."""
    codes = resolve_services(data, filters.tjenester)
    if len(codes) >= 2:
        return codes, INDEX_SERVICES_WHY if set(codes) == set(INDEX_SERVICES) else ""
    known = set(data.register.tjenester["kode"])
    default = tuple(c for c in INDEX_SERVICES if c in known)
    return (
        default,
        f"Færre enn to tjenester valgt; indeksen er regnet over {service_title(data, default)}. {INDEX_SERVICES_WHY}",
    )


def _index_values(r) -> tuple[tuple[str, object], ...]:
    """A kommune's consolidation values as the data export holds them (the index empty where not computed)."""
    return (
        ("Indeks", decimal(r.indeks)),
        ("Tjenester med samarbeid", int(r.tjenester)),
        ("Ulike partnerkonstellasjoner", int(r.konstellasjoner)),
    )


def _index_class(value: float) -> int:
    return sum(value >= bound for bound in INDEX_BOUNDS)


def _index_legend() -> list[tuple[str, str]]:
    edges = (0.0, *INDEX_BOUNDS, 1.0)
    colours = palette.sequential(len(edges) - 1)
    return [(f"{decimal(lo, 1)}–{decimal(hi, 1)}", c) for lo, hi, c in zip(edges, edges[1:], colours)]


def consolidation_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """How alike each kommune's partner sets are across the chosen services (mean Jaccard similarity)."""
    codes, chosen_note = _index_services(data, filters)
    region = region_of(data, filters)
    table = analysis.consolidation(data.register.ordninger, codes, counted(data, region))
    name = data.names.display
    legend = _index_legend()
    shades = {}
    least = analysis.MIN_INDEX_SERVICES
    for r in table.itertuples():
        if math.isnan(r.indeks):
            shades[r.kommunenummer] = Shade(
                NOT_COMPUTED,
                f"{name[r.kommunenummer]}\n– ({r.tjenester})",
                f"{name[r.kommunenummer]}\nIkke beregnet: samarbeider om {r.tjenester} av {len(codes)} tjenester "
                f"(minst {least} trengs)",
                _index_values(r),
            )
        else:
            value = decimal(r.indeks)
            shades[r.kommunenummer] = Shade(
                legend[_index_class(r.indeks)][1],
                f"{name[r.kommunenummer]}\n{value} ({r.tjenester})",
                f"{name[r.kommunenummer]}\nIndeks {value} over {r.tjenester} tjenester"
                f"\n{r.konstellasjoner} ulike partnerkonstellasjoner",
                _index_values(r),
            )
    entries = [LegendEntry(text, fill=c) for text, c in legend]
    if table["indeks"].isna().any():
        entries.append(LegendEntry(f"Ikke beregnet (samarbeid om færre enn {least} tjenester)", fill=NOT_COMPUTED))
    ordered = table.assign(navn=[name[k] for k in table["kommunenummer"]]).sort_values("navn")
    shown = pd.DataFrame(
        {
            "kommune": ordered["navn"],
            "indeks": [decimal(v) for v in ordered["indeks"]],
            "tjenester": ordered["tjenester"],
            "konstellasjoner": ordered["konstellasjoner"],
        }
    )
    services = service_title(data, codes)
    mean = table["indeks"].mean()
    return choropleth_spec(
        data,
        kommuner,
        filters,
        region,
        shades,
        entries,
        title=f"Konsolideringsindeks over {len(codes)} tjenester",
        subtitle=f"{region.label} · {services}"
        + (
            f" · snitt {decimal(mean)} for {int(table['indeks'].notna().sum())} kommuner"
            if not math.isnan(mean)
            else ""
        ),
        legend_title="Indeks (tjenester med samarbeid i parentes)",
        table=SpecTable(
            "Konsolideringsindeks per kommune",
            shown,
            {
                "kommune": "Kommune",
                "indeks": "Indeks",
                "tjenester": "Tjenester med samarbeid",
                "konstellasjoner": "Ulike partnerkonstellasjoner",
            },
        ),
        ordninger=_chosen(data, region, codes),
        notes=tuple(
            n
            for n in (
                CONSOLIDATION_PLAIN,
                f"Tallet i parentes er hvor mange av tjenestene kommunen samarbeider om; med færre enn {least} "
                "er indeksen ikke beregnet.",
                DEFINITION_PARTNERS,
                chosen_note,
            )
            if n
        ),
    )


def additive_layer(data: Dataset, kommuner: gpd.GeoDataFrame, filters: Filters) -> LayerSpec:
    """In how many of the chosen services each kommune cooperates (NIBR Figur 4.1)."""
    codes, chosen_note = _index_services(data, filters)
    region = region_of(data, filters)
    table = analysis.consolidation(data.register.ordninger, codes, counted(data, region))
    per_service = {c: analysis.partner_sets(data.register.ordninger, c) for c in codes}
    names = dict(zip(data.register.tjenester["kode"], data.register.tjenester["navn"]))
    colours = palette.sequential(len(codes) + 1)
    name = data.names.display
    which = {k: [names[c] for c in codes if k in per_service[c]] for k in table["kommunenummer"]}
    shades = {
        r.kommunenummer: Shade(
            colours[r.tjenester],
            f"{name[r.kommunenummer]}\n{r.tjenester}",
            f"{name[r.kommunenummer]}\nSamarbeider om {r.tjenester} av {len(codes)}: "
            + (", ".join(which[r.kommunenummer]) or "ingen"),
            (("Tjenester med samarbeid", int(r.tjenester)), ("Hvilke", ", ".join(which[r.kommunenummer]))),
        )
        for r in table.itertuples()
    }
    legend = [LegendEntry(f"{n} av {len(codes)}", fill=colours[n]) for n in range(len(codes) + 1)]
    shown = pd.DataFrame(
        {
            "kommune": [name[k] for k in table["kommunenummer"]],
            "antall": table["tjenester"],
            "hvilke": [", ".join(which[k]) for k in table["kommunenummer"]],
        }
    )
    shown = shown.sort_values(["antall", "kommune"], ascending=[False, True], ignore_index=True)
    return choropleth_spec(
        data,
        kommuner,
        filters,
        region,
        shades,
        legend,
        title=f"Additiv indeks: samarbeid om hvor mange av {len(codes)} tjenester",
        subtitle=f"{region.label} · {service_title(data, codes)}",
        legend_title="Tjenester med samarbeid",
        table=SpecTable(
            "Tjenester kommunen samarbeider om",
            shown,
            {"kommune": "Kommune", "antall": "Tjenester med samarbeid", "hvilke": "Hvilke"},
        ),
        ordninger=_chosen(data, region, codes),
        notes=tuple(
            n
            for n in (
                DEFINITION_PARTNERS,
                chosen_note,
                "" if ACUTE_BEDS in codes else _nibr_note(data, "4.1", "legevakt, ø-hjelp og barnevern", codes),
            )
            if n
        ),
    )
