"""The analysis layers mean what they show on the NIVI register: each kommune's colour is its
class from the pure measures in geo.analysis, and the tables and notes say the same."""

import math

import pytest

from geo import analysis
from geo import areas as geo_areas
from layers import network, palette, partners
from layers.filters import INDEX_SERVICES, Filters
from layers.registry import build_layer


def _fills(spec):
    return spec.areas.query("kind == 'klasse'").set_index("key")["fill"].to_dict()


def _study(dataset):
    return sorted(dataset.studieomrade["kommunenummer"])


def test_partner_overlap_colours_each_kommune_by_its_class(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "partnere", Filters(tjenester=("legevakt", "barnevernvakt")))
    expected = analysis.partner_overlap(dataset.register.ordninger, "legevakt", "barnevernvakt", _study(dataset))
    fills = _fills(spec)
    for k, klass in zip(expected["kommunenummer"], expected["klasse"]):
        assert fills[k] == partners.OVERLAP_STYLE[klass][1], k
    assert len(spec.table.frame) == len(expected)
    assert {e.label for e in spec.legend} >= {
        partners.OVERLAP_STYLE[c][0] for c in set(expected["klasse"]) if "{" not in partners.OVERLAP_STYLE[c][0]
    }
    assert "barnevernvakt" in spec.title.lower() and "legevakt" in spec.title.lower()


def test_partner_overlap_needs_exactly_two_services(dataset, print_kommuner):
    with pytest.raises(ValueError, match="nøyaktig 2 tjenester"):
        build_layer(dataset, print_kommuner, "partnere", Filters(tjenester=("legevakt",)))


def test_consolidation_index_classes_counts_and_plain_words(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "konsolidering", Filters(tjenester=INDEX_SERVICES))
    expected = analysis.consolidation(dataset.register.ordninger, INDEX_SERVICES, _study(dataset))
    colours = [c for _, c in partners._index_legend()]
    fills = _fills(spec)
    labels = set(spec.labels["fulltekst"])  # written on the map, or keyed by number in the legend
    for k, value, n in zip(expected["kommunenummer"], expected["indeks"], expected["tjenester"]):
        want = partners.NOT_COMPUTED if math.isnan(value) else colours[partners._index_class(value)]
        assert fills[k] == want, k
        shown = "–" if math.isnan(value) else f"{value:.2f}".replace(".", ",")
        assert f"{dataset.names.display[k]}\n{shown} ({n})" in labels, k  # each value with its services
    # below the minimum a kommune has no value, in the table as on the map (empty, never a guess)
    few = expected[expected["tjenester"] < analysis.MIN_INDEX_SERVICES]["kommunenummer"]
    table = spec.table.frame.set_index("kommune")
    assert all(table.loc[dataset.names.display[k], "indeks"] == "" for k in few)
    assert all("," in v for v in table["indeks"] if v)  # the Norwegian decimal comma, as on the map
    assert any("1 betyr nøyaktig de samme partnerne" in n for n in spec.notes)
    assert not any("∩" in n or "Jaccard" in n for n in spec.notes)  # no set notation on the map


def test_the_default_services_say_why_and_where_they_differ_from_nibr(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "additiv", Filters(tjenester=("legevakt",)))
    assert any("Færre enn to tjenester valgt" in n for n in spec.notes)
    assert "iua" not in INDEX_SERVICES and any("ikke IUA" in n for n in spec.notes)
    acute = sum("intermediaer" in t for t in dataset.register.ordninger["tjenester"])
    assert any(n.startswith("NIBRs figur 4.1") and f"registeret har {acute} slike" in n for n in spec.notes)
    expected = analysis.consolidation(dataset.register.ordninger, INDEX_SERVICES, _study(dataset))
    colours = palette.sequential(len(INDEX_SERVICES) + 1)
    fills = _fills(spec)
    for k, n in zip(expected["kommunenummer"], expected["tjenester"]):
        assert fills[k] == colours[n], k
    overlap = build_layer(dataset, print_kommuner, "partnere", Filters(tjenester=("legevakt", "barnevernvakt")))
    assert any(n.startswith("NIBRs figur 4.5 bygger på legevakt og ø-hjelp") for n in overlap.notes)


def test_network_edges_are_the_shared_arrangements(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "nettverk", Filters(tjenester=("legevakt", "ppt", "barnevernvakt")))
    chosen = geo_areas.touching_view(
        geo_areas.select_arrangements(dataset.register, tjenester=["legevakt", "ppt", "barnevernvakt"]), _study(dataset)
    )
    weights = analysis.partner_weights(chosen)
    study = set(_study(dataset))
    weights = weights[weights["a"].isin(study) & weights["b"].isin(study)]  # edges drawn inside the area
    limit = min(network.MAX_EDGES, network.EDGES_PER_KOMMUNE * len(study))
    assert len(spec.lines) == min(len(weights), limit)
    assert len(weights) <= limit or any(f"sterkeste av {len(weights)} samarbeidspar" in n for n in spec.notes)
    widths = spec.lines["linewidth"].to_numpy()
    assert (widths[:-1] >= widths[1:]).all()  # heaviest first, widest first
    top = spec.table.frame.iloc[0]
    assert top["vekt"] == weights["vekt"].max()
    lit = build_layer(dataset, print_kommuner, "nettverk", Filters(tjenester=("legevakt",), kommune="3043"))
    assert lit.table.title.startswith("Åls partnere")


def test_hosting_counts_unknown_hosts_apart(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "vertskap", Filters())
    chosen = geo_areas.touching_view(dataset.register.ordninger, _study(dataset))
    unknown = int((chosen["vertskommune"] == "").sum())
    assert (
        f"{len(chosen) - unknown} av {len(chosen)} ordninger har oppgitt vertskommune, {unknown} ukjent"
        in spec.subtitle
    )
    hosted_here = chosen[chosen["vertskommune"].isin(_study(dataset))]
    assert spec.table.frame["vert_for"].sum() == len(hosted_here)
    assert any("ukjent, ikke som at ingen er vert" in n for n in spec.notes)
