"""Specs mean what they show: which kommune carries which arrangement's colour, and why."""

import dataclasses
import re

import pytest
import shapely

from geo import areas as geo_areas
from geo.counties import ERAS, county_of
from layers.coverage import MAX_FRAME_GROWTH
from layers.filters import Filters, resolve_service
from layers.registry import build_layer, resolve_layer

SERVICES = ["legevakt", "lvs", "barnevernvakt", "ppt", "iua"]


def _arrangements(dataset, code):
    o = geo_areas.select_arrangements(dataset.register, tjenester=[code])
    return geo_areas.touching_view(o, dataset.studieomrade["kommunenummer"])


@pytest.mark.parametrize("code", SERVICES)
def test_each_arrangement_covers_exactly_its_members(dataset, print_kommuner, code):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=(code,)))
    drawn = spec.areas[spec.areas["kind"] == "ordning"].set_index("key")
    expected = _arrangements(dataset, code).set_index("id")
    assert set(drawn.index) == set(expected.index)
    geom = dict(zip(print_kommuner["kommunenummer"], print_kommuner.geometry.values))
    for oid, row in drawn.iterrows():
        members = expected.loc[oid, "deltakere"]
        for knr in members:  # every member's point lies in the arrangement's area
            assert shapely.contains(row.geometry, shapely.point_on_surface(geom[knr])), (oid, knr)
        others = set(geom) - set(members)
        inside = [k for k in others if shapely.contains(row.geometry, shapely.point_on_surface(geom[k]))]
        assert inside == [], (oid, inside)


@pytest.mark.parametrize("code", SERVICES)
def test_neighbouring_arrangements_never_share_a_colour(dataset, print_kommuner, code):
    drawn = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=(code,))).areas.query("kind == 'ordning'")
    for a, b in geo_areas.neighbour_pairs(drawn.geometry):
        assert drawn["fill"].iloc[a] != drawn["fill"].iloc[b], (drawn["navn"].iloc[a], drawn["navn"].iloc[b])


@pytest.mark.parametrize("code", SERVICES)
def test_own_service_kommuner_are_marked(dataset, print_kommuner, code):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=(code,)))
    covered = {k for d in _arrangements(dataset, code)["deltakere"] for k in d}
    expected = set(dataset.studieomrade["kommunenummer"]) - covered
    assert set(spec.areas.query("kind == 'egen'")["key"]) == expected
    if expected:
        assert "Egen tjeneste (ingen ordning)" in [e.label for e in spec.legend]


def test_kongsberg_has_its_own_barnevernvakt_as_the_report_says(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("barnevernvakt",)))
    assert "3006" in set(spec.areas.query("kind == 'egen'")["key"])


def test_a_kommune_in_two_legevakt_arrangements_is_visibly_in_both(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt",)))
    drawn = spec.areas.query("kind == 'ordning'").set_index("key")
    assert not drawn.loc["hallingdal-legevakt", "hatch"]
    assert drawn.loc["ovre-hallingdal-legevakt", "hatch"]  # drawn on top, hatched
    assert drawn.loc["hallingdal-legevakt", "fill"] != drawn.loc["ovre-hallingdal-legevakt", "fill"]
    order = list(spec.areas["key"])
    assert order.index("ovre-hallingdal-legevakt") > order.index("hallingdal-legevakt")
    hol = spec.areas.query("kind == 'kommune' and key == '3044'")["tooltip"].iloc[0]
    assert "Hallingdal legevakt" in hol and "Øvre Hallingdal legevakt" in hol
    assert {e.label for e in spec.legend if e.hatch} >= {"Øvre Hallingdal legevakt"}


def test_an_arrangement_is_named_outside_those_drawn_inside_it(dataset, print_kommuner):
    """Hallingdal legevakt's name stands in its kommuner outside Øvre Hallingdal (Ål, Hol), not under
    the stripes of the arrangement drawn on top of it."""
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt",), omrade="Hallingdal"))
    label = spec.labels.set_index("key").loc["hallingdal-legevakt"]
    geom = print_kommuner.set_index("kommunenummer").geometry
    assert not any(shapely.intersects(label.geometry, geom[k]) for k in ("3043", "3044"))
    assert any(shapely.intersects(label.geometry, geom[k]) for k in ("3039", "3040", "3041", "3042"))


def test_two_services_with_identical_members_do_not_make_an_umbrella(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt", "ppt")))
    drawn = spec.areas.query("kind == 'ordning'").set_index("key")
    assert not drawn.loc["hallingdal-legevakt", "hatch"]
    assert drawn.loc["ovre-hallingdal-legevakt", "hatch"] and drawn.loc["ppt-for-al-og-hol", "hatch"]


def test_members_outside_the_study_area_are_drawn(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt",)))
    gil = spec.areas.query("key == 'gil' or navn == 'Gjøvik interkommunale legevakt (GIL)'")
    gjovik = print_kommuner.set_index("kommunenummer").geometry["3407"]
    assert shapely.contains(gil.geometry.iloc[0], shapely.point_on_surface(gjovik))


def test_hosts_are_marked(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("lvs",)))
    hosts = set(spec.points["navn"])
    expected = {dataset.names.display[h] for h in _arrangements(dataset, "lvs")["vertskommune"] if h}
    assert hosts == expected and "Ål" in hosts
    assert any(e.marker for e in spec.legend)


def test_count_layer_counts_memberships(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "antall", Filters())
    classes = spec.areas.query("kind == 'klasse'").set_index("key")
    members = dataset.register.medlemskap["kommunenummer"].value_counts()
    assert set(classes.index) == set(dataset.studieomrade["kommunenummer"])
    for knr, row in classes.iterrows():
        assert row["tooltip"].endswith(f"{members[knr]} ordninger")
    # each kommune's colour is the class its count falls in
    bounds = []
    for entry in (e for e in spec.legend if not e.number):  # the classes (numbered keys name kommuner)
        low, _, high = entry.label.partition("–")
        bounds.append((int(low), int(high or low), entry.fill))
    for knr, row in classes.iterrows():
        n = members[knr]
        assert [fill for lo, hi, fill in bounds if lo <= n <= hi] == [row["fill"]]


def test_count_layer_restricted_to_a_sector(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "antall", Filters(sektor="Helse"))
    assert "Helse" in spec.title or "helse" in spec.title
    health = geo_areas.select_arrangements(dataset.register, sektor="Helse")
    counts = geo_areas.count_per_kommune(health, ["3043"])
    tooltip = spec.areas.query("key == '3043' and kind == 'klasse'")["tooltip"].iloc[0]
    assert tooltip.endswith(f"{counts['3043']} ordninger")


def test_crossings_follow_the_county_table_per_era(dataset, print_kommuner):
    o = dataset.register.ordninger.set_index("id")
    totals = {}
    for era in ERAS:
        spec = build_layer(dataset, print_kommuner, "fylkesgrense", Filters(fylkesinndeling=era))
        county = county_of(dataset.fylker, era)["fylkesnavn"]
        expected = sum(county.loc[list(d)].nunique() > 1 for d in o["deltakere"])
        assert spec.table.frame["antall"].sum() == expected
        assert str(expected) in spec.subtitle
        assert spec.notes and ERAS[era].rule in spec.notes[0]
        totals[era] = expected
    crosses = {
        era: set(geo_areas.crossings(dataset.register.ordninger, county_of(dataset.fylker, era))["id"]) for era in ERAS
    }
    # Lunner and Jevnaker were both in Oppland, then both in Viken, then both in Akershus.
    assert not any("lunner-og-jevnaker-voksenopplaering" in crosses[e] for e in ("2019", "2020", "2024"))
    assert [("lunner-og-gran-legevakt" in crosses[e]) for e in ("2019", "2020", "2024")] == [False, True, True]


@pytest.mark.parametrize("era", list(ERAS))
def test_county_borders_agree_with_the_county_table(dataset, print_kommuner, era):
    county = county_of(dataset.fylker, era)
    polygons = geo_areas.dissolve_counties(print_kommuner, county).set_index("fylke").geometry
    points = shapely.point_on_surface(print_kommuner.geometry.values)
    for knr, point in zip(print_kommuner["kommunenummer"], points):
        assert shapely.contains(polygons[county.loc[knr, "fylke"]], point), knr


def test_crossing_map_draws_the_borders_of_the_era(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "fylkesgrense", Filters(fylkesinndeling="2024"))
    assert len(spec.lines) > 0
    assert any("2024" in e.label for e in spec.legend if e.line)


def test_regional_councils(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "regionrad", Filters())
    drawn = set(spec.areas.query("kind == 'ordning'")["key"])
    assert {"regionradet-for-hallingdal", "kongsbergregionen-ikpr", "ringeriksregionen-ikpr"} <= drawn
    umbrella = spec.areas.query("kind == 'ordning' and key == 'osloregionen-ikpr'").iloc[0]
    assert umbrella["hatch"] and umbrella["label"] == ""


def test_highlight_a_kommune_and_its_partners(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("ppt",), kommune="3043"))
    assert list(spec.highlight.query("kind == 'valgt'")["key"]) == ["3043"]
    assert list(spec.highlight.query("kind == 'partner'")["key"]) == ["3044"]  # PPT for Ål og Hol
    assert not spec.areas["kind"].isin(["valgt", "partner"]).any()  # never mixed into the areas


def test_region_and_layer_and_service_errors_list_the_valid_ones(dataset, print_kommuner):
    with pytest.raises(ValueError, match=r"Mente du legevakt\?.*Gyldige: .*lvs"):
        resolve_service(dataset, "legevak")
    with pytest.raises(ValueError, match=r"Ukjent område 'Hallingdl'.*Mente du Hallingdal\?"):
        build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("lvs",), omrade="Hallingdl"))
    with pytest.raises(ValueError, match=r"Gyldige: dekning, antall, fylkesgrense, regionrad, .* eller nye\."):
        resolve_layer("kart")


def test_a_county_view_zooms_to_the_county(dataset, print_kommuner):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("iua",), omrade="Vestfold og Telemark"))
    vt = print_kommuner[print_kommuner["kommunenummer"].str.startswith("38")]
    x0, y0, x1, y1 = shapely.total_bounds(vt.geometry.values)
    bx0, by0, bx1, by1 = spec.bounds
    assert bx0 <= x0 and by0 <= y0 and bx1 >= x1 and by1 >= y1
    # grown only to hold its arrangements whole (never more than MAX_FRAME_GROWTH times the view)
    span = max(x1 - x0, y1 - y0)
    assert max(bx1 - bx0, by1 - by0) <= 1.05 * (MAX_FRAME_GROWTH + 1) * span
    drawn = spec.areas.query("kind == 'ordning'")
    grown = shapely.total_bounds(drawn.geometry.values)
    assert bx0 <= grown[0] or any("utenfor kartet" in n for n in spec.notes)


def test_thinned_kommuner_stay_a_coverage(screen_kommuner, print_kommuner):
    assert shapely.coverage_is_valid(screen_kommuner.geometry.values)
    assert (
        shapely.get_num_coordinates(screen_kommuner.geometry.values).sum()
        < 0.7 * shapely.get_num_coordinates(print_kommuner.geometry.values).sum()
    )


def test_filters_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Filters().region = "x"


@pytest.mark.parametrize("code", ["legevakt", "iua", "veterinaervakt", "kontrollutvalg"])
def test_adjacency_from_members_equals_touching_geometry(dataset, print_kommuner, code):
    chosen = geo_areas.touching_view(
        geo_areas.select_arrangements(dataset.register, tjenester=[code]), dataset.studieomrade["kommunenummer"]
    )
    dissolved = geo_areas.dissolve_arrangements(chosen, print_kommuner)
    by_members = geo_areas.touching_arrangements([frozenset(d) for d in dissolved["deltakere"]], dataset.naboer)
    assert sorted(by_members) == sorted(geo_areas.neighbour_pairs(dissolved.geometry))


@pytest.mark.parametrize(
    "layer, filters",
    [
        ("dekning", Filters(tjenester=("ppt",), kommune="3043")),
        ("antall", Filters(kommune="3043")),
        ("fylkesgrense", Filters(fylkesinndeling="2024", kommune="3043")),
    ],
)
def test_a_chosen_kommune_changes_only_the_highlight(dataset, print_kommuner, layer, filters):
    lit = build_layer(dataset, print_kommuner, layer, filters)
    plain = build_layer(dataset, print_kommuner, layer, dataclasses.replace(filters, kommune=None))
    assert plain.highlight is None and lit.highlight is not None
    assert lit.legend == plain.legend and lit.ordninger == plain.ordninger
    assert lit.areas.drop(columns="geometry").equals(plain.areas.drop(columns="geometry"))
    assert "3043" in set(lit.highlight.query("kind == 'valgt'")["key"])


def test_spec_names_the_arrangements_behind_it(dataset, print_kommuner):
    crossing = build_layer(dataset, print_kommuner, "fylkesgrense", Filters(fylkesinndeling="2024"))
    county = county_of(dataset.fylker, "2024")["fylkesnavn"]
    o = dataset.register.ordninger.set_index("id")
    assert crossing.ordninger and all(county.loc[list(o.loc[i, "deltakere"])].nunique() > 1 for i in crossing.ordninger)
    coverage = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("lvs",)))
    assert set(coverage.ordninger) == set(coverage.areas.query("kind == 'ordning'")["key"])


def test_own_service_only_where_every_kommune_has_the_service(dataset, print_kommuner):
    """No arrangement is not the same as an own service: an inland kommune runs no harbour."""
    havn = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("havn",)))
    labels = {e.label for e in havn.legend}
    assert "Ingen ordning registrert" in labels and "Egen tjeneste (ingen ordning)" not in labels
    assert "egen" not in set(havn.areas["kind"]) and "3043" in set(havn.areas.query("kind == 'ingen'")["key"])
    legevakt = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("barnevernvakt",)))
    assert "3006" in set(legevakt.areas.query("kind == 'egen'")["key"])  # Kongsberg's own barnevernvakt


def test_a_double_member_shows_both_colours_never_a_blend(dataset, print_kommuner):
    """Holmestrand is in two legevakt arrangements: the one drawn last is its ground colour, and
    stripes in the other's colour lie over it; no fill is translucent, so nothing blends."""
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=("legevakt",)))
    arrangements = spec.areas.query("kind == 'ordning' and not hatch")
    assert (arrangements["opacity"] == 1.0).all()
    members = dataset.register.ordninger.set_index("id")["deltakere"]
    holding = [r for r in arrangements.itertuples() if "3802" in members[r.key]]
    assert len(holding) == 2
    stripes = spec.areas.query("kind == 'striper' and key == '3802'")
    assert list(stripes["fill"]) == [holding[0].fill]  # the first drawn shows as stripes over the second
    assert any("flere ordninger" in e.label for e in spec.legend)


@pytest.mark.parametrize("code", ["legevakt", "iua", "renovasjon", "revisjon"])
def test_the_frame_never_cuts_an_arrangement_silently(dataset, print_kommuner, code):
    spec = build_layer(dataset, print_kommuner, "dekning", Filters(tjenester=(code,)))
    frame = shapely.box(*spec.bounds)
    cut = [r.navn for r in spec.areas.query("kind == 'ordning'").itertuples() if not frame.contains(r.geometry)]
    noted = " ".join(spec.notes)
    assert all(name in noted for name in cut), cut


def test_the_count_layer_opens_with_the_report_s_figur_2_2_wording(dataset, print_kommuner, report_text):
    from layers.state import ViewState

    caption = re.search(r"Figur 2\.2 (Antall .*? pr kommune)", report_text).group(1)
    state = ViewState(lag="antall")  # the layer's own default: all services
    spec = build_layer(dataset, print_kommuner, state.lag, state.filters())
    assert spec.title == caption
