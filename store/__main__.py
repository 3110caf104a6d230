"""Command line for the register store (the database is ``SAMARBEIDSKART_DB``, else the SQLite file):

    python -m store lagre FIL --tittel TEKST --kreditering TEKST [--offentlig]   (skriver id og eiernøkkel)
    python -m store ny-versjon ID FIL --eiernokkel NØKKEL
    python -m store liste
    python -m store eksporter ID [--versjon N] --out FIL.csv
    python -m store slett ID --eiernokkel NØKKEL

Bad files, unknown ids and wrong keys give a Norwegian message and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.choices import ChoiceError
from geo.errors import DataError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m store", description="Lagrede registre i Samarbeidskart.")
    sub = p.add_subparsers(dest="kommando", required=True)
    save = sub.add_parser("lagre", help="lagre en registerfil som nytt register")
    save.add_argument("fil", type=Path)
    save.add_argument("--tittel", required=True)
    save.add_argument("--kreditering", required=True, help="hvem som har laget registeret, til kildelinjen")
    save.add_argument("--offentlig", action="store_true", help="vis registeret i lista over lagrede registre")
    version = sub.add_parser("ny-versjon", help="legg til en ny versjon (krever eiernøkkelen)")
    version.add_argument("id")
    version.add_argument("fil", type=Path)
    version.add_argument("--eiernokkel", required=True)
    sub.add_parser("liste", help="de offentlige registrene")
    export = sub.add_parser("eksporter", help="en versjon som CSV i registerets format")
    export.add_argument("id")
    export.add_argument("--versjon", type=int)
    export.add_argument("--out", type=Path, required=True)
    delete = sub.add_parser("slett", help="slett et register med alle versjoner for godt (krever eiernøkkelen)")
    delete.add_argument("id")
    delete.add_argument("--eiernokkel", required=True)
    return p


def _read(path: Path):
    from geo.io import load_dataset, load_names
    from geo.uploads import read_register_upload

    if not path.is_file():
        raise ChoiceError(f"Fant ikke filen '{path}'.")
    return read_register_upload(
        path.read_bytes(), path.name, names=load_names(), tjenester=load_dataset().register.tjenester
    )


def _run(args) -> int:
    from store import registers

    engine = registers.connect()
    if args.kommando == "lagre":
        saved = registers.save(
            engine, _read(args.fil), title=args.tittel, credit=args.kreditering, listed=args.offentlig
        )
        print(f"Lagret som {saved.id} (versjon 1).")
        print(f"Eiernøkkel (vises bare nå; trengs for nye versjoner og sletting): {saved.owner_key}")
    elif args.kommando == "ny-versjon":
        saved = registers.add_version(engine, args.id, _read(args.fil), owner_key=args.eiernokkel)
        print(f"Lagret versjon {saved.version} av {saved.id}.")
    elif args.kommando == "liste":
        for row in registers.listed(engine).itertuples():
            print(
                f"{row.id}\t{row.tittel}\t{row.kreditering}\tkommuneinndeling {row.kommuneinndeling}\t"
                f"{row.versjoner} versjon(er)"
            )
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
        registers.delete(engine, args.id, owner_key=args.eiernokkel)
        print(f"Slettet {args.id} med alle versjoner.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (ChoiceError, DataError) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
