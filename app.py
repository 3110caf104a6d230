"""Samarbeidskart — Streamlit page: widgets → one call into the package → render."""

from __future__ import annotations

import streamlit as st

from geo.io import load_dataset
from geo.query import arrangements_for_kommune

st.set_page_config(page_title="Samarbeidskart", layout="wide")


@st.cache_resource(show_spinner="Laster kommunegrenser og register …")
def dataset():
    return load_dataset()


data = dataset()
st.title("Samarbeidskart")
st.caption("Interkommunalt samarbeid i tidligere Buskerud med randkommuner · Kilde: NIVI Analyse 2021 · Kart: © Kartverket")

study = data.studieomrade.sort_values(["kommuneregion", "navn"])
choice = st.selectbox("Kommune", study["kommunenummer"], format_func=lambda k: data.names.names[k])
table = arrangements_for_kommune(data, choice)
st.subheader(f"Ordninger for {data.names.names[choice]} ({len(table)})")
st.dataframe(table, hide_index=True, use_container_width=True)
