"""Run in its own process by the benchmark: load, validate and draw a nationwide register.

Prints one JSON line: national_load_s, national_layers_s (and per map as a ratio to the shipped
register's same maps), national_crossing_s (the county-crossing layer, beside the shipped register's),
national_peak_mb, and what was built.
"""

from __future__ import annotations

import json
import resource
import time

from bench.synthetic import make_register
from geo.io import load_dataset, with_register
from geo.register import read_ordninger
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.folium_map import to_html
from layers.registry import build_layer


def _every_arrangement(data, kommuner) -> tuple[float, int]:
    """One coverage map of every arrangement of every service. The app refuses such a map (more than
    ``MAX_MAP_ARRANGEMENTS``, with a message); the cap is lifted here to time the work itself."""
    from layers import _common

    codes = tuple(sorted({c for codes in data.register.ordninger["tjenester"] for c in codes}))
    kommuner = kommuner.copy()  # a frame of its own: no area dissolved for the maps before is reused
    cap = _common.MAX_MAP_ARRANGEMENTS, _common.MAX_MAP_MEMBERSHIPS
    _common.MAX_MAP_ARRANGEMENTS = _common.MAX_MAP_MEMBERSHIPS = 10**9
    try:
        t0 = time.perf_counter()
        spec = build_layer(data, kommuner, "dekning", Filters(tjenester=codes, omrade="Hele Norge"))
        return time.perf_counter() - t0, len(spec.ordninger)
    finally:
        _common.MAX_MAP_ARRANGEMENTS, _common.MAX_MAP_MEMBERSHIPS = cap


def _crossing(data, kommuner) -> float:
    """The county-crossing layer for all Norway on a frame of its own (nothing cached by maps before)."""
    kommuner = kommuner.copy()
    t0 = time.perf_counter()
    build_layer(data, kommuner, "fylkesgrense", Filters(omrade="Hele Norge"))
    return time.perf_counter() - t0


def first_send_bytes(spec) -> int:
    """Bytes of what the live map first sends for ``spec``: its payload and every geometry it needs."""
    from layers import web_map

    view, geoms = web_map.payload(spec)
    return len(web_map.compact_json({"view": view, "geoms": geoms}).encode("utf-8"))


def _default_view_bytes(data) -> int:
    """What the live map first sends for the app's default view after the nationwide upload."""
    from layers.data import detail_for
    from layers.state import ViewState

    state = ViewState()
    kommuner = prepare_kommuner(data, detail_for(medium="skjerm", omrade=state.omrade, data=data))
    return first_send_bytes(build_layer(data, kommuner, state.lag, state.filters()))


def main() -> None:
    base = load_dataset()
    kommuner = prepare_kommuner(base, "norge")  # what the app draws all Norway with
    csv_bytes = make_register(base)
    t0 = time.perf_counter()
    register = read_ordninger(csv_bytes, names=base.names, tjenester=base.register.tjenester, file="nasjonalt.csv")
    load_s = time.perf_counter() - t0
    data = with_register(base, register)
    used = sorted({c for codes in register.ordninger["tjenester"] for c in codes})
    t0 = time.perf_counter()
    specs = [build_layer(data, kommuner, "dekning", Filters(tjenester=(c,), omrade="Hele Norge")) for c in used]
    specs.append(build_layer(data, kommuner, "antall", Filters(omrade="Hele Norge")))
    layers_s = time.perf_counter() - t0
    common = register.medlemskap.merge(register.ordninger[["id", "tjenester"]], left_on="ordning_id", right_on="id")
    top_two = tuple(common.explode("tjenester")["tjenester"].value_counts().index[:2])
    analyses = [("partnere", Filters(tjenester=top_two, omrade="Hele Norge"))]
    analyses += [
        (layer, Filters(omrade="Hele Norge")) for layer in ("konsolidering", "additiv", "nettverk", "vertskap")
    ]
    t0 = time.perf_counter()
    for layer, filters in analyses:
        build_layer(data, kommuner, layer, filters)
    analysis_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    html_bytes = len(to_html(specs[0]))
    html_s = time.perf_counter() - t0
    crossing_s = _crossing(data, kommuner)
    shipped_crossing_s = _crossing(base, prepare_kommuner(base, "norge"))
    t0 = time.perf_counter()  # the same coverage and count maps of the shipped register, for the ratio
    shipped_codes = sorted({c for codes in base.register.ordninger["tjenester"] for c in codes})
    shipped_kommuner = prepare_kommuner(base, "norge").copy()
    for c in shipped_codes:
        build_layer(base, shipped_kommuner, "dekning", Filters(tjenester=(c,), omrade="Hele Norge"))
    build_layer(base, shipped_kommuner, "antall", Filters(omrade="Hele Norge"))
    shipped_layers_s = time.perf_counter() - t0
    all_s, all_n = _every_arrangement(data, kommuner)
    default_bytes = _default_view_bytes(data)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "national_load_s": load_s,
                "national_layers_s": layers_s,
                "national_layers_per_map_ratio": (layers_s / len(specs))
                / (shipped_layers_s / (len(shipped_codes) + 1)),
                "national_crossing_s": crossing_s,
                "shipped_crossing_s": shipped_crossing_s,
                "analysis_layers_s": analysis_s,
                "national_peak_mb": peak_mb,
                "arrangements": len(register.ordninger),
                "memberships": len(register.medlemskap),
                "layers": len(specs),
                "one_national_map_html_bytes": html_bytes,
                "one_national_map_html_s": html_s,
                "national_all_coverage_s": all_s,
                "national_all_coverage_arrangements": all_n,
                "national_default_view_bytes": default_bytes,
            }
        )
    )


if __name__ == "__main__":
    main()
