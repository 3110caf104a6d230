"""The top of the page: the title, whose data it is, notes to show once, and an upload's problems."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo._text import markdown_literal as plain
from geo.spreadsheet import frame_to_csv
from ui.data import PageData
from ui.session import Session


def show(session: Session, page: PageData) -> None:
    provenance = page.data.register.provenance
    st.title("Samarbeidskart")
    st.caption(f"Interkommunalt samarbeid · {plain(provenance.title)} · {plain(provenance.source_line())}")
    for note in session.take_notes():
        st.info(plain(note))
    result = session.upload_result
    if result and result[0] == "feil":  # the whole list, wide enough to read, and to take along
        problems = result[1]
        st.error(f"Filen ble ikke tatt i bruk – {len(problems)} feil. Rett dem i filen og last den opp igjen:")
        # every message whole and wrapped, in the page's own flow: no inner scrolling box, which a
        # keyboard could not reach on a narrow screen (the list is bounded where it is made)
        st.markdown("\n".join(f"- {plain(p)}" for p in problems))
        st.download_button(
            "Last ned feillisten (CSV)",
            data=frame_to_csv(pd.DataFrame({"Feil": problems})),
            file_name="feil-i-registeret.csv",
            mime="text/csv",
            on_click="ignore",
        )
