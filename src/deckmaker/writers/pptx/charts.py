"""Evidence figures as native, editable PowerPoint charts in the pack's palette, drawn
as ``deckmaker.chartplan`` plans them (the memo's charts follow the same plan).

Category labels sit at the low end of the value axis (below columns, left of bars,
whatever the sign of the values), every ``Chart.label_skip``-th one when there are many;
bars and columns always start from a zero the value axis shows. Horizontal bars list
categories (and the series within each) top-down, as the memo and the legend do.

The chart part (``chartxml``) and its embedded workbook (``workbook``) are written as
finished bytes and added to the deck's package as python-pptx ``Part`` objects related
to the slide (``shapes.Canvas``); python-pptx reads them back as its chart parts."""

from __future__ import annotations

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckmaker import chartplan
from deckmaker.chartplan import ChartPlan
from deckmaker.model import Figure
from deckmaker.writers.pptx import chartxml, workbook
from deckmaker.writers.pptx.chartfit import has_legend
from deckmaker.writers.pptx.elements import Chart, clean
from deckmaker.writers.pptx.shapes import Canvas, Painter
from deckmaker.writers.pptx.workbook import ChartData

CHART_PART = "/ppt/charts/chart%d.xml"
WORKBOOK_PART = "/ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx"


def chart_data(figure: Figure, plan: ChartPlan) -> ChartData:
    """The chart's data; a pie with a legend names its slices by their legend entries
    (value and share included), as the memo's legend does."""
    pie_legend = figure.kind == "pie" and has_legend(figure) and plan.legend
    return ChartData(
        tuple(clean(c) for c in (plan.legend if pie_legend else figure.categories)),
        tuple((clean(s.name), tuple(s.values)) for s in figure.series),
        plan.numbers.excel(clean(figure.unit or "")))


def add_chart(canvas: Canvas, element: Chart, painter: Painter) -> None:
    """Draw ``element.figure`` as a native chart filling ``element.box``, with its
    data in an embedded workbook."""
    plan = chartplan.plan(element.figure)
    data = chart_data(element.figure, plan)
    sheet = canvas.new_part(WORKBOOK_PART, CT.SML_SHEET, workbook.xlsx(data))
    part = canvas.new_part(CHART_PART, CT.DML_CHART, b"")
    # the part's XML names its workbook's rId, known once the two are related
    part.blob = chartxml.chart_space(data, element, plan, painter.typeface, painter.palette,
                                     part.relate_to(sheet, RT.PACKAGE))
    chart_rid = canvas.relate(part, RT.CHART)
    canvas.add(chartxml.graphic_frame(canvas.new_id(), element.box, chart_rid,
                                      clean(element.figure.alt)))
