"""Corrections to the NIVI register, each derived from the report's own text (data/kilder)."""

import re

import pytest

from geo._text import normalise
from layers.filters import Filters
from layers.registry import build_layer


@pytest.fixture(scope="module")
def print_kommuner(dataset):
    from layers.data import prepare_kommuner

    return prepare_kommuner(dataset, "trykk")


@pytest.fixture(scope="module")
def rows(dataset):
    o = dataset.register.ordninger
    return {normalise(n): r for n, r in zip(o["navn"], o.to_dict("records"))}


@pytest.fixture(scope="module")
def task(dataset):
    t = dataset.register.tjenester
    return dict(zip(t["kode"], t["oppgave"]))


def _numbered_list(text: str, heading: str) -> list[str]:
    block = text.split(heading, 1)[1]
    items = []
    for line in block.splitlines():
        found = re.match(r"\s*\d+\.\s+(.+?)\s*$", line)
        if found:
            items.append(found.group(1))
        elif items and line.strip():
            break
    return items


def test_host_arrangements_are_administrative_as_section_3_3_finds_no_20_3_in_the_area(report_text, rows, dataset):
    # §3.3: NIVI found only three arrangements with a joint elected board (§20-3), all outside the area
    found = re.search(r"bare 3 eksempler på bruk av kommunelovens §20-3.*?gjelder (.+?)\.", report_text, re.S)
    examples = found.group(1)
    study = set(dataset.studieomrade["navn"])
    assert not any(kommune in examples for kommune in study)
    items = _numbered_list(report_text, "De tre kommunene i Numedal har etablert vertskommunesamarbeid om")
    assert len(items) >= 5
    for name in [*items, "Notodden og Hjartdal PPT"]:
        row = rows[normalise(name)]
        assert row["juridisk_form"] == "administrativ vertskommune", name
        assert "tekst 3.3" in row["kilde"] and "§20-3" in row["merknad"], name
    assert not any(r["juridisk_form"] == "vertskommunesamarbeid" for r in rows.values())


def test_notodden_og_hjartdal_ppt_is_model_2(report_text, rows):
    assert re.search(r"Notodden og Hjartdal har felles PP-\s*tjeneste \(modell 2\)", report_text)
    assert re.search(r"2\. Interkommunal PP-tjeneste, organisert som vertskommunesamarbeid", report_text)
    assert "modell 2" in rows[normalise("Notodden og Hjartdal PPT")]["kilde"]


def test_fire_prevention_cites_where_its_service_is_stated(report_text, rows):
    row = rows[normalise("Forebyggende brannvern Rollag og Flesberg")]
    assert re.search(r"^7\. Forebyggende brannvern Rollag og Flesberg", report_text, re.M)  # the Numedal list, 4.4
    assert re.search(r"^15 Felles brannvesen", report_text, re.M)  # Tabell 3.1 nr 15
    assert "Numedal-listen nr 7" in row["kilde"] and "tabell 3.1, oppgave 15" in row["kilde"]


def test_the_secretariat_of_drammensregionen_is_in_drammen(report_text, rows, dataset):
    assert re.search(r"fast sekretariat vil\s+være ansatt i Drammen kommune", report_text)
    row = rows[normalise("Drammensregionen IKPR")]
    assert dataset.names.display[row["vertskommune"]] == "Drammen" and "tekst 4.2" in row["kilde"]


def test_fire_prevention_is_not_a_joint_fire_service(dataset, print_kommuner, rows):
    row = rows[normalise("Forebyggende brannvern Rollag og Flesberg")]
    assert row["tjenester"] != ("brannvesen",) and row["merknad"]
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("brannvesen",)))  # Figur 5.17
    assert row["id"] not in spec.ordninger


def test_a_shared_consultant_is_not_a_joint_agriculture_office(dataset, print_kommuner, rows):
    row = rows[normalise("Felles miljø- og landbrukskonsulent Gol, Hemsedal")]
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("landbrukskontor",)))  # Figur 5.15
    assert row["id"] not in spec.ordninger and row["merknad"]


def test_building_inspection_and_fjordbyen_are_not_the_report_s_task_areas(report_text, rows, task):
    assert re.search(r"samarbeid om tilsyn i\s+byggesaker og ulovlighetsoppfølging", report_text)
    assert re.search(r"plansamarbeid etter Pbl §9-2\s*\(plansamarbeidet om Fjordbyen", report_text)
    tilsyn = rows[normalise("Tilsyn- og ulovlighetsoppfølging i Kongsbergregionen")]
    fjordbyen = rows[normalise("Interkommunalt plansamarbeid Fjordbyen")]
    assert "Byggesak" not in {task[c] for c in tilsyn["tjenester"]}
    assert "Interkommunal arealplan" not in {task[c] for c in fjordbyen["tjenester"]}
    assert tilsyn["merknad"] and fjordbyen["merknad"]


def test_fonk_counts_under_both_salary_and_accounting(report_text, rows, task):
    assert re.search(r"Figur 5\.3 Samarbeid om økonomitjenester", report_text)
    fonk = rows[normalise("Felles økonomifunksjon for Numedal (FØNK)")]
    assert {task[c] for c in fonk["tjenester"]} == {"Lønn", "Regnskap"}
    assert "lønn og regnskap" in fonk["merknad"]
