"""What a map shows: :class:`Filters`, and resolving the service codes and schemes in them."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from geo._memo import by_identity
from geo.choices import resolve_choice
from geo.counties import DEFAULT_ERA
from geo.io import Dataset
from geo.regions import STUDY_AREA


@dataclass(frozen=True)
class Filters:
    """What to show.

    ``tjenester`` are service codes; ``sektor`` a sector; ``omrade`` a region label (see
    :func:`geo.regions.region_options`); ``fylkesinndeling`` a county era key; ``kommune`` a
    kommunenummer to highlight with its partners; ``ordning`` an arrangement id whose members to
    highlight (coverage maps); ``klassifisering`` and ``klasser`` the
    classification of the choropleths (the command line's ``--klassifisering`` and ``--klasser``);
    ``periode`` the years (from, to) in which the arrangements of «Nye ordninger» were founded; ``per``
    a year to draw the register as of, and ``ikke_i_kraft`` whether a coverage map then also draws the
    arrangements ended or not yet begun, in a style of their own.
    """

    tjenester: tuple[str, ...] = ()
    sektor: str | None = None
    omrade: str = STUDY_AREA
    fylkesinndeling: str = DEFAULT_ERA
    kommune: str | None = None
    ordning: str | None = None
    klassifisering: str = "fisherjenks"
    klasser: int = 5
    periode: tuple[int, int] | None = None  # the years founded (from, to) of the layer «Nye ordninger»
    per: int | None = None  # draw the register as it stood in this year (None: every arrangement, as today)
    ikke_i_kraft: bool = False  # with ``per``: the coverage maps also draw what was not in force, dashed


#: The report's core services: shown first in the app.
CORE_SERVICES = ("legevakt", "lvs", "barnevernvakt", "ppt", "iua")
#: What the consolidation and additive indexes are computed over by default (and when fewer than two
#: services are chosen): services every kommune must provide, which the report maps for every kommune,
#: and where a kommune chooses its partners. Not IUA (its members follow the old county borders) and
#: not the 110-sentral (the state's 110 regions): there a kommune chooses no partners, so sharing them
#: says nothing of consolidation. Why this differs from NIBR's three: :data:`INDEX_SERVICES_WHY`.
INDEX_SERVICES = ("legevakt", "lvs", "barnevernvakt", "barnevern", "ppt")
INDEX_SERVICES_WHY = (
    "Standardtjenestene er lovpålagte tjenester som rapporten kartlegger for alle kommuner, og der kommunen selv "
    "velger partnere (ikke IUA og 110-sentral, der medlemskapet følger fylkes- og 110-regioner)."
)

#: Classification schemes for the choropleths: key → Norwegian label (breaks: ``layers._classify.BREAKS``).
SCHEMES = {"fisherjenks": "naturlige brudd (Fisher–Jenks)", "kvantiler": "kvantiler", "like": "like intervaller"}


def resolve_service(data: Dataset, code: str) -> str:
    """The service code ``code`` (case-insensitive); unknown codes list the valid ones."""
    return resolve_choice(code, _codes(data.register.tjenester), what="tjenestekode")


@by_identity(maxsize=8)
def _codes(tjenester) -> MappingProxyType:
    """Code → code of a register's services, sorted (made once per table: asked for in every map)."""
    return MappingProxyType({c: c for c in sorted(tjenester["kode"].tolist())})


@by_identity(maxsize=8)
def _names(tjenester) -> MappingProxyType:
    """Code → name of a register's services (made once per table)."""
    return MappingProxyType(dict(zip(tjenester["kode"].tolist(), tjenester["navn"].tolist())))


def resolve_services(data: Dataset, codes) -> tuple[str, ...]:
    return tuple(resolve_service(data, c) for c in codes)


def service_title(data: Dataset, codes: tuple[str, ...], sektor: str | None = None) -> str:
    """The services in words: ``"legevakt og PPT"``, ``"sektoren helse"``, ``"alle tjenester"``."""
    names = _names(data.register.tjenester)

    def lower(text: str) -> str:
        return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text

    parts = [lower(names[c]) for c in codes] + ([f"sektoren {lower(sektor)}"] if sektor else [])
    if not parts:
        return "alle tjenester"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
