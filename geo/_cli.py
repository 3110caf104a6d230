"""What the command lines share: argparse in Norwegian, an output path checked before any work, and
a secret read without putting it on the command line (where the process list shows it)."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from pathlib import Path

from geo.choices import ChoiceError

_ENGLISH = {  # argparse's own messages, in Norwegian
    "unrecognized arguments": "ukjente argumenter",
    "expected one argument": "mangler en verdi",
    "invalid int value": "er ikke et heltall",
    "invalid choice": "ugyldig valg",
    "choose from": "velg blant",
    "the following arguments are required": "disse må oppgis",
    "argument": "argumentet",
}


class Parser(argparse.ArgumentParser):
    """argparse in Norwegian: its headings and its messages; a wrong call exits with code 2."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "bruk:")

    def format_help(self) -> str:
        text = super().format_help().replace("usage:", "bruk:").replace("options:", "valg:")
        text = text.replace("positional arguments:", "argumenter:")
        return text.replace("show this help message and exit", "vis denne hjelpen og avslutt")

    def error(self, message: str):
        for english, norsk in _ENGLISH.items():
            message = re.sub(rf"\b{english}\b", norsk, message)
        self.exit(2, f"Feil: {message}\nSe {self.prog} --help.\n")


def whole_number(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``, else a Norwegian message."""

    def parse(text: str) -> int:
        if not re.fullmatch(r"[0-9]{1,9}", text.strip()):
            raise argparse.ArgumentTypeError(f"må være et heltall fra {low} til {high}")
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"må være et heltall fra {low} til {high}, ikke {value}")
        return value

    return parse


def check_out(path: Path, *, example: str = "kart.png") -> None:
    """Refuse an output path that is a folder or lies in a folder that does not exist."""
    if path.is_dir():
        raise ChoiceError(f"'{path}' er en mappe; oppgi et filnavn, f.eks. {path / example}.")
    if path.parent != Path("") and not path.parent.exists():
        raise ChoiceError(f"Mappen '{path.parent}' finnes ikke.")


def read_secret(*, variable: str, path: Path | None, prompt: str, what: str) -> str:
    """A secret from the environment ``variable``, the file ``path`` (its first line; ``-``: standard
    input), or typed at ``prompt`` in a terminal — never from the command line itself."""
    if path is not None:
        try:
            lines = (sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")).splitlines()
        except (OSError, UnicodeDecodeError):
            raise ChoiceError(f"Kunne ikke lese {what} fra filen '{path}'.") from None
        return lines[0].strip() if lines else ""
    if os.environ.get(variable, "").strip():
        return os.environ[variable].strip()
    if sys.stdin.isatty():
        return getpass.getpass(prompt).strip()
    raise ChoiceError(
        f"Oppgi {what} i miljøvariabelen {variable}, i en fil med --eiernokkel-fil FIL (- for standard inn), "
        "eller skriv den når du blir spurt (i en terminal)."
    )
