"""The seeds' cases as data (issue 22, item 6): the example register loads, maps as of a year before
and after its councils ended, names KHS's helseforetak, and makes overview documents."""

from geo import settings
from geo.io import load_dataset, load_names, with_register
from geo.register import read_ordninger
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.overview import kommune_overview, render_overview
from layers.registry import build_layer

EXAMPLE = settings.DATA_DIR / "eksempler" / "samarbeid_over_tid.csv"


def _example():
    base = load_dataset()
    register = read_ordninger(EXAMPLE, names=load_names(), tjenester=base.register.tjenester)
    data = with_register(load_dataset(division=register.provenance.division), register)
    return register, data, prepare_kommuner(data, "region")


def test_the_example_loads_with_its_former_kommuner_read_as_their_successors():
    register, data, _ = _example()
    assert register.provenance.title.startswith("Eksempel: samarbeid over tid")
    o = register.ordninger.set_index("id")
    drammen = next(k for k, v in data.names.display.items() if v == "Drammen")
    assert drammen in o.loc["radet-for-drammensregionen", "deltakere"]  # Nedre Eiker and Svelvik read as Drammen
    assert "Nedre Eiker som Drammen" in " ".join(register.notes)
    assert (
        not o.loc["khs", "deltakere_komplett"] and not o.loc["helseplattformen-oppgavefellesskap", "deltakere_komplett"]
    )


def test_the_councils_map_as_of_each_year_as_the_texts_say():
    _, data, kommuner = _example()

    def drawn(year):
        return set(build_layer(data, kommuner, "dekning", Filters(tjenester=("regionrad",), per=year)).ordninger)

    assert drawn(2011) == {"radet-for-drammensregionen", "vestregionen"}
    assert drawn(2014) == {"region-vestviken", "d5-regionen", "vestregionen"}  # the council split in two in 2012
    assert drawn(2018) == {"d5-regionen", "vestregionen"}  # Region Vestviken ended in 2016
    assert drawn(2025) == {"d5-regionen", "drammensregionen-ikpr"}  # Vestregionen ended on 1.1.2019


def test_as_of_2018_vestregionen_is_drawn_by_its_two_fylkeskommuner_and_as_of_2025_it_is_gone():
    _, data, kommuner = _example()
    then = build_layer(data, kommuner, "dekning", Filters(tjenester=("regionrad",), per=2018))
    outlines = [e.label for e in then.legend if e.line]
    assert outlines == [
        "Vestregionen: Akershus fylkeskommune (omriss)",
        "Vestregionen: Buskerud fylkeskommune (omriss)",
    ]
    assert len(then.lines) == 2 and not any(n.startswith("Går utenfor kartet") for n in then.notes)
    assert any("Vestregionen: Akershus fylkeskommune, Buskerud fylkeskommune" in n for n in then.notes)
    now = build_layer(data, kommuner, "dekning", Filters(tjenester=("regionrad",), per=2025))
    assert now.lines is None and "vestregionen" not in now.ordninger
    assert not any("Vestregionen" in e.label for e in now.legend)


def test_as_of_2025_khs_is_an_agreement_based_network_with_vestre_viken_hf():
    _, data, kommuner = _example()
    spec = build_layer(data, kommuner, "dekning", Filters(tjenester=("helsesamarbeid",), per=2025))
    assert set(spec.ordninger) == {"khs"}  # the planned oppgavefellesskap is not yet in force
    assert any("KHS): Vestre Viken HF (helseforetak)" in n for n in spec.notes)
    assert data.register.ordninger.set_index("id").loc["khs", "juridisk_form"] == "avtale"


def test_the_example_gives_overview_documents():
    _, data, _ = _example()
    drammen = next(k for k, v in data.names.display.items() if v == "Drammen")
    overview = kommune_overview(data, drammen)
    names = {r.navn for _, rows in overview.groups for r in rows}
    assert names == {"Rådet for Drammensregionen", "D5-regionen", "Drammensregionen"}
    statuses = {r.navn: r.status for _, rows in overview.groups for r in rows}
    assert statuses["Rådet for Drammensregionen"] == "avsluttet" and statuses["D5-regionen"] == ""
    assert render_overview(overview, "pdf").startswith(b"%PDF") and render_overview(overview, "docx")[:2] == b"PK"
