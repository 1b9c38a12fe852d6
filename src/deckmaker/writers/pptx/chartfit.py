"""Fitting a chart's text to its box (pure, no python-pptx): how many category labels
the category axis can show side by side, and the legend size that keeps every series
name readable.

The chart application places the plot area itself; these estimates leave room for the
value axis (its labels and unit title) and the legend, as PowerPoint and LibreOffice
lay them out."""

from __future__ import annotations

import math

from deckmaker import chartplan, textfit
from deckmaker.model import Figure
from deckmaker.writers.pptx.elements import Box

CHART_PT = 14.0
LEGEND_MIN_PT = 10.0
LEGEND_SHARE = 0.25    # of the chart's height, at most, for a legend below the plot
VALUE_AXIS_ROOM = 80.0  # pt beside (column, line) or below (bar) the category axis
LABEL_GAP_EM = 1.0     # between two category labels
KEY_EM = 2.0           # a legend entry's key and the space after it
PIE_LEGEND_MAX = 12    # slices a pie's legend lists; beyond, the largest slices are labelled
PIE_NAMED = 8          # slices of a crowded pie labelled with their category name
LABEL_SHARE = 0.4      # of the chart's height, at most, for rotated category labels
MARGIN = 8.0           # pt around the plot area


def has_legend(figure: Figure) -> bool:
    if figure.kind == "pie":
        return len(figure.categories) <= PIE_LEGEND_MAX
    return len(figure.series) > 1


def named_slices(figure: Figure) -> list[int]:
    """Indexes of a crowded pie's slices labelled with their name: the largest ones
    (none when the pie is small enough for a legend)."""
    if has_legend(figure) or figure.kind != "pie":
        return []
    values = figure.series[0].values
    return sorted(sorted(range(len(values)), key=lambda n: -values[n])[:PIE_NAMED])


def legend_rows(figure: Figure, fonts: textfit.Fonts, width: float, size: float) -> int:
    """Rows of a legend below the plot: entries share columns as wide as the widest."""
    entry = max(textfit.text_width(s.name, fonts, size) for s in figure.series) \
        / textfit.WIDTH_SAFETY + KEY_EM * size
    columns = max(1, math.floor(width / entry))
    return math.ceil(len(figure.series) / columns)


def legend_size(figure: Figure, box: Box, fonts: textfit.Fonts) -> float:
    """The largest legend size whose rows take at most ``LEGEND_SHARE`` of the height."""
    if not has_legend(figure) or figure.kind == "pie":
        return CHART_PT
    return textfit.largest_fitting_size(
        lambda size: legend_rows(figure, fonts, box.w, size) * size * textfit.LINE_SPACING,
        box.h * LEGEND_SHARE, (LEGEND_MIN_PT, CHART_PT)) or LEGEND_MIN_PT


def label_skip(figure: Figure, box: Box, fonts: textfit.Fonts, legend_pt: float) -> int:
    """Show every n-th category label (and tick mark) so labels never crowd: n is 1 when
    all fit side by side along the axis, unrotated (``chartplan.label_step`` on the
    measured room)."""
    if figure.kind == "pie" or not figure.categories:
        return 1
    legend = legend_rows(figure, fonts, box.w, legend_pt) * legend_pt * textfit.LINE_SPACING \
        if has_legend(figure) else 0.0
    if figure.kind == "bar":  # categories down the left side, one line each
        axis = box.h - VALUE_AXIS_ROOM - legend
        slot = CHART_PT * textfit.LINE_SPACING
    else:
        axis = box.w - VALUE_AXIS_ROOM
        slot = max(textfit.text_width(c, fonts, CHART_PT) for c in figure.categories) \
            / textfit.WIDTH_SAFETY + LABEL_GAP_EM * CHART_PT
    return chartplan.label_step(len(figure.categories), slot, axis)


def plot_layout(figure: Figure, box: Box, fonts: textfit.Fonts, legend_pt: float,
                skip: int) -> tuple[float, float, float, float] | None:
    """The plot area's inner box (fractions of ``box``) for a column or line chart whose
    labels do not fit side by side: the legend (if any) above it and room below for labels
    turned 45 degrees (at most ``LABEL_SHARE``), so they never overlap; None otherwise."""
    if figure.kind not in ("column", "line") or skip <= 1:
        return None
    legend = legend_rows(figure, fonts, box.w, legend_pt) * legend_pt * textfit.LINE_SPACING \
        if has_legend(figure) else 0.0
    longest = max(textfit.text_width(c, fonts, CHART_PT) for c in figure.categories) \
        / textfit.WIDTH_SAFETY
    labels = min(longest * math.sqrt(0.5) + CHART_PT * 1.5, box.h * LABEL_SHARE)
    top = MARGIN + legend + (MARGIN if legend else 0.0)
    height = max(box.h - top - labels, box.h * 0.3)
    return (round(VALUE_AXIS_ROOM / box.w, 4), round(top / box.h, 4),
            round((box.w - VALUE_AXIS_ROOM - MARGIN) / box.w, 4), round(height / box.h, 4))
