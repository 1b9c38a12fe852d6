"""The shared chart plan: axes, numbers, label thinning, legends, and the packs' chart hues."""

from __future__ import annotations

import pytest

from deckmaker.chartplan import Axis, Numbers, label_step, nice_step, plan, value_axis
from deckmaker.colours import contrast_ratio
from deckmaker.model import Figure, Series
from deckmaker.pack import load_pack


def _contrast_on_white(colour: str) -> float:
    return contrast_ratio(colour, "#FFFFFF")


def _figure(kind: str, categories, *series, unit: str | None = None) -> Figure:
    return Figure("Figure 1", "fig-1", kind, "T", unit, tuple(categories),
                  tuple(Series(name, tuple(values)) for name, values in series))


def test_bars_stand_on_zero_with_headroom_and_round_steps():
    assert value_axis("column", [4, 1, 0]) == Axis(0, 5, 1)  # 4 does not touch the top
    assert value_axis("bar", [1, 2, 3]) == Axis(0, 4, 1)
    assert value_axis("column", [-1, -3, -7.3]) == Axis(-10, 0, 2)
    assert value_axis("column", [0, 0]) == Axis(0, 1, 0.2)
    big = value_axis("column", [1234567, 0, -5])
    assert big.low < -5 and big.high > 1234567 * 1.05 and big.step == 500000


def test_line_axes_hug_the_data():
    axis = value_axis("line", [-5, -4])
    assert axis.high <= 0 and -6 <= axis.low and axis.step == 0.2


@pytest.mark.parametrize("span", [0.7, 3, 17, 460, 1234572])
def test_nice_steps_are_round_and_cut_the_span_into_a_few(span):
    step = nice_step(span)
    mantissa = step / 10 ** len(str(int(step))) * 10 if step >= 1 else step * 10
    assert round(mantissa, 6) in (1, 2, 2.5, 5, 10) and 2 <= span / step <= 5


def test_numbers_have_thousands_separators_and_no_scientific_notation():
    whole = Numbers(0)
    assert [whole.text(v) for v in (1234567, 0, -5)] == ["1,234,567", "0", "-5"]
    assert whole.excel() == "#,##0" and whole.excel('events "x"') == '#,##0" events x"'
    assert Numbers(2).text(-0.001) == "0.00" and Numbers(2).excel() == "#,##0.00"
    assert plan(_figure("column", "ab", ("S", [1.5, 2.25]))).numbers == Numbers(2)
    assert plan(_figure("column", "ab", ("S", [1e9, 3]))).numbers.text(1e9) == "1,000,000,000"


def test_label_step_keeps_every_kth_label_that_fits():
    assert label_step(3, 20, 400) == 1
    assert label_step(50, 44, 400) == 6  # 9 fit: every 6th of 50 leaves 9
    assert label_step(50, 1000, 400) == 50 and label_step(1, 50, 10) == 1


def test_legend_lists_series_in_order_and_pies_with_values_and_shares():
    assert plan(_figure("bar", "ab", ("Series 0", [1, 2]), ("Series 1", [2, 1]))).legend \
        == ("Series 0", "Series 1")
    assert plan(_figure("column", "ab", ("Only", [1, 2]))).legend == ()
    pie = plan(_figure("pie", ["2018", "2019"], ("Events", [6, 60]), unit="events"))
    assert pie.axis is None and pie.legend == ("2018: 6 events (9%)", "2019: 60 events (91%)")


def test_value_labels_on_uncrowded_bars_and_columns_only():
    assert plan(_figure("column", "abc", ("S", [1, 0, 2]))).value_labels
    assert not plan(_figure("line", "abc", ("S", [1, 0, 2]))).value_labels
    assert not plan(_figure("bar", [str(n) for n in range(13)], ("S", [1] * 13))).value_labels


def test_contrast_helper_matches_wcag():
    assert round(_contrast_on_white("#D9A21B"), 1) == 2.3  # the old amber: too light
    assert round(_contrast_on_white("#000000"), 0) == 21


@pytest.mark.parametrize("name", ["default", "memo-us"])
def test_chart_hues_reach_3_to_1_on_white_and_are_not_confidence_colours(name):
    palette = load_pack(name).config.palette
    for colour in palette.chart:
        assert _contrast_on_white(colour) >= 3, colour
    confidence = {c.upper() for c in palette.confidence.values()}
    assert not confidence & {c.upper() for c in palette.chart}
    assert len(set(palette.chart)) == len(palette.chart)
