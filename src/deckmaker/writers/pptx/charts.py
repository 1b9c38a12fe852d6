"""Evidence figures as native, editable PowerPoint charts in the pack's palette, drawn
as ``deckmaker.chartplan`` plans them (the memo's charts follow the same plan).

Category labels sit at the low end of the value axis (below columns, left of bars,
whatever the sign of the values), every ``Chart.label_skip``-th one when there are many;
bars and columns always start from a zero the value axis shows. Horizontal bars list
categories (and the series within each) top-down, as the memo and the legend do."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import (
    XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
)
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Pt

from deckmaker import chartplan
from deckmaker.chartplan import ChartPlan
from deckmaker.model import Figure
from deckmaker.writers.pptx.chartfit import CHART_PT, has_legend, named_slices
from deckmaker.writers.pptx.elements import Chart, clean
from deckmaker.writers.pptx.shapes import Canvas, Painter, emu_box, rgb

CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}
GRIDLINE_PT = 0.5  # light: values on the bars are read there, not off the grid


def chart_data(figure: Figure, plan: ChartPlan) -> CategoryChartData:
    """The chart's data; a pie with a legend names its slices by their legend entries
    (value and share included), as the memo's legend does."""
    data = CategoryChartData(number_format=plan.numbers.excel(clean(figure.unit or "")))
    pie_legend = figure.kind == "pie" and has_legend(figure) and plan.legend
    data.categories = [clean(c) for c in (plan.legend if pie_legend else figure.categories)]
    for series in figure.series:
        data.add_series(clean(series.name), series.values)
    return data


def add_chart(canvas: Canvas, element: Chart, painter: Painter) -> None:
    """Draw ``element.figure`` as a native chart filling ``element.box`` (with
    python-pptx, which also writes the chart part and its workbook)."""
    figure = element.figure
    plan = chartplan.plan(figure)
    canvas.flush()  # the chart goes after the shapes drawn so far
    frame = canvas.slide.shapes.add_chart(CHART_TYPES[figure.kind], *emu_box(element.box),
                                          chart_data(figure, plan))
    canvas.next_id = frame.shape_id + 1
    chart = frame.chart
    chart.font.size = Pt(CHART_PT)
    chart.font.name = painter.family
    chart.font.color.rgb = rgb(painter.palette["text"])
    chart.has_title = False  # the slide title names the figure
    colours = painter.palette["chart"]
    if figure.kind == "pie":
        _style_pie(chart, colours, figure)
    else:
        _style_series(chart, colours, figure, plan)
        _style_axes(chart, painter.palette, figure, plan)
        _thin_labels(chart, element.label_skip)
    if element.plot:
        _place_plot(chart, element.plot)
    chart.has_legend = has_legend(figure)
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if figure.kind == "pie" \
            else XL_LEGEND_POSITION.TOP if element.plot else XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(element.legend_pt)


def _style_series(chart, colours, figure: Figure, plan: ChartPlan) -> None:
    plot = chart.plots[0]
    if figure.kind in ("bar", "column"):
        plot.gap_width = 60
        plot.overlap = -10 if len(figure.series) > 1 else 0
    for n, series in enumerate(plot.series):
        colour = rgb(colours[n % len(colours)])
        if figure.kind == "line":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.5)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.marker.format.line.color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if plan.value_labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = plan.numbers.excel()
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size = Pt(CHART_PT)


def _style_axes(chart, palette, figure: Figure, plan: ChartPlan) -> None:
    values = chart.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(palette["rule"])
    values.major_gridlines.format.line.width = Pt(GRIDLINE_PT)
    values.format.line.fill.background()
    values.minimum_scale, values.maximum_scale = plan.axis.low, plan.axis.high
    values.major_unit = plan.axis.step
    values.tick_labels.number_format = plan.tick_numbers.excel()
    values.tick_labels.number_format_is_linked = False
    if figure.unit:
        values.has_title = True
        values.axis_title.text_frame.text = clean(figure.unit)
        values.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(CHART_PT)
        values.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    values.crosses = XL_AXIS_CROSSES.AUTOMATIC  # the category axis at zero
    category = chart.category_axis
    category.format.line.color.rgb = rgb(palette["muted"])
    category.tick_labels.font.size = Pt(CHART_PT)
    category.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if figure.kind == "bar":  # first category at the top, as the memo lists them
        category.reverse_order = True
        # The value axis crosses at the last category, now at the bottom (python-pptx
        # has no setter for where the value axis crosses the category axis).
        values._element.find(qn("c:crosses")).set("val", "max")


def _thin_labels(chart, skip: int) -> None:
    """Label (and mark) only every ``skip``-th category; python-pptx has no setter."""
    if skip <= 1:
        return
    axis = chart.category_axis._element
    anchor = axis.find(f"{{{axis.nsmap['c']}}}noMultiLvlLbl")
    for tag in ("tickLblSkip", "tickMarkSkip"):
        anchor.addprevious(parse_xml(f'<c:{tag} {nsdecls("c")} val="{skip}"/>'))


def _place_plot(chart, plot: tuple[float, float, float, float]) -> None:
    """Fix the plot area's inner box (fractions of the chart), leaving the room below it
    that crowded labels and the legend need (the applications would overlap them)."""
    x, y, w, h = plot
    area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    old = area.find(qn("c:layout"))
    if old is not None:
        area.remove(old)
    area.insert(0, parse_xml(
        f'<c:layout {nsdecls("c")}><c:manualLayout><c:layoutTarget val="inner"/>'
        f'<c:xMode val="edge"/><c:yMode val="edge"/><c:x val="{x}"/><c:y val="{y}"/>'
        f'<c:w val="{w}"/><c:h val="{h}"/></c:manualLayout></c:layout>'))


def _style_pie(chart, colours, figure: Figure) -> None:
    """Slices in the chart colours with their values; a crowded pie (no legend) names
    its largest slices instead and leaves the small ones unlabelled."""
    plot = chart.plots[0]
    plot.has_data_labels = True
    for n, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colours[n % len(colours)])
    labels = plot.data_labels
    labels.number_format = chartplan.Numbers(0).excel() + "%"
    labels.number_format_is_linked = False
    labels.show_value = False  # the legend has them
    labels.show_percentage = True
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(CHART_PT)
    named = named_slices(figure)
    if named:
        labels.show_category_name = True
        labels.font.size = Pt(CHART_PT - 2)
        hidden = "".join(f'<c:dLbl><c:idx val="{n}"/><c:delete val="1"/></c:dLbl>'
                         for n in range(len(figure.categories)) if n not in named)
        for label in reversed(parse_xml(f'<c:x {nsdecls("c")}>{hidden}</c:x>')):
            labels._element.insert(0, label)
