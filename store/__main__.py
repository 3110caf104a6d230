"""Command line for the register store (the database is ``SAMARBEIDSKART_DB``, else the SQLite file):

    python -m store lagre FIL --tittel TEKST --kreditering TEKST [--offentlig]
    python -m store ny-versjon ID FIL [--eiernokkel-fil FIL]
    python -m store liste [--sok TEKST] [--side N]
    python -m store eksporter ID [--versjon N] --out FIL.csv
    python -m store slett ID [--eiernokkel-fil FIL] [--ja]

``lagre`` prints the register's id, its link (``SAMARBEIDSKART_URL``, else http://localhost:8501/)
and its owner key, once. The owner key is read from ``SAMARBEIDSKART_EIERNOKKEL``, a file
(``--eiernokkel-fil``; ``-`` for standard input) or a prompt — never from the command line, where the
process list shows it. ``slett`` asks for confirmation (``--ja`` where no one can answer).
Bad files, unknown ids, wrong keys, a database that cannot be used: a Norwegian message and exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from geo._cli import Parser, check_out, read_secret, whole_number
from geo.choices import ChoiceError
from geo.errors import DataError
from geo.limits import MAX_VERSIONS

KEY_VARIABLE = "SAMARBEIDSKART_EIERNOKKEL"
URL_VARIABLE = "SAMARBEIDSKART_URL"
DEFAULT_URL = "http://localhost:8501/"


def _parser() -> Parser:
    p = Parser(prog="python -m store", description="Lagrede registre i Samarbeidskart.")
    sub = p.add_subparsers(dest="kommando", required=True, title="kommandoer", parser_class=Parser)
    save = sub.add_parser("lagre", help="lagre en registerfil som nytt register")
    save.add_argument("fil", type=Path)
    save.add_argument("--tittel", required=True)
    save.add_argument("--kreditering", required=True, help="hvem som har laget registeret, til kildelinjen")
    save.add_argument("--offentlig", action="store_true", help="vis registeret i lista over lagrede registre")
    version = sub.add_parser("ny-versjon", help="legg til en ny versjon (krever eiernøkkelen)")
    version.add_argument("id")
    version.add_argument("fil", type=Path)
    listing = sub.add_parser("liste", help="de offentlige registrene, 20 om gangen")
    listing.add_argument("--sok", default="", metavar="TEKST", help="bare registre med TEKST i tittelen")
    listing.add_argument("--side", type=whole_number(1, 100_000), default=1, metavar="N", help="side N av lista")
    export = sub.add_parser("eksporter", help="en versjon som CSV i registerets format")
    export.add_argument("id")
    export.add_argument("--versjon", type=whole_number(1, MAX_VERSIONS), metavar="N")
    export.add_argument("--out", type=Path, required=True, metavar="FIL.csv")
    delete = sub.add_parser("slett", help="slett et register med alle versjoner for godt (krever eiernøkkelen)")
    delete.add_argument("id")
    delete.add_argument("--ja", action="store_true", help="slett uten å spørre (der ingen kan svare)")
    for command in (version, delete):
        command.add_argument(
            "--eiernokkel-fil",
            type=Path,
            metavar="FIL",
            help=f"les eiernøkkelen fra FIL (- for standard inn); ellers {KEY_VARIABLE} eller et spørsmål",
        )
        command.add_argument("--eiernokkel", help=argparse.SUPPRESS)  # refused: the process list shows it
    return p


def _read(path: Path):
    from geo.io import load_dataset, load_names
    from geo.uploads import read_register_upload

    if not path.is_file():
        raise ChoiceError(f"Fant ikke filen '{path}'.")
    return read_register_upload(
        path.read_bytes(), path.name, names=load_names(), tjenester=load_dataset().register.tjenester
    )


def _id(text: str) -> str:
    from store.links import id_problem

    if id_problem(text):
        raise ChoiceError(id_problem(text))
    return text


def _owner_key(args) -> str:
    if args.eiernokkel is not None:
        raise ChoiceError(
            f"Eiernøkkelen tas ikke som argument (prosesslisten viser den til alle på maskinen). Sett "
            f"{KEY_VARIABLE}, bruk --eiernokkel-fil FIL, eller skriv den når du blir spurt."
        )
    key = read_secret(variable=KEY_VARIABLE, path=args.eiernokkel_fil, prompt="Eiernøkkel: ", what="eiernøkkelen")
    if not key.isascii() or not key.isprintable():
        raise ChoiceError("Eiernøkkelen passer ikke til registeret; ingenting er endret.")
    return key


def _link(register_id: str) -> str:
    from store.links import link_query

    base = os.environ.get(URL_VARIABLE, "").strip() or DEFAULT_URL
    query = "&".join(f"{k}={v}" for k, v in link_query((register_id, None)).items())
    return f"{base.rstrip('/')}/?{query}"


def _confirm(args, registers, engine) -> None:
    found = registers.describe(engine, args.id)
    if found is None:
        raise ChoiceError(f"Fant ikke registeret «{args.id}».")
    if args.ja:
        return
    if not sys.stdin.isatty():
        raise ChoiceError("Sletting må bekreftes: legg til --ja (ingen kan svare på spørsmålet her).")
    answer = input(f"Slette «{found.title}» ({found.id}) med {found.versions} versjon(er) for godt? Skriv ja: ")
    if answer.strip().lower() != "ja":
        raise ChoiceError("Ikke slettet.")


def _run(args) -> int:
    from store import registers

    if hasattr(args, "id"):
        _id(args.id)
    if args.kommando == "eksporter":
        check_out(args.out, example="register.csv")
    key = _owner_key(args) if args.kommando in ("ny-versjon", "slett") else ""
    engine = registers.connect()
    if args.kommando == "lagre":
        saved = registers.save(
            engine, _read(args.fil), title=args.tittel, credit=args.kreditering, listed=args.offentlig
        )
        print(f"Lagret som {saved.id} (versjon 1).")
        print(f"Lenke: {_link(saved.id)}")
        print(f"Eiernøkkel (vises bare nå; trengs for nye versjoner og sletting): {saved.owner_key}")
    elif args.kommando == "ny-versjon":
        saved = registers.add_version(engine, args.id, _read(args.fil), owner_key=key)
        print(f"Lagret versjon {saved.version} av {saved.id}.")
        print(f"Lenke: {_link(saved.id)}")
    elif args.kommando == "liste":
        offset = (args.side - 1) * registers.LIST_PAGE
        page = registers.listed(engine, search=args.sok, offset=offset)
        if not page.total:
            nothing = f"Ingen offentlige registre har «{args.sok}» i tittelen." if args.sok else ""
            print(nothing or "Ingen offentlige registre er lagret.")
        elif not len(page.rows):
            print(f"Side {args.side} er tom; lista har {page.total} registre.")
        for row in page.rows.itertuples():
            print(
                f"{row.id}\t{row.tittel}\t{row.kreditering}\tkommuneinndeling {row.kommuneinndeling}\t"
                f"{row.versjoner} versjon(er)"
            )
        if len(page.rows) and page.total > offset + len(page.rows):
            shown = f"{offset + 1}–{offset + len(page.rows)}"
            print(f"Viser {shown} av {page.total}; neste side: --side {args.side + 1}.")
    elif args.kommando == "eksporter":
        from geo.files import write_atomic
        from geo.io import load_dataset, with_register
        from geo.spreadsheet import frame_to_csv, register_rows

        base = load_dataset()
        register = registers.open_register(engine, args.id, tjenester=base.register.tjenester, version=args.versjon)
        data = with_register(base, register, division=register.provenance.division)
        write_atomic(args.out, frame_to_csv(register_rows(data, data.register.rows["id"])))
        print(f"Skrev {args.out}.")
    else:
        _confirm(args, registers, engine)
        print(registers.delete(engine, args.id, owner_key=key).message())
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (ChoiceError, DataError) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, EOFError):
        print("\nAvbrutt; ingenting er endret.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
