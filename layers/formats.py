"""The export registry: every file format a map can be saved as, for the app and the command line.

Each :class:`ExportFormat` says its key, label, file suffix, MIME type, which polygons it is
drawn with (print or screen detail) and how it turns a spec into bytes. Adding a format is one
function and one line in :data:`EXPORTS`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.choices import ChoiceError, resolve_choice
from geo.io import Dataset
from geo.spreadsheet import frame_to_csv, register_rows
from layers.spec import DATA_KINDS, LayerSpec


@dataclass(frozen=True)
class Options:
    """How to write a file: ``dpi`` for PNG; ``page`` (``"tilpasset"``, ``"a4"``, ``"a4-liggende"``)
    and ``title`` (leave it out for a report's own caption) for PNG, SVG and PDF; ``basemap`` for HTML."""

    dpi: int = 300
    basemap: str = "blank"
    page: str = "tilpasset"
    title: bool = True


def _static(fmt: str) -> Callable[[LayerSpec, Dataset, Options], bytes]:
    def render(spec: LayerSpec, data: Dataset, options: Options) -> bytes:
        from layers.static_map import static_bytes  # loaded when a static map is asked for (slow import)

        return static_bytes(spec, fmt, dpi=options.dpi, page=options.page, title=options.title)

    return render


def _html(spec: LayerSpec, data: Dataset, options: Options) -> bytes:
    from layers.folium_map import to_html

    return to_html(spec, basemap=options.basemap).encode("utf-8")


def map_data(spec: LayerSpec) -> pd.DataFrame:
    """What the map shows, as rows under their Norwegian headers: a row per kommune, pair or
    arrangement the layer draws, with the values it shows (``LayerSpec.data_table``), and the map's
    source line on every row (a data file says whose data it holds, as the map does)."""
    if spec.data_table is None:
        raise ValueError(f"layer {spec.layer!r} built a spec without its data table")
    return spec.data_table.display().assign(Kilde=spec.source)


def _csv(spec: LayerSpec, data: Dataset, options: Options) -> bytes:
    return frame_to_csv(map_data(spec))


def _csv_excel(spec: LayerSpec, data: Dataset, options: Options) -> bytes:
    """The same rows, separated by semicolons, as Norwegian Excel opens a CSV file into columns."""
    return frame_to_csv(map_data(spec), separator=";")


def _register_rows(spec: LayerSpec, data: Dataset, options: Options) -> bytes:
    """The register's own rows behind the map (``ordninger.csv``'s columns): to edit, or to upload again."""
    return frame_to_csv(register_rows(data, spec.ordninger))


def spec_geojson(spec: LayerSpec, data: Dataset, options: Options | None = None) -> bytes:
    """The view's areas as GeoJSON (EPSG:4326): arrangements, classes and kommuner without an
    arrangement, each with the values of its row in the map's data, and the lines the map draws with
    their descriptions; the map's title, source line and kommune division as metadata."""
    keep = spec.areas[spec.areas["kind"].isin(list(DATA_KINDS))]
    frame = gpd.GeoDataFrame(
        {
            "type": keep["kind"].map(DATA_KINDS),
            "id": keep["key"],
            "navn": keep["navn"],
            "farge": keep["fill"],
            "beskrivelse": keep["tooltip"].str.replace("\n", " · "),
        },
        geometry=keep.geometry.values,
        crs=spec.areas.crs,
    ).to_crs(4326)
    collection = json.loads(frame.to_json(drop_id=True, ensure_ascii=False))
    if spec.data_table is not None:
        values = spec.data_table.frame.set_index("key")[list(spec.data_table.columns)].rename(
            columns=spec.data_table.columns
        )
        values = values[~values.index.duplicated()]
        for feature in collection["features"]:
            key = feature["properties"]["id"]
            if key in values.index:
                feature["properties"].update({k: _plain(v) for k, v in values.loc[key].items()})
    if spec.lines is not None and len(spec.lines) and "tooltip" in spec.lines.columns:
        lines = gpd.GeoDataFrame(
            {"type": "linje", "beskrivelse": spec.lines["tooltip"].str.replace("\n", " · ")},
            geometry=spec.lines.geometry.values,
            crs=spec.lines.crs,
        ).to_crs(4326)
        collection["features"] += json.loads(lines.to_json(drop_id=True, ensure_ascii=False))["features"]
    provenance = data.register.provenance
    collection["metadata"] = {
        "tittel": spec.title,
        "undertittel": spec.subtitle,
        "kilde": spec.source,
        "register": provenance.title,
        "kommuneinndeling": provenance.division,
    }
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def _plain(value):
    """A value as JSON holds it (numpy integers become int)."""
    return value.item() if hasattr(value, "item") else value


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str  # the app's button
    suffix: str
    mime: str
    medium: str  # "trykk" or "skjerm": which polygons (see layers.data.detail_for)
    render: Callable[[LayerSpec, Dataset, Options], bytes]


EXPORTS: dict[str, ExportFormat] = {
    "png": ExportFormat("png", "Kart som PNG", ".png", "image/png", "trykk", _static("png")),
    "svg": ExportFormat("svg", "Kart som SVG", ".svg", "image/svg+xml", "trykk", _static("svg")),
    "pdf": ExportFormat("pdf", "Kart som PDF", ".pdf", "application/pdf", "trykk", _static("pdf")),
    "html": ExportFormat("html", "Interaktivt kart (HTML)", ".html", "text/html", "skjerm", _html),
    "csv": ExportFormat("csv", "Kartets data (CSV)", ".csv", "text/csv", "skjerm", _csv),
    "csv-excel": ExportFormat("csv-excel", "Kartets data (CSV for Excel)", ".csv", "text/csv", "skjerm", _csv_excel),
    "geojson": ExportFormat(
        "geojson", "Kartets data med geometri (GeoJSON)", ".geojson", "application/geo+json", "skjerm", spec_geojson
    ),
    "registerrader": ExportFormat(
        "registerrader", "Registerradene bak kartet (CSV)", ".csv", "text/csv", "skjerm", _register_rows
    ),
}


def resolve_format(key: str) -> ExportFormat:
    """The :class:`ExportFormat` for ``key``; unknown keys list the valid ones."""
    return resolve_choice(key.lstrip("."), EXPORTS, what="filformat")


def format_for_path(path: str | Path, key: str | None = None) -> ExportFormat:
    """The format to write ``path`` in: ``key`` if given, else the path's suffix; a suffix that
    does not match the format is refused (a PNG is never written into ``kart.svg``)."""
    suffix = Path(path).suffix.lower()
    if key is None:
        if not suffix:
            raise ChoiceError(
                f"Filen '{Path(path).name}' har ingen filendelse; oppgi --format "
                f"({', '.join(EXPORTS)}) eller en endelse som .png."
            )
        return resolve_format(suffix)
    fmt = resolve_format(key)
    if suffix != fmt.suffix:
        raise ChoiceError(
            f"Filen '{Path(path).name}' slutter ikke på {fmt.suffix}, men formatet er {fmt.key}; "
            f"kall filen noe som slutter på {fmt.suffix}, eller velg et annet format."
        )
    return fmt
