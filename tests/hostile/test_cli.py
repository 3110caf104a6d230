"""The command line never prints a trace for bad arguments or paths: exit 2 and a Norwegian message."""

import subprocess
import sys

import pytest

from geo import settings


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "layers.export", *args],
        cwd=cwd or settings.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(settings.ROOT), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tjenester", "ppt", "--out", "{tmp}"], "er en mappe"),
        (["--tjenester", "ppt", "--out", "{tmp}/k.png", "--dpi", "999999"], "--dpi må være mellom"),
        (["--tjenester", "ppt", "--out", "{tmp}/k.png", "--dpi", "-1"], "--dpi må være mellom"),
        (["--tjenester", "ppt", "--format", "png", "--out", "{tmp}/kart.svg"], "slutter ikke på .png"),
        (["--tjenester", "ppt", "--out", "{tmp}/finnes/ikke/k.png"], "finnes ikke"),
        (["--register", "{tmp}", "--tjenester", "ppt", "--out", "{tmp}/k.png"], "Fant ikke registerfilen"),
        (["--tjenester", "ppt", "--out", "{tmp}/k.png", "--ukjent"], "ukjente argumenter"),
        (["--tjenester"], "mangler en verdi"),
    ],
)
def test_bad_arguments_exit_2_with_a_norwegian_message(tmp_path, args, message):
    out = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert out.returncode == 2, out.stderr
    assert message in out.stderr and "Traceback" not in out.stderr + out.stdout
    assert out.stderr.startswith("Feil: ")


def test_help_is_norwegian():
    out = run("--help")
    assert out.returncode == 0 and out.stdout.startswith("bruk:") and "valg:" in out.stdout
    assert "usage" not in out.stdout and "show this help" not in out.stdout
