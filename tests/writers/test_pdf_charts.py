"""The memo's chart layout (where each mark goes, no canvas) and the chart flowable."""

from __future__ import annotations

import io
from itertools import pairwise

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from deckmaker import chartplan
from deckmaker.model import Figure, Series
from deckmaker.writers.pdf.chartlayout import (
    LABEL_PT, MAX_HEIGHT, Box, ChartLayout, Rule, Slice, Text, Trace, chart_layout,
)
from deckmaker.writers.pdf.charts import figure_drawing
from deckmaker.writers.pdf.styles import Palette

WIDTH = 426
FONT = "Helvetica"


def _figure(kind: str, categories, *series, unit="USD bn") -> Figure:
    return Figure("Figure 1", "fig", kind, f"A {kind} chart", unit, tuple(categories),
                  tuple(Series(name, tuple(values)) for name, values in series))


@pytest.fixture(scope="module")
def palette(sample_doc) -> Palette:
    return Palette.of(sample_doc.theme)


def _layout(figure: Figure, palette: Palette) -> ChartLayout:
    return chart_layout(figure, WIDTH, palette, lambda _text: FONT)


def _shapes(layout: ChartLayout, kind: type) -> list:
    return [s for s in layout.shapes if type(s) is kind]


def _text_extent(text: Text) -> tuple[float, float]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return text.x, text.x + stringWidth(text.text, text.font, text.size)


def _bars(layout: ChartLayout, palette: Palette) -> list[Box]:
    """Bars, not legend swatches (those are SWATCH points square under the plot)."""
    return [b for b in _shapes(layout, Box) if b.width != 7 or b.height != 7]


FIGURES = [
    _figure("column", ["a", "b", "c"], ("Big", [1234567, 0, -5])),
    _figure("bar", ["north", "south"], ("Series 0", [11, 12]), ("Series 1", [21, 22])),
    _figure("bar", ["North Korea", "Russia", "China"], ("Balance", [-3, -12.5, -40])),
    _figure("line", [f"2020-{i:02d}" for i in range(1, 51)],
            *((f"Ministry statement count {k}", [(i * k) % 17 for i in range(50)])
              for k in range(1, 9))),
    _figure("pie", [f"Province number {i} with a long name" for i in range(50)],
            ("Share", [i + 1 for i in range(50)])),
    _figure("pie", ["China", "Russia"], ("Share", [3, 1])),
]


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.kind)
def test_every_mark_lies_inside_the_chart(figure, palette):
    layout = _layout(figure, palette)
    assert layout.height <= MAX_HEIGHT
    for text in layout.texts:
        left, right = _text_extent(text)
        assert 0 <= left and right <= WIDTH + 0.01 and 0 <= text.y <= layout.height, text
    for box in _shapes(layout, Box):
        assert 0 <= min(box.x, box.x + box.width) and max(box.x, box.x + box.width) <= WIDTH
        assert 0 <= min(box.y, box.y + box.height) <= max(box.y, box.y + box.height) \
            <= layout.height
    for piece in _shapes(layout, Slice):
        assert piece.radius <= piece.cx and piece.cx + piece.radius <= WIDTH
        assert piece.radius <= piece.cy and piece.cy + piece.radius <= layout.height


def test_columns_stand_on_zero_and_carry_their_values_in_full(palette):
    figure = FIGURES[0]
    layout = _layout(figure, palette)
    words = {t.text for t in layout.texts}
    axis = chartplan.plan(figure).axis
    assert {"1,234,567", "0", "-5", "1,500,000", "-500,000"} <= words
    zero = next(t for t in layout.texts if t.text == "0" and t.x < 38)  # the axis's zero
    bars = _bars(layout, palette)
    assert len(bars) == 2  # the zero bar is not drawn, its label is
    assert {round(b.y, 6) for b in bars} == {round(zero.y + 0.4 * LABEL_PT, 6)}
    assert bars[0].height > 0 > bars[1].height
    gridlines = [r for r in _shapes(layout, Rule) if r.width < 1]
    assert len(gridlines) == round((axis.high - axis.low) / axis.step) + 1


def test_horizontal_bars_run_top_down_in_legend_order_with_values_clear_of_them(palette):
    layout = _layout(FIGURES[1], palette)
    bars = _bars(layout, palette)
    top_down = sorted(bars, key=lambda b: -b.y)  # values 11, 21 (north), 12, 22 (south)
    assert [b.fill for b in top_down] == [palette.chart[0], palette.chart[1]] * 2
    assert sorted(top_down, key=lambda b: b.width) == [top_down[i] for i in (0, 2, 1, 3)]
    legend = [t.text for t in layout.texts if t.text.startswith("Series")]
    assert legend == ["Series 0", "Series 1"]
    _values_clear_of_bars(layout, palette)


def test_negative_bars_grow_left_from_zero_with_values_beyond_their_ends(palette):
    layout = _layout(FIGURES[2], palette)
    bars = _bars(layout, palette)
    assert all(b.width < 0 for b in bars) and len({b.x for b in bars}) == 1
    assert {"-3.0", "-12.5", "-40.0"} <= {t.text for t in layout.texts}
    _values_clear_of_bars(layout, palette)


def _values_clear_of_bars(layout: ChartLayout, palette: Palette) -> None:
    for bar in _bars(layout, palette):
        middle = bar.y + bar.height / 2
        label = next(t for t in layout.texts if t.colour == palette.text
                     and abs(t.y + 0.4 * LABEL_PT - middle) < 0.01)
        left, right = _text_extent(label)
        bar_left, bar_right = sorted((bar.x, bar.x + bar.width))
        assert right <= bar_left or left >= bar_right, label.text


@pytest.mark.parametrize("kind", ["column", "bar", "line"])
def test_fifty_category_labels_thin_out_instead_of_overlapping(palette, kind):
    categories = [f"Region{i:02}" for i in range(50)]
    layout = _layout(_figure(kind, categories, ("Share", range(1, 51))), palette)
    labels = [t for t in layout.texts if t.text.startswith("Region")]
    assert 5 <= len(labels) < 50
    if kind == "bar":
        spans = sorted((t.y, t.y + LABEL_PT) for t in labels)
    else:
        spans = sorted(map(_text_extent, labels))
    assert all(after[0] >= before[1] for before, after in pairwise(spans))


def test_long_category_names_are_cut_with_an_ellipsis(palette):
    long_name = "A very long province name that goes on and on and on for ever"
    layout = _layout(_figure("bar", [long_name, "Short"], ("Aid", [3, 7])), palette)
    label = next(t for t in layout.texts if t.text.startswith("A very"))
    assert label.text.endswith("\u2026") and len(label.text) < len(long_name)
    left, right = _text_extent(label)
    assert right - left <= WIDTH * 0.3
    assert "Short" in {t.text for t in layout.texts}


def test_lines_pass_through_each_category_middle_with_one_trace_per_series(palette):
    figure = _figure("line", ["Q1", "Q2", "Q3"], ("Trade", [1.5, 2.25, 3]), ("Aid", [3, 2, 1]))
    layout = _layout(figure, palette)
    traces = _shapes(layout, Trace)
    assert [t.colour for t in traces] == list(palette.chart[:2])
    xs = [x for x, _y in traces[0].points]
    assert xs == [x for x, _y in traces[1].points] and xs == sorted(xs)
    labels = {t.text: t for t in layout.texts}
    for x, name in zip(xs, ["Q1", "Q2", "Q3"], strict=True):
        left, right = _text_extent(labels[name])
        assert left < x < right
    low, high = traces[0].points[0][1], traces[0].points[2][1]
    assert low < traces[0].points[1][1] < high  # 1.5 < 2.25 < 3, upwards


def test_pie_slices_run_clockwise_from_twelve_o_clock_and_fill_the_disc(palette):
    small = _shapes(_layout(FIGURES[5], palette), Slice)
    assert [(s.start, s.extent) for s in small] == [(-180, 270), (-270, 90)]
    many = _layout(FIGURES[4], palette)
    assert sum(s.extent for s in _shapes(many, Slice)) == pytest.approx(360)
    legend = [t for t in many.texts if t.text.startswith("Province")]
    assert len(legend) == 50 and all(t.y < min(s.cy - s.radius for s in _shapes(many, Slice))
                                     for t in legend)
    whole = _shapes(_layout(_figure("pie", ["All"], ("Share", [5])), palette), Slice)
    assert [s.extent for s in whole] == [360]


def test_the_flowable_draws_its_layout_as_real_text_and_paths(palette):
    chart = figure_drawing(FIGURES[1], WIDTH, palette, lambda _text: FONT)
    assert chart.wrap(10, 10) == (WIDTH, chart.layout.height)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(WIDTH, chart.height), invariant=1)
    chart.drawOn(canvas, 0, 0)
    canvas.save()
    text = PdfReader(buffer).pages[0].extract_text()
    for word in ("north", "south", "Series 0", "Series 1", "11", "22", "USD bn"):
        assert word in text
