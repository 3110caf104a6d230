"""What a map shows, in one vocabulary for the page's state, links and the command line; and the
repair of a state the data cannot draw.

The names of :class:`ViewState`'s fields are the session-state keys, the URL query keys and the
command line's flags (``--lag``, ``--tjenester``, ``--omrade`` …). Old link keys keep working
(:data:`QUERY_ALIASES`). Pure functions: the page (``ui/``) and the command line
(:mod:`layers.export`) read their inputs into a :class:`ViewState` and build its layer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace

from geo._memo import by_identity
from geo._text import normalise
from geo.counties import DEFAULT_ERA, ERAS
from geo.crosswalk import Crosswalk
from geo.divisions import DIVISIONS
from geo.founded import parse_period
from geo.io import Dataset
from geo.provenance import clean_text
from geo.regions import NORWAY, STUDY_AREA, part_aliases, region_options
from geo.register import SEKTORER
from layers.filters import CORE_SERVICES, Filters
from layers.registry import LAYERS
from layers.web_map import BASEMAPS

#: Link keys used before the vocabulary was unified → today's key. Shared links keep working.
QUERY_ALIASES = {"tjeneste": "tjenester", "fylker": "fylkesinndeling", "kart": "bakgrunnskart", "region": "omrade"}
#: Years a period of «Nye ordninger» may span.
MIN_YEAR, MAX_YEAR = 1800, 2100
#: ``per`` for every arrangement of a register that states their life (one without is always drawn whole).
ALL_YEARS = "alle"
#: How a link says yes or no (``ikke_i_kraft=ja``).
YES, NO = frozenset({"ja", "1", "true"}), frozenset({"nei", "0", "false"})
#: Longest link value echoed back in a note.
ECHO = 40


@dataclass(frozen=True)
class ViewState:
    """Everything the page shows; the field names are also the session keys and URL keys."""

    lag: str = "dekning"
    tjenester: tuple[str, ...] | None = None  # None: the layer's own default (Layer.default_services)
    sektor: str | None = None
    omrade: str = STUDY_AREA
    fylkesinndeling: str = DEFAULT_ERA
    kommune: str | None = None
    ordning: str | None = None
    bakgrunnskart: str = "blank"
    kommuneinndeling: str | None = None  # None: the register's own division
    periode: str | None = None  # "FRA-TIL", the years founded of «Nye ordninger»; None: the layer's default
    #: a year: the register as it stood then (status, founded, ended); ``ALL_YEARS``: all of it. ``None``:
    #: not chosen, which :func:`repair` makes the register's own year where it states its arrangements'
    #: life (:func:`geo.founded.default_year`) and leaves as all of it elsewhere
    per: str | None = None
    ikke_i_kraft: bool = False  # with ``per``: also draw the arrangements not in force then (coverage maps)

    def as_of(self) -> int | None:
        """The year the register is drawn as of, or ``None`` for all of it."""
        return int(self.per) if self.per and self.per != ALL_YEARS else None

    def services(self) -> tuple[str, ...]:
        """The chosen services, or the layer's default where none were chosen."""
        return self.tjenester if self.tjenester is not None else LAYERS[self.lag].default_services

    def filters(self) -> Filters:
        """The layer's filters (without what the layer does not take)."""
        return LAYERS[self.lag].filters_for(
            Filters(
                tjenester=self.services(),
                sektor=self.sektor,
                omrade=self.omrade,
                fylkesinndeling=self.fylkesinndeling,
                kommune=self.kommune,
                ordning=self.ordning,
                periode=parse_period(self.periode) if self.periode else None,
                per=self.as_of(),
                ikke_i_kraft=bool(self.ikke_i_kraft),
            )
        )

    def _query(self) -> dict[str, str]:
        values = {**asdict(self), "tjenester": self.services()}
        return {
            k: ",".join(v) if isinstance(v, tuple) else ("ja" if v else "") if isinstance(v, bool) else (v or "")
            for k, v in values.items()
        }

    def to_query(self, *, own_division: str | None = None) -> dict[str, str]:
        """The state as URL query parameters (defaults left out, so links stay short: the services
        where they are the layer's default, the kommune division where it is the register's own)."""
        default = ViewState(lag=self.lag, kommuneinndeling=own_division)._query()
        return {k: v for k, v in self._query().items() if v != default[k] or k == "lag" and v != "dekning"}

    def to_session(self) -> dict:
        """The state as session-state values (lists where a widget holds a list, the period as the
        slider's pair of years)."""
        values = {**asdict(self), "tjenester": self.services()}
        values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
        values["periode"] = parse_period(self.periode) if self.periode else None
        return values

    @classmethod
    def from_session(cls, values: Mapping) -> ViewState:
        kept = {f.name: values[f.name] for f in fields(cls) if f.name in values}
        if "tjenester" in kept:
            kept["tjenester"] = tuple(kept["tjenester"] or ())
        if isinstance(kept.get("periode"), (tuple, list)) and len(kept["periode"]) == 2:
            kept["periode"] = "{}-{}".format(*kept["periode"])
        return cls(**kept)


def service_options(data: Dataset) -> list[tuple[str, str]]:
    """``(code, label)`` for every service that has an arrangement: the core five first, then by sector."""
    return list(_service_options(data.register))


@by_identity(maxsize=4)  # registers are large; the page asks for one or two
def _service_options(register) -> tuple[tuple[str, str], ...]:
    """:func:`service_options` of a register (made once per register: asked for in every page run)."""
    t = register.tjenester
    used = {c for codes in register.rows["tjenester"].tolist() for c in codes}
    sector_rank = {s: i for i, s in enumerate(SEKTORER)}
    rows = [(c, n, s) for c, n, s in zip(t["kode"].tolist(), t["navn"].tolist(), t["sektor"].tolist()) if c in used]
    first = [r for code in CORE_SERVICES for r in rows if r[0] == code]
    rest = sorted((r for r in rows if r[0] not in CORE_SERVICES), key=lambda r: (sector_rank[r[2]], r[1]))
    return tuple((c, f"{n} · {s}") for c, n, s in first + rest)


def _echo(value: str) -> str:
    """A link value as a note may quote it: one line, shortened."""
    return clean_text(value, limit=ECHO)


def _query_values(params: Mapping[str, str | list[str]]) -> dict[str, str]:
    """The link's values under today's keys (an old key is used only where the new one is absent)."""

    def get(key: str) -> str:
        value = params.get(key, "")
        return (value[-1] if isinstance(value, list) and value else value or "").strip()

    values = {QUERY_ALIASES.get(k, k): get(k) for k in params if k in QUERY_ALIASES}
    values.update({k: get(k) for k in params if k not in QUERY_ALIASES})
    return values


def division_from_query(params: Mapping[str, str | list[str]], own: str) -> str:
    """The kommune division a link asks for, or the register's own (``own``)."""
    wanted = _query_values(params).get("kommuneinndeling", "")
    return wanted if wanted in DIVISIONS else own


def state_from_query(params: Mapping[str, str | list[str]], data: Dataset) -> tuple[ViewState, list[str]]:
    """A valid :class:`ViewState` from URL query parameters, and notes on what had to be ignored."""
    values = _query_values(params)
    notes: list[str] = []
    state = ViewState()
    given = {}
    for key in (
        "lag",
        "sektor",
        "fylkesinndeling",
        "omrade",
        "kommune",
        "ordning",
        "bakgrunnskart",
        "kommuneinndeling",
        "periode",
        "per",
    ):
        if values.get(key):
            given[key] = values[key]
    if values.get("ikke_i_kraft"):
        shown = normalise(values["ikke_i_kraft"])
        if shown in YES or shown in NO:
            given["ikke_i_kraft"] = shown in YES
        else:
            notes.append(f"«{_echo(values['ikke_i_kraft'])}» er ikke ja eller nei (ikke_i_kraft); hopper over.")
    if "tjenester" in values:
        given["tjenester"] = tuple(c.strip() for c in values["tjenester"].split(",") if c.strip())
    lag = given.pop("lag", None)
    lag = {k.lower(): k for k in LAYERS}.get((lag or "").lower(), lag)  # link values are read without case
    if lag in LAYERS:
        state = replace(state, lag=lag)
    elif lag:
        notes.append(f"Ukjent kartlag «{_echo(lag)}» i lenken; viser {LAYERS[state.lag].label.lower()}.")
    state, more = repair(replace(state, **given), data)
    return state, notes + more


def repair(state: ViewState, data: Dataset) -> tuple[ViewState, list[str]]:
    """``state`` with every choice that the data (or the era) does not have replaced by its
    default, and a Norwegian note for each one (values quoted shortened, as text)."""
    notes: list[str] = []
    valid = {c.lower(): c for c, _ in service_options(data)}  # codes, as the upload and the CLI read them
    services = [valid.get(c.lower(), c) for c in state.services()]
    bad = [c for c in services if c not in valid.values()]
    if bad and state.tjenester is not None:
        notes.append(f"Ukjente tjenestekoder er hoppet over: {_echo(', '.join(bad))}.")
    if bad or services != list(state.services()):
        state = replace(state, tjenester=tuple(dict.fromkeys(c for c in services if c in valid.values())))
    sectors = {normalise(s): s for s in SEKTORER}
    if state.sektor is not None and normalise(state.sektor) in sectors:
        state = replace(state, sektor=sectors[normalise(state.sektor)])
    elif state.sektor is not None:
        notes.append(f"Ukjent sektor «{_echo(state.sektor)}» er hoppet over.")
        state = replace(state, sektor=None)
    if state.fylkesinndeling not in ERAS:
        notes.append(f"Ukjent fylkesinndeling «{_echo(state.fylkesinndeling)}»; bruker {DEFAULT_ERA}.")
        state = replace(state, fylkesinndeling=DEFAULT_ERA)
    state, more = _repair_area(state, data)
    notes += more
    if state.kommune is not None and state.kommune not in data.names.names:
        found = _kommune_of(data, state.kommune)
        if found is None:
            notes.append(f"Ukjent kommune «{_echo(state.kommune)}» er hoppet over.")
        state = replace(state, kommune=found)
    ids = {i.lower(): i for i in data.register.ordninger["id"]}
    if state.ordning is not None and state.ordning.lower() in ids:
        state = replace(state, ordning=ids[state.ordning.lower()])
    elif state.ordning is not None:
        notes.append(f"Fant ikke ordningen «{_echo(state.ordning)}» i registeret.")
        state = replace(state, ordning=None)
    state, more = _repair_years(state, data)
    notes += more
    if state.kommuneinndeling is not None and state.kommuneinndeling not in DIVISIONS:
        notes.append(f"Ukjent kommuneinndeling «{_echo(state.kommuneinndeling)}»; bruker registerets egen.")
        state = replace(state, kommuneinndeling=None)
    state = replace(
        state, bakgrunnskart={b.lower(): b for b in BASEMAPS}.get(state.bakgrunnskart.lower(), state.bakgrunnskart)
    )
    if state.bakgrunnskart not in BASEMAPS:
        notes.append(f"Ukjent bakgrunnskart «{_echo(state.bakgrunnskart)}»; bruker ingen.")
        state = replace(state, bakgrunnskart="blank")
    return state, notes


def _repair_years(state: ViewState, data: Dataset) -> tuple[ViewState, list[str]]:
    """The period of «Nye ordninger» and the year the register is drawn as of, written alike; what is
    no year is dropped with a note. A register that states its arrangements' life is drawn as of its
    own year unless all of it (``ALL_YEARS``) or another year is chosen."""
    from geo.founded import default_year
    from geo.register import has_lifecycle

    notes = []
    if state.periode is not None:
        period = parse_period(state.periode)
        if period is None or not MIN_YEAR <= period[0] <= period[1] <= MAX_YEAR:
            notes.append(f"«{_echo(state.periode)}» er ikke en periode av årstall (f.eks. 2015-2021); bruker standard.")
            state = replace(state, periode=None)
        else:
            state = replace(state, periode=f"{period[0]}-{period[1]}")
    if state.per is not None:
        year = str(state.per).strip().lower()
        if year == ALL_YEARS or re.fullmatch(r"\d{4}", year) and MIN_YEAR <= int(year) <= MAX_YEAR:
            state = replace(state, per=year)
        else:
            notes.append(f"«{_echo(str(state.per))}» er ikke et årstall; registeret vises slik det er.")
            state = replace(state, per=ALL_YEARS)
    lifecycle = has_lifecycle(data.register)
    if state.per is None and lifecycle:
        state = replace(state, per=str(default_year(data.register)))
    elif state.per is not None and not lifecycle:  # a register without the columns is always all of it
        if state.per != ALL_YEARS:
            notes.append(
                "Registeret sier ikke når ordningene startet og sluttet (status, avsluttet); kartet viser hele."
            )
        state = replace(state, per=None)
    if state.as_of() is None and state.ikke_i_kraft:  # what was not in force is said of a year only
        state = replace(state, ikke_i_kraft=False)
    return state, notes


def _kommune_of(data: Dataset, value: str) -> str | None:
    """The kommunenummer a link's ``kommune`` names (a number or a name, as the CLI takes it), or ``None``."""
    from geo.names import NameError_, resolve_kommune

    try:
        return resolve_kommune(data.names, value, suggest=False)
    except (NameError_, ValueError):
        return None


def _repair_area(state: ViewState, data: Dataset) -> tuple[ViewState, list[str]]:
    """The area by its label in the chosen era (any case); one that the era lacks falls back to the study area."""
    options = region_options(data.studieomrade, data.fylker, state.fylkesinndeling)
    found = options.get(normalise(state.omrade))
    if found is None and normalise(state.omrade) in (forms := part_aliases(options)):
        found = options[normalise(forms[normalise(state.omrade)])]  # "Nordland" for "Nordland - Nordlánnda"
    if found is not None:
        return replace(state, omrade=found.label), []
    note = (
        f"«{_echo(state.omrade)}» finnes ikke i fylkesinndelingen {state.fylkesinndeling}; viser {STUDY_AREA.lower()}."
    )
    return replace(state, omrade=STUDY_AREA), [note]


def carry_kommune(state: ViewState, crosswalk: Crosswalk, *, source: str, target: str) -> ViewState:
    """``state`` with its chosen kommune in the ``target`` division (the user switched the
    division drawn): the successor of the same name, or the one holding most of its land."""
    if state.kommune is None or source == target:
        return state
    return replace(state, kommune=crosswalk.host(source, target).get(state.kommune))


def export_stem(state: ViewState) -> str:
    """A file name (without suffix) for an export of ``state``: the layer, services and area in
    lower case, Norwegian letters kept, anything else a hyphen."""
    text = f"{state.lag}-{'-'.join(state.services())}-{state.omrade}".lower()
    return re.sub(r"[^a-z0-9æøåáčđŋšŧž]+", "-", text).strip("-")[:120] or "kart"


def show_arrangement(state: ViewState, data: Dataset) -> ViewState:
    """``state`` changed so that the map shows its chosen arrangement: the coverage map of the
    arrangement's services (if the current map does not show it), in an area holding a member."""
    o = data.register.ordninger.set_index("id")
    if state.ordning not in o.index:
        return state
    row = o.loc[state.ordning]
    if not (state.lag == "dekning" and set(row["tjenester"]) & set(state.services())):
        state = replace(state, lag="dekning", tjenester=tuple(row["tjenester"]), sektor=None)
    options = region_options(data.studieomrade, data.fylker, state.fylkesinndeling)
    region = options.get(normalise(state.omrade))
    if region is None or not region.kommuner & set(row["deltakere"]):
        study = options.get(normalise(STUDY_AREA))
        holds = study is not None and study.kommuner & set(row["deltakere"])
        state = replace(state, omrade=STUDY_AREA if holds else NORWAY)
    return state
