"""Command line for report writers: one map, or the whole atlas.

    python -m layers.export --tjeneste CODE [--region NAME] [--fylkesinndeling 2019|2020|2024]
                            --format png|svg|pdf|html --out PATH
    python -m layers.export --atlas PATH.pdf

``--lag`` chooses another layer than coverage (``antall``, ``fylkesgrense``, ``regionrad``);
``--tjeneste`` takes one code or several separated by commas. Unknown codes, regions or layers
are refused with the valid choices and exit code 2; an output file is written whole or not at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.counties import ERAS
from geo.regions import STUDY_AREA
from layers.build import Filters, build_layer, resolve_layer
from layers.data import load_for_print, load_for_screen
from layers.figures import FIGURES, figure_title

FORMATS = ("png", "svg", "pdf", "html")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m layers.export", description="Eksporter kart fra Samarbeidskart.")
    p.add_argument("--atlas", type=Path, metavar="PATH.pdf", help="alle rapportens figurer i én PDF")
    p.add_argument("--lag", default="dekning", help="kartlag: dekning (standard), antall, fylkesgrense, regionrad")
    p.add_argument("--tjeneste", help="tjenestekode(r), f.eks. legevakt eller lonn,regnskap")
    p.add_argument("--region", default=STUDY_AREA, help="område: Studieområdet (standard), en kommuneregion, et fylke eller 'Hele Norge'")
    p.add_argument("--fylkesinndeling", default="2020", choices=list(ERAS), help="fylkesinndeling (standard 2020)")
    p.add_argument("--format", choices=FORMATS, help="filformat")
    p.add_argument("--out", type=Path, help="filen som skal skrives")
    p.add_argument("--dpi", type=int, default=300, help="oppløsning for PNG (standard 300)")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.atlas:
            from layers.static_map import save_atlas

            if args.atlas.suffix.lower() != ".pdf":
                raise ValueError(f"Atlaset skrives som PDF; '{args.atlas}' slutter ikke på .pdf.")
            data, kommuner = load_for_print()
            pages = ((build_layer(data, kommuner, f.layer, f.filters), figure_title(f)) for f in FIGURES)
            save_atlas(pages, args.atlas)
            print(f"Skrev {args.atlas} ({len(FIGURES)} sider).")
            return 0
        if not args.out or not args.format:
            parser.error("--format og --out må oppgis (eller --atlas PATH.pdf)")
        layer = resolve_layer(args.lag)
        codes = tuple(c.strip() for c in (args.tjeneste or "").split(",") if c.strip())
        if layer.needs_service and not codes:
            parser.error("--tjeneste må oppgis for dekningskart")
        filters = Filters(tjenester=codes, region=args.region, fylkesinndeling=args.fylkesinndeling)
        if args.format == "html":
            from layers.folium_map import write_html

            data, kommuner = load_for_screen()
            write_html(build_layer(data, kommuner, layer.key, filters), args.out)
        else:
            from layers.static_map import save_static

            data, kommuner = load_for_print()
            save_static(build_layer(data, kommuner, layer.key, filters), args.out, fmt=args.format, dpi=args.dpi)
        print(f"Skrev {args.out}.")
        return 0
    except ValueError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
