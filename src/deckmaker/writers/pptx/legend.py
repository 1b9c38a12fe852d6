"""The estimative-language legend as two native tables: likelihood terms with their
ranges (terms the brief uses in bold) and the confidence levels with their meanings."""

from __future__ import annotations

from pptx.util import Pt

from deckmaker.inline import Span
from deckmaker.writers.pptx.elements import INSET_X, INSET_Y, GAP, Box, Legend, Line
from deckmaker.writers.pptx.plan import CONFIDENCE_COLUMNS, TERM_COLUMNS
from deckmaker.writers.pptx.shapes import Painter, emu_box, rgb


def add_legend(slide, element: Legend, painter: Painter) -> None:
    box, legend = element.box, element.legend
    terms = [(legend.term_header, legend.range_header), *legend.terms]
    levels = [(legend.confidence_header, legend.meaning_header), *legend.confidence]
    used = set(legend.used_terms)
    _table(slide, painter, Box(box.x, box.y, element.split, sum(element.term_rows)), terms,
           element.term_rows, TERM_COLUMNS, element.size, lambda row: row[0] in used)
    right = Box(box.x + element.split + GAP, box.y, box.w - element.split - GAP,
                sum(element.confidence_rows))
    _table(slide, painter, right, levels, element.confidence_rows, CONFIDENCE_COLUMNS,
           element.size, lambda row: False)


def _table(slide, painter: Painter, box: Box, rows, heights, shares, size, emphasised) -> None:
    frame = slide.shapes.add_table(len(rows), 2, *emu_box(box))
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for n, share in enumerate(shares):
        table.columns[n].width = Pt(box.w * share)
    for r, (row, height) in enumerate(zip(rows, heights, strict=True)):
        table.rows[r].height = Pt(height)
        header = r == 0
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Pt(INSET_X)
            cell.margin_top = cell.margin_bottom = Pt(INSET_Y)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(painter.palette["primary" if header else
                                                           "shade" if r % 2 == 0 else
                                                           "background"])
            bold = header or emphasised(row)
            line = Line((Span(text, bold=bold),), "body")
            painter.paragraphs(cell.text_frame, (line,), size, dark=header)
