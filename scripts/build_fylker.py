"""Build ``data/fylker.csv``: the county of every 2020 kommune in three eras.

Eras (``inndeling``): 2019 = the counties before the 2020 reform, 2020 = 2020–2023,
2024 = from 2024. The rules are the facts listed in ../shared/DESIGN.md ("County membership
by era"); they are written out here once, and the CSV they produce is the data the package
reads. Three 2020 kommuner took in land from another old county; each is assigned to the
county of its larger part, and the ``merknad`` column says so.

Usage::

    python scripts/build_fylker.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pyogrio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import settings  # noqa: E402

NAMES_2019 = {
    "01": "Østfold",
    "02": "Akershus",
    "03": "Oslo",
    "04": "Hedmark",
    "05": "Oppland",
    "06": "Buskerud",
    "07": "Vestfold",
    "08": "Telemark",
    "09": "Aust-Agder",
    "10": "Vest-Agder",
    "11": "Rogaland",
    "12": "Hordaland",
    "14": "Sogn og Fjordane",
    "15": "Møre og Romsdal",
    "18": "Nordland",
    "19": "Troms",
    "20": "Finnmark",
    "50": "Trøndelag",
}
#: Official names with their Sami and Kven forms, as Kartverket writes them (``fylkesnavn`` in
#: ../shared/data/kartverket-2024/Fylker-M.geojson; a test checks they agree). Nordland and Trøndelag
#: had the same names 2020–2023. Troms og Finnmark's and the pre-2020 counties' parallel forms are not
#: in our sources, so they keep their Norwegian names.
NORDLAND, TRONDELAG = "Nordland - Nordlánnda", "Trøndelag - Trööndelage"
NAMES_2020 = {
    "03": "Oslo",
    "11": "Rogaland",
    "15": "Møre og Romsdal",
    "18": NORDLAND,
    "30": "Viken",
    "34": "Innlandet",
    "38": "Vestfold og Telemark",
    "42": "Agder",
    "46": "Vestland",
    "50": TRONDELAG,
    "54": "Troms og Finnmark",
}
NAMES_2024 = {
    "03": "Oslo",
    "11": "Rogaland",
    "15": "Møre og Romsdal",
    "18": NORDLAND,
    "31": "Østfold",
    "32": "Akershus",
    "33": "Buskerud",
    "34": "Innlandet",
    "39": "Vestfold",
    "40": "Telemark",
    "42": "Agder",
    "46": "Vestland",
    "50": TRONDELAG,
    "55": "Troms - Romsa - Tromssa",
    "56": "Finnmark - Finnmárku - Finmarkku",
}

OSTFOLD = {
    "Halden",
    "Moss",
    "Sarpsborg",
    "Fredrikstad",
    "Hvaler",
    "Aremark",
    "Marker",
    "Indre Østfold",
    "Skiptvet",
    "Rakkestad",
    "Råde",
    "Våler",
}
AKERSHUS = {
    "Asker",
    "Bærum",
    "Nordre Follo",
    "Ås",
    "Frogn",
    "Nesodden",
    "Vestby",
    "Enebakk",
    "Lillestrøm",
    "Lørenskog",
    "Rælingen",
    "Aurskog-Høland",
    "Nes",
    "Ullensaker",
    "Nannestad",
    "Eidsvoll",
    "Hurdal",
    "Gjerdrum",
    "Nittedal",
    "Lunner",
    "Jevnaker",  # 3236 from 2024: Akershus, not Buskerud (an earlier DESIGN.md was wrong; corrected)
}
VESTFOLD = {"Horten", "Holmestrand", "Tønsberg", "Sandefjord", "Larvik", "Færder"}
FINNMARK = {"5403", "5404", "5405", "5406"} | {f"54{n}" for n in range(30, 45)}
OPPLAND_2019 = {"3405", "3407"} | {f"34{n}" for n in range(31, 55)} | {"3053", "3054"}
AUST_AGDER = {"4201", "4202", "4203"} | {f"42{n}" for n in range(11, 23)}
SOGN_OG_FJORDANE = {"4602"} | {f"46{n}" for n in range(35, 52)}

#: 2020 kommuner that took in land from another old county, with the county of their larger part.
STRADDLING = {
    "3005": ("06", "Drammen (Buskerud) tok inn Svelvik (Vestfold) i 2020; plassert etter største del, Buskerud."),
    "3025": ("02", "Asker (Akershus) tok inn Røyken og Hurum (Buskerud) i 2020; plassert etter største del, Akershus."),
    "5412": (
        "19",
        "Tjeldsund ble i 2020 dannet av Skånland (Troms) og Tjeldsund (Nordland); plassert etter største del, Troms.",
    ),
}


def county_2024(knr: str, navn: str) -> str:
    prefix = knr[:2]
    if prefix == "30":
        return "31" if navn in OSTFOLD else "32" if navn in AKERSHUS else "33"
    if prefix == "38":
        return "39" if navn in VESTFOLD else "40"
    if prefix == "54":
        return "56" if knr in FINNMARK else "55"
    return prefix


def county_2019(knr: str, navn: str) -> str:
    if knr in STRADDLING:
        return STRADDLING[knr][0]
    if knr in ("3053", "3054"):  # Jevnaker and Lunner moved from Oppland in 2020
        return "05"
    prefix = knr[:2]
    by_2024 = {"31": "01", "32": "02", "33": "06", "39": "07", "40": "08", "55": "19", "56": "20"}
    c24 = county_2024(knr, navn)
    if c24 in by_2024:
        return by_2024[c24]
    if prefix == "34":
        return "05" if knr in OPPLAND_2019 else "04"
    if prefix == "42":
        return "09" if knr in AUST_AGDER else "10"
    if prefix == "46":
        return "14" if knr in SOGN_OG_FJORDANE else "12"
    return prefix


def build_rows(kommuner: list[tuple[str, str]]) -> list[dict]:
    rows = []
    for knr, navn in sorted(kommuner):
        c19, c20, c24 = county_2019(knr, navn), knr[:2], county_2024(knr, navn)
        rows.append(
            {
                "kommunenummer": knr,
                "navn": navn,
                "fylke_2019": c19,
                "fylkesnavn_2019": NAMES_2019[c19],
                "fylke_2020": c20,
                "fylkesnavn_2020": NAMES_2020[c20],
                "fylke_2024": c24,
                "fylkesnavn_2024": NAMES_2024[c24],
                "merknad": STRADDLING.get(knr, ("", ""))[1],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=settings.FYLKER_PATH)
    args = parser.parse_args(argv)
    table = pyogrio.read_dataframe(settings.KOMMUNER_PATH, read_geometry=False)
    rows = build_rows(list(zip(table["kommunenummer"], table["navn"])))
    tmp = args.out.with_name(args.out.stem + ".tmp.csv")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(args.out)
    print(f"skrev {args.out} ({len(rows)} kommuner)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
