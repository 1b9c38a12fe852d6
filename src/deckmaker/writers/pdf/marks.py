"""The likelihood chip and the confidence mark, drawn: a judgment's line of marks, the
key judgments at a glance, and the mark in the estimative appendix.

The confidence mark is three dots, filled for the level (●●● high, ●●○ moderate, ●○○
low), drawn as circles (the Noto fonts have no such characters), followed by its words:
it reads without colour. The chip is the likelihood's words on the light shade.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from deckmaker.model import ConfidenceMark
from deckmaker.writers.pdf.tagging.marks import StructElement
from deckmaker.writers.pdf.tagging.story import UNTAGGED, Tags

DOT_RADIUS = 2.6
DOT_PITCH = 7.4  # centre to centre
DOT_GAP = 4  # between the last dot and the words
CHIP_PAD = 3.5  # left and right of a chip's words
CHIP_HEIGHT = 11
ITEM_GAP = 9  # between the chip, the mark and what follows on a line


class Pen(Protocol):
    """Measures and draws one line of text in a font, with fallbacks (page.PageDecor)."""

    def measure(self, text: str, font: str, size: float) -> float: ...

    def text(self, canv: Canvas, x: float, y: float, text: str, font: str, size: float,
             *, align: str = "left") -> None: ...


@dataclass(frozen=True)
class MarkStyle:
    """Fonts and colours of chips and marks."""

    font: str
    size: float
    text: colors.Color  # the words
    chip_text: colors.Color
    chip_fill: colors.Color
    dot_empty: colors.Color


def dots_width() -> float:
    return 2 * DOT_PITCH + 2 * DOT_RADIUS


def mark_width(mark: ConfidenceMark, pen: Pen, style: MarkStyle) -> float:
    return dots_width() + DOT_GAP + pen.measure(mark.text, style.font, style.size)


def chip_width(text: str, pen: Pen, style: MarkStyle) -> float:
    return pen.measure(text, style.font, style.size) + 2 * CHIP_PAD


def draw_mark(canv: Canvas, x: float, baseline: float, mark: ConfidenceMark, pen: Pen,
              style: MarkStyle) -> None:
    """The dots, then the words, on the line at ``baseline``."""
    draw_dots(canv, x, baseline, mark, style)
    canv.setFillColor(style.text)
    pen.text(canv, x + dots_width() + DOT_GAP, baseline, mark.text, style.font, style.size)


def draw_dots(canv: Canvas, x: float, baseline: float, mark: ConfidenceMark,
              style: MarkStyle) -> None:
    """The filled and empty dots, centred on the x-height of the line at ``baseline``."""
    middle = baseline + style.size * 0.33
    canv.setLineWidth(0.8)
    fill = colors.HexColor(mark.colour)
    for number in range(mark.total):
        cx = x + DOT_RADIUS + number * DOT_PITCH
        if number < mark.filled:
            canv.setFillColor(fill)
            canv.setStrokeColor(fill)
            canv.circle(cx, middle, DOT_RADIUS, stroke=1, fill=1)
        else:
            canv.setStrokeColor(style.dot_empty)
            canv.circle(cx, middle, DOT_RADIUS - 0.4, stroke=1, fill=0)


def draw_chip(canv: Canvas, x: float, baseline: float, text: str, pen: Pen,
              style: MarkStyle) -> None:
    width = chip_width(text, pen, style)
    canv.setFillColor(style.chip_fill)
    canv.roundRect(x, baseline - 3, width, CHIP_HEIGHT, 2, stroke=0, fill=1)
    canv.setFillColor(style.chip_text)
    pen.text(canv, x + CHIP_PAD, baseline, text, style.font, style.size)


class MarkLine(Flowable):
    """A judgment's marks: the likelihood chip, the confidence mark, then a paragraph
    (its evidence links) in the room left on the line."""

    def __init__(self, chip: str | None, mark: ConfidenceMark | None, after: Paragraph | None,
                 pen: Pen, style: MarkStyle, *, indent: float, leading: float,
                 space_before: float, space_after: float) -> None:
        super().__init__()
        self.chip, self.mark, self.after = chip, mark, after
        self.pen, self.style = pen, style
        self.indent, self.leading = indent, leading
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def _after_x(self) -> float:
        x = self.indent
        if self.chip:
            x += chip_width(self.chip, self.pen, self.style) + ITEM_GAP
        if self.mark:
            x += mark_width(self.mark, self.pen, self.style) + ITEM_GAP
        return x

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.leading
        if self.after is not None:
            _, height = self.after.wrapOn(self.canv, availWidth - self._after_x(), availHeight)
            self.height = max(self.height, height)
        return self.width, self.height

    def draw(self) -> None:
        canv, baseline = self.canv, self.height - self.leading + 3.2
        x = self.indent
        if self.chip:
            draw_chip(canv, x, baseline, self.chip, self.pen, self.style)
            x += chip_width(self.chip, self.pen, self.style) + ITEM_GAP
        if self.mark:
            draw_mark(canv, x, baseline, self.mark, self.pen, self.style)
            x += mark_width(self.mark, self.pen, self.style) + ITEM_GAP
        if self.after is not None:
            self.after.drawOn(canv, self._after_x(), self.height - self.after.height)


class MarkCell(Flowable):
    """A confidence mark for a table cell: the dots, and the words under them when the
    cell is too narrow for both on one line."""

    def __init__(self, mark: ConfidenceMark, pen: Pen, style: MarkStyle, leading: float) -> None:
        super().__init__()
        self.mark, self.pen, self.style, self.leading = mark, pen, style, leading
        self.stacked = False

    def wrap(self, availWidth, availHeight):
        width = mark_width(self.mark, self.pen, self.style)
        self.stacked = width > availWidth
        if self.stacked:
            width = max(dots_width(), self.pen.measure(self.mark.text, self.style.font,
                                                       self.style.size))
        self.width, self.height = width, self.leading * (2 if self.stacked else 1)
        return self.width, self.height

    def draw(self) -> None:
        baseline = self.height - self.leading + 3.2
        if not self.stacked:
            draw_mark(self.canv, 0, baseline, self.mark, self.pen, self.style)
            return
        draw_dots(self.canv, 0, baseline, self.mark, self.style)
        self.canv.setFillColor(self.style.text)
        self.pen.text(self.canv, 0, baseline - self.leading, self.mark.text, self.style.font,
                      self.style.size)


@dataclass
class GlanceRow:
    """One judgment at a glance: label, headline, likelihood chip, confidence mark, and
    the structure elements of its three cells (label, headline, the marks) when tagged."""

    label: str
    headline: Paragraph
    chip: str | None
    mark: ConfidenceMark | None
    cells: tuple[StructElement | None, ...] = (None, None, None)


class GlanceTable(Flowable):
    """The key judgments at a glance: a row per judgment, the label in the gutter, the
    headline in the text column, chip over mark at the right; splits between rows."""

    PAD = 4.5  # above and below each row's content
    LINE = 13  # the chip's and the mark's lines

    def __init__(self, rows: Sequence[GlanceRow], pen: Pen, style: MarkStyle, *,
                 gutter: float, marks_width: float, label_font: str,
                 label_colour: colors.Color, rule: colors.Color,
                 tags: Tags = UNTAGGED) -> None:
        super().__init__()
        self.rows = list(rows)
        self.tags = tags  # each cell's drawing is its content; the rules are not
        self.pen, self.style = pen, style
        self.gutter, self.marks_width = gutter, marks_width
        self.label_font, self.label_colour, self.rule = label_font, label_colour, rule
        self.heights: list[float] = []

    def _marks_lines(self, row: GlanceRow) -> int:
        return (row.chip is not None) + (row.mark is not None)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        room = availWidth - self.gutter - self.marks_width - 10
        self.heights = []
        for row in self.rows:
            _, height = row.headline.wrapOn(self.canv, room, availHeight)
            self.heights.append(max(height, self._marks_lines(row) * self.LINE) + 2 * self.PAD)
        self.height = sum(self.heights)
        return self.width, self.height

    def row_ends(self) -> tuple[float, ...]:
        ends, total = [], 0.0
        for height in self.heights:
            total += height
            ends.append(total)
        return tuple(ends)

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        fits, used = 0, 0.0
        for height in self.heights:
            if used + height > availHeight:
                break
            used, fits = used + height, fits + 1
        if fits in (0, len(self.rows)):
            return [] if fits == 0 else [self]
        return [self._part(self.rows[:fits]), self._part(self.rows[fits:])]

    def _part(self, rows: list[GlanceRow]) -> GlanceTable:
        return GlanceTable(rows, self.pen, self.style, gutter=self.gutter,
                           marks_width=self.marks_width, label_font=self.label_font,
                           label_colour=self.label_colour, rule=self.rule, tags=self.tags)

    def draw(self) -> None:
        canv, top, tags = self.canv, self.height, self.tags
        marks_x = self.width - self.marks_width
        for row, height in zip(self.rows, self.heights, strict=True):
            label_cell, headline_cell, marks_cell = row.cells
            first_baseline = top - self.PAD - row.headline.style.leading + 3.5
            with tags.drawing(canv, label_cell):
                canv.setFillColor(self.label_colour)
                self.pen.text(canv, 0, first_baseline, row.label, self.label_font,
                              self.style.size)
            with tags.drawing(canv, headline_cell):
                row.headline.drawOn(canv, self.gutter, top - self.PAD - row.headline.height)
            baseline = top - self.PAD - self.LINE + 3.5
            with tags.drawing(canv, marks_cell):
                if row.chip:
                    draw_chip(canv, marks_x, baseline, row.chip, self.pen, self.style)
                    baseline -= self.LINE
                if row.mark:
                    draw_mark(canv, marks_x, baseline, row.mark, self.pen, self.style)
            top -= height
            canv.setStrokeColor(self.rule)
            canv.setLineWidth(0.4)
            canv.line(0, top, self.width, top)


class SideBySide(Flowable):
    """Flowables side by side, ``widths`` points wide with ``gap`` between them, tops
    aligned: one block that never splits."""

    def __init__(self, parts: Sequence[Flowable], widths: Sequence[float], gap: float) -> None:
        super().__init__()
        self.parts, self.widths, self.gap = list(parts), list(widths), gap
        self.hAlign = "RIGHT"
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, availWidth, availHeight):
        self.width = sum(self.widths) + self.gap * (len(self.parts) - 1)
        self._sizes = [part.wrapOn(self.canv, w, availHeight)
                       for part, w in zip(self.parts, self.widths, strict=True)]
        self.height = max(h for _, h in self._sizes)
        return self.width, self.height

    def draw(self) -> None:
        x = 0.0
        for part, width, (_, height) in zip(self.parts, self.widths, self._sizes, strict=True):
            part.drawOn(self.canv, x, self.height - height)
            x += width + self.gap
