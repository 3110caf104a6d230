"""Where our figures differ from the NIVI 2021 report's, and why: derived from the report's own
tables (parsed from its text in ``data/kilder``) and from the register, never typed in.

Writes ``data/avvik_fra_rapporten.csv`` (read with the shipped register's sidecar, so that each
map's notes can say where its figure differs from the report's) and the section "Avvik fra
rapporten" of ``data/README.md``. ``tests/test_deviations.py`` checks that both still say what the
data and the report say.

Usage::

    python scripts/deviations.py
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import areas as geo_areas  # noqa: E402
from geo import settings  # noqa: E402
from geo._text import normalise  # noqa: E402
from geo.counties import ERAS, county_of  # noqa: E402
from geo.io import Dataset, load_dataset  # noqa: E402
from tests.report_tables import KOMMUNE_TABLES, parse_tables  # noqa: E402

CROSSING_TABLES = ("2.4", "2.5", "2.6", "2.7")
COLUMNS = ["lag", "fylkesinndeling", "tema", "rapporten", "registeret", "forklaring"]
OUT = settings.DATA_DIR / "avvik_fra_rapporten.csv"
START, END = "<!-- avvik:start -->", "<!-- avvik:end -->"
MAX_NAMES = 6


def _names(names: list[str]) -> str:
    names = sorted(names)
    shown = ", ".join(names[:MAX_NAMES])
    return shown + (f" og {len(names) - MAX_NAMES} til" if len(names) > MAX_NAMES else "")


def _by_name(data: Dataset) -> dict[str, str]:
    lookup = {}
    for row in data.register.ordninger.itertuples():
        for name in (row.navn, *row.alias):
            lookup[normalise(name)] = row.id
    return lookup


def _crossing_rows(data: Dataset, tables, by_name, report_text: str) -> list[dict]:
    """The report's count of arrangements across county borders (Tabell 2.4–2.7) beside the map's, per era."""
    per_table = [len(tables[t]) for t in CROSSING_TABLES]
    listed = [by_name[normalise(r.name)] for t in CROSSING_TABLES for r in tables[t]]
    distinct = set(listed)
    study = sorted(data.studieomrade["kommunenummer"])
    chosen = geo_areas.touching_view(data.register.ordninger, study)
    navn = dict(zip(data.register.ordninger["id"], data.register.ordninger["navn"]))
    report = f"{sum(per_table)} ({' + '.join(str(n) for n in per_table)} rader i tabell 2.4–2.7)"
    by_era = {era: set(geo_areas.crossings(chosen, county_of(data.fylker, era))["id"]) for era in ERAS}
    nowhere = distinct - set().union(*by_era.values())
    electoral = bool(re.search(r"Jevnaker ble en del av Buskerud\s+valgdistrikt", report_text))
    rows = []
    for era in ERAS:
        crossing = by_era[era]
        why = [
            "rapporten teller over «dagens og tidligere fylkesgrenser» under ett, kartet i én fylkesinndeling "
            f"({ERAS[era].label.lower()})"
        ]
        if len(listed) > len(distinct):
            why.append(f"{len(listed) - len(distinct)} ordninger står i to av tabellene (registeret har én rad)")
        never = {i for i in distinct - crossing if i in nowhere}
        if distinct - crossing - never:
            gone = [navn[i] for i in distinct - crossing - never]
            why.append(f"{len(gone)} av tabellenes ordninger krysser ikke i denne inndelingen ({_names(gone)})")
        if never:
            why.append(
                f"{_names([navn[i] for i in never])} krysser ingen fylkesgrense i noen inndeling"
                + ("; rapporten regner med valgdistriktene til Stortinget" if electoral else "")
            )
        if crossing - distinct:
            more = [navn[i] for i in crossing - distinct]
            why.append(f"{len(more)} som krysser her, står ikke i tabellene ({_names(more)})")
        published = data.register.provenance.date[:4]
        if published.isdigit() and int(era) > int(published):
            why.append(f"rapporten er fra {published} og kjenner ikke fylkene fra {era}")
        rows.append(
            {
                "lag": "fylkesgrense",
                "fylkesinndeling": era,
                "tema": "Ordninger over fylkesgrenser i studieområdet",
                "rapporten": report,
                "registeret": str(len(crossing)),
                "forklaring": "; ".join(why) + ".",
            }
        )
    return rows


def _kommune_rows(data: Dataset, tables, by_name) -> list[dict]:
    """Each per-kommune table's rows (Tabell 4.1–4.6) beside the kommune's count on the count map."""
    rows = []
    medlemskap = data.register.medlemskap
    members = dict(zip(data.register.ordninger["id"], data.register.ordninger["deltakere"]))
    navn = dict(zip(data.register.ordninger["id"], data.register.ordninger["navn"]))
    for table, kommune in KOMMUNE_TABLES.items():
        knr = data.names.by_name[normalise(kommune)][0]
        printed = tables[table]
        ids = [by_name[normalise(r.name)] for r in printed]
        ours = int((medlemskap["kommunenummer"] == knr).sum())
        if len(printed) == ours and max(r.nr for r in printed) == ours:
            continue
        why = []
        if max(r.nr for r in printed) != len(printed):
            why.append(f"tabellen nummererer til {max(r.nr for r in printed)}, men har {len(printed)} rader")
        if len(ids) > len(set(ids)):
            why.append(f"{len(ids) - len(set(ids))} ordninger står to ganger i tabellen")
        outside = sorted({i for i in ids if knr not in members[i]})
        if outside:
            why.append(
                f"{kommune} står ikke i deltakerlisten rapporten selv gir for {_names([navn[i] for i in outside])} "
                "(registeret følger deltakerlistene)"
            )
        rows.append(
            {
                "lag": "antall",
                "fylkesinndeling": "",
                "tema": f"Ordninger for {kommune} (tabell {table.split()[0]})",
                "rapporten": f"{len(printed)} rader (nummerert til {max(r.nr for r in printed)})",
                "registeret": str(ours),
                "forklaring": "; ".join(why) + "." if why else "",
            }
        )
    return rows


def deviations(data: Dataset, report_text: str) -> list[dict]:
    """Every figure of the report we draw differently, with its reason."""
    tables = parse_tables(report_text, data.names)
    by_name = _by_name(data)
    return _crossing_rows(data, tables, by_name, report_text) + _kommune_rows(data, tables, by_name)


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def section(rows: list[dict]) -> str:
    """The Markdown table of ``data/README.md``'s section "Avvik fra rapporten"."""
    lines = ["| tema | fylker | rapporten | kartet | hvorfor |", "|---|---|---|---|---|"]
    for r in rows:
        era = ERAS[r["fylkesinndeling"]].label if r["fylkesinndeling"] else ""
        lines.append(f"| {r['tema']} | {era} | {r['rapporten']} | {r['registeret']} | {r['forklaring']} |")
    return "\n".join(lines)


def main() -> int:
    data = load_dataset()
    rows = deviations(data, settings.REPORT_TEXT_PATH.read_text(encoding="utf-8"))
    OUT.write_text(to_csv(rows), encoding="utf-8")
    readme = settings.DATA_DIR / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = f"{START}\n{section(rows)}\n{END}"
    readme.write_text(re.sub(f"{START}.*?{END}", lambda _: block, text, flags=re.S), encoding="utf-8")
    print(f"Skrev {OUT.name} ({len(rows)} rader) og avsnittet «Avvik fra rapporten» i data/README.md.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
