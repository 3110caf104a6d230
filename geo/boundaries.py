"""Kommune polygons: read ``kommuner.geojson`` and validate it."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from geo import settings
from geo.errors import DataError, Problem

COLUMNS = ["kommunenummer", "navn"]


def read_kommuner(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Read and validate the kommune polygons (EPSG:4326, one row per kommune)."""
    path = Path(path or settings.KOMMUNER_PATH)
    gdf = gpd.read_file(path, engine="pyogrio")
    return validate_kommuner(gdf, file=path.name)


def validate_kommuner(gdf: gpd.GeoDataFrame, *, file: str = "kommuner.geojson") -> gpd.GeoDataFrame:
    """Check columns, kommunenummer, names, CRS and geometry; return the frame indexed by kommunenummer order."""
    problems = [Problem(file, f"Mangler egenskapen '{c}'.") for c in COLUMNS if c not in gdf.columns]
    if problems:
        raise DataError(problems)
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        problems.append(Problem(file, f"Koordinatsystemet må være EPSG:4326, fant {gdf.crs}."))
    gdf = gdf.assign(kommunenummer=gdf["kommunenummer"].astype(str).str.strip())
    for pos, (knr, navn, geom) in enumerate(zip(gdf["kommunenummer"], gdf["navn"], gdf.geometry)):
        where = f"objekt {pos + 1}"
        if not (len(knr) == 4 and knr.isdigit()):
            problems.append(Problem(file, f"{where}: kommunenummer '{knr}' er ikke fire sifre (f.eks. '0301')."))
        if not str(navn).strip():
            problems.append(Problem(file, f"{where}: kommune {knr} mangler navn."))
        if geom is None or geom.is_empty:
            problems.append(Problem(file, f"{where}: kommune {knr} {navn} har ingen geometri."))
        elif not shapely.is_valid(geom):
            problems.append(
                Problem(file, f"{where}: geometrien til {knr} {navn} er ugyldig ({shapely.is_valid_reason(geom)}).")
            )
    dupes = gdf.loc[gdf["kommunenummer"].duplicated(), "kommunenummer"].unique()
    problems += [Problem(file, f"kommunenummer {d} står flere ganger.") for d in dupes]
    if problems:
        raise DataError(problems)
    return gdf[[*COLUMNS, "geometry"]].sort_values("kommunenummer", ignore_index=True)
