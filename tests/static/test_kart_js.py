"""The browser renderer tested like the print one: ``static/samarbeidskart/kart.js`` draws the payload
of every registered layer in a blank page (Leaflet and the script, no Streamlit, no server), and what
it draws — areas, their colours, edges and widths, lines, the highlight's dashes, hosts, labels, the
legend and the backdrop — is compared with the spec the payload was made from."""

from collections import Counter

import pytest

from geo import settings
from geo.io import load_dataset, load_names, with_register
from geo.uploads import read_register_upload
from layers import web_map
from layers.data import prepare_kommuner
from layers.filters import Filters
from layers.registry import LAYERS, build_layer
from layers.spec import CASING_PT, CONTEXT_STYLE, HIGHLIGHT_STYLES, HOST_STYLE, KONTEKST, LINE_OPACITY, SCREEN_PX_PER_PT
from tests.app.browser import chromium_available, launch
from tests.installed import require_installed

playwright = pytest.importorskip("playwright.sync_api")
require_installed(chromium_available(), "Chromium")

STATIC = settings.ROOT / "static"
#: What to draw of each layer: services and a chosen kommune, so that the highlight is drawn too.
FILTERS = {
    "dekning": Filters(tjenester=("legevakt",), kommune="3005"),
    "partnere": Filters(tjenester=("legevakt", "barnevernvakt"), kommune="3043"),
    "fylkesgrense": Filters(fylkesinndeling="2024", kommune="3054"),
    "nettverk": Filters(tjenester=("legevakt", "ppt", "barnevernvakt")),
}
#: Draw the payload on a new map and read back what Leaflet holds: each GeoJSON layer's features with
#: the style they were given, the circle markers, the labels' text and the legend's.
DRAW = """([view, geoms]) => {
  document.body.innerHTML = '<div id="m" style="width:1000px;height:700px"></div>';
  const map = L.map('m');
  const state = Samarbeidskart.draw(map, view, geoms, null);
  const out = {parts: [], hosts: [], labels: [], legend: ''};
  state.group.getLayers().forEach(layer => {
    if (layer instanceof L.GeoJSON) {
      const features = [];
      layer.eachLayer(f => {
        const o = f.getLayers ? f.getLayers()[0].options : f.options;
        features.push({props: f.feature.properties || {}, color: o.color, fillColor: o.fillColor, weight: o.weight,
                       fillOpacity: o.fillOpacity, opacity: o.opacity, dashArray: o.dashArray || null,
                       className: o.className || ""});
      });
      out.parts.push(features);
    } else if (layer instanceof L.CircleMarker) {
      const o = layer.options;
      out.hosts.push({color: o.color, fillColor: o.fillColor, weight: o.weight});
    }
  });
  out.labels = [...document.querySelectorAll('.sk-label')].map(l => l.innerText);
  out.legend = document.querySelector('.sk-legend').innerText;
  map.remove();
  return out;
}"""


def _part(drawn: dict, key: str) -> list[dict]:
    """The features of one GeoJSON layer drawn: areas carry a fill (``f``), the highlight dashes (``d``),
    lines only an edge; the backdrop has no properties."""
    found = {"areas": [], "highlight": [], "lines": [], "context": [], "casing": [], "outline": []}
    for features in drawn["parts"]:
        props = features[0]["props"] if features else {}
        cls = features[0]["className"] if features else ""
        kind = (
            "casing"
            if cls == "sk-casing"
            else "outline"
            if cls == "sk-outline"
            else "areas"
            if "f" in props
            else "highlight"
            if "d" in props
            else "lines"
            if "e" in props
            else "context"
        )
        found[kind] += features
    return found[key]


@pytest.fixture(scope="module")
def page():
    with playwright.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.set_content('<!doctype html><html lang="nb"><head></head><body></body></html>')
        page.add_style_tag(path=str(STATIC / "leaflet" / "leaflet.css"))
        page.add_style_tag(path=str(STATIC / "samarbeidskart" / "kart.css"))
        page.add_script_tag(path=str(STATIC / "leaflet" / "leaflet.js"))
        page.add_script_tag(path=str(STATIC / "samarbeidskart" / "kart.js"))
        yield page
        browser.close()


def _data(dataset, lag):
    if lag != "endringer":
        return dataset
    head = "id,navn,tjeneste,deltakere,deltakere_komplett,vertskommune,juridisk_form,etablert,kilde\n"
    old, new = (head + f'a,Legevakt,legevakt,"{m}",ja,Drammen,,,eget\n' for m in ("Drammen; Lier", "Drammen; Hole"))
    read = [read_register_upload(t.encode(), "r.csv", names=load_names(), tjenester=dataset.register.tjenester) for t in (old, new)]
    return with_register(dataset, read[1], division="2020", previous=read[0])


@pytest.mark.parametrize("lag", list(LAYERS))
def test_kart_js_draws_every_layer_as_its_spec_says(page, dataset, lag):
    data = _data(dataset, lag)
    kommuner = prepare_kommuner(data, "region")
    spec = build_layer(data, kommuner, lag, FILTERS.get(lag, Filters(kommune="3005")))
    drawn = page.evaluate(DRAW, list(web_map.payload(spec)))
    px = SCREEN_PX_PER_PT

    rows = spec.areas[(spec.areas["kind"] != KONTEKST) & ~spec.areas.geometry.is_empty]
    expected = Counter(
        (f, e, round(float(w) * px, 2), float(o)) for f, e, w, o in zip(rows["fill"], rows["edge"], rows["linewidth"], rows["opacity"])
    )
    areas = Counter((a["fillColor"], a["color"], a["weight"], float(a["fillOpacity"])) for a in _part(drawn, "areas"))
    assert areas == expected  # every area, in its fill, edge, width and opacity

    # every line that carries meaning over its casing, a wider line of the casing's colour
    extra = round(CASING_PT * px, 2)
    cased = rows[rows["casing"] != ""]
    casings = [(c, round(float(w) * px + extra, 2)) for c, w in zip(cased["casing"], cased["linewidth"])]
    if spec.lines is not None and len(spec.lines):
        casings += [(c, round(float(w) * px + extra, 2)) for c, w in zip(spec.lines["casing"], spec.lines["linewidth"])]
    if spec.highlight is not None:
        styles = [HIGHLIGHT_STYLES[k] for k in spec.highlight["kind"]]
        casings += [(s.casing, round(round(s.width * px, 2) + extra, 2)) for s in styles if s.casing]
    assert Counter((x["color"], round(x["weight"], 2)) for x in _part(drawn, "casing")) == Counter(casings)
    assert Counter((x["color"], x["weight"]) for x in _part(drawn, "outline")) == Counter(
        (e, round(float(w) * px, 2)) for e, w in zip(cased["edge"], cased["linewidth"])
    )

    context = _part(drawn, "context")
    assert {(c["color"], c["weight"]) for c in context} <= {(CONTEXT_STYLE.edge, round(CONTEXT_STYLE.width * px, 2))}

    lines = _part(drawn, "lines")
    if spec.lines is not None and len(spec.lines):
        assert Counter((x["color"], x["weight"]) for x in lines) == Counter(
            (e, round(float(w) * px, 2)) for e, w in zip(spec.lines["edge"], spec.lines["linewidth"])
        )
        assert {x["opacity"] for x in lines} == {LINE_OPACITY}
    else:
        assert lines == []

    highlight = _part(drawn, "highlight")
    want = Counter()
    if spec.highlight is not None:
        for kind in spec.highlight["kind"]:
            style = HIGHLIGHT_STYLES[kind]
            dash = " ".join(f"{round(x * px, 2):g}" for x in style.dash) or None
            want[(style.edge, round(style.width * px, 2), dash)] += 1
    assert Counter((h["color"], h["weight"], h["dashArray"]) for h in highlight) == want

    hosts = drawn["hosts"]
    assert len(hosts) == (0 if spec.points is None else len(spec.points))
    assert all((h["color"], h["fillColor"]) == (HOST_STYLE["edge"], HOST_STYLE["fill"]) for h in hosts)

    shown = spec.labels[spec.labels["vises"]] if spec.labels is not None else None
    assert sorted(drawn["labels"]) == sorted([] if shown is None else shown["text"])  # as wrapped, numbers too
    for entry in spec.legend + spec.highlight_legend():
        assert entry.label in drawn["legend"]


def test_kart_js_draws_the_dashes_of_arrangements_not_in_force(page):
    from geo.register import read_ordninger

    base = load_dataset()
    example = settings.DATA_DIR / "eksempler" / "samarbeid_over_tid.csv"
    register = read_ordninger(example, names=load_names(), tjenester=base.register.tjenester)
    data = with_register(load_dataset(division=register.provenance.division), register)
    spec = build_layer(data, prepare_kommuner(data, "region"), "regionrad", Filters(per=2018, ikke_i_kraft=True))
    assert spec.highlight is None  # no kommune chosen: every dashed line drawn is one of spec.lines
    drawn = page.evaluate(DRAW, list(web_map.payload(spec)))
    px = SCREEN_PX_PER_PT
    lines = _part(drawn, "lines") + _part(drawn, "highlight")  # lines with a dash carry ``d`` as the highlight does
    want = Counter(
        (e, round(float(w) * px, 2), " ".join(f"{round(x * px, 2):g}" for x in d) or None)
        for e, w, d in zip(spec.lines["edge"], spec.lines["linewidth"], spec.lines["dash"])
    )
    assert Counter((x["color"], x["weight"], x["dashArray"]) for x in lines) == want
    assert sum(n for (_, _, d), n in want.items() if d) == 3  # two ended, one not yet begun
