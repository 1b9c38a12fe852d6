"""A native chart's part (``c:chartSpace``) and its slide frame as XML text, styled
as ``charts`` describes, byte for byte as python-pptx's ``add_chart`` and its styling
setters would leave them.

python-pptx builds a chart from its template, parses it and then restyles it with
dozens of setters, each searching the tree for its insertion point; writing the
finished markup once is many times faster. Element order follows the schema
(CT_BarChart, CT_CatAx, CT_ValAx...), so PowerPoint opens the file without repair.
Text must already be ``clean``-ed of control characters; it is escaped here."""

from __future__ import annotations

from xml.sax.saxutils import escape

from deckmaker.chartplan import ChartPlan, Numbers
from deckmaker.writers.pptx.chartfit import CHART_PT, has_legend, named_slices
from deckmaker.writers.pptx.drawingml import attribute, centipoints, emu, non_visual, solid_fill
from deckmaker.writers.pptx.elements import Chart, clean
from deckmaker.writers.pptx.workbook import ChartData

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
GRIDLINE_PT = 0.5  # light: values on the bars are read there, not off the grid
LINE_PT = 2.5
GAP_WIDTH = 60     # between groups of bars, % of a bar's width
OVERLAP = -10      # between the bars of one group (several series), % of a bar's width
PIE_PERCENT = Numbers(0).excel() + "%"
XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"  # lxml's
_HEAD = (XML_DECLARATION
         + f'<c:chartSpace xmlns:c="{CHART_URI}" '
         'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
# (category axis, value axis): python-pptx's templates' ids, made unsigned as the schema
# wants them (its bar template has -2068027336 and -2113994440: ST_UnsignedInt refuses them)
_AXIS_IDS = {"bar": ("2068027336", "2113994440"), "line": ("2118791784", "2140495176")}


def _text_props(size: float) -> str:
    """A ``c:txPr`` setting only the text size, as python-pptx's font setters write it."""
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{centipoints(size)}"/>'
            '</a:pPr></a:p></c:txPr>')


def _double(value: float) -> str:
    return str(float(value))


def chart_space(data: ChartData, element: Chart, plan: ChartPlan, family: str,
                palette: dict, workbook_rid: str) -> bytes:
    """The chart part of ``element`` showing ``data``, in ``family`` and ``palette``,
    its embedded workbook related as ``workbook_rid``."""
    kind = element.figure.kind
    if kind == "pie":
        plot = _pie(data, element, palette["chart"])
    else:
        plot = _plot(data, element, plan, palette["chart"]) + _axes(element, plan, palette)
    layout = _plot_layout(element.plot) if element.plot else ""
    legend = _legend(element) if has_legend(element.figure) else ""
    blanks = '<c:dispBlanksAs val="gap"/>'
    if kind == "line":  # python-pptx's line template carries these two
        blanks = f'<c:plotVisOnly val="1"/>{blanks}<c:showDLblsOverMax val="0"/>'
    text = (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{centipoints(CHART_PT)}">'
            f'{solid_fill(palette["text"])}<a:latin typeface="{attribute(family)}"/>'
            '</a:defRPr></a:pPr>'
            '<a:endParaRPr lang="en-US"/></a:p></c:txPr>')
    return "".join((
        _HEAD, "" if kind == "pie" else '<c:date1904 val="0"/>',
        '<c:chart><c:autoTitleDeleted val="1"/>',  # no title: the slide title names the figure
        f"<c:plotArea>{layout}{plot}</c:plotArea>{legend}{blanks}</c:chart>{text}",
        f'<c:externalData r:id="{workbook_rid}"><c:autoUpdate val="0"/></c:externalData>',
        "</c:chartSpace>")).encode("utf-8")


def graphic_frame(shape_id: int, box, chart_rid: str, descr: str) -> str:
    """The slide's ``p:graphicFrame`` showing the chart part related as ``chart_rid``,
    ``descr`` its text alternative."""
    name = f"Chart {shape_id - 1}"
    return (f'<p:graphicFrame><p:nvGraphicFramePr>{non_visual(shape_id, name, descr)}'
            '<p:cNvGraphicFramePr><a:graphicFrameLocks '
            'noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm>'
            f'<a:off x="{emu(box.x)}" y="{emu(box.y)}"/><a:ext cx="{emu(box.w)}" '
            f'cy="{emu(box.h)}"/></p:xfrm><a:graphic><a:graphicData uri="{CHART_URI}">'
            f'<c:chart xmlns:c="{CHART_URI}" r:id="{chart_rid}"/></a:graphicData></a:graphic>'
            '</p:graphicFrame>')


def _series_data(data: ChartData, index: int) -> tuple[str, str]:
    """Series ``index``'s name (``c:tx``) and its categories and values (``c:cat``,
    ``c:val``), each with the workbook cells it comes from."""
    name, values = data.series[index]
    categories = "".join(f'<c:pt idx="{n}"><c:v>{escape(c)}</c:v></c:pt>'
                         for n, c in enumerate(data.categories))
    points = "".join(f'<c:pt idx="{n}"><c:v>{v}</c:v></c:pt>' for n, v in enumerate(values))
    return (f"<c:tx><c:strRef><c:f>{data.name_ref(index)}</c:f><c:strCache>"
            f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{escape(name)}</c:v></c:pt>'
            "</c:strCache></c:strRef></c:tx>", (
                f"<c:cat><c:strRef><c:f>{data.categories_ref()}</c:f><c:strCache>"
                f'<c:ptCount val="{len(data.categories)}"/>{categories}</c:strCache>'
                f"</c:strRef></c:cat><c:val><c:numRef><c:f>{data.values_ref(index)}</c:f>"
                f"<c:numCache><c:formatCode>{escape(data.number_format)}</c:formatCode>"
                f'<c:ptCount val="{len(values)}"/>{points}</c:numCache></c:numRef></c:val>'))


def _series(data: ChartData, kind: str, colours: list[str]) -> str:
    """Each series in the next chart colour: filled bars, or thick lines with markers."""
    out = []
    for n in range(len(data.series)):
        fill = solid_fill(colours[n % len(colours)])
        if kind == "line":
            look = (f'<c:spPr><a:ln w="{emu(LINE_PT)}">{fill}</a:ln></c:spPr>'
                    f"<c:marker><c:spPr>{fill}<a:ln>{fill}</a:ln></c:spPr></c:marker>")
        else:
            look = f"<c:spPr>{fill}</c:spPr>"
        name, values = _series_data(data, n)
        smooth = '<c:smooth val="0"/>' if kind == "line" else ""
        out.append(f'<c:ser><c:idx val="{n}"/><c:order val="{n}"/>{name}{look}{values}'
                   f"{smooth}</c:ser>")
    return "".join(out)


def _labels(number_format: str, size: float, value: bool, category: bool, percent: bool,
            hidden: str = "") -> str:
    """Data labels outside the bars (or slices); ``hidden`` are ``c:dLbl`` elements
    deleting single labels."""
    def flag(name: str, on: bool) -> str:
        return f'<c:{name} val="{int(on)}"/>'

    return (f'<c:dLbls>{hidden}<c:numFmt formatCode="{attribute(number_format)}" sourceLinked="0"/>'
            f'{_text_props(size)}<c:dLblPos val="outEnd"/>{flag("showLegendKey", False)}'
            f'{flag("showVal", value)}{flag("showCatName", category)}'
            f'{flag("showSerName", False)}{flag("showPercent", percent)}'
            f'{flag("showBubbleSize", False)}{flag("showLeaderLines", True)}</c:dLbls>')


def _plot(data: ChartData, element: Chart, plan: ChartPlan, colours: list[str]) -> str:
    """The ``c:barChart`` or ``c:lineChart`` with its series and value labels."""
    kind = element.figure.kind
    category_id, value_id = _AXIS_IDS["line" if kind == "line" else "bar"]
    axes = f'<c:axId val="{category_id}"/><c:axId val="{value_id}"/>'
    series = _series(data, kind, colours)
    labels = _labels(plan.numbers.excel(), CHART_PT, True, False, False) \
        if plan.value_labels else ""
    if kind == "line":
        return (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}'
                f'{labels}<c:marker val="1"/><c:smooth val="0"/>{axes}</c:lineChart>')
    overlap = f'<c:overlap val="{OVERLAP}"/>' if len(data.series) > 1 else ""
    direction = "bar" if kind == "bar" else "col"
    return (f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="clustered"/>'
            f'{series}{labels}<c:gapWidth val="{GAP_WIDTH}"/>{overlap}{axes}</c:barChart>')


def _axes(element: Chart, plan: ChartPlan, palette: dict) -> str:
    """The category axis (labels at the low end, every ``label_skip``-th one) and the
    value axis (planned bounds and step, light gridlines, the unit as its title).
    Horizontal bars run top-down, so the value axis crosses at the last category,
    which is then at the bottom."""
    figure = element.figure
    bars = figure.kind == "bar"
    category_id, value_id = _AXIS_IDS["line" if figure.kind == "line" else "bar"]
    skip = element.label_skip
    thinned = f'<c:tickLblSkip val="{skip}"/><c:tickMarkSkip val="{skip}"/>' if skip > 1 else ""
    category = (
        f'<c:catAx><c:axId val="{category_id}"/><c:scaling><c:orientation '
        f'val="{"maxMin" if bars else "minMax"}"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{"l" if bars else "b"}"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="low"/>'
        f'<c:spPr><a:ln>{solid_fill(palette["muted"])}</a:ln></c:spPr>{_text_props(CHART_PT)}'
        f'<c:crossAx val="{value_id}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        f'<c:lblAlgn val="ctr"/><c:lblOffset val="100"/>{thinned}'
        '<c:noMultiLvlLbl val="0"/></c:catAx>')
    title = ""
    if figure.unit:
        title = (f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr '
                 f'sz="{centipoints(CHART_PT)}" b="0"/><a:t>{escape(clean(figure.unit))}'
                 '</a:t></a:r></a:p></c:rich></c:tx><c:layout/><c:overlay val="0"/></c:title>')
    axis = plan.axis
    value = (
        f'<c:valAx><c:axId val="{value_id}"/><c:scaling><c:max val="{_double(axis.high)}"/>'
        f'<c:min val="{_double(axis.low)}"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{"b" if bars else "l"}"/><c:majorGridlines><c:spPr>'
        f'<a:ln w="{emu(GRIDLINE_PT)}">{solid_fill(palette["rule"])}</a:ln></c:spPr>'
        f'</c:majorGridlines>{title}<c:numFmt formatCode="{attribute(plan.tick_numbers.excel())}" '
        'sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        '<c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>'
        f'<c:crossAx val="{category_id}"/><c:crosses val="{"max" if bars else "autoZero"}"/>'
        f'<c:majorUnit val="{_double(axis.step)}"/></c:valAx>')
    return category + value


def _pie(data: ChartData, element: Chart, colours: list[str]) -> str:
    """The first series as slices in the chart colours labelled with their share; a
    crowded pie (no legend) names its largest slices and leaves the small ones
    unlabelled."""
    name, values = _series_data(data, 0)
    slices = "".join(f'<c:dPt><c:idx val="{n}"/><c:spPr>{solid_fill(colours[n % len(colours)])}'
                     "</c:spPr></c:dPt>" for n in range(len(data.categories)))
    named = named_slices(element.figure)
    hidden = "".join(f'<c:dLbl><c:idx val="{n}"/><c:delete val="1"/></c:dLbl>'
                     for n in range(len(data.categories)) if named and n not in named)
    labels = _labels(PIE_PERCENT, CHART_PT - 2 if named else CHART_PT, False, bool(named),
                     True, hidden)
    return (f'<c:pieChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/>'
            f"{name}{slices}{values}</c:ser>{labels}</c:pieChart>")


def _plot_layout(plot: tuple[float, float, float, float]) -> str:
    """The plot area's inner box fixed (fractions of the chart), leaving the room below
    it that crowded labels and the legend need (the applications would overlap them)."""
    x, y, w, h = plot
    return ('<c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/>'
            f'<c:yMode val="edge"/><c:x val="{x}"/><c:y val="{y}"/><c:w val="{w}"/>'
            f'<c:h val="{h}"/></c:manualLayout></c:layout>')


def _legend(element: Chart) -> str:
    """The legend outside the plot: right of a pie, above a plot whose labels need the
    room below, else below."""
    kind = element.figure.kind
    position = "" if kind == "pie" else ' val="t"' if element.plot else ' val="b"'
    layout = "<c:layout/>" if kind == "line" else ""  # python-pptx's line template has it
    return (f"<c:legend><c:legendPos{position}/>{layout}<c:overlay val=\"0\"/>"
            f"{_text_props(element.legend_pt)}</c:legend>")
