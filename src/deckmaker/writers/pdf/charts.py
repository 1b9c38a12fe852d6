"""Native vector charts (reportlab.graphics) from a model.Figure, in the pack's palette."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from deckmaker.model import Figure
from deckmaker.writers.pdf.styles import Palette

CHART_HEIGHT = 190
LABEL_PT = 7.5
LEGEND_ROOM = 18


def figure_drawing(figure: Figure, width: float, palette: Palette,
                   font_for: Callable[[str], str]) -> Drawing:
    """``figure`` drawn as a chart ``width`` points wide, with unit and legend."""
    drawing = Drawing(width, CHART_HEIGHT, initialFontName=font_for("0"))
    values = [v for s in figure.series for v in s.values]
    if figure.kind == "pie" and sum(figure.series[0].values) > 0:
        _pie(drawing, figure, palette, font_for)
    else:
        _axes_chart(drawing, figure, palette, font_for, values)
    return drawing


def _axes_chart(drawing: Drawing, figure: Figure, palette: Palette,
                font_for: Callable[[str], str], values: list[float]) -> None:
    width, height = drawing.width, drawing.height
    legend = len(figure.series) > 1
    bottom = 24 + (LEGEND_ROOM if legend else 0)
    horizontal = figure.kind == "bar"
    left = 38 + (min(_longest(figure.categories) * 4.2, width * 0.3) if horizontal else 0)
    if figure.kind == "line":
        chart = HorizontalLineChart()
    else:
        chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = left, bottom
    chart.width, chart.height = width - left - 10, height - bottom - 18
    chart.data = [list(s.values) for s in figure.series]
    cat, val = chart.categoryAxis, chart.valueAxis
    cat.categoryNames = [str(c) for c in figure.categories]
    for axis in (cat, val):
        axis.labels.fontName = font_for("".join(figure.categories) if axis is cat else "0")
        axis.labels.fontSize = LABEL_PT
        axis.labels.fillColor = palette.muted
        axis.strokeColor = palette.rule
    lowest, highest = min(values, default=0), max(values, default=0)
    val.valueMin = min(0, lowest)
    val.valueMax = highest if highest > val.valueMin else val.valueMin + 1
    val.visibleGrid = 1
    val.gridStrokeColor = palette.rule
    val.gridStrokeWidth = 0.4
    val.visibleAxis = 0
    cat.tickShift = 0
    if horizontal:
        cat.labels.boxAnchor = "e"
        cat.reverseDirection = 1  # first category at the top, as read
    for index, _ in enumerate(figure.series):
        colour = palette.chart[index % len(palette.chart)]
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
    drawing.add(chart)
    if figure.unit:
        unit_x = left if not horizontal else width - 10
        anchor = "start" if not horizontal else "end"
        unit_y = height - 10 if not horizontal else bottom - 20
        drawing.add(String(unit_x, unit_y, figure.unit, fontName=font_for(figure.unit),
                           fontSize=LABEL_PT, fillColor=palette.muted, textAnchor=anchor))
    if legend:
        drawing.add(_legend(figure, palette, font_for, left, 6, columns=True))


def _pie(drawing: Drawing, figure: Figure, palette: Palette,
         font_for: Callable[[str], str]) -> None:
    size = drawing.height - 24
    pie = Pie()
    pie.x, pie.y = 10, 12
    pie.width = pie.height = size
    pie.data = list(figure.series[0].values)
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    for index, _ in enumerate(pie.data):
        pie.slices[index].fillColor = palette.chart[index % len(palette.chart)]
    drawing.add(pie)
    total = sum(pie.data)
    names = [f"{c}: {_number(v)}{' ' + figure.unit if figure.unit else ''} "
             f"({v / total:.0%})" for c, v in zip(figure.categories, pie.data, strict=True)]
    legend = _legend(figure, palette, font_for, size + 40, drawing.height / 2 +
                     len(names) * 6, columns=False, names=names)
    drawing.add(legend)


def _legend(figure: Figure, palette: Palette, font_for: Callable[[str], str], x: float,
            y: float, *, columns: bool, names: list[str] | None = None) -> Legend:
    names = names or [s.name for s in figure.series]
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.boxAnchor = "sw" if columns else "w"
    legend.columnMaximum = 1 if columns else len(names)
    legend.deltax = 14
    legend.deltay = 12
    legend.dxTextSpace = 5
    legend.dx = legend.dy = 7
    legend.fontName = font_for("".join(names))
    legend.fontSize = LABEL_PT + 0.5
    legend.fillColor = palette.text
    legend.strokeColor = None
    legend.strokeWidth = 0
    legend.colorNamePairs = [(palette.chart[i % len(palette.chart)], name)
                             for i, name in enumerate(names)]
    return legend


def _longest(labels: tuple[str, ...]) -> int:
    return max((len(str(label)) for label in labels), default=0)


def _number(value: float) -> str:
    return f"{value:g}"
