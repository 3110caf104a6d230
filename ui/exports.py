"""The export row under the map, shown when asked for: every format of :data:`layers.formats.EXPORTS`,
made when clicked, of exactly the map the page shows."""

from __future__ import annotations

import streamlit as st

from geo._text import markdown_literal as plain
from layers.data import detail_for
from layers.formats import EXPORTS, Options
from layers.registry import build_layer
from layers.state import ViewState, export_stem
from ui import loaders
from ui.data import PageData
from ui.page import PAGE_LABELS
from ui.session import EXPORTS_SHOWN
from ui.views import View


def show(page: PageData, state: ViewState, view: View) -> None:
    if view.spec is None:
        return
    st.subheader("Eksporter dette kartet")
    st.caption(f"Lenken i adressefeltet åpner akkurat dette kartet. {plain(view.spec.source)} (CC BY 4.0).")
    # shown when asked for (and then for the visit: ui.session.keep_switches), like the map's table: a
    # view change does not send and draw fifteen controls a visitor who is not exporting has not asked for
    if not st.toggle(f"Vis eksportvalgene ({_kinds()})", key=EXPORTS_SHOWN):
        return
    stem = export_stem(state)
    # one flex row each rather than columns: fewer layout blocks sent with every rerun
    choices = st.container(horizontal=True, vertical_alignment="bottom")
    size = choices.selectbox("Side (PNG, SVG, PDF)", list(PAGE_LABELS), format_func=PAGE_LABELS.get, key="side")
    with_title = not choices.checkbox("Uten tittel (rapporten har egen figurtekst)", key="uten_tittel")

    def export_file(key: str) -> bytes:
        fmt = EXPORTS[key]
        detail = detail_for(medium=fmt.medium, omrade=state.omrade, data=page.data, era=state.fylkesinndeling)
        spec = build_layer(page.data, loaders.kommuner_for(page.division, detail), state.lag, state.filters())
        return fmt.render(spec, page.data, Options(basemap=state.bakgrunnskart, page=size, title=with_title))

    buttons = st.container(horizontal=True)
    for fmt in EXPORTS.values():
        buttons.download_button(
            fmt.label,
            data=lambda key=fmt.key: export_file(key),
            file_name=f"{stem}{fmt.suffix}",
            mime=fmt.mime,
            on_click="ignore",
        )
    # the map in words, as PNG, SVG and PDF carry it in their metadata: for a report's alternative text
    summary = view.payload[0]["summary"]  # made once, with the map's payload
    st.text_area("Kartet i ord (til alternativ tekst i en rapport)", value=summary)


def _kinds() -> str:
    """The file kinds the export row offers, from :data:`layers.formats.EXPORTS`, in its order."""
    kinds = dict.fromkeys(_KIND.get(fmt.suffix, fmt.suffix[1:].upper()) for fmt in EXPORTS.values())
    return ", ".join(kinds)


_KIND = {".geojson": "GeoJSON"}  # as the format calls itself
