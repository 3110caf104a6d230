"""The atlas printed to A4: every page an A4 page, no word broken across lines, and no arrangement
cut by the frame without the page saying so."""

import re

import pytest
import shapely

from layers.figures import FIGURES, figure_title
from layers.registry import build_layer
from layers.static_map import A4_HEIGHT, A4_WIDTH, render_static


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w()./–·:§%-]+", text))


@pytest.fixture(scope="module")
def pages(dataset, print_kommuner):
    return [(f, build_layer(dataset, print_kommuner, f.layer, f.filters)) for f in FIGURES]


def test_every_page_is_a4_and_no_word_is_broken(pages):
    for figure, spec in pages:
        fig = render_static(spec, figure_title=figure_title(figure), page="a4")
        assert tuple(fig.get_size_inches()) == pytest.approx((A4_WIDTH, A4_HEIGHT))
        sources = " ".join(
            [
                figure_title(figure),
                spec.title,
                spec.subtitle,
                spec.source,
                *spec.notes,
                *(e.label for e in spec.legend + spec.highlight_legend()),
                spec.legend_title,
                *([] if spec.labels is None else spec.labels["text"]),
                *([] if spec.labels is None else spec.labels["fulltekst"]),
                *([] if spec.table is None else spec.table.display().astype(str).to_numpy().ravel()),
                *([] if spec.table is None else [spec.table.title, *spec.table.columns.values()]),
            ]
        )
        fixed = "og rader til (hele tabellen står i appen og i dataeksporten) (hele tabellen står i appen) km"
        known = _words(sources) | _words(fixed)
        known |= {part for w in known for part in w.split("-")}  # a line may break after a hyphen
        texts = [t.get_text() for t in fig.texts] + [t.get_text() for leg in fig.legends for t in leg.get_texts()]
        texts += [t.get_text() for t in fig.axes[0].texts]
        for text in texts:
            for word in _words(text):
                whole = word in known or word.rstrip("-") + "-" in sources or word.rstrip(":") in known
                assert whole or word.endswith("…") or word.isdigit(), (figure.title, word, text)


def test_no_arrangement_is_cut_without_a_note(pages):
    for figure, spec in pages:
        if figure.layer not in ("dekning", "regionrad"):
            continue
        frame = shapely.box(*spec.bounds)
        cut = [r.navn for r in spec.areas.query("kind == 'ordning'").itertuples() if not frame.contains(r.geometry)]
        assert all(name in " ".join(spec.notes) for name in cut), (figure.title, cut)
