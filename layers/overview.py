"""A kommune's overview document: «Oversikt over interkommunale samarbeid – <kommune>», what it can
put before its kommunestyre. Every arrangement of the register the kommune is party to, grouped by
sector, with the other parties, host, legal form, when it was founded and its source; a small map
of its partners; and the register's credit and date.

:func:`kommune_overview` makes the document's content from the register (pure); :func:`render_overview`
writes it as a searchable A4 PDF (fpdf2) or an editable Word file (python-docx), one registry entry
each. What the register does not say (a status, an organisasjonsnummer) stays empty, and the
document says so; other parties than kommuner (a fylkeskommune, a helseforetak) are named among the
other parties.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from geo.choices import resolve_choice
from geo.io import Dataset
from geo.parties import parties_label
from geo.register import SEKTORER

#: What the document says of the fields the register does not hold.
NOT_IN_REGISTER = (
    "Status og organisasjonsnummer står tomme der registeret ikke oppgir dem. "
    "Ordninger der kommunen driver tjenesten selv, er ikke tatt med."
)
COLUMNS = (
    "Ordning",
    "Tjeneste",
    "Andre parter",
    "Vertskommune",
    "Juridisk form",
    "Etablert",
    "Status",
    "Org.nr.",
    "Kilde",
)


@dataclass(frozen=True)
class OverviewRow:
    """One arrangement as the document lists it (empty where the register says nothing)."""

    navn: str
    tjenester: str
    andre_parter: str
    vertskommune: str
    juridisk_form: str
    etablert: str
    status: str
    organisasjonsnummer: str
    kilde: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.navn,
            self.tjenester,
            self.andre_parter,
            self.vertskommune,
            self.juridisk_form,
            self.etablert,
            self.status,
            self.organisasjonsnummer,
            self.kilde,
        )


@dataclass(frozen=True)
class Overview:
    """The document's content."""

    kommunenummer: str
    kommune: str
    title: str
    groups: tuple[tuple[str, tuple[OverviewRow, ...]], ...]  # sector → its arrangements, by name
    source: str  # the register's source line (its credit), never a constant
    date: str  # the register's date
    notes: tuple[str, ...]
    map_png: bytes = b""  # the partners map, if drawn

    @property
    def count(self) -> int:
        return sum(len(rows) for _, rows in self.groups)

    def lead(self) -> str:
        """The opening sentence: how many arrangements, whose register, of when."""
        dated = f" Registerets dato: {self.date}." if self.date else ""
        return (
            f"{self.kommune} (kommunenummer {self.kommunenummer}) er med i {self.count} interkommunale "
            f"ordninger i registeret. {self.source}.{dated}"
        )

    def file_stem(self) -> str:
        return overview_stem(self.kommune)


def overview_stem(kommune: str) -> str:
    """The file name (without suffix) of a kommune's overview: «oversikt-nore-og-uvdal»."""
    from geo._text import normalise

    return "oversikt-" + "-".join(normalise(kommune).split())


def kommune_overview(data: Dataset, kommunenummer: str, *, map_png: bytes = b"") -> Overview:
    """The overview of ``kommunenummer``'s arrangements in ``data``'s register."""
    reg, names = data.register, data.names.display
    ids = set(reg.medlemskap.loc[reg.medlemskap["kommunenummer"] == kommunenummer, "ordning_id"])
    rows = reg.ordninger[reg.ordninger["id"].isin(ids)]
    service = dict(zip(reg.tjenester["kode"], reg.tjenester["navn"]))
    sector = dict(zip(reg.tjenester["kode"], reg.tjenester["sektor"]))
    grouped: dict[str, list[OverviewRow]] = {}
    for o in rows.itertuples():
        others = ", ".join(names.get(k, k) for k in o.deltakere if k != kommunenummer)
        if not o.deltakere_komplett:
            others += " m.fl. (ufullstendig liste)"
        if getattr(o, "andre_parter", ""):
            others = ", ".join(x for x in (others, parties_label(o.andre_parter)) if x)
        founded = "" if pd.isna(o.etablert) else str(int(o.etablert))
        row = OverviewRow(
            navn=o.navn,
            tjenester=", ".join(service.get(c, c) for c in o.tjenester),
            andre_parter=others,
            vertskommune=names.get(o.vertskommune, "") if o.vertskommune else "",
            juridisk_form=o.juridisk_form or "",
            etablert=founded or (o.etablert_periode or ""),
            status=getattr(o, "status", "") or "",
            organisasjonsnummer=getattr(o, "organisasjonsnummer", "") or "",
            kilde=o.kilde,
        )
        grouped.setdefault(sector.get(o.tjenester[0], "Annet"), []).append(row)
    order = {s: i for i, s in enumerate(SEKTORER)}
    groups = tuple(
        (s, tuple(sorted(grouped[s], key=lambda r: r.navn.lower())))
        for s in sorted(grouped, key=lambda s: order.get(s, len(order)))
    )
    name = names[kommunenummer]
    provenance = reg.provenance
    return Overview(
        kommunenummer=kommunenummer,
        kommune=name,
        title=f"Oversikt over interkommunale samarbeid – {name}",
        groups=groups,
        source=provenance.source_line(),
        date=provenance.date,
        notes=(NOT_IN_REGISTER,),
        map_png=map_png,
    )


def partners_map_png(data: Dataset, kommunenummer: str) -> bytes:
    """The small map: how many arrangements each kommune is in, the kommune and its partners marked."""
    from geo.regions import STUDY_AREA
    from layers.data import detail_for, prepare_kommuner
    from layers.filters import Filters
    from layers.formats import EXPORTS, Options
    from layers.registry import build_layer

    kommuner = prepare_kommuner(data, detail_for(medium="trykk", omrade=STUDY_AREA))
    spec = build_layer(data, kommuner, "antall", Filters(kommune=kommunenummer))
    return EXPORTS["png"].render(spec, data, Options(dpi=110))


@dataclass(frozen=True)
class DocumentFormat:
    key: str
    label: str
    suffix: str
    mime: str
    render: Callable[[Overview], bytes]


def _pdf(overview: Overview) -> bytes:
    from layers._overview_pdf import render

    return render(overview)


def _docx(overview: Overview) -> bytes:
    from layers._overview_docx import render

    return render(overview)


DOCUMENTS: dict[str, DocumentFormat] = {
    "pdf": DocumentFormat("pdf", "Oversikt (PDF)", ".pdf", "application/pdf", _pdf),
    "docx": DocumentFormat(
        "docx",
        "Oversikt (Word)",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _docx,
    ),
}


def render_overview(overview: Overview, fmt: str) -> bytes:
    """``overview`` as a file of the format ``fmt`` (a key of :data:`DOCUMENTS`)."""
    return resolve_choice(fmt, DOCUMENTS, what="dokumentformat").render(overview)
