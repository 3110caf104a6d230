"""The register editor: the session's own register as a table, checked like an upload when applied;
with the owner key, a new version of a saved register, or its deletion."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo._text import markdown_literal as plain
from geo.errors import DataError
from geo.io import load_names, with_register
from geo.spreadsheet import register_rows
from geo.uploads import read_register_frame
from ui import loaders
from ui.data import PageData
from ui.session import Session


def show(session: Session, page: PageData) -> None:
    register = session.register
    if register is None:
        return
    from store import registers

    # edited in the register's own kommune division, whatever division the map is drawn on
    own_division = register.provenance.division
    own = page.data if page.division == own_division else with_register(loaders.shipped(own_division), register)
    with st.expander("Rediger registeret"):
        st.caption(
            "Endre, legg til eller fjern rader. Endringene kontrolleres med de samme meldingene som en "
            "opplasting; et register med feil tas ikke i bruk, og endringene dine blir stående her."
        )
        edited = st.data_editor(
            register_rows(own, own.register.rows["id"]),
            num_rows="dynamic",
            width="stretch",
            hide_index=True,
            key=f"redigering-{session.upload_id}",
        )
        if st.button("Kontroller og bruk endringene"):
            try:
                session.replace_register(
                    read_register_frame(
                        edited,
                        register.provenance.title,
                        names=load_names(),
                        tjenester=page.base.register.tjenester,
                        provenance=register.provenance,
                    )
                )
                st.rerun()
            except DataError as exc:
                st.error(f"Endringene ble ikke tatt i bruk – {len(exc.problems)} feil:")
                st.markdown("\n".join(f"- {plain(p)}" for p in exc.problems))
        if session.register_id:
            st.markdown("**Lagret register**")
            key = st.text_input("Eiernøkkel", type="password", key="eiernokkel_inn")
            add, remove = st.columns(2)
            if add.button("Lagre som ny versjon"):
                try:
                    opened = session.register.provenance.stored_version  # the version the edits start from
                    saved = registers.add_version(
                        loaders.store(), session.register_id[0], session.register, owner_key=key, based_on=opened
                    )
                    session.mark_saved(saved.id, None)
                    provenance = replace(session.register.provenance, stored_version=saved.version)
                    session.replace_register(replace(session.register, provenance=provenance))
                    session.add_notes([f"Lagret som versjon {saved.version}."])
                    st.rerun()
                except registers.StoreError as exc:
                    st.error(plain(exc))
            remove.caption("Sletting fjerner registeret og alle versjonene for godt; lenkene slutter å virke.")
            if remove.button("Slett registeret for godt"):
                try:
                    registers.delete(loaders.store(), session.register_id[0], owner_key=key)
                    session.switch_register(None, division=loaders.shipped().register.provenance.division)
                    st.rerun()
                except registers.StoreError as exc:
                    st.error(plain(exc))
