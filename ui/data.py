"""Which data the page shows: the shipped register or the session's own, on which kommune division,
with which earlier version to compare with; opened from a link on a first visit."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from geo.io import Dataset, with_register
from layers.state import division_from_query
from store import links
from ui import loaders
from ui.session import Session


@dataclass(frozen=True)
class PageData:
    """What this run draws from."""

    data: Dataset  # the register drawn on the chosen division (its previous version, if any)
    base: Dataset  # the shipped data on that division (its polygons, names and services)
    division: str  # the kommune division drawn
    own: str  # the register's own division
    sources: tuple  # what identifies the data for the view memo: (base, the session's register, previous)


def _open_link(session: Session) -> None:
    """A link to a saved register opens it, on any app server (first visit only)."""
    link, ignored = links.read_link(st.query_params.to_dict())
    session.add_notes(ignored)  # what of the link could not be followed, and why
    if not link:
        return
    from store import registers  # the database layer: loaded only where a register is stored

    try:
        register = registers.open_register(
            loaders.store(), link[0], tjenester=loaders.shipped().register.tjenester, version=link[1]
        )
    except registers.StoreError as exc:
        session.add_notes([str(exc)])
        return
    session.switch_register(register, division=register.provenance.division, saved=link)
    comparison, ignored = links.read_comparison(st.query_params.to_dict(), link)
    session.add_notes(ignored)
    if comparison:  # checked when it is opened (_previous): a version that is not there is said
        session.compare_with(comparison)


def load(session: Session) -> PageData:
    """The data of this run, and the session's choices of register and division applied."""
    if session.first_run and session.register_id is None:
        _open_link(session)
    session.take_pending_division()
    own = (session.register or loaders.shipped().register).provenance.division
    if session.first_run:
        division = division_from_query(st.query_params.to_dict(), own)
    else:
        division = session.division or own
    base = loaders.shipped(division)
    previous = _previous(session, base)
    if session.register is not None:
        data = with_register(base, session.register, division=division, previous=previous)
    else:
        data = base
    return PageData(data, base, division, own, (base, session.register, previous))


def _previous(session: Session, base: Dataset):
    """An earlier version of the open saved register, to compare with (the layer «Endringer»)."""
    chosen = session.comparison
    if not chosen or not session.register_id:
        return None
    from store import registers

    own = session.register.provenance.stored_version if session.register is not None else None
    if chosen == own:
        session.add_notes([f"Versjon {chosen} er den som vises; velg en annen versjon å sammenligne med."])
        session.forget_comparison()
        return None
    try:
        return registers.open_register(
            loaders.store(), session.register_id[0], tjenester=base.register.tjenester, version=chosen
        )
    except registers.StoreError as exc:
        session.add_notes([f"Sammenligningen med versjon {chosen} vises ikke: {exc}"])
        session.forget_comparison()
        return None
