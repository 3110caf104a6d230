"""Samarbeidskart — the Streamlit page: widgets → one call into the package → render."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.counties import ERAS
from geo.errors import DataError
from geo.exports import frame_to_csv, register_rows
from geo.io import load_dataset, with_register
from geo.query import arrangement_details, arrangements_for_kommune, kommune_at, partners, search
from geo.regions import NORWAY, STUDY_AREA, region_options
from geo.register import SEKTORER
from geo.uploads import MAX_UPLOAD_MB, read_register_upload
from layers.build import LAYERS, build_layer
from layers.data import prepare_kommuner
from layers.folium_map import BASEMAPS, to_html
from layers.view import ViewState, arrangements_at, build_view, service_options, spec_geojson, state_from_query

st.set_page_config(page_title="Samarbeidskart", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner="Laster kommunegrenser og register …")
def shipped():
    """Loaded once per process and shared read-only by every session."""
    data = load_dataset()
    return data, prepare_kommuner(data, for_screen=True)


@st.cache_resource(show_spinner=False)
def kommuner_for(detail: str):
    """Polygons for all of Norway ("norge") or for print ("trykk"), made the first time they are needed."""
    data = shipped()[0]
    return prepare_kommuner(data, for_screen=detail == "norge", national=detail == "norge")


def plain(text: str) -> str:
    """Data text for Streamlit's Markdown: shown as written, never as markup."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", str(text))


base_data, regional_kommuner = shipped()
ss = st.session_state
data = with_register(base_data, ss["register"]) if "register" in ss else base_data
services = dict(service_options(data))

# --- state: from the link on first load, then from widgets; clicks on the map arrive as "pending" ---
if "lag" not in ss:
    state, ss["notes"] = state_from_query(st.query_params.to_dict(), data)
    ss.update(lag=state.lag, tjenester=list(state.tjenester), sektor=state.sektor, omrade=state.omrade,
              fylker=state.fylkesinndeling, kommune=state.kommune, kart=state.bakgrunn, ordning=state.ordning)
if "pending" in ss:
    ss["kommune"], ss["ordning"] = ss.pop("pending")
ss["tjenester"] = [c for c in ss["tjenester"] if c in services]
regions = region_options(data.studieomrade, data.fylker, ss["fylker"])
if ss["omrade"] not in [r.label for r in regions.values()]:
    ss["notes"] = [*ss.get("notes", []), f"«{ss['omrade']}» finnes ikke i fylkesinndelingen {ss['fylker']}; viser {STUDY_AREA.lower()}."]
    ss["omrade"] = STUDY_AREA
if ss["kommune"] not in data.names.names:
    ss["kommune"] = None
if ss.get("ordning") not in set(data.register.ordninger["id"]):
    ss["ordning"] = None

with st.sidebar:
    st.header("Vis")
    st.radio("Kartlag", list(LAYERS), format_func=lambda k: LAYERS[k].label, key="lag")
    if ss["lag"] != "regionrad":
        st.multiselect("Tjenester", list(services), format_func=services.get, key="tjenester",
                       placeholder="Velg tjenester",
                       help="Legevakt, legevaktsentral, barnevernvakt, PPT og IUA står først; deretter etter sektor.")
    if ss["lag"] in ("antall", "fylkesgrense"):
        st.selectbox("Sektor", [None, *SEKTORER], format_func=lambda s: "Alle sektorer" if s is None else s, key="sektor")
    st.selectbox("Område", [r.label for r in regions.values()], key="omrade")
    st.radio("Fylkesinndeling", list(ERAS), format_func=lambda e: ERAS[e].label, key="fylker", horizontal=False)
    st.caption(ERAS[ss["fylker"]].rule)
    st.selectbox("Bakgrunnskart", list(BASEMAPS), format_func=lambda b: BASEMAPS[b][0], key="kart",
                 help="Bakgrunnskart fra Kartverket eller OpenStreetMap krever nettilgang.")
    st.header("Finn")
    st.selectbox("Kommune", [None, *sorted(data.names.names, key=data.names.display.get)],
                 format_func=lambda k: "Ingen valgt" if k is None else data.names.display[k], key="kommune")
    query = st.text_input("Søk etter kommune eller ordning", placeholder="f.eks. Hjartdal eller LVS Drammen")
    for kind, key, label in search(data, query):
        icon = "Kommune" if kind == "kommune" else "Ordning"
        if st.button(f"{icon}: {label}", key=f"hit-{kind}-{key}"):
            ss["pending"] = (key, ss["ordning"]) if kind == "kommune" else (ss["kommune"], key)
            st.rerun()
    st.header("Eget register")
    upload = st.file_uploader(f"Last opp register (CSV eller XLSX, høyst {MAX_UPLOAD_MB} MB)", type=["csv", "xlsx"],
                              help="Samme kolonner som data/ordninger.csv. Brukes bare i denne økten og lagres ikke.")
    if upload is not None and ss.get("upload_id") != upload.file_id:
        ss["upload_id"] = upload.file_id
        try:
            ss["register"] = read_register_upload(upload.getvalue(), upload.name, names=base_data.names,
                                                  tjenester=base_data.register.tjenester)
            ss["upload_result"] = ("ok", f"{upload.name}: {len(ss['register'].ordninger)} ordninger er lest inn og vises nå.")
            ss["pending"] = (None, None)
        except DataError as exc:
            ss["upload_result"] = ("feil", [str(p) for p in exc.problems])
        st.rerun()
    if "upload_result" in ss:
        status, detail = ss["upload_result"]
        if status == "ok":
            st.success(detail)
        else:
            st.error(f"Filen ble ikke tatt i bruk – {len(detail)} feil:")
            st.dataframe(pd.DataFrame({"Feil": detail}), hide_index=True, use_container_width=True)
    if "register" in ss and st.button("Gå tilbake til NIVI-registeret"):
        for key in ("register", "upload_result"):
            ss.pop(key, None)
        ss["pending"] = (None, None)
        st.rerun()

state = ViewState(lag=ss["lag"], tjenester=tuple(ss.get("tjenester", ())), sektor=ss.get("sektor"), omrade=ss["omrade"],
                  fylkesinndeling=ss["fylker"], kommune=ss["kommune"], ordning=ss.get("ordning"), bakgrunn=ss["kart"])
st.query_params.from_dict(state.to_query())

# --- page ---
st.title("Samarbeidskart")
source = "eget register (bare i denne økten)" if "register" in ss else "NIVI Analyse 2021, tidligere Buskerud med randkommuner"
st.caption(f"Interkommunalt samarbeid · Data: {source} · Kart: © Kartverket")
for note in ss.pop("notes", []):
    st.info(note)

screen_kommuner = regional_kommuner if state.omrade != NORWAY else kommuner_for("norge")
view = build_view(data, screen_kommuner, state)
if view.message:
    st.info(view.message)
else:
    out = st_folium(view.map, key="kart-komponent", height=620, use_container_width=True,
                    returned_objects=["last_object_clicked"], feature_group_to_add=view.highlight)
    click = (out or {}).get("last_object_clicked")
    if click and click != ss.get("last_click"):
        ss["last_click"] = click
        knr = kommune_at(data.kommuner, click["lng"], click["lat"])
        if knr:
            here = arrangements_at(view, knr, data)
            ss["pending"] = (knr, here[0] if here else ss["ordning"])
            st.rerun()
    st.caption("Klikk på en kommune i kartet (eller velg den i menyen) for å se ordningene og samarbeidspartnerne.")
    if view.spec.table is not None and len(view.spec.table):
        st.subheader("Ordninger som krysser fylkesgrenser, etter fylker de knytter sammen")
        st.dataframe(view.spec.table.rename(columns={"fylkespar": "Fylker", "antall": "Antall", "ordninger": "Ordninger"}),
                     hide_index=True, use_container_width=True)

left, right = st.columns([3, 2])
with left:
    if state.kommune:
        table = arrangements_for_kommune(data, state.kommune)
        st.subheader(f"{plain(data.names.display[state.kommune])}: {len(table)} ordninger")
        st.caption("Velg en rad for å se detaljene om ordningen.")
        picked = st.dataframe(table.drop(columns=["id"]), hide_index=True, use_container_width=True,
                              on_select="rerun", selection_mode="single-row", key=f"tabell-{state.kommune}")
        rows = picked.selection.rows if picked else []
        if rows and table["id"].iloc[rows[0]] != state.ordning:
            ss["ordning"] = table["id"].iloc[rows[0]]
            st.rerun()
with right:
    if state.kommune:
        st.subheader("Samarbeidspartnere")
        st.dataframe(partners(data, state.kommune).drop(columns=["kommunenummer"]), hide_index=True,
                     use_container_width=True, height=300)
    if state.ordning:
        details = arrangement_details(data, state.ordning)
        st.subheader(plain(details["Navn"]))
        st.table(pd.DataFrame({"": list(details)[1:], " ": list(details.values())[1:]}).set_index(""))

if view.spec is not None:
    st.subheader("Eksporter dette kartet")
    stem = re.sub(r"[^a-z0-9]+", "-", f"{state.lag}-{'-'.join(state.tjenester)}-{state.omrade}".lower()).strip("-")

    def static_file(fmt: str) -> bytes:
        from layers.static_map import static_bytes  # matplotlib is loaded when a static map is asked for

        return static_bytes(build_layer(data, kommuner_for("trykk"), state.lag, state.filters()), fmt)

    cols = st.columns(6)
    for col, fmt, mime in zip(cols[:3], ("png", "svg", "pdf"), ("image/png", "image/svg+xml", "application/pdf")):
        col.download_button(f"Kart som {fmt.upper()}", data=lambda fmt=fmt: static_file(fmt),
                            file_name=f"{stem}.{fmt}", mime=mime, on_click="ignore", use_container_width=True)
    cols[3].download_button("Interaktivt kart (HTML)",
                            data=lambda: to_html(build_layer(data, screen_kommuner, state.lag, state.filters()),
                                                 basemap=state.bakgrunn).encode("utf-8"),
                            file_name=f"{stem}.html", mime="text/html", on_click="ignore", use_container_width=True)
    cols[4].download_button("Data (CSV)", data=lambda: frame_to_csv(register_rows(data, view.ordning_ids)),
                            file_name=f"{stem}.csv", mime="text/csv", on_click="ignore", use_container_width=True)
    cols[5].download_button("Kartdata (GeoJSON)", data=lambda: spec_geojson(view.spec), file_name=f"{stem}.geojson",
                            mime="application/geo+json", on_click="ignore", use_container_width=True)
    st.caption("Lenken i adressefeltet åpner akkurat dette kartet. Kilde: NIVI Analyse 2021 · Kart: © Kartverket (CC BY 4.0).")
