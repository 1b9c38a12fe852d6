"""Checking a finished deck: re-measure every text shape and table of every slide
from the file itself (sizes, indents, spacing and insets as written) with
``deckmaker.textfit``, and report any text taller than its shape, any shape off the
slide, and any footer or marking shape overlapping another shape. The benchmark counts
them; the tests check overflow independently, from LibreOffice's rendering."""

from __future__ import annotations

from pptx.util import Emu

from deckmaker import textfit

FOOTER_SHAPES = ("deckmaker footer", "deckmaker date", "deckmaker marking")

def _pt(value) -> float:
    return Emu(value or 0).pt


def _paragraph(paragraph, p) -> textfit.Para | None:
    """``paragraph`` (python-pptx's) as measured; ``p`` is its ``a:p`` element, for the
    indent python-pptx does not expose."""
    runs = [r for r in paragraph.runs if r.text]
    if not runs:
        return None
    size = max(r.font.size.pt for r in runs)
    ppr = p.pPr
    indent = _pt(int(ppr.get("marL", 0))) if ppr is not None else 0.0
    spacing = paragraph.line_spacing
    line_spacing = _pt(spacing) / size if spacing is not None and not isinstance(
        spacing, float) else textfit.LINE_SPACING
    before = paragraph.space_before
    return textfit.Para(tuple(textfit.Run(r.text, bool(r.font.bold), bool(r.font.italic))
                              for r in runs), size, indent, _pt(before) if before else 0.0,
                        line_spacing)


def needed_height(frame, txBody, width: float, insets: tuple[float, float, float, float],
                  fonts: textfit.Fonts) -> float:
    """The height (pt) the paragraphs of text ``frame`` (its ``txBody`` element) need in a
    box ``width`` points wide with ``insets`` (left, right, top, bottom, in points)."""
    paras = [para for para in (_paragraph(paragraph, p) for paragraph, p in
                               zip(frame.paragraphs, txBody.p_lst, strict=True)) if para]
    left, right, top, bottom = insets
    return textfit.text_height(paras, fonts, width - left - right) + top + bottom


def _frame_height(shape, width: float, fonts: textfit.Fonts) -> float:
    frame = shape.text_frame
    insets = tuple(_pt(m) for m in (frame.margin_left, frame.margin_right, frame.margin_top,
                                    frame.margin_bottom))
    return needed_height(frame, shape.element.txBody, width, insets, fonts)


def _table_height(shape, fonts: textfit.Fonts) -> float:
    table = shape.table
    rows = shape.element.xpath("./a:graphic/a:graphicData/a:tbl/a:tr")
    return sum(max(needed_height(cell.text_frame, tc.txBody, _pt(column.width),
                                 tuple(_pt(m) for m in (cell.margin_left, cell.margin_right,
                                                        cell.margin_top, cell.margin_bottom)),
                                 fonts)
                   for cell, tc, column in zip(row.cells, tr.tc_lst, table.columns, strict=True))
               for row, tr in zip(table.rows, rows, strict=True))


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether boxes (x, y, w, h) share more than a hairline."""
    return min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 0.5 \
        and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 0.5


def _footer_overlaps(shapes: list[tuple[str, tuple[float, ...]]], where: str) -> list[str]:
    """The footer and marking shapes among ``shapes`` (name, box) that overlap another."""
    return [f"{where}: {name} overlaps {other} at {box}"
            for n, (name, box) in enumerate(shapes) if name in FOOTER_SHAPES
            for m, (other, other_box) in enumerate(shapes)
            if m != n and (other not in FOOTER_SHAPES or m > n) and _overlap(box, other_box)]


def overflows(prs, fonts: textfit.Fonts) -> list[str]:
    """Every text shape or table whose text does not fit it, every shape that runs off
    the slide and every footer shape overlapping another, as "slide n: shape: needs x
    pt, has y pt"-style lines."""
    width, height = _pt(prs.slide_width), _pt(prs.slide_height)
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        boxes = []
        for shape in slide.shapes:
            box = tuple(_pt(v) for v in (shape.left, shape.top, shape.width, shape.height))
            boxes.append((shape.name, box))
            where = f"slide {number}: {shape.name}"
            if box[0] < -0.5 or box[1] < -0.5 or box[0] + box[2] > width + 0.5 \
                    or box[1] + box[3] > height + 0.5:
                problems.append(f"{where}: off the slide at {box}")
            if shape.has_text_frame and shape.text_frame.text.strip():
                needed = _frame_height(shape, box[2], fonts)
            elif getattr(shape, "has_table", False) and shape.has_table:
                needed = _table_height(shape, fonts)
            else:
                continue
            if needed > box[3] + 0.5:
                problems.append(f"{where}: needs {needed:.1f} pt, has {box[3]:.1f} pt")
        problems += _footer_overlaps(boxes, f"slide {number}")
    return problems
