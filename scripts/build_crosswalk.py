"""Build the crosswalk between the 2020 and 2024 kommune divisions, and the county table of the
2024 division.

``data/kommuner_2020_2024.csv``: one row per (2020 kommune, 2024 kommune) pair that is the same
land: each 2024 kommune is paired with the 2020 kommune that covers most of its area (polygon
overlap in EPSG:25833 of the two cleaned coverages); a 2020 kommune split in 2024 (Ålesund →
Ålesund and Haram) has one row per successor. Columns: both numbers and names, ``andel_2020``
(share of the 2020 kommune's area in the 2024 kommune), ``andel_2024`` (share of the 2024
kommune's area in the 2020 kommune), and ``merknad`` (new number, new name, split).

``data/fylker_2024.csv``: the county of every 2024 kommune in the three county eras, taken from
its 2020 predecessor in ``fylker.csv``; the build stops if a 2024 county disagrees with the first
two digits of the 2024 kommunenummer.

Usage::

    python scripts/build_crosswalk.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import settings  # noqa: E402

CROSSWALK = settings.DATA_DIR / "kommuner_2020_2024.csv"
FYLKER_2024 = settings.DATA_DIR / "fylker_2024.csv"
COLUMNS = ["kommunenummer_2020", "navn_2020", "kommunenummer_2024", "navn_2024", "andel_2020", "andel_2024", "merknad"]
#: A 2024 kommune must lie this much in its 2020 predecessor (the rest is generalisation noise).
MIN_SHARE = 0.5


def _read(path: Path) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path, engine="pyogrio").to_crs(settings.CRS_METRIC)
    return gdf[["kommunenummer", "navn", "geometry"]].sort_values("kommunenummer", ignore_index=True)


def pairs(k20: gpd.GeoDataFrame, k24: gpd.GeoDataFrame) -> list[dict]:
    """Each 2024 kommune with the 2020 kommune that covers most of it."""
    tree = shapely.STRtree(k20.geometry.values)
    i24, i20 = tree.query(k24.geometry.values, predicate="intersects")
    overlap = shapely.area(shapely.intersection(k24.geometry.values[i24], k20.geometry.values[i20]))
    area20, area24 = shapely.area(k20.geometry.values), shapely.area(k24.geometry.values)
    rows = []
    for j in range(len(k24)):
        mine = np.flatnonzero(i24 == j)
        best = mine[np.argmax(overlap[mine])]
        i = i20[best]
        rows.append(
            {"i20": i, "i24": j, "andel_2020": overlap[best] / area20[i], "andel_2024": overlap[best] / area24[j]}
        )
    return rows


#: Kommuner re-established in 2024 under the name they had before 2020 (not new names).
REESTABLISHED = {"1580": "Haram (slått sammen med Ålesund 1.1.2020) er gjenopprettet som egen kommune fra 1.1.2024"}
#: Changes of border between the two divisions that are not generalisation: 2020 kommunenummer → note.
BORDER_CHANGES = {
    "1535": "grenseendring 1.1.2021: Vågstranda ble flyttet fra Rauma til Vestnes",
    "1539": "grenseendring 1.1.2021: Vågstranda ble flyttet fra Rauma til Vestnes",
}


def _note(n20: str, k20: str, n24: str, k24: str, split: list[str]) -> str:
    notes = []
    if len(split) > 1:
        notes.append(f"{n20} ({k20}) ble delt i 2024: {' og '.join(split)}")
    if k20 != k24:
        notes.append("nytt kommunenummer")
    base24 = [p.strip() for p in n24.split(" - ")]
    if k24 in REESTABLISHED:
        notes.append(REESTABLISHED[k24])
    elif n20 != n24 and n20 in base24:
        notes.append("offisielt navn med samisk/kvensk form")
    elif n20 != n24:
        notes.append("nytt navn")
    if k20 in BORDER_CHANGES:
        notes.append(BORDER_CHANGES[k20])
    return "; ".join(notes)


def crosswalk(k20: gpd.GeoDataFrame, k24: gpd.GeoDataFrame) -> list[dict]:
    found = pairs(k20, k24)
    successors: dict[int, list[int]] = {}
    for r in found:
        successors.setdefault(r["i20"], []).append(r["i24"])
    out = []
    for r in sorted(found, key=lambda r: (k20["kommunenummer"][r["i20"]], k24["kommunenummer"][r["i24"]])):
        a, b = k20.iloc[r["i20"]], k24.iloc[r["i24"]]
        split = [f"{k24['navn'][j]} ({k24['kommunenummer'][j]})" for j in successors[r["i20"]]]
        out.append(
            {
                "kommunenummer_2020": a["kommunenummer"],
                "navn_2020": a["navn"],
                "kommunenummer_2024": b["kommunenummer"],
                "navn_2024": b["navn"],
                "andel_2020": f"{r['andel_2020']:.3f}",
                "andel_2024": f"{r['andel_2024']:.3f}",
                "merknad": _note(a["navn"], a["kommunenummer"], b["navn"], b["kommunenummer"], split),
            }
        )
    return out


def county_table(rows: list[dict]) -> list[dict]:
    with open(settings.FYLKER_PATH, encoding="utf-8") as f:
        fylker = {r["kommunenummer"]: r for r in csv.DictReader(f)}
    out = []
    for r in sorted(rows, key=lambda r: r["kommunenummer_2024"]):
        before = fylker[r["kommunenummer_2020"]]
        row = {"kommunenummer": r["kommunenummer_2024"], "navn": r["navn_2024"]}
        row.update({k: v for k, v in before.items() if k.startswith("fylke")})
        row["merknad"] = before["merknad"]
        if row["fylke_2024"] != r["kommunenummer_2024"][:2]:
            raise SystemExit(
                f"Feil: {r['navn_2024']} ({r['kommunenummer_2024']}) står i fylke {row['fylke_2024']} "
                f"i fylker.csv (via {r['navn_2020']}), men nummeret sier {r['kommunenummer_2024'][:2]}."
            )
        out.append(row)
    return out


def _write(path: Path, rows: list[dict], columns: list[str]) -> None:
    tmp = path.with_suffix(".tmp.csv")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)


def main() -> int:
    k20 = _read(settings.KOMMUNER_PATH)
    k24 = _read(settings.DATA_DIR / "kommuner_2024.geojson")
    rows = crosswalk(k20, k24)
    weak = [r for r in rows if float(r["andel_2024"]) < MIN_SHARE]
    missing = set(k20["kommunenummer"]) - {r["kommunenummer_2020"] for r in rows}
    if weak or missing:
        raise SystemExit(f"Feil: svake par {weak} eller 2020-kommuner uten etterfølger {sorted(missing)}.")
    counties = county_table(rows)
    _write(CROSSWALK, rows, COLUMNS)
    with open(settings.FYLKER_PATH, encoding="utf-8") as f:
        columns = next(csv.reader(f))
    _write(FYLKER_2024, counties, columns)
    print(f"skrev {CROSSWALK.name} ({len(rows)} par) og {FYLKER_2024.name} ({len(counties)} kommuner)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
