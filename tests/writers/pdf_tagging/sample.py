"""A small reportlab document built with SimpleDocTemplate, tagged or not, for the
tagging tests: headings, paragraphs with links, a bulleted list, a table with a header
row, a chart, rules, and a header and footer on every page."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import AnchorFlowable, HRFlowable

from deckmaker.writers.pdf.tagging.canvas import TaggingCanvas
from deckmaker.writers.pdf.tagging.flowables import Decoration, Tagged
from deckmaker.writers.pdf.tagging.marks import Recorder, StructElement
from deckmaker.writers.pdf.tagging.structure import tag_pdf

FONTS = Path(__file__).resolve().parents[3] / "templates" / "default" / "fonts"
TITLE = "Tagging sample"
LANG = "en-GB"
CHART_ALT = ("A column chart of meetings per year from 2018 to 2021: four in 2018, one in "
             "2019, none in 2020 and two in 2021.")
LONG = ("This paragraph is long enough to be broken across two pages when the page is "
        "nearly full, so that one structure element receives marked content on both. ") * 24


def _fonts() -> None:
    if "TagSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TagSans", str(FONTS / "NotoSans-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("TagSans-Bold", str(FONTS / "NotoSans-Bold.ttf")))
        pdfmetrics.registerFontFamily("TagSans", normal="TagSans", bold="TagSans-Bold",
                                      italic="TagSans", boldItalic="TagSans-Bold")


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName="TagSans", fontSize=10, leading=13, spaceAfter=6)
    return {
        "body": body,
        "h1": ParagraphStyle("h1", parent=body, fontName="TagSans-Bold", fontSize=20,
                             leading=24, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=body, fontName="TagSans-Bold", fontSize=14,
                             leading=18, spaceBefore=8),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=18, bulletIndent=4,
                                 bulletFontName="TagSans"),
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
    }


class Tags:
    """Wraps flowables for the recorder when the build is tagged, returns them as they
    are when it is not: the same story either way."""

    def __init__(self, tagged: bool) -> None:
        self.recorder = Recorder() if tagged else None

    def content(self, flowable: Flowable, target: StructElement | str, **kwargs) -> Flowable:
        if self.recorder is None:
            return flowable
        element = target if isinstance(target, StructElement) else \
            self.recorder.element(target)
        return Tagged(flowable, self.recorder, element, **kwargs)

    def decoration(self, flowable: Flowable) -> Flowable:
        return flowable if self.recorder is None else Decoration(flowable, self.recorder)

    def open(self, type_: str) -> None:
        if self.recorder is not None:
            self.recorder.open(type_)

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()


def _chart() -> Drawing:
    drawing = Drawing(300, 150)
    drawing.initialFontName = "TagSans"  # else its first state is Helvetica (unembedded)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 20, 240, 110
    chart.data = [(4, 1, 0, 2)]
    chart.categoryAxis.categoryNames = ["2018", "2019", "2020", "2021"]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = "TagSans"
    chart.bars[0].fillColor = colors.HexColor("#1f4e79")
    drawing.add(chart)
    return drawing


def _section(tags: Tags, s: dict, number: int, *, chart_alt: str | None,
             table_rows: int) -> list[Flowable]:
    story: list[Flowable] = []
    tags.open("Sect")
    story.append(AnchorFlowable(f"sec{number}"))
    story.append(tags.content(Paragraph(f"Section {number}", s["h2"]), "H2"))
    story.append(tags.decoration(HRFlowable(width="100%", thickness=0.5, color=colors.grey)))
    story.append(tags.content(Paragraph(
        f'Read the <a href="https://example.org/report/{number}" color="blue">report</a> '
        f'or go to <a href="#sec{number}" color="blue">the start of this section</a>.',
        s["body"]), "P"))
    tags.open("L")
    for item in ("First point", "Second point, a little longer than the first",
                 "Third point"):
        bullet = Paragraph(item, s["bullet"], bulletText="\u2022")
        if tags.recorder is None:
            story.append(bullet)
        else:
            _, label, body = tags.recorder.list_item()
            story.append(tags.content(bullet, body, label=label))
    tags.close()
    header = ["Year", "Meetings"]
    rows = [[str(2018 + row), str((row * 7) % 5)] for row in range(table_rows)]
    cells = None
    if tags.recorder is not None:
        _, cells = tags.recorder.table(1 + len(rows), 2, header_rows=1)
    data = [[tags.content(Paragraph(text, s["cell"]), cells[r][c] if cells else "TD",
                          repeated_as_artifact=r == 0)
             if tags.recorder is not None else Paragraph(text, s["cell"])
             for c, text in enumerate(line)]
            for r, line in enumerate([header, *rows])]
    table = Table(data, colWidths=[120, 120], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
                               ("FONTNAME", (0, 0), (-1, -1), "TagSans")]))
    story.append(tags.decoration(table))
    story.append(Spacer(1, 8))
    drawing = _chart()
    if tags.recorder is None:
        story.append(drawing)
    else:
        figure = tags.recorder.figure(chart_alt) if chart_alt else \
            tags.recorder.element("Figure")
        story.append(Tagged(drawing, tags.recorder, figure))
    story.append(tags.content(Paragraph(LONG, s["body"]), "P"))
    tags.close()
    return story


def _decorate(tags: Tags):
    def on_page(canvas: Canvas, doc) -> None:
        recorder = tags.recorder
        canvas.saveState()
        canvas.setFont("TagSans", 8)
        if recorder is None:
            _header_footer(canvas, doc)
        else:
            with recorder.artifact(canvas, "Pagination", "Header"):
                canvas.drawString(72, A4[1] - 40, TITLE)
                canvas.line(72, A4[1] - 44, A4[0] - 72, A4[1] - 44)
            with recorder.artifact(canvas, "Pagination", "Footer"):
                canvas.drawRightString(A4[0] - 72, 30, f"Page {doc.page}")
        canvas.restoreState()
    return on_page


def _header_footer(canvas: Canvas, doc) -> None:
    canvas.drawString(72, A4[1] - 40, TITLE)
    canvas.line(72, A4[1] - 44, A4[0] - 72, A4[1] - 44)
    canvas.drawRightString(A4[0] - 72, 30, f"Page {doc.page}")


def build_sample(*, tagged: bool, sections: int = 2, chart_alt: str | None = CHART_ALT,
                 stray: str = "", table_rows: int = 4,
                 recorder_out: list | None = None) -> bytes:
    """The sample as PDF bytes; tagged: drawn with marks and given its structure tree.
    ``chart_alt`` None: Figures without /Alt; ``stray``: a paragraph drawn without any
    mark after the title (a writer that forgot to wrap it); ``recorder_out`` receives
    the recorder (to inspect it); ``table_rows``: rows of each section's table below its
    header row (60 break it over two pages)."""
    _fonts()
    s = _styles()
    tags = Tags(tagged)
    story: list[Flowable] = [tags.content(Paragraph(TITLE, s["h1"]), "H1")]
    if stray:
        story.append(Paragraph(stray, s["body"]))
    for number in range(1, sections + 1):
        story += _section(tags, s, number, chart_alt=chart_alt, table_rows=table_rows)
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=TITLE, author="deckmaker tests",
                            lang=LANG, displayDocTitle=1, invariant=1,
                            initialFontName="TagSans")
    on_page = _decorate(tags)
    recorder = tags.recorder
    if recorder is None:
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
        return buffer.getvalue()

    class BoundCanvas(TaggingCanvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.recorder = recorder

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=BoundCanvas)
    if recorder_out is not None:
        recorder_out.append(recorder)
    return tag_pdf(buffer.getvalue(), recorder, title=TITLE, lang=LANG)
