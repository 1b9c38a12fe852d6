"""A column of paragraphs with padding, an optional shade and a rule down its left edge:
the BLUF box and the evidence quotes.

Lays out and draws as the one-column platypus Table it replaces did (same row heights,
positions, shade and rule, so the same pages), without a table's general machinery:
style commands, cell styles, and every cell measured again while drawing. That was
about a twentieth of a memo's render for one BLUF box and a few quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

ROUND = 1  # the line cap and join a table gives its rules


@dataclass(frozen=True)
class BoxStyle:
    """How a box looks: padding left and right of its column, padding above and below
    each row (the first row's top and the last row's bottom apart), shade and rule."""

    left: float
    right: float
    top: float
    bottom: float
    first_top: float
    last_bottom: float
    rule_width: float
    rule_colour: Color
    shade: Color | None = None


class RuledBox(Flowable):
    """Rows of flowables in one padded column; splits between rows, each part keeping its
    rows' own padding (a table's split); a row too tall for the page is the frame's
    LayoutError, as before."""

    def __init__(self, rows: Sequence[Sequence[Flowable]], width: float, style: BoxStyle,
                 *, h_align: str = "LEFT", first: int = 0, total: int | None = None) -> None:
        super().__init__()
        self.rows = [list(row) for row in rows]
        self.width = width
        self.style = style
        self.hAlign = h_align
        self._first = first  # this part's first row in the whole box
        self._total = len(rows) if total is None else total
        self._heights: list[float] = []
        self._measured: tuple[list[float], list[list[float]]] | None = None

    def _padding(self, row: int) -> tuple[float, float]:
        """(top, bottom) padding of row ``row`` of this part."""
        number = self._first + row
        s = self.style
        return (s.first_top if number == 0 else s.top,
                s.last_bottom if number == self._total - 1 else s.bottom)

    def wrap(self, avail_width, avail_height):
        inner = self.width - self.style.left - self.style.right
        content, self._heights = [], []
        for index, row in enumerate(self.rows):
            heights = [f.wrapOn(self.canv, inner, 72000 - sum(self._padding(index)))[1]
                       for f in row]
            content.append(heights)
            # A table cell's height: every height and space, less the outer two spaces.
            spaces = sum(f.getSpaceBefore() + f.getSpaceAfter() for f in row)
            outer = (row[0].getSpaceBefore() + row[-1].getSpaceAfter()) if row else 0
            self._heights.append(sum(heights) + spaces - outer + sum(self._padding(index)))
        self._measured = (self._heights, content)
        self.height = sum(self._heights)
        return self.width, self.height

    def row_ends(self) -> tuple[float, ...]:
        """The height from the top to the end of each row (after a wrap)."""
        ends, total = [], 0.0
        for height in self._heights:
            total += height
            ends.append(total)
        return tuple(ends)

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        used = fits = 0
        for height in self._heights:
            if used + height > avail_height:
                break
            used += height
            fits += 1
        if fits == 0:
            return []
        if fits == len(self.rows):
            return [self]
        return [self._part(self.rows[:fits], self._first),
                self._part(self.rows[fits:], self._first + fits)]

    def _part(self, rows, first: int) -> RuledBox:
        return RuledBox(rows, self.width, self.style, h_align=self.hAlign, first=first,
                        total=self._total)

    def draw(self) -> None:
        canv, s = self.canv, self.style
        heights, content = self._measured
        canv.saveState()
        if s.shade is not None:
            canv.setFillColor(s.shade)
            canv.rect(0, self.height, self.width, -self.height, stroke=0, fill=1)
        top = self.height
        for index, (row, row_heights) in enumerate(zip(self.rows, content, strict=True)):
            y = top - self._padding(index)[0] + (row[0].getSpaceBefore() if row else 0)
            for flowable, height in zip(row, row_heights, strict=True):
                y -= flowable.getSpaceBefore() + height
                flowable.drawOn(canv, s.left, y)
                y -= flowable.getSpaceAfter()
            top -= heights[index]
        canv.setLineCap(ROUND)
        canv.setLineJoin(ROUND)
        canv.setStrokeColor(s.rule_colour)
        canv.setLineWidth(s.rule_width)
        canv.line(0, 0, 0, self.height)
        canv.restoreState()
