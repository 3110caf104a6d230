"""The sidebar's own registers: upload one, save it, compare its versions, open a saved one, or go
back to the shipped register. After the map, so that the first map is drawn before the database layer
loads; the sidebar shows this section below "Finn" all the same."""

from __future__ import annotations

import streamlit as st

from geo._text import markdown_literal as plain
from geo.errors import DataError
from geo.io import load_names
from geo.uploads import MAX_UPLOAD_MB, read_register_upload
from ui import loaders
from ui.data import PageData
from ui.session import Session


def show(session: Session, page: PageData) -> None:
    from store import registers  # the database layer: loaded after the first map is drawn

    with st.sidebar:
        st.header("Eget register")
        credit = st.text_input(
            "Hvem har laget registeret? (til kildelinjen)",
            key="kreditering",
            placeholder="f.eks. Statsforvalteren i Vestland 2026",
        )
        _upload(session, page, credit)
        if session.register is not None and session.register_id is None:
            _save_form(session, credit)
        owner_key = session.take_owner_key()
        if owner_key:  # shown once: only its hash is stored
            st.warning("Lagret. Eiernøkkelen vises bare nå; ta vare på den for å legge til versjoner eller slette:")
            st.code(owner_key, language=None)
        try:
            _stored(session)
        except registers.StoreUnavailable as exc:  # the store is away: said once, the rest of the page works
            st.info(plain(exc))
        if session.register is not None and st.button("Gå tilbake til det medfølgende registeret"):
            session.switch_register(None, division=loaders.shipped().register.provenance.division)
            st.rerun()


def _stored(session: Session) -> None:
    """What the store holds for this session: the open register's versions, and the public list."""
    from store import registers

    if session.register_id:
        versions = registers.versions_of(loaders.store(), session.register_id[0])
        if len(versions) > 1:
            st.selectbox(
                "Sammenlign med versjon",
                [None, *versions],
                key="sammenlign",
                format_func=lambda v: "Ingen" if v is None else f"Versjon {v}",
                placeholder="Ingen",
                help="Vis kartlaget «Endringer mellom versjoner» for å se hva som er endret.",
            )
    _saved_list(session)


def _upload(session: Session, page: PageData, credit: str) -> None:
    upload = st.file_uploader(
        f"Last opp register (CSV eller XLSX, høyst {MAX_UPLOAD_MB} MiB)",
        type=["csv", "xlsx"],
        help="Samme kolonner som data/ordninger.csv. Brukes bare i denne økten og lagres ikke.",
    )
    if upload is not None and session.is_new_upload(upload.file_id):
        try:
            register = read_register_upload(
                upload.getvalue(),
                upload.name,
                names=load_names(),
                tjenester=page.base.register.tjenester,
                credit=credit,
            )
        except DataError as exc:
            session.set_upload_result("feil", [str(p) for p in exc.problems])
        else:
            session.switch_register(register, division=register.provenance.division)  # unsaved until saved
            told = f"{register.provenance.title}: {len(register.ordninger)} ordninger er lest inn og vises nå."
            session.set_upload_result("ok", " ".join([told, *register.notes]))
        st.rerun()
    result = session.upload_result
    if result and result[0] == "ok":
        st.success(plain(result[1]))
    elif result:
        st.error("Filen ble ikke tatt i bruk; feilene står over kartet.")


def _save_form(session: Session, credit: str) -> None:
    from store import registers

    with st.form("lagre"):
        st.caption(
            f"Lagre registeret, så åpner lenken det for alle som får den (høyst "
            f"{registers.MAX_SAVES_PER_SESSION} lagringer per økt)."
        )
        title = st.text_input("Tittel", value=session.register.provenance.title, max_chars=200)
        credit_line = st.text_input("Kreditering", value=credit, max_chars=200)
        public = st.checkbox("Vis det i lista over lagrede registre")
        if st.form_submit_button("Lagre registeret"):
            try:
                saved = registers.save_within(
                    loaders.store(),
                    session.register,
                    used=session.saves,
                    title=title,
                    credit=credit_line,
                    listed=public,
                )
            except registers.StoreError as exc:
                st.error(plain(exc))
            else:
                session.mark_saved(saved.id, saved.version, owner_key=saved.owner_key)
                st.rerun()


def _saved_list(session: Session) -> None:
    from store import registers

    saved = registers.listed(loaders.store())
    if not len(saved):
        return
    titles = dict(zip(saved["id"], saved["tittel"]))
    chosen = st.selectbox(
        "Åpne et lagret register",
        [None, *saved["id"]],
        key="apne_lagret",
        format_func=lambda i: "Velg …" if i is None else titles[i],
        placeholder="Velg …",
    )
    if chosen and (session.register_id or (None,))[0] != chosen:
        try:
            register = registers.open_register(loaders.store(), chosen, tjenester=loaders.shipped().register.tjenester)
        except registers.StoreError as exc:
            st.error(plain(exc))
            return
        session.switch_register(register, division=register.provenance.division, saved=(chosen, None))
        st.rerun()
