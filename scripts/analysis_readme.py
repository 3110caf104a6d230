"""Make the README's analysis figures with the command line, and write what they show.

The five PNG files in ``docs/`` are drawn by ``python -m layers.export``; the paragraph between
``<!-- analyse:start -->`` and ``<!-- analyse:end -->`` in README.md is written from the register
by :func:`summary` (a test checks that the README still says what the data says).

Usage::

    python scripts/analysis_readme.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import analysis  # noqa: E402
from geo import areas as geo_areas  # noqa: E402
from geo.io import Dataset, load_dataset  # noqa: E402
from layers import export  # noqa: E402
from layers._format import decimal  # noqa: E402
from layers.filters import INDEX_SERVICES  # noqa: E402

FIGURES = {
    "partnere": ["--tjenester", "legevakt,barnevernvakt"],
    "konsolidering": ["--tjenester", ",".join(INDEX_SERVICES)],
    "additiv": ["--tjenester", ",".join(INDEX_SERVICES)],
    "nettverk": [],
    "vertskap": [],
}
START, END = "<!-- analyse:start -->", "<!-- analyse:end -->"


def _list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def summary(data: Dataset) -> str:
    """What the five figures show for the register's study area, in Norwegian, from the data."""
    o, name = data.register.ordninger, data.names.display
    study = sorted(data.studieomrade["kommunenummer"])
    overlap = analysis.partner_overlap(o, "legevakt", "barnevernvakt", study)
    klass = overlap["klasse"].value_counts()
    same = [name[k] for k in overlap.loc[overlap["klasse"] == "samme", "kommunenummer"]]
    everywhere = analysis.consolidation(o, INDEX_SERVICES, study)
    index = everywhere.dropna(subset=["indeks"])
    full = [name[k] for k in everywhere.loc[everywhere["tjenester"] == len(INDEX_SERVICES), "kommunenummer"]]
    chosen = geo_areas.touching_view(o, study)
    weights = analysis.partner_weights(chosen)
    weights = weights[weights["a"].isin(study) & weights["b"].isin(study)]
    pair = weights.iloc[0]
    known = int((chosen["vertskommune"] != "").sum())
    same_text = f" ({_list(sorted(same))})" if same else ""
    lines = [
        f"*Samme eller ulike partnere:* av {len(study)} kommuner har {klass.get('samme', 0)} samme partnere for "
        f"legevakt og barnevernvakt{same_text}, {klass.get('overlapp', 0)} delvis de samme og "
        f"{klass.get('ulike', 0)} helt ulike.",
        f" *Konsolideringsindeksen* over fem lovpålagte tjenester der kommunen velger partnere (legevakt, "
        f"legevaktsentral, barnevernvakt, barnevern og PPT) kan regnes for {len(index)} av {len(study)} kommuner "
        f"(de som samarbeider om minst {analysis.MIN_INDEX_SERVICES} av dem); snittet er "
        f"{decimal(index['indeks'].mean())}.",
        f" *Additiv indeks:* {len(full)} kommuner samarbeider om alle fem.",
        f" *Partnernettverket* har sin sterkeste forbindelse mellom {name[pair['a']]} og {name[pair['b']]} "
        f"({pair['vekt']} felles ordninger).",
        f" *Vertskap:* bare {known} av {len(chosen)} ordninger i området har oppgitt vertskommune i registeret, så "
        "kartet viser de kjente vertskapene og rangerer ikke kommunene etter dem.",
    ]
    return "".join(lines)


def main() -> int:
    for layer, args in FIGURES.items():
        export.main(["--lag", layer, *args, "--out", str(ROOT / "docs" / f"analyse-{layer}.png"), "--dpi", "110"])
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = f"{START}\n{summary(load_dataset())}\n{END}"
    readme.write_text(re.sub(f"{START}.*?{END}", lambda _: block, text, flags=re.S), encoding="utf-8")
    print("Oppdaterte docs/analyse-*.png og avsnittet i README.md.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
