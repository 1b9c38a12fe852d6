"""Native vector charts (reportlab.graphics) from a model.Figure, in the pack's palette.

``deckmaker.chartplan`` decides the value axis, numbers, value labels, label thinning and
legend entries (shared with the deck); this module measures text, lays out the legend
(``legend_grid``) and draws. A drawing grows taller to hold its legend, up to
``MAX_HEIGHT``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from deckmaker import chartplan
from deckmaker.chartplan import ChartPlan
from deckmaker.model import Figure
from deckmaker.writers.pdf.styles import Palette

CHART_HEIGHT = 190
PLOT_HEIGHT = 148  # the plotting area of an axes chart, without labels and legend
MAX_BAR_PLOT = 400  # a horizontal bar chart grows to this for many categories
MAX_HEIGHT = 520  # tallest drawing: well inside an A4 or Letter frame with its caption
LABEL_PT = 7.5
LEGEND_PT = 8
LEGEND_ROW = 12
SWATCH = 7
SWATCH_GAP = 5
COLUMN_GAP = 14
ELLIPSIS = "\u2026"

FontFor = Callable[[str], str]


@dataclass(frozen=True)
class Grid:
    """A legend laid out in columns (filled top to bottom) of equal width."""

    columns: int
    rows: int
    column_width: float

    @property
    def height(self) -> float:
        return self.rows * LEGEND_ROW


def legend_grid(text_widths: Sequence[float], available: float,
                max_rows: int | None = None) -> Grid:
    """As many equal columns as the widest entry allows within ``available`` points, or
    more (entries then cut short) to stay within ``max_rows``."""
    entry = min(max(text_widths, default=0) + SWATCH + SWATCH_GAP, available)
    columns = max(1, min(len(text_widths), int((available + COLUMN_GAP) // (entry + COLUMN_GAP))))
    if max_rows:
        columns = max(columns, ceil(len(text_widths) / max_rows))
    rows = ceil(len(text_widths) / columns)
    return Grid(columns, rows, min(entry, (available - COLUMN_GAP * (columns - 1)) / columns))


def figure_drawing(figure: Figure, width: float, palette: Palette,
                   font_for: FontFor) -> Drawing:
    """``figure`` drawn as a chart ``width`` points wide, with unit and legend."""
    plan = chartplan.plan(figure)
    if plan.axis is None:
        return _pie(figure, plan, width, palette, font_for)
    return _axes_chart(figure, plan, width, palette, font_for)


def _axes_chart(figure: Figure, plan: ChartPlan, width: float, palette: Palette,
                font_for: FontFor) -> Drawing:
    horizontal = figure.kind == "bar"
    label_font = font_for("".join(figure.categories))
    labels = [_fit(str(c), label_font, LABEL_PT, width * 0.3) for c in figure.categories]
    names = list(plan.legend)
    grid = _grid_for(names, font_for, width - 10) if names else None
    legend_room = grid.height + 8 if grid else 0
    bottom = 24 + legend_room
    left = 38 + (max(_widths(labels, label_font, LABEL_PT)) + 4 if horizontal else 0)
    plot_height = PLOT_HEIGHT
    if horizontal:  # one readable row per category, as far as the page allows
        plot_height = min(MAX_BAR_PLOT, max(PLOT_HEIGHT, len(labels) * (LABEL_PT + 3)))
    drawing = Drawing(width, bottom + plot_height + 18, initialFontName=font_for("0"))
    chart = _chart_for(figure.kind)
    chart.x, chart.y = left, bottom
    chart.width, chart.height = width - left - 10, plot_height
    order = _drawing_order(figure)
    chart.data = [list(figure.series[n].values) for n in order]
    _style_axes(chart, figure, plan, palette, font_for, label_font)
    chart.categoryAxis.categoryNames = _thinned(labels, label_font, chart, horizontal)
    _colour_series(chart, figure, order, palette)
    if plan.value_labels:
        _label_values(chart, plan, palette, font_for)
    drawing.add(chart)
    if figure.unit:
        unit_x = left if not horizontal else width - 10
        anchor = "start" if not horizontal else "end"
        unit_y = drawing.height - 10 if not horizontal else bottom - 20
        drawing.add(String(unit_x, unit_y, figure.unit, fontName=font_for(figure.unit),
                           fontSize=LABEL_PT, fillColor=palette.muted, textAnchor=anchor))
    if grid:
        drawing.add(_legend(names, grid, palette, font_for, 0, grid.height))
    return drawing


def _chart_for(kind: str):
    if kind == "line":
        return HorizontalLineChart()
    return HorizontalBarChart() if kind == "bar" else VerticalBarChart()


def _drawing_order(figure: Figure) -> list[int]:
    """Series indexes in the order reportlab draws them: it stacks a horizontal bar
    group's series bottom-up, so they are handed over last first to put the first
    series on top, as the legend lists it."""
    order = list(range(len(figure.series)))
    return order[::-1] if figure.kind == "bar" else order


def _style_axes(chart, figure: Figure, plan: ChartPlan, palette: Palette, font_for: FontFor,
                label_font: str) -> None:
    cat, val = chart.categoryAxis, chart.valueAxis
    for axis in (cat, val):
        axis.labels.fontSize = LABEL_PT
        axis.labels.fillColor = palette.muted
        axis.strokeColor = palette.rule
    cat.labels.fontName = label_font
    val.labels.fontName = font_for("0")
    val.valueMin, val.valueMax, val.valueStep = plan.axis.low, plan.axis.high, plan.axis.step
    val.labelTextFormat = plan.tick_numbers.text
    val.visibleGrid = 1
    val.gridStrokeColor = palette.rule
    val.gridStrokeWidth = 0.4
    val.visibleAxis = 0
    cat.tickShift = 0
    # Labels along the plot's edge, not along zero (inside the bars when values are negative).
    cat.joinAxisMode = "left" if figure.kind == "bar" else "bottom"
    if figure.kind == "bar":
        cat.labels.boxAnchor = "e"
        cat.reverseDirection = 1  # first category at the top, as read


def _thinned(labels: list[str], font: str, chart, horizontal: bool) -> list[str]:
    """Every k-th label kept (the rest blank) so that neighbours never overlap."""
    if horizontal:
        step = chartplan.label_step(len(labels), LABEL_PT + 5, chart.height)
    else:
        step = chartplan.label_step(len(labels), max(_widths(labels, font, LABEL_PT)) + 4,
                                    chart.width)
    return [label if i % step == 0 else "" for i, label in enumerate(labels)]


def _label_values(chart, plan: ChartPlan, palette: Palette, font_for: FontFor) -> None:
    """Each bar's value at its end (outside it), so a zero reads as zero, not as
    missing data."""
    chart.barLabelFormat = plan.numbers.text
    chart.barLabels.fontName = font_for("0")
    chart.barLabels.fontSize = LABEL_PT
    chart.barLabels.fillColor = palette.text
    chart.barLabels.nudge = 6


def _colour_series(chart, figure: Figure, order: list[int], palette: Palette) -> None:
    for index, series in enumerate(order):
        colour = palette.chart[series % len(palette.chart)]
        if figure.kind == "line":
            chart.lines[index].strokeColor = colour
            chart.lines[index].strokeWidth = 1.8
            chart.lines[index].symbol = makeMarker("FilledCircle", size=3.5, fillColor=colour)
        else:
            chart.bars[index].fillColor = colour
            chart.bars[index].strokeColor = None
    if figure.kind != "line":
        chart.barSpacing = 1
        chart.groupSpacing = 6


def _pie(figure: Figure, plan: ChartPlan, width: float, palette: Palette,
         font_for: FontFor) -> Drawing:
    values = list(figure.series[0].values)
    names = list(plan.legend)
    size = CHART_HEIGHT - 24
    beside = _grid_for(names, font_for, width - size - 40)
    if beside.height <= size:  # the legend fits beside the pie, centred on it
        drawing = Drawing(width, CHART_HEIGHT, initialFontName=font_for("0"))
        legend_x, legend_top = size + 30, CHART_HEIGHT / 2 + beside.height / 2
        grid, pie_y = beside, 12
    else:  # many slices: a legend of several columns under the pie
        room = MAX_HEIGHT - size - 34
        grid = _grid_for(names, font_for, width - 10, max_rows=int(room // LEGEND_ROW))
        drawing = Drawing(width, size + 24 + grid.height + 10,
                          initialFontName=font_for("0"))
        legend_x, legend_top = 0, drawing.height - size - 24
        pie_y = drawing.height - size - 12
    pie = Pie()
    pie.x, pie.y = 10, pie_y
    pie.width = pie.height = size
    pie.data = values
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    for index, _ in enumerate(values):
        pie.slices[index].fillColor = palette.chart[index % len(palette.chart)]
    drawing.add(pie)
    drawing.add(_legend(names, grid, palette, font_for, legend_x, legend_top))
    return drawing


def _grid_for(names: list[str], font_for: FontFor, available: float,
              max_rows: int | None = None) -> Grid:
    return legend_grid(_widths(names, font_for("".join(names)), LEGEND_PT), available, max_rows)


def _legend(names: list[str], grid: Grid, palette: Palette, font_for: FontFor, x: float,
            top: float) -> Group:
    """Colour swatches and names in ``grid``'s columns, from ``top`` down; a name wider
    than its column is cut short with an ellipsis."""
    font = font_for("".join(names))
    room = grid.column_width - SWATCH - SWATCH_GAP
    legend = Group()
    for index, name in enumerate(names):
        column, row = divmod(index, grid.rows)
        left = x + column * (grid.column_width + COLUMN_GAP)
        baseline = top - (row + 1) * LEGEND_ROW + 3
        legend.add(Rect(left, baseline - 0.5, SWATCH, SWATCH, strokeColor=None,
                        fillColor=palette.chart[index % len(palette.chart)]))
        legend.add(String(left + SWATCH + SWATCH_GAP, baseline, _fit(name, font, LEGEND_PT, room),
                          fontName=font, fontSize=LEGEND_PT, fillColor=palette.text))
    return legend


def _widths(texts: Sequence[str], font: str, size: float) -> list[float]:
    return [stringWidth(text, font, size) for text in texts]


def _fit(text: str, font: str, size: float, room: float) -> str:
    """``text``, cut short with an ellipsis if it is wider than ``room`` points."""
    if stringWidth(text, font, size) <= room:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + ELLIPSIS, font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS

