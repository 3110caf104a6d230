"""Samarbeidskart — the Streamlit page: widgets → one call into the package → render."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo._text import markdown_literal
from geo.counties import ERAS
from geo.divisions import DEFAULT_DIVISION, DIVISIONS
from geo.errors import DataError
from geo.io import load_crosswalk, load_names, with_register
from geo.query import arrangement_details, arrangements_for_kommune, kommune_at, partners, search
from geo.regions import region_options
from geo.register import SEKTORER
from geo.spreadsheet import frame_to_csv, register_rows
from geo.uploads import MAX_UPLOAD_MB, read_register_frame, read_register_upload
from layers import data as data_cache
from layers.data import detail_for
from layers.formats import EXPORTS, Options
from layers.registry import LAYERS, build_layer
from layers.state import (
    ViewState,
    carry_kommune,
    division_from_query,
    export_stem,
    repair,
    service_options,
    show_arrangement,
    state_from_query,
)
from layers.web_map import BASEMAPS
from store import links
from ui.live_map import preload_assets, show_map
from ui.page import MAP_HEIGHT, PAGE_CSS, PAGE_LABELS
from ui.views import ViewMemo, next_views

st.set_page_config(page_title="Samarbeidskart", page_icon="🗺️", layout="wide")
st.html(PAGE_CSS)  # our own constant styles (never data): Norwegian in the uploader, a compact top
with st.sidebar:
    preload_assets()  # first in the page: the map's code and Leaflet load while the rest is built


@st.cache_resource(show_spinner="Laster kommunegrenser og register …")
def shipped(division: str = DEFAULT_DIVISION):
    """The shipped register drawn on ``division``: loaded once per process (perhaps already by
    ``serve.py`` at the server's start), shared read-only by every session."""
    return data_cache.shipped(division)


@st.cache_resource(show_spinner=False)
def kommuner_for(division: str, detail: str):
    """Kommune polygons of a division at a level of detail (``layers.data.DETAILS``), made when first needed."""
    return data_cache.shipped_kommuner(division, detail)


@st.cache_resource(show_spinner=False)
def store():
    """The register store (SAMARBEIDSKART_DB, else the SQLite file), one engine per server process."""
    from store import registers

    return registers.connect()


plain = markdown_literal  # data text in any element that renders Markdown: shown as written


ss = st.session_state
if "lag" not in ss and "register_id" not in ss:  # a link to a saved register opens it, on any app server
    link = links.link_of(st.query_params.to_dict())
    if link:
        from store import registers  # the database layer: loaded only where a register is stored

        try:
            ss["register"] = registers.open_register(
                store(), link[0], tjenester=shipped().register.tjenester, version=link[1]
            )
            ss["register_id"] = link
        except registers.StoreError as exc:
            ss["notes"] = [str(exc)]
if "pending_division" in ss:  # a new register opens on its own division (set before the widget exists)
    ss["kommuneinndeling"] = ss.pop("pending_division")
own = (ss["register"] if "register" in ss else shipped().register).provenance.division
if "lag" not in ss:
    division = division_from_query(st.query_params.to_dict(), own)
else:
    division = ss.get("kommuneinndeling") or own
base_data = shipped(division)
previous = None  # an earlier version of a saved register, to compare with (the layer «Endringer»)
if ss.get("sammenlign") and ss.get("register_id"):
    from store import registers

    try:
        previous = registers.open_register(
            store(), ss["register_id"][0], tjenester=base_data.register.tjenester, version=ss["sammenlign"]
        )
    except registers.StoreError:
        ss["sammenlign"] = None
if "register" in ss:
    data = with_register(base_data, ss["register"], division=division, previous=previous)
else:
    data = base_data
services = dict(service_options(data))

# --- state: from the link on first load, then from widgets; clicks on the map arrive as "pending" ---
first_run = "lag" not in ss
if first_run:
    first, link_notes = state_from_query(st.query_params.to_dict(), data)
    ss["notes"] = [*ss.get("notes", []), *link_notes]
    ss.update(first.to_session())
    ss["kommuneinndeling"] = division
elif ss.get("tegnet", division) != division:  # the user switched the division: keep the chosen kommune
    ss.update(
        carry_kommune(ViewState.from_session(ss), load_crosswalk(), source=ss["tegnet"], target=division).to_session()
    )
ss["tegnet"] = division
if "klikk" in ss:  # a click on the map, stored by the map's callback before this run: one rerun draws it
    click = ss.pop("klikk")
    knr = kommune_at(data.kommuner, click["lng"], click["lat"])
    if knr:
        ss["pending"] = (knr, None)
if "pending" in ss:
    ss["kommune"], ss["ordning"] = ss.pop("pending")
    if ss["ordning"]:  # a chosen arrangement is shown: its service's map, in an area that holds it
        ss.update(show_arrangement(ViewState.from_session(ss), data).to_session())
        ss["lag_forrige"] = ss["lag"]
repaired, notes = repair(ViewState.from_session(ss), data)
ss.update(repaired.to_session())
ss["notes"] = [*ss.get("notes", []), *notes]
layer = LAYERS[ss["lag"]]
if ss.get("lag_forrige", ss["lag"]) != ss["lag"]:  # a layer opens on its own services (Figur 2.2: all)
    ss["tjenester"] = [c for c in layer.default_services if c in services]
ss["lag_forrige"] = ss["lag"]

state = ViewState.from_session(ss)
st.query_params.from_dict({**state.to_query(own_division=own), **links.link_query(ss.get("register_id"))})

# --- page ---
provenance = data.register.provenance
st.title("Samarbeidskart")
st.caption(f"Interkommunalt samarbeid · {plain(provenance.title)} · {plain(provenance.source_line())}")
for note in ss.pop("notes", []):
    st.info(plain(note))
if ss.get("upload_result", ("ok",))[0] == "feil":  # the whole list, wide enough to read, and to take along
    problems = ss["upload_result"][1]
    st.error(f"Filen ble ikke tatt i bruk – {len(problems)} feil. Rett dem i filen og last den opp igjen:")
    with st.container(height=min(60 + 28 * len(problems), 320)):  # every message whole, wrapped, scrollable
        st.markdown("\n".join(f"- {plain(p)}" for p in problems))
    st.download_button(
        "Last ned feillisten (CSV)",
        data=frame_to_csv(pd.DataFrame({"Feil": problems})),
        file_name="feil-i-registeret.csv",
        mime="text/csv",
        on_click="ignore",
    )

screen_kommuner = kommuner_for(
    division, detail_for(medium="skjerm", omrade=state.omrade, data=data, era=state.fylkesinndeling)
)
# a view this session drew before is not built again (the sources identify the data it was drawn from)
memo, drawn_from = ss.setdefault("kart_visninger", ViewMemo()), (base_data, ss.get("register"), previous)
view = memo.view(data, screen_kommuner, state, sources=drawn_from)
# A chosen arrangement's details stand beside the map, visible without scrolling. The map is always
# the first element of the first column, so the page keeps the same map element (no remount).
columns = st.columns([5, 2] if state.ordning else [1])
map_area, info = columns[0], (columns[1] if state.ordning else None)


def _clicked() -> None:
    click = (ss.get("kart") or {}).get("klikk")
    if click:
        ss["klikk"] = click


with map_area:
    if view.message:
        st.info(plain(view.message))
    else:
        show_map(
            view.payload,
            sent=ss.setdefault("kart_sendt", set()),
            height=MAP_HEIGHT,
            key="kart",
            on_click=_clicked,
            on_missing=lambda: ss["kart_sendt"].clear(),
        )
        st.caption("Klikk på en kommune i kartet (eller velg den i menyen) for å se ordningene og samarbeidspartnerne.")
if info is not None:
    with info:
        details = arrangement_details(data, state.ordning)
        st.subheader(plain(details["Navn"]))
        for field, value in list(details.items())[1:]:  # our labels; the register's values as text
            st.markdown(f"**{field}**  \n{plain(value)}")
# --- the sidebar's choices: drawn after the map (their values are in the session already), so that
# the map reaches the browser first on every change
with st.sidebar:
    st.header("Vis")
    st.radio("Kartlag", list(LAYERS), format_func=lambda k: LAYERS[k].label, key="lag")
    if layer.services:
        st.multiselect(
            "Tjenester",
            list(services),
            format_func=lambda c: services.get(c, c),
            key="tjenester",
            placeholder="Alle tjenester" if not layer.needs_service and not layer.exact_services else "Velg tjenester",
            select_all=False,
            filter_mode="contains",
            help="Legevakt, legevaktsentral, barnevernvakt, PPT og IUA står først; deretter etter sektor.",
        )
    if layer.sector:
        st.selectbox(
            "Sektor",
            [None, *SEKTORER],
            format_func=lambda s: "Alle sektorer" if s is None else s,
            key="sektor",
            placeholder="Alle sektorer",
        )
    regions = region_options(data.studieomrade, data.fylker, ss["fylkesinndeling"])
    st.selectbox("Område", [r.label for r in regions.values()], key="omrade")
    st.radio("Fylkesinndeling", list(ERAS), format_func=lambda e: ERAS[e].label, key="fylkesinndeling")
    st.caption(ERAS[ss["fylkesinndeling"]].rule)
    st.radio(
        "Kommuneinndeling",
        list(DIVISIONS),
        key="kommuneinndeling",
        format_func=lambda d: DIVISIONS[d].label + (" – registerets egen" if d == own else ""),
        help="Kommunegrensene kartet tegnes på. Et register skrevet i den andre inndelingen føres over "
        "med kommuneoversikten 2020–2024; kartets merknader sier hva som endret seg.",
    )
    st.selectbox(
        "Bakgrunnskart",
        list(BASEMAPS),
        format_func=lambda b: BASEMAPS[b][0],
        key="bakgrunnskart",
        help="Bakgrunnskart fra Kartverket eller OpenStreetMap krever nettilgang.",
    )
    st.header("Finn")
    st.selectbox(
        "Kommune",
        [None, *sorted(data.names.names, key=data.names.display.get)],
        format_func=lambda k: "Ingen valgt" if k is None else data.names.display[k],
        placeholder="Ingen valgt",
        key="kommune",
    )
    query = st.text_input("Søk etter kommune eller ordning", placeholder="f.eks. Hjartdal eller LVS Drammen", key="sok")
    hits = search(data, query)
    for kind, key, label in hits:
        icon = "Kommune" if kind == "kommune" else "Ordning"
        if st.button(f"{icon}: {plain(label)}", key=f"hit-{kind}-{key}"):
            ss["pending"] = (key, None) if kind == "kommune" else (ss["kommune"], key)
            st.rerun()
    if query.strip() and not hits:
        st.caption(f"Ingen treff på «{plain(query, limit=40)}».")
# --- own registers: uploaded, saved and opened. After the map, so that the first map is drawn before
# the database layer loads; the sidebar shows this section below "Finn" all the same.
from store import registers  # noqa: E402

with st.sidebar:
    st.header("Eget register")
    credit = st.text_input(
        "Hvem har laget registeret? (til kildelinjen)",
        key="kreditering",
        placeholder="f.eks. Statsforvalteren i Vestland 2026",
    )
    upload = st.file_uploader(
        f"Last opp register (CSV eller XLSX, høyst {MAX_UPLOAD_MB} MiB)",
        type=["csv", "xlsx"],
        help="Samme kolonner som data/ordninger.csv. Brukes bare i denne økten og lagres ikke.",
    )
    if upload is not None and ss.get("upload_id") != upload.file_id:
        ss["upload_id"] = upload.file_id
        try:
            register = read_register_upload(
                upload.getvalue(),
                upload.name,
                names=load_names(),
                tjenester=base_data.register.tjenester,
                credit=credit,
            )
            told = f"{register.provenance.title}: {len(register.ordninger)} ordninger er lest inn og vises nå."
            ss["upload_result"] = ("ok", " ".join([told, *register.notes]))
            ss["register"] = register
            ss.pop("register_id", None)  # a new upload is unsaved until saved
            ss["pending"] = (None, None)
            ss["pending_division"] = register.provenance.division
        except DataError as exc:
            ss["upload_result"] = ("feil", [str(p) for p in exc.problems])
        st.rerun()
    if "upload_result" in ss:
        status, detail = ss["upload_result"]
        if status == "ok":
            st.success(plain(detail))
        else:
            st.error("Filen ble ikke tatt i bruk; feilene står over kartet.")
    if "register" in ss and "register_id" not in ss:
        with st.form("lagre"):
            st.caption(
                f"Lagre registeret, så åpner lenken det for alle som får den (høyst "
                f"{registers.MAX_SAVES_PER_SESSION} lagringer per økt)."
            )
            title = st.text_input("Tittel", value=ss["register"].provenance.title, max_chars=200)
            credit_line = st.text_input("Kreditering", value=credit, max_chars=200)
            public = st.checkbox("Vis det i lista over lagrede registre")
            if st.form_submit_button("Lagre registeret"):
                try:
                    saved = registers.save_in_session(
                        store(), ss["register"], ss, title=title, credit=credit_line, listed=public
                    )
                    ss["register_id"], ss["eiernokkel"] = (saved.id, saved.version), saved.owner_key
                    st.rerun()
                except registers.StoreError as exc:
                    st.error(plain(exc))
    if "eiernokkel" in ss:  # shown once: only its hash is stored
        st.warning("Lagret. Eiernøkkelen vises bare nå; ta vare på den for å legge til versjoner eller slette:")
        st.code(ss.pop("eiernokkel"), language=None)
    if ss.get("register_id"):
        versions = registers.versions_of(store(), ss["register_id"][0])
        if len(versions) > 1:
            st.selectbox(
                "Sammenlign med versjon",
                [None, *versions],
                key="sammenlign",
                format_func=lambda v: "Ingen" if v is None else f"Versjon {v}",
                placeholder="Ingen",
                help="Vis kartlaget «Endringer mellom versjoner» for å se hva som er endret.",
            )
    saved_list = registers.listed(store())
    if len(saved_list):
        chosen = st.selectbox(
            "Åpne et lagret register",
            [None, *saved_list["id"]],
            key="apne_lagret",
            format_func=lambda i: "Velg …" if i is None else dict(zip(saved_list["id"], saved_list["tittel"]))[i],
            placeholder="Velg …",
        )
        if chosen and ss.get("register_id", (None,))[0] != chosen:
            ss["register"] = registers.open_register(store(), chosen, tjenester=shipped().register.tjenester)
            ss["register_id"] = (chosen, None)
            ss["pending"] = (None, None)
            ss["pending_division"] = ss["register"].provenance.division
            st.rerun()
    if "register" in ss and st.button("Gå tilbake til det medfølgende registeret"):
        for key in ("register", "upload_result", "register_id"):
            ss.pop(key, None)
        ss["pending"] = (None, None)
        ss["pending_division"] = shipped().register.provenance.division
        st.rerun()


if view.spec is not None and view.spec.table is not None and len(view.spec.table.frame):
    st.subheader(plain(view.spec.table.title))
    st.dataframe(view.spec.table.display(), hide_index=True, use_container_width=True)

if state.kommune:
    table = arrangements_for_kommune(data, state.kommune)
    st.subheader(f"{plain(data.names.display[state.kommune])}: {len(table)} ordninger")
    st.caption("Velg en rad for å se ordningen i kartet og detaljene om den.")
    left, right = st.columns([3, 1])
    with left:
        picked = st.dataframe(
            table.drop(columns=["id"]),
            hide_index=True,
            use_container_width=True,
            on_select="rerun",
            selection_mode="single-row",
            key=f"tabell-{state.kommune}",
            height=min(38 + 35 * len(table), 520),
            column_config={
                "Deltakere": st.column_config.TextColumn("Deltakere", width="large"),
                "Samarbeidsordning": st.column_config.TextColumn("Samarbeidsordning", width="medium"),
            },
        )
        rows = picked.selection.rows if picked else []
        if rows and table["id"].iloc[rows[0]] != state.ordning:
            ss["pending"] = (state.kommune, table["id"].iloc[rows[0]])
            st.rerun()
    with right:
        st.subheader("Samarbeidspartnere")
        st.dataframe(
            partners(data, state.kommune).drop(columns=["kommunenummer"]),
            hide_index=True,
            use_container_width=True,
            height=min(38 + 35 * len(table), 520),
        )

if view.spec is not None:
    st.subheader("Eksporter dette kartet")
    stem = export_stem(state)
    # one flex row each rather than columns: fewer layout blocks sent with every rerun
    choices = st.container(horizontal=True, vertical_alignment="bottom")
    page = choices.selectbox("Side (PNG, SVG, PDF)", list(PAGE_LABELS), format_func=PAGE_LABELS.get, key="side")
    with_title = not choices.checkbox("Uten tittel (rapporten har egen figurtekst)", key="uten_tittel")

    def export_file(key: str) -> bytes:
        fmt = EXPORTS[key]
        detail = detail_for(medium=fmt.medium, omrade=state.omrade, data=data, era=state.fylkesinndeling)
        kommuner = kommuner_for(division, detail)
        spec = build_layer(data, kommuner, state.lag, state.filters())
        return fmt.render(spec, data, Options(basemap=state.bakgrunnskart, page=page, title=with_title))

    buttons = st.container(horizontal=True)
    for fmt in EXPORTS.values():
        buttons.download_button(
            fmt.label,
            data=lambda key=fmt.key: export_file(key),
            file_name=f"{stem}{fmt.suffix}",
            mime=fmt.mime,
            on_click="ignore",
        )
    st.caption(f"Lenken i adressefeltet åpner akkurat dette kartet. {plain(view.spec.source)} (CC BY 4.0).")

if "register" in ss:
    # edited in the register's own kommune division, whatever division the map is drawn on
    own_division = ss["register"].provenance.division
    own_data = data if division == own_division else with_register(shipped(own_division), ss["register"])
    with st.expander("Rediger registeret"):
        st.caption(
            "Endre, legg til eller fjern rader. Endringene kontrolleres med de samme meldingene som en "
            "opplasting; et register med feil tas ikke i bruk, og endringene dine blir stående her."
        )
        edited = st.data_editor(
            register_rows(own_data, own_data.register.rows["id"]),
            num_rows="dynamic",
            use_container_width=True,
            hide_index=True,
            key=f"redigering-{ss.get('upload_id')}",
        )
        if st.button("Kontroller og bruk endringene"):
            try:
                ss["register"] = read_register_frame(
                    edited,
                    ss["register"].provenance.title,
                    names=load_names(),
                    tjenester=base_data.register.tjenester,
                    provenance=ss["register"].provenance,
                )
                ss["redigert"] = True
                st.rerun()
            except DataError as exc:
                st.error(f"Endringene ble ikke tatt i bruk – {len(exc.problems)} feil:")
                st.markdown("\n".join(f"- {plain(p)}" for p in exc.problems))
        if ss.get("register_id"):
            st.markdown("**Lagret register**")
            key = st.text_input("Eiernøkkel", type="password", key="eiernokkel_inn")
            add, remove = st.columns(2)
            if add.button("Lagre som ny versjon"):
                try:
                    saved = registers.add_version(store(), ss["register_id"][0], ss["register"], owner_key=key)
                    ss["register_id"] = (saved.id, None)
                    st.rerun()
                except registers.StoreError as exc:
                    st.error(plain(exc))
            remove.caption("Sletting fjerner registeret og alle versjonene for godt; lenkene slutter å virke.")
            if remove.button("Slett registeret for godt"):
                try:
                    registers.delete(store(), ss["register_id"][0], owner_key=key)
                    for gone in ("register", "register_id", "upload_result"):
                        ss.pop(gone, None)
                    ss["pending"] = (None, None)
                    ss["pending_division"] = shipped().register.provenance.division
                    st.rerun()
                except registers.StoreError as exc:
                    st.error(plain(exc))

if first_run and view.spec is not None:  # the map a visitor most often opens next, made now the page is sent
    for upcoming in next_views(state, services):
        memo.view(data, screen_kommuner, upcoming, sources=drawn_from)
