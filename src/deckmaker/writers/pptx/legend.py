"""The estimative-language legend as two native tables: likelihood terms with their
ranges (terms the brief uses in bold) and the confidence levels with their meanings,
a first column left for each level's mark (its dots, drawn over it by the plan). Each
is one ``Legend`` element; a short slide carries part of one (``plan._legend_flow``)."""

from __future__ import annotations

from deckmaker.inline import Span
from deckmaker.writers.pptx import drawingml
from deckmaker.writers.pptx.elements import INSET_X, INSET_Y, Box, Legend, Line
from deckmaker.writers.pptx.plan import CONFIDENCE_COLUMNS, TERM_COLUMNS, table_rows
from deckmaker.writers.pptx.shapes import Canvas, Painter


def add_legend(canvas: Canvas, element: Legend, painter: Painter) -> None:
    """The table ``element`` plans: its header, then its rows."""
    legend = element.legend
    used = set(legend.used_terms)
    every = table_rows(legend, element.kind)
    rows = [every[0], *(every[1 + i] for i in element.rows)]
    if element.kind == "terms":
        shares, emphasised = TERM_COLUMNS, (lambda row, column: row[0] in used)
    else:
        shares, emphasised = CONFIDENCE_COLUMNS, (lambda row, column: column == 1)
    box = element.box
    _table(canvas, painter, Box(box.x, box.y, box.w, sum(element.heights)), rows,
           element.heights, shares, element.size, emphasised)


def _table(canvas: Canvas, painter: Painter, box: Box, rows, heights, shares, size,
           emphasised) -> None:
    """A header row in the primary colour, then rows alternately shaded; a cell in
    bold where ``emphasised(row, column)``."""
    shape_id = canvas.new_id()
    table_rows = []
    for r, (row, height) in enumerate(zip(rows, heights, strict=True)):
        header = r == 0
        fill = painter.palette["primary" if header else "shade" if r % 2 == 0 else "background"]
        cells = [_cell(canvas, painter, text, size, header or emphasised(row, column), header,
                       fill) for column, text in enumerate(row)]
        table_rows.append((height, cells))
    canvas.add(drawingml.table(shape_id, box, [box.w * share for share in shares], table_rows))


def _cell(canvas: Canvas, painter: Painter, text: str, size: float, bold: bool, light: bool,
          fill: str) -> drawingml.Cell:
    """A cell of ``text`` on ``fill``, in light text (as on dark slides) if ``light``."""
    lines = (Line((Span(text, bold=bold),), "body"),)
    return drawingml.Cell(painter.paragraphs(canvas, lines, size, dark=light), fill,
                          (INSET_X, INSET_Y))
