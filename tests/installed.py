"""The real parts the tests start themselves (Chromium, PostgreSQL): missing in CI is a failure,
missing on a developer's machine a skip."""

import os

import pytest


def require_installed(present: bool, what: str, *, pronoun: str = "den", module: bool = True) -> None:
    """Fail (in CI) or skip (elsewhere) unless ``what`` is installed.

    ``pronoun`` is "den" for one part and "dem" for several; ``module`` skips the whole test module.
    """
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} mangler i CI; scripts/setup.sh skal installere {pronoun}.", pytrace=False)
    pytest.skip(f"{what} er ikke installert (kjør scripts/setup.sh som root)", allow_module_level=module)
