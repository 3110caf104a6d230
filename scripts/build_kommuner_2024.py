"""Build ``data/kommuner_2024.geojson`` from Kartverket's 2024 kommune polygons (357 kommuner).

Source: ``../shared/data/kartverket-2024/Kommuner-M.geojson`` (© Kartverket, CC BY 4.0; 33 invalid
geometries and no shared edges as shipped). Cleaned exactly as the 2020 boundaries are
(``scripts/build_kommuner.py``): ``make_valid``, ``coverage_clean`` in EPSG:25833, pointwise
rounding to 6 decimals, a second clean; nothing is written unless the result is 357 valid
polygons forming a valid coverage. Properties: ``kommunenummer`` (4-character string) and
``navn`` (the official name, Sami and Kven forms as Kartverket writes them).

Usage::

    python scripts/build_kommuner_2024.py [--source PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from build_kommuner import clean_coverage, write_checked  # noqa: E402

from geo import settings  # noqa: E402

SOURCE = ROOT.parent / "shared" / "data" / "kartverket-2024" / "Kommuner-M.geojson"
EXPECTED = 357


def read_source(path: Path) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path, engine="pyogrio")
    gdf["kommunenummer"] = gdf["kommunenummer"].astype(str).str.zfill(4)
    gdf = gdf.rename(columns={"kommunenavn": "navn"})
    return gdf[["kommunenummer", "navn", "geometry"]].sort_values("kommunenummer", ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=settings.DATA_DIR / "kommuner_2024.geojson")
    args = parser.parse_args(argv)
    raw = read_source(args.source)
    cleaned = clean_coverage(raw)
    return write_checked(
        raw, cleaned, args.out, what=f"{EXPECTED} gyldige polygoner i en gyldig dekning", expected=EXPECTED
    )


if __name__ == "__main__":
    raise SystemExit(main())
