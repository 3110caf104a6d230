"""Shared for the hostile-input suites: the corpus, and running a case under a budget."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

from geo import settings

CORPUS = settings.ROOT / "tests" / "data" / "bad_registers"
EXPECTED = {c["fil"]: c["forventet"] for c in csv.DictReader(open(CORPUS / "expected.csv", encoding="utf-8"))}

#: Run one corpus file through the reader in a fresh process with a CPU and memory budget; print
#: the outcome as JSON: {"ok": n} or {"feil": [problems]}, or anything else on a crash.
_RUNNER = r"""
import json, resource, sys
resource.setrlimit(resource.RLIMIT_CPU, (int(sys.argv[2]), int(sys.argv[2])))
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]) * 2**20, int(sys.argv[3]) * 2**20))
from pathlib import Path
from geo.errors import DataError
from geo.io import load_dataset, load_names
from geo.uploads import read_register_upload
path = Path(sys.argv[1])
data = load_dataset()
try:
    reg = read_register_upload(path.read_bytes(), path.name, names=load_names(), tjenester=data.register.tjenester)
    print(json.dumps({"ok": len(reg.ordninger)}))
except DataError as exc:
    print(json.dumps({"feil": [str(p) for p in exc.problems]}))
"""


def read_under_budget(name: str, *, cpu_s: int = 20, memory_mb: int = 2500, wall_s: float = 40.0) -> dict:
    """Read corpus file ``name`` in a subprocess limited to ``cpu_s`` of CPU and ``memory_mb`` of memory."""
    out = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(CORPUS / name), str(cpu_s), str(memory_mb)],
        cwd=settings.ROOT,
        capture_output=True,
        text=True,
        timeout=wall_s,
        env={**os.environ, "PYTHONPATH": str(settings.ROOT)},
    )
    assert out.returncode == 0, f"{name}: prosessen endte med {out.returncode}: {out.stderr[-800:]}"
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def names():
    from geo.io import load_names

    return load_names()


def read_case(name: str, dataset, names):
    """Read corpus file ``name`` in this process: the register, or the DataError."""
    from geo.errors import DataError
    from geo.uploads import read_register_upload

    try:
        return read_register_upload(
            (CORPUS / name).read_bytes(), name, names=names, tjenester=dataset.register.tjenester
        )
    except DataError as exc:
        return exc
