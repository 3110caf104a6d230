"""Command line for report writers: one map in any export format, or the whole atlas, from the
shipped register or your own.

    python -m layers.export [--register FIL] [--kommuneinndeling 2020|2024]
                            [--lag LAG] [--tjenester KODER] [--sektor SEKTOR]
                            [--omrade OMRÅDE] [--fylkesinndeling 2019|2020|2024] [--kommune KOMMUNE]
                            [--format png|svg|pdf|html|csv|geojson] --out FIL
    python -m layers.export [--register FIL] --atlas FIL.pdf
    python -m layers.export [--register FIL] --oversikt KOMMUNE|alle --format pdf|docx [--out FIL|MAPPE]
    python -m layers.export --lag endringer (--register FIL | --lagret ID [--versjon N])
                            --sammenlign (FIL | N) --out FIL

``--lagret`` reads a saved register from the store (``SAMARBEIDSKART_DB``); ``--sammenlign`` gives the
earlier register the layer «Endringer mellom versjoner» compares with: a file, or a version number of
``--lagret``.

The flags are the app's link keys (``--tjeneste`` and ``--region`` are kept as old spellings).
Unknown choices, bad registers and bad paths are refused with a Norwegian message and exit code
2; an output file is written whole or not at all. Anything else is a bug and shows as one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo._cli import Parser, check_out, whole_number
from geo.choices import ChoiceError, resolve_choice
from geo.divisions import resolve_division
from geo.errors import DataError
from geo.files import write_atomic
from geo.io import Dataset, load_dataset, load_names, with_register
from geo.limits import MAX_VERSIONS
from geo.names import resolve_kommune
from geo.regions import STUDY_AREA, resolve_region
from geo.uploads import read_register_upload
from layers.data import detail_for, prepare_kommuner
from layers.figures import FIGURES, figure_title
from layers.filters import SCHEMES, Filters
from layers.formats import EXPORTS, Options, format_for_path, resolve_format
from layers.registry import LAYERS, build_layer
from layers.state import ALL_YEARS, ViewState, export_stem

DPI_RANGE = (30, 1200)
#: How many classes a choropleth may have (more than a legend's colours can tell apart is no help).
CLASS_RANGE = (2, 9)


def _parser() -> argparse.ArgumentParser:
    d = ViewState()
    p = Parser(prog="python -m layers.export", description="Eksporter kart fra Samarbeidskart.", add_help=True)
    p.add_argument("--register", type=Path, metavar="FIL", help="eget register (CSV eller XLSX); standard: NIVI 2021")
    p.add_argument("--lagret", metavar="ID", help="et lagret register (id-en i lenken) i stedet for --register")
    p.add_argument(
        "--versjon", type=whole_number(1, MAX_VERSIONS), metavar="N", help="versjonen av --lagret (standard: nyeste)"
    )
    p.add_argument(
        "--sammenlign",
        metavar="FIL|N",
        help="et tidligere register å sammenligne med i kartlaget endringer: en registerfil, eller "
        "versjonsnummeret N av --lagret",
    )
    p.add_argument(
        "--kreditering",
        default="",
        metavar="TEKST",
        help="hvem som har laget registeret, til kildelinjen (med --register)",
    )
    p.add_argument("--atlas", type=Path, metavar="FIL.pdf", help="alle rapportens figurer i én PDF")
    p.add_argument(
        "--oversikt",
        metavar="KOMMUNE",
        help="kommunens oversikt over interkommunale samarbeid (--format pdf eller docx); «alle»: én fil per "
        "kommune i registeret, i mappen --out",
    )
    p.add_argument("--lag", default=d.lag, help=f"kartlag: {', '.join(LAYERS)} (standard {d.lag})")
    p.add_argument(
        "--tjenester",
        "--tjeneste",
        dest="tjenester",
        default="",
        help="tjenestekode(r), f.eks. legevakt eller lonn,regnskap",
    )
    p.add_argument("--sektor", help="avgrens til en sektor (antall og fylkesgrenser)")
    p.add_argument(
        "--per",
        type=_year_or_all,
        metavar="ÅR|alle",
        help="registeret slik det var i året ÅR, eller alle ordningene (standard for et register med status eller "
        "avsluttet: registerets eget år)",
    )
    p.add_argument(
        "--ikke-i-kraft",
        action="store_true",
        help="med --per: tegn også ordningene som ikke var i kraft det året (stiplet: avsluttet; prikket: "
        "ikke begynt), i kartlagene dekning og regionrad",
    )
    p.add_argument(
        "--periode", metavar="FRA-TIL", help="årene ordningene er etablert i, for kartlaget nye (f.eks. 2015-2021)"
    )
    p.add_argument(
        "--omrade",
        "--region",
        dest="omrade",
        default=d.omrade,
        help=f"område: {STUDY_AREA} (standard), en kommuneregion, et fylke eller 'Hele Norge'",
    )
    p.add_argument(
        "--fylkesinndeling",
        default=d.fylkesinndeling,
        help=f"fylkesinndeling: 2019, 2020 eller 2024 (standard {d.fylkesinndeling})",
    )
    p.add_argument(
        "--kommuneinndeling", help="kommunegrensene kartet tegnes på: 2020 eller 2024 (standard: registerets egen)"
    )
    p.add_argument("--kommune", help="marker en kommune og dens samarbeidspartnere (navn eller nummer)")
    p.add_argument("--format", help=f"filformat: {', '.join(EXPORTS)} (standard: filendelsen til --out)")
    p.add_argument(
        "--out",
        type=Path,
        metavar="FIL",
        help="filen som skal skrives (standard med --format: et navn etter kartet, som appens nedlasting)",
    )
    p.add_argument("--dpi", type=int, default=300, help="oppløsning for PNG (standard 300)")
    p.add_argument(
        "--side",
        default="tilpasset",
        help="sidestørrelse for PNG, SVG og PDF: tilpasset (standard), a4 eller a4-liggende",
    )
    p.add_argument(
        "--klassifisering",
        default="fisherjenks",
        help=f"klasser i koroplettkart: {', '.join(SCHEMES)} (standard fisherjenks)",
    )
    p.add_argument(
        "--klasser", type=int, default=5, help=f"antall klasser, {CLASS_RANGE[0]}–{CLASS_RANGE[1]} (standard 5)"
    )
    p.add_argument("--uten-tittel", action="store_true", help="uten tittel og undertittel (rapporten har egen tekst)")
    p.add_argument("--bakgrunnskart", default=d.bakgrunnskart, help="bakgrunnskart for HTML: blank, kartverket, osm")
    return p


def _dataset(args) -> Dataset:
    division = resolve_division(args.kommuneinndeling).key if args.kommuneinndeling else None
    data = load_dataset(division=division)
    if args.register is not None and args.lagret:
        raise ChoiceError("Oppgi enten --register FIL eller --lagret ID, ikke begge.")
    if args.versjon and not args.lagret:
        raise ChoiceError("--versjon gjelder et lagret register; oppgi også --lagret ID.")
    if args.lagret:
        register = _saved(args.lagret, args.versjon, data)
    elif args.register is not None:
        register = _file(args.register, args, data)
    elif args.sammenlign:
        register = data.register  # the shipped register, compared with an earlier one
    else:
        return data
    previous = None
    if args.sammenlign:
        if args.lagret and args.sammenlign.strip().isdigit():
            number = int(args.sammenlign)
            if not 1 <= number <= MAX_VERSIONS:
                raise ChoiceError(f"--sammenlign: versjonsnummeret må være fra 1 til {MAX_VERSIONS}, ikke {number}.")
            previous = _saved(args.lagret, number, data)
        else:
            previous = _file(Path(args.sammenlign), args, data)
    for note in register.notes:
        print(note)
    return with_register(data, register, division=division or register.provenance.division, previous=previous)


def _file(path: Path, args, data: Dataset):
    if not path.is_file():
        raise ChoiceError(f"Fant ikke registerfilen '{path}'.")
    return read_register_upload(
        path.read_bytes(), path.name, names=load_names(), tjenester=data.register.tjenester, credit=args.kreditering
    )


def _year_or_all(text: str):
    """``--per``: a year, or «alle» (every arrangement)."""
    if text.strip().lower() == ALL_YEARS:
        return ALL_YEARS
    try:
        return whole_number(1800, 2100)(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError("må være et årstall fra 1800 til 2100, eller «alle»") from None


def _as_of(per, data: Dataset) -> int | None:
    """The year ``--per`` draws the register as of: the one given; «alle» or a register that states no
    arrangement's life: none; else, as the app opens it, the register's own year."""
    from geo.founded import default_year
    from geo.register import has_lifecycle

    if per == ALL_YEARS:
        return None
    if per is None:
        return default_year(data.register) if has_lifecycle(data.register) else None
    return per


def _saved(register_id: str, version: int | None, data: Dataset):
    from store import registers
    from store.links import id_problem

    if id_problem(register_id):
        raise ChoiceError(id_problem(register_id))
    return registers.open_register(registers.connect(), register_id, tjenester=data.register.tjenester, version=version)


def _atlas(args, data: Dataset) -> int:
    if args.atlas.suffix.lower() != ".pdf":
        raise ChoiceError(f"Atlaset skrives som PDF; '{args.atlas}' slutter ikke på .pdf.")
    check_out(args.atlas)
    from layers.static_map import save_atlas

    kommuner = prepare_kommuner(data, detail_for(medium="trykk", omrade=STUDY_AREA))
    pages = ((build_layer(data, kommuner, f.layer, f.filters), figure_title(f)) for f in FIGURES)
    save_atlas(pages, args.atlas)
    print(f"Skrev {args.atlas} ({len(FIGURES)} sider).")
    return 0


def _period(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    from geo.founded import parse_period

    period = parse_period(text)
    if period is None:
        raise ChoiceError(f"--periode må være to årstall som FRA-TIL, f.eks. 2015-2021, ikke '{text}'.")
    return period


def _one_map(args, data: Dataset) -> int:
    if args.out is None:  # named as the app names the same download
        fmt = resolve_format(args.format)
        services = tuple(c.strip() for c in args.tjenester.split(",") if c.strip())
        stem = export_stem(ViewState(lag=args.lag, tjenester=services or None, omrade=args.omrade))
        args.out = Path(f"{stem}{'-registerrader' if fmt.key == 'registerrader' else ''}{fmt.suffix}")
    check_out(args.out)
    fmt = format_for_path(args.out, args.format)
    if not DPI_RANGE[0] <= args.dpi <= DPI_RANGE[1]:
        raise ChoiceError(f"--dpi må være mellom {DPI_RANGE[0]} og {DPI_RANGE[1]}, ikke {args.dpi}.")
    codes = tuple(c.strip() for c in args.tjenester.split(",") if c.strip())
    region = resolve_region(data.studieomrade, data.fylker, args.omrade, era=args.fylkesinndeling)
    kommune = resolve_kommune(data.names, args.kommune) if args.kommune else None
    if not CLASS_RANGE[0] <= args.klasser <= CLASS_RANGE[1]:
        raise ChoiceError(f"--klasser må være mellom {CLASS_RANGE[0]} og {CLASS_RANGE[1]}, ikke {args.klasser}.")
    filters = Filters(
        tjenester=codes,
        sektor=args.sektor,
        omrade=region.label,
        fylkesinndeling=args.fylkesinndeling,
        kommune=kommune,
        klassifisering=resolve_choice(args.klassifisering, {k: k for k in SCHEMES}, what="klassifisering"),
        klasser=args.klasser,
        periode=_period(args.periode),
        per=_as_of(args.per, data),
        ikke_i_kraft=args.ikke_i_kraft,
    )
    if args.ikke_i_kraft and filters.per is None:
        raise ChoiceError("--ikke-i-kraft gjelder et kart av registeret per et år; oppgi også --per ÅR.")
    kommuner = prepare_kommuner(
        data, detail_for(medium=fmt.medium, omrade=region.label, data=data, era=args.fylkesinndeling)
    )
    spec = build_layer(data, kommuner, args.lag, filters)
    options = Options(dpi=args.dpi, basemap=args.bakgrunnskart, page=args.side, title=not args.uten_tittel)
    write_atomic(args.out, fmt.render(spec, data, options))
    print(f"Skrev {args.out}.")
    return 0


def _overviews(args, data: Dataset) -> int:
    """The overview document of one kommune (``--out FIL``), or of every kommune the register maps
    (``--oversikt alle``: one file each in the folder ``--out``)."""
    from layers.overview import DOCUMENTS, kommune_overview, partners_map_png, render_overview

    fmt = resolve_choice(args.format or (args.out.suffix.lstrip(".") if args.out else "pdf"), DOCUMENTS, what="format")
    every = args.oversikt.strip().lower() == "alle"
    if every:
        folder = args.out or Path(".")
        if folder.exists() and not folder.is_dir():
            raise ChoiceError(f"Med --oversikt alle er --out en mappe; '{folder}' er en fil.")
        folder.mkdir(parents=True, exist_ok=True)
        members = sorted(set(data.register.medlemskap["kommunenummer"]), key=data.names.display.get)
    else:
        members = [resolve_kommune(data.names, args.oversikt)]
    for k in members:
        overview = kommune_overview(data, k, map_png=partners_map_png(data, k))
        out = folder / f"{overview.file_stem()}{fmt.suffix}" if every else args.out
        out = out or Path(f"{overview.file_stem()}{fmt.suffix}")
        check_out(out, example=f"oversikt{fmt.suffix}")
        write_atomic(out, render_overview(overview, fmt.key))
        print(f"Skrev {out} ({overview.count} ordninger).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.atlas and not args.out and not args.format and not args.oversikt:
        parser.error("--out FIL eller --format må oppgis (eller --atlas FIL.pdf)")
    try:
        data = _dataset(args)
        if args.oversikt:
            return _overviews(args, data)
        return _atlas(args, data) if args.atlas else _one_map(args, data)
    except (ChoiceError, DataError) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
