"""The README's analysis paragraph is what the data says today (written by scripts/analysis_readme.py)."""

import importlib.util
import re

from geo import settings


def test_the_analysis_paragraph_is_derived_from_the_register(dataset):
    spec = importlib.util.spec_from_file_location("analysis_readme", settings.ROOT / "scripts" / "analysis_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (settings.ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(f"{module.START}\n(.*?)\n{module.END}", readme, flags=re.S).group(1)
    assert block == module.summary(dataset)
    for layer in module.FIGURES:
        assert (settings.ROOT / "docs" / f"analyse-{layer}.png").stat().st_size > 10_000


def test_ci_runs_the_readmes_test_command():
    readme = (settings.ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"CI runs exactly this\):\n\n```bash\n(.+?)\n```", readme).group(1)
    assert command in (settings.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "eslint" in command and "pytest" in command


def test_every_picture_the_readme_shows_is_there():
    readme = (settings.ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert pictures and all((settings.ROOT / p).is_file() for p in pictures), pictures


def test_the_accessibility_statement_names_its_tests_and_what_does_not_conform():
    import json

    readme = (settings.ROOT / "README.md").read_text(encoding="utf-8")
    statement = re.search(r"## Tilgjengelighet.*?(?=\n## )", readme, flags=re.S).group(0)
    assert "WCAG 2.1 nivå AA" in statement and "Ikke oppfylt ennå" in statement
    for path in re.findall(r"`(tests/[\w/]+\.py)`", statement):
        assert (settings.ROOT / path).is_file(), path
    axe = json.loads((settings.ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert f"axe-core {axe}" in statement


def test_the_limits_the_readme_states_are_the_codes():
    from geo import limits
    from store import registers

    readme = " ".join((settings.ROOT / "README.md").read_text(encoding="utf-8").split())

    def spaced(n: int) -> str:
        return f"{n:,}".replace(",", " ")

    for stated in (
        f"høyst {limits.MAX_UPLOAD_MB} MiB, {spaced(limits.MAX_ROWS)} rader",
        f"{limits.MAX_COLUMNS} kolonner, {spaced(limits.MAX_CELL)} tegn per celle og "
        f"{spaced(limits.MAX_MEMBERSHIPS)} medlemskap",
        f"høyst {limits.MAX_TEXT} tegn hver",
        f"lagre {registers.MAX_CLIENT_VERSIONS_PER_HOUR} versjoner og "
        f"{spaced(registers.MAX_CLIENT_ROWS_PER_HOUR)} rader",
        f"lista viser {registers.LIST_PAGE} om gangen",
        f"svarer den ikke innen {registers.CALL_TIMEOUT_S} s",
    ):
        assert stated in readme, stated
    assert f"{registers.MAX_STORE_ROWS // 1_000_000} millioner rader" in readme
