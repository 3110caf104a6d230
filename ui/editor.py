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
from ui import loaders, store_panel
from ui.data import PageData
from ui.session import EDITOR_SHOWN, Session


def show(session: Session, page: PageData) -> None:
    register = session.register
    if register is None:
        return
    st.subheader("Rediger registeret")
    editor_key = f"redigering-{session.upload_id}"
    if session.keep_editor_open(editor_key):  # edits not yet applied are never dropped by closing the table
        st.info("Tabellen har endringer som ikke er brukt eller lagret; den holdes åpen så de ikke går tapt.")
    if not st.toggle("Vis registeret som redigerbar tabell", key=EDITOR_SHOWN):
        st.caption("Registeret sendes til nettleseren først når tabellen vises.")
        return
    # edited in the register's own kommune division, whatever division the map is drawn on
    own_division = register.provenance.division
    own = page.data if page.division == own_division else with_register(loaders.shipped(own_division), register)
    with st.container():
        st.caption(
            "Endre, legg til eller fjern rader. Endringene kontrolleres med de samme meldingene som en "
            "opplasting; et register med feil tas ikke i bruk, og endringene dine blir stående her."
        )
        edited = st.data_editor(
            register_rows(own, own.register.rows["id"]),
            num_rows="dynamic",
            width="stretch",
            hide_index=True,
            key=editor_key,
        )
        if st.button("Kontroller og bruk endringene"):
            checked = _checked(edited, register, page)
            if checked is not None:
                session.replace_register(checked)
                st.rerun()
        if session.register_id:
            _saved(session, page, edited)


def _checked(edited, register, page: PageData):
    """The table as a register, checked like an upload; or ``None``, with every problem shown."""
    try:
        return read_register_frame(
            edited,
            register.provenance.title,
            names=load_names(),
            tjenester=page.base.register.tjenester,
            provenance=register.provenance,
        )
    except DataError as exc:
        st.error(f"Endringene ble ikke tatt i bruk – {len(exc.problems)} feil:")
        st.markdown("\n".join(f"- {plain(p)}" for p in exc.problems))
        return None


def _saved(session: Session, page: PageData, edited) -> None:
    """A new version of the open saved register — what the table holds, checked — or its deletion."""
    from store import registers

    st.markdown("**Lagret register**")
    key = st.text_input("Eiernøkkel", type="password", key="eiernokkel_inn")
    add, remove = st.columns(2)
    add.caption("Lagrer det som står i tabellen (kontrollert som over) som en ny versjon.")
    if add.button("Lagre som ny versjon"):
        checked = _checked(edited, session.register, page)
        if checked is not None:
            opened = session.register.provenance.stored_version  # the version the edits start from
            try:
                saved = registers.add_version(
                    loaders.store(),
                    session.register_id[0],
                    checked,
                    owner_key=key,
                    based_on=opened,
                    client=store_panel.client(),
                )
            except registers.StoreError as exc:
                st.error(plain(exc))
            else:
                loaders.store_changed()
                session.mark_saved(saved.id, None)
                session.replace_register(
                    replace(checked, provenance=replace(checked.provenance, stored_version=saved.version))
                )
                session.add_notes([f"Lagret som versjon {saved.version}; lenken viser nå den."])
                st.rerun()
    remove.caption("Sletting fjerner registeret og alle versjonene for godt; lenkene slutter å virke.")
    sure = remove.checkbox(
        plain(f"Ja, slett «{session.register.provenance.title}» med alle versjoner"), key="bekreft_sletting"
    )
    if remove.button("Slett registeret for godt", disabled=not sure):
        try:
            deleted = registers.delete(loaders.store(), session.register_id[0], owner_key=key)
        except registers.StoreError as exc:
            st.error(plain(exc))
        else:
            loaders.store_changed()
            session.switch_register(None, division=loaders.shipped().register.provenance.division)
            session.add_notes([deleted.message()])
            st.rerun()
