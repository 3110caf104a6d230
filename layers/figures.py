"""The report's figures as layers, in the report's order (the atlas)."""

from __future__ import annotations

from dataclasses import dataclass

from layers.filters import INDEX_SERVICES, Filters


@dataclass(frozen=True)
class Figure:
    number: str  # "5.8", or "" for maps the report does not have
    title: str
    layer: str
    filters: Filters


#: Figur 2.2, 4.1 and 5.2–5.17, then IUA, 110-sentral, veterinærvakt and the crossings map.
FIGURES: tuple[Figure, ...] = (
    Figure("2.2", "Antall formelle samarbeidsordninger pr kommune", "antall", Filters()),
    Figure("4.1", "Dagens regionråd (interkommunalt politisk råd)", "regionrad", Filters()),
    Figure("5.2", "Samarbeid om felles IKT-tjeneste", "dekning", Filters(tjenester=("ikt",))),
    Figure(
        "5.3", "Samarbeid om økonomitjenester (lønn og regnskap)", "dekning", Filters(tjenester=("lonn", "regnskap"))
    ),
    Figure("5.4", "Samarbeid om offentlig innkjøp", "dekning", Filters(tjenester=("innkjop",))),
    Figure("5.5", "Samarbeid om kommunerevisjon", "dekning", Filters(tjenester=("revisjon",))),
    Figure("5.6", "Samarbeid om kontrollutvalgssekretariat", "dekning", Filters(tjenester=("kontrollutvalg",))),
    Figure(
        "5.7",
        "Samarbeid om samfunnsmedisinsk enhet inkl. kommuneoverlege",
        "dekning",
        Filters(tjenester=("samfunnsmedisin",)),
    ),
    Figure("5.8", "Samarbeid om legevakt", "dekning", Filters(tjenester=("legevakt",))),
    Figure("5.9", "Samarbeid om legevaktsentral", "dekning", Filters(tjenester=("lvs",))),
    Figure("5.10", "Samarbeid om felles barneverntjeneste", "dekning", Filters(tjenester=("barnevern",))),
    Figure("5.11", "Samarbeid om døgnkontinuerlig barnevernvakt", "dekning", Filters(tjenester=("barnevernvakt",))),
    Figure("5.12", "Samarbeid om felles NAV-kontor", "dekning", Filters(tjenester=("nav",))),
    Figure("5.13", "Samarbeid om krisesenter", "dekning", Filters(tjenester=("krisesenter",))),
    Figure("5.14", "Samarbeid om PP-tjeneste", "dekning", Filters(tjenester=("ppt",))),
    Figure("5.15", "Samarbeid om felles landbrukstjeneste", "dekning", Filters(tjenester=("landbrukskontor",))),
    Figure("5.16", "Samarbeid om miljø- og avfallsselskaper", "dekning", Filters(tjenester=("renovasjon",))),
    Figure("5.17", "Samarbeid om felles brannvesen", "dekning", Filters(tjenester=("brannvesen",))),
    Figure("", "Samarbeid om akutt forurensning (IUA)", "dekning", Filters(tjenester=("iua",))),
    Figure("", "Samarbeid om 110-sentral", "dekning", Filters(tjenester=("110_sentral",))),
    Figure("", "Samarbeid om veterinærvakt", "dekning", Filters(tjenester=("veterinaervakt",))),
    Figure("", "Samarbeid over fylkesgrenser (fylker fra 2024)", "fylkesgrense", Filters(fylkesinndeling="2024")),
    # What no report shows (after the report's figures): partner overlap, consolidation, additive
    # index, partner network and hosting.
    Figure(
        "",
        "Samme eller ulike partnere: legevakt og barnevernvakt",
        "partnere",
        Filters(tjenester=("legevakt", "barnevernvakt")),
    ),
    Figure(
        "", "Konsolideringsindeks over fem lovpålagte tjenester", "konsolidering", Filters(tjenester=INDEX_SERVICES)
    ),
    Figure("", "Additiv indeks over fem lovpålagte tjenester", "additiv", Filters(tjenester=INDEX_SERVICES)),
    Figure("", "Partnernettverk, alle ordninger", "nettverk", Filters()),
    Figure("", "Vertskommuner, alle ordninger", "vertskap", Filters()),
)


def figure_title(fig: Figure) -> str:
    return f"Figur {fig.number} {fig.title}" if fig.number else fig.title
