"""`python -m bench`: measure what users feel, against the targets in the issues.

Every figure is the median of several repetitions; what needs a fresh process (the first map
in a browser, the atlas, the nationwide register's peak memory) runs in its own. Writes
``bench/results.json`` (numbers only) and prints a table.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geo import settings

RESULTS = Path(__file__).with_name("results.json")
TARGETS = {  # key: (limit, unit) — lower is better
    "payload_bytes": (400_000, "B"),
    "payload_ratio": (0.25, ""),
    "filter_change_ms": (500, "ms"),
    "first_map_warm_s": (3, "s"),
    "first_map_floor_ratio": (1.2, ""),
    "ui_new_view_ratio": (0.6, ""),
    "ui_filter_change_ratio": (0.5, ""),
    "cpu_per_new_view_s": (0.05, "s"),
    "first_map_new_visitor_floor_ratio": (1.15, ""),
    "ui_click_ratio": (0.5, ""),
    "ui_bytes_per_change": (10_000, "B"),
    "ui_first_count_map_ratio": (1.3, ""),
    "static_figure_s": (1.5, "s"),
    "atlas_s": (20, "s"),
    "national_load_s": (2, "s"),
    "national_layers_s": (2, "s"),
    "national_crossing_s": (0.5, "s"),
    "national_all_coverage_s": (2, "s"),
    "national_default_view_bytes": (400_000, "B"),
    "analysis_layers_s": (3, "s"),
    "national_peak_mb": (1000, "MB"),
    "db_save_sqlite_s": (1, "s"),
    "db_open_sqlite_s": (1, "s"),
    "db_save_postgres_s": (1, "s"),
    "db_open_postgres_s": (1, "s"),
    "store_page_delta_s": (0.1, "s"),
    "load_p95_s": (1.0, "s"),
    "load_errors": (0, ""),
}


def median_time(fn, reps: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure_in_process(results: dict) -> None:
    from bench.national import first_send_bytes
    from geo.io import load_dataset
    from layers.data import prepare_kommuner
    from layers.registry import build_layer
    from layers.state import ViewState
    from layers.static_map import static_bytes
    from ui.views import build_view

    data = load_dataset()
    print_kommuner, screen_kommuner = prepare_kommuner(data, "trykk"), prepare_kommuner(data, "region")
    default = ViewState()
    # The default view as the live map first sends it: the payload and every geometry it needs.
    spec = build_layer(data, screen_kommuner, default.lag, default.filters())
    results["payload_bytes"] = first_send_bytes(spec)
    # explore() of the same polygons and colours, at the detail explore() would be given (the file's).
    full = build_layer(data, print_kommuner, default.lag, default.filters()).areas.to_crs(settings.CRS_WGS84)
    explore = full.explore(color=full["fill"].tolist(), tooltip=["navn"], tiles=None)
    results["payload_explore_bytes"] = len(explore.get_root().render().encode("utf-8"))
    results["payload_ratio"] = results["payload_bytes"] / results["payload_explore_bytes"]

    states = [ViewState(tjenester=(c,)) for c in ("lvs", "barnevernvakt", "ppt", "iua", "legevakt")]
    states += [
        ViewState(lag="antall"),
        ViewState(lag="fylkesgrense", fylkesinndeling="2024"),
        ViewState(omrade="Hallingdal"),
    ]
    i = iter(range(10**9))

    def change_filter():
        build_view(data, screen_kommuner, states[next(i) % len(states)])  # the spec and the live map's payload

    results["filter_change_ms"] = 1000 * median_time(change_filter, reps=3 * len(states), warmup=len(states))
    results["static_figure_s"] = median_time(lambda: static_bytes(spec_print(data, print_kommuner), "png"), reps=5)


def spec_print(data, kommuner):
    from layers.registry import build_layer
    from layers.state import ViewState

    s = ViewState()
    return build_layer(data, kommuner, s.lag, s.filters())


def measure_atlas(results: dict, reps: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:

        def run():
            subprocess.run(
                [sys.executable, "-m", "layers.export", "--atlas", str(Path(tmp) / "atlas.pdf")],
                cwd=settings.ROOT,
                check=True,
                capture_output=True,
            )

        results["atlas_s"] = median_time(run, reps=reps, warmup=0)


def _run_json(module: str) -> dict:
    """Run ``python -m module`` in a fresh process (its own memory peak) and read its last line as JSON."""
    out = subprocess.run(
        [sys.executable, "-m", module],
        cwd=settings.ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(settings.ROOT)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_national(results: dict, reps: int = 3) -> None:
    runs = []
    for _ in range(reps):
        runs.append(_run_json("bench.national"))
    for key in (
        "national_load_s",
        "national_layers_s",
        "national_layers_per_map_ratio",
        "national_crossing_s",
        "shipped_crossing_s",
        "analysis_layers_s",
        "national_all_coverage_s",
    ):
        results[key] = statistics.median(r[key] for r in runs)
    results["national_peak_mb"] = max(r["national_peak_mb"] for r in runs)
    results["national_arrangements"] = runs[0]["arrangements"]
    results["national_memberships"] = runs[0]["memberships"]
    results["national_default_view_bytes"] = runs[0]["national_default_view_bytes"]


def measure_browser(results: dict) -> None:
    """What the user feels in Chromium, beside the naive app and the one-polygon floor (own process)."""
    from tests.app.browser import chromium_available

    if not chromium_available():
        raise SystemExit("Chromium mangler: kjør scripts/setup.sh som root (pakken 'chromium').")
    results.update(_run_json("bench.ui"))


def measure_store(results: dict) -> None:
    """Save and open the nationwide register in the store, on SQLite and PostgreSQL (own process)."""
    results.update(_run_json("bench.db"))
    results.update(_run_json("bench.store_page"))  # the page with 2,000 public registers against none


def measure_load(results: dict) -> None:
    """40 simulated users through HAProxy and two app processes (``python -m deploy``), own process."""
    from deploy.__main__ import haproxy

    if haproxy() is None:
        raise SystemExit("HAProxy mangler: kjør scripts/setup.sh som root (pakken 'haproxy').")
    results.update(_run_json("bench.load"))


def main() -> int:
    results: dict[str, float] = {}
    measure_in_process(results)
    measure_atlas(results)
    measure_browser(results)
    measure_national(results)
    measure_store(results)
    measure_load(results)
    RESULTS.write_text(
        json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}, indent=2) + "\n"
    )
    machine = f"{platform.machine()}, {os.cpu_count()} kjerner, Python {platform.python_version()}, {platform.system()}"
    print(f"Samarbeidskart – målinger ({machine})\n")
    print(f"{'mål':<24}{'verdi':>14}{'krav':>14}  ")
    for key, value in results.items():
        limit, unit = TARGETS.get(key, (None, ""))
        if value is None:  # not measured (nothing finished): shown as such, and over any target
            shown, verdict = "–", "" if limit is None else "OVER"
        else:
            shown = f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
            verdict = "" if limit is None else ("ok" if value <= limit else "OVER")
        target = "" if limit is None else f"≤ {limit:,} {unit}".strip()
        print(f"{key:<24}{shown + (' ' + unit if unit else ''):>14}{target:>14}  {verdict}")
    print(f"\nSkrev {RESULTS.relative_to(settings.ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
