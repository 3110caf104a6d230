"""The sidebar's own registers: upload one, save it, compare its versions, open a saved one, or go
back to the shipped register. After the map, so that the first map is drawn before the database layer
loads; the sidebar shows this section below "Finn" all the same."""

from __future__ import annotations

import os

import streamlit as st

from geo._text import markdown_literal as plain
from geo.errors import DataError
from geo.io import load_names
from geo.limits import MAX_TEXT, MAX_UPLOAD_MB
from geo.uploads import read_register_upload
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
        _owner_key(session)
        try:
            _stored(session)
        except registers.StoreUnavailable as exc:  # the store is away: said once, the rest of the page works
            st.info(plain(exc))
        if session.register is not None and st.button("Gå tilbake til det medfølgende registeret"):
            session.switch_register(None, division=loaders.shipped().register.provenance.division)
            st.rerun()


def _stored(session: Session) -> None:
    """What the store holds for this session: the open register's versions, and the public list."""

    if session.register_id:
        opened = session.register.provenance.stored_version if session.register is not None else None
        versions = loaders.versions(session.register_id[0], opened)
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
            "Lagre registeret, så åpner lenken det for alle som får den. Tittel og kreditering: høyst "
            f"{MAX_TEXT} tegn; høyst {registers.MAX_CLIENT_VERSIONS_PER_HOUR} lagringer i timen."
        )
        title = st.text_input("Tittel", value=session.register.provenance.title[:MAX_TEXT], max_chars=MAX_TEXT)
        credit_line = st.text_input("Kreditering", value=credit[:MAX_TEXT], max_chars=MAX_TEXT)
        public = st.checkbox("Vis det i lista over lagrede registre")
        if st.form_submit_button("Lagre registeret"):
            try:
                saved = registers.save(
                    loaders.store(), session.register, title=title, credit=credit_line, listed=public, client=client()
                )
            except registers.StoreError as exc:
                st.error(plain(exc))
            else:
                session.mark_saved(saved.id, saved.version, owner_key=saved.owner_key, title=title)
                loaders.store_changed()
                st.rerun()


def _owner_key(session: Session) -> None:
    """The owner key of the register just saved, whole, to copy or download, until the user has kept it
    (only its hash is stored: it cannot be shown again)."""
    if session.owner_key is None:
        return
    register_id, title, key = session.owner_key
    st.warning(
        plain(
            f"«{title}» er lagret. Eiernøkkelen trengs for å lagre nye versjoner og for å slette registeret, "
            "og den vises bare til du bekrefter at du har tatt vare på den:"
        )
    )
    st.code(key, language=None, wrap_lines=True)  # whole, wrapped in the narrow sidebar; a copy button
    st.download_button(
        "Last ned eiernøkkelen som fil",
        data=f"{key}\n",
        file_name=f"eiernokkel-{register_id}.txt",
        mime="text/plain",
        help="Filen kan også brukes på kommandolinjen: python -m store ny-versjon ID FIL --eiernokkel-fil FIL",
    )
    if st.button("Jeg har tatt vare på eiernøkkelen", type="primary"):
        session.forget_owner_key()
        st.rerun()


def client() -> str | None:
    """Whom this session's saves count against: a pseudonym of the client's address (behind the load
    balancer, ``SAMARBEIDSKART_BAK_PROXY=1``: the address the proxy saw, the last ``X-Forwarded-For``)."""
    from store import registers

    address = st.context.ip_address
    if os.environ.get("SAMARBEIDSKART_BAK_PROXY"):
        forwarded = str(st.context.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
        address = forwarded or address
    return registers.client_of(address)


def _saved_list(session: Session) -> None:
    from store import registers

    search = st.text_input(
        "Søk i lagrede registre",
        key="sok_lagret",
        max_chars=MAX_TEXT,
        placeholder="Del av tittelen",
        help=f"Lista viser {registers.LIST_PAGE} registre om gangen, etter tittel.",
    )
    listing = loaders.public_list(search)
    if not listing.total:
        if search:
            st.caption(plain(f"Ingen lagrede registre har «{search}» i tittelen."))
        return
    saved = listing.rows
    titles = dict(zip(saved["id"], saved["tittel"]))
    chosen = st.selectbox(
        "Åpne et lagret register",
        [None, *saved["id"]],
        key="apne_lagret",
        format_func=lambda i: "Velg …" if i is None else titles.get(i, i),
        placeholder="Velg …",
    )
    if listing.total > len(saved):
        st.caption(f"Viser {len(saved)} av {listing.total}; søk på tittelen for å finne de andre.")
    if chosen and (session.register_id or (None,))[0] != chosen:
        try:
            register = registers.open_register(loaders.store(), chosen, tjenester=loaders.shipped().register.tjenester)
        except registers.StoreError as exc:
            st.error(plain(exc))
            return
        session.switch_register(register, division=register.provenance.division, saved=(chosen, None))
        st.rerun()
