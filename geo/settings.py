"""Defaults shared by the package: coordinate systems and data paths."""

from __future__ import annotations

from pathlib import Path

#: Geographic coordinates, as stored in ``kommuner.geojson`` and drawn by Leaflet.
CRS_WGS84 = "EPSG:4326"
#: ETRS89 / UTM 33N: metric work (cleaning, areas, static maps).
CRS_METRIC = "EPSG:25833"

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
KOMMUNER_PATH = DATA_DIR / "kommuner.geojson"
KOMMUNER_2024_PATH = DATA_DIR / "kommuner_2024.geojson"
FYLKER_PATH = DATA_DIR / "fylker.csv"
FYLKER_2024_PATH = DATA_DIR / "fylker_2024.csv"
CROSSWALK_PATH = DATA_DIR / "kommuner_2020_2024.csv"
STUDIEOMRADE_PATH = DATA_DIR / "studieomrade.csv"
ALIAS_PATH = DATA_DIR / "kommunenavn_alias.csv"
ORDNINGER_PATH = DATA_DIR / "ordninger.csv"
TJENESTER_PATH = DATA_DIR / "tjenester.csv"
REPORT_TEXT_PATH = DATA_DIR / "kilder" / "nivi_2021_buskerud.txt"
