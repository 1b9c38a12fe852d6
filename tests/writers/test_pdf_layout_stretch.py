"""The memo's vertical justification: pages stretched rather than ended early, charts
drawn shorter to stay on their claim's page (paginate.py), and the heights a chart may be
drawn at (chartlayout.py)."""

from __future__ import annotations

import pytest

from deckmaker.model import Figure, Series
from deckmaker.writers.pdf.chartlayout import LEAST_ROW, Text, chart_layout
from deckmaker.writers.pdf.charts import figure_drawing
from deckmaker.writers.pdf.paginate import Box, Cut, Page, TooTall, paginate, stretches
from deckmaker.writers.pdf.styles import Palette

PAGE = 100


def _block(height: float, space: float = 8, **kw) -> Box:
    return Box(height, space, space, starts_block=True, **kw)


def test_a_page_that_would_end_early_has_its_spaces_stretched_to_end_8_percent_early():
    # Three blocks fill 76 of 100 (24 % early); the fourth cannot join them. Their two
    # spaces (16) may double: all of it brings the page to 92.
    boxes = [_block(20), _block(20), _block(20), _block(60)]
    first, last = paginate(boxes, PAGE)
    assert first == Page(Cut(2, 20), stretch=pytest.approx(1.0), shrink=0)
    assert last == Page(None)


def test_only_the_stretch_a_page_needs_is_used():
    boxes = [_block(26), _block(26), _block(26), _block(60)]  # 94 of 100: not early
    assert paginate(boxes, PAGE)[0] == Page(Cut(2, 26))
    boxes = [_block(23), _block(23), _block(23), _block(60)]  # 85: stretched to 92 by 7 of 16
    assert paginate(boxes, PAGE)[0].stretch == pytest.approx(7 / 16)


def test_a_page_that_stretching_cannot_save_is_left_as_it_is():
    boxes = [_block(20, space=4), _block(20, space=4), _block(20, space=4), _block(60)]
    assert paginate(boxes, PAGE)[0] == Page(Cut(2, 20))  # 68 + 8 of stretch: still early


def test_a_chart_grows_with_the_spaces_of_its_page_by_the_same_share():
    # 86 of 100, to stretch by 6: of the two spaces' 16 and the chart's 8, a quarter.
    boxes = [_block(20), Box(30, grow=8), _block(20), _block(60)]
    first = paginate(boxes, PAGE)[0]
    assert first.end == Cut(2, 20)
    assert first.stretch == pytest.approx(6 / 24)


def test_a_chart_is_drawn_shorter_rather_than_leave_its_claim():
    claim = Box(30, keep_with_next=True, starts_block=True)
    chart = Box(80, shrink=20)  # 110 on a page of 100: 10 of its 20 points given up
    [page] = paginate([claim, chart], PAGE)
    assert page == Page(None, shrink=pytest.approx(0.5))


def test_a_chart_that_cannot_shrink_enough_is_too_tall():
    with pytest.raises(TooTall):
        paginate([Box(130, shrink=20, name="E1")], PAGE)
    assert paginate([Box(130, shrink=40)], PAGE) == [Page(None, shrink=pytest.approx(0.75))]


# The heights a chart is drawn at.

def _figure(kind: str, categories: int, series: int) -> Figure:
    names = [str(2000 + i) for i in range(categories)]
    return Figure("Figure 1", "fig", kind, "A takeaway", "events", tuple(names),
                  tuple(Series(f"Series {s}", tuple(range(1, categories + 1)))
                        for s in range(series)))


@pytest.fixture(scope="module")
def palette(sample_doc) -> Palette:
    return Palette.of(sample_doc.theme)


def _layout(figure: Figure, palette: Palette, height: float | None = None):
    return chart_layout(figure, 420, palette, lambda _text: "Helvetica", height)


@pytest.mark.parametrize("kind", ["column", "line", "bar"])
def test_a_chart_is_drawn_within_its_least_and_most_heights(palette, kind):
    figure = _figure(kind, 6, 2)
    natural = _layout(figure, palette)
    assert natural.least_height < natural.height < natural.most_height
    assert _layout(figure, palette, 1).height == natural.least_height
    assert _layout(figure, palette, 10_000).height == natural.most_height
    middle = (natural.least_height + natural.height) / 2
    assert _layout(figure, palette, middle).height == pytest.approx(middle)


def test_a_shortened_bar_chart_keeps_every_category_label(palette):
    figure = _figure("bar", 9, 1)
    natural, least = _layout(figure, palette), _layout(figure, palette, 1)
    assert least.height == natural.height - 9 * 16 + 9 * LEAST_ROW  # 16 a bar, then 13
    labels = {t.text for t in least.texts if isinstance(t, Text)}
    assert set(figure.categories) <= labels


def test_a_pie_keeps_its_height(palette):
    pie = _layout(_figure("pie", 4, 1), palette)
    assert pie.least_height == pie.height == pie.most_height


def test_the_chart_flowable_is_laid_out_again_at_the_height_it_is_fitted_to(palette):
    chart = figure_drawing(_figure("column", 6, 2), 420, palette, lambda _text: "Helvetica")
    natural = chart.height
    chart.fit_height(chart.least_height)
    assert chart.wrap(420, 1000) == (420, chart.least_height) and chart.height < natural
    assert chart.layout == _layout(_figure("column", 6, 2), palette, chart.least_height)


def test_a_rule_under_its_heading_never_moves_away_and_no_space_grows_past_10_points():
    heading = Box(16, 18, 8, keep_with_next=True, starts_block=True)
    rule = Box(1, 0, 4, keep_with_next=True, rigid=True)
    assert stretches([_block(20), heading, rule, _block(20)]) == [0, 10, 0, 8]
