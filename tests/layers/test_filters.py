"""Service codes as the register states them: resolved without case, unknown ones refused with the
valid ones, each register by its own table."""

import dataclasses

import pandas as pd
import pytest

from geo.choices import UnknownChoice
from layers.filters import resolve_service, service_title


def test_a_service_code_is_found_without_case_and_an_unknown_one_lists_the_valid(dataset):
    assert resolve_service(dataset, "legevakt") == "legevakt"
    assert resolve_service(dataset, "LegeVakt") == "legevakt"
    with pytest.raises(UnknownChoice, match="tjenestekode.*legevak.*legevakt"):
        resolve_service(dataset, "legevak")


def test_each_register_resolves_and_names_by_its_own_services(dataset):
    tjenester = pd.concat(
        [dataset.register.tjenester, dataset.register.tjenester.iloc[:1].assign(kode="ny", navn="Ny tjeneste")],
        ignore_index=True,
    )
    other = dataclasses.replace(dataset, register=dataclasses.replace(dataset.register, tjenester=tjenester))
    assert resolve_service(dataset, "legevakt") == "legevakt"  # the shipped table asked for first
    assert resolve_service(other, "NY") == "ny"
    assert service_title(other, ("ny",)) == "ny tjeneste"
    with pytest.raises(UnknownChoice):
        resolve_service(dataset, "ny")
