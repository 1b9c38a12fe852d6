"""The key judgments at a glance: how their rows fit the body (pure, measured).

A row is a judgment's label, its headline and its likelihood chip and confidence mark,
beside the headline or, on a narrow body, under it (``stacked``). Its headline is whole
where the rows fit, else one line each that keeps ``GLANCE_WORDS`` words at least; where
neither fits, the judgments take more slides (``GlanceRows.chunked``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from deckmaker import textfit
from deckmaker.inline import Inline, Span, plain_text
from deckmaker.model import Judgment
from deckmaker.writers.pptx import budget
from deckmaker.writers.pptx.elements import INSET_X, Box, Line

OVERVIEW_MAX = 8         # judgments on one at-a-glance slide; more take two or more
OVERVIEW_GAP = 10.0      # between the overview's rows when they have room
OVERVIEW_DENSE_GAP = 3.0  # ... and when many judgments share a slide
OVERVIEW_INSET = (INSET_X, 1.0)  # the rows' text boxes: tight above and below
GLANCE_WORDS = 4  # a headline cut to one line keeps at least these words (or all it has)
STACK_GAP = 2.0   # between a headline and the chip and mark under it


class Measures(Protocol):
    """What the rows are measured with: the deck planner's sizes and text measures."""

    body_pt: tuple[float, float]

    def text_height(self, lines: Sequence[Line], size: float, width: float,
                    inset: tuple[float, float] = ...) -> float: ...

    def one_line(self, spans: Inline, role: str, size: float, width: float) -> Line: ...

    def one_line_standin(self, role: str) -> Line: ...


@dataclass(frozen=True)
class Row:
    """One judgment's row: its headline line, the line's height and the row's."""

    line: Line
    text_h: float
    height: float


@dataclass(frozen=True)
class Layout:
    """One slide's rows: their size, the rows and the gap between them."""

    size: float
    rows: tuple[Row, ...]
    gap: float
    whole: bool  # every headline as written (not cut to one line)
    kept: bool = True  # every headline keeps GLANCE_WORDS words (False: cut as it must be)


class GlanceRows:
    """Fits judgments' rows into ``box`` with ``planner``'s measures: headlines
    ``text_w`` wide, under each a chip and mark ``chip_h`` tall when ``stacked``, else
    beside it."""

    def __init__(self, planner: Measures, box: Box, text_w: float, chip_h: float,
                 stacked: bool) -> None:
        self.p, self.box, self.text_w = planner, box, text_w
        self.chip_h, self.stacked = chip_h, stacked
        self.low, self.high = planner.body_pt

    def row_height(self, text_h: float) -> float:
        return text_h + STACK_GAP + self.chip_h if self.stacked else max(text_h, self.chip_h)

    def rows(self, chunk: list[Judgment], size: float, wrap: bool) -> tuple[Row, ...]:
        out = []
        for j in chunk:
            line = Line(j.headline, "lead") if wrap else \
                self.p.one_line(j.headline, "lead", size, self.text_w)
            text_h = self.p.text_height([line], size, self.text_w, OVERVIEW_INSET)
            out.append(Row(line, text_h, self.row_height(text_h)))
        return tuple(out)

    def fits(self, heights: list[float], gap: float) -> bool:
        return sum(heights) + gap * (len(heights) - 1) <= self.box.h + 0.01

    def wrapped(self, chunk: list[Judgment]) -> Layout | None:
        for size in textfit.sizes((self.low, self.high)):
            rows = self.rows(chunk, size, True)
            if self.fits([r.height for r in rows], OVERVIEW_GAP):
                return Layout(size, rows, OVERVIEW_GAP, True)
        return None

    def one_line_each(self, chunk: list[Judgment]) -> Layout | None:
        """Every row one line (so the size comes first), each headline keeping
        GLANCE_WORDS words at least: a row cut to "The…" says nothing."""
        standin = self.p.one_line_standin("lead")
        for gap in (OVERVIEW_GAP, OVERVIEW_DENSE_GAP):
            for size in textfit.sizes((self.low, self.high)):
                row_h = self.row_height(self.p.text_height([standin], size, self.text_w,
                                                           OVERVIEW_INSET))
                if self.fits([row_h] * len(chunk), gap):
                    rows = self.rows(chunk, size, False)
                    if all(_kept(r.line, j.headline) for r, j in zip(rows, chunk, strict=True)):
                        return Layout(size, rows, gap, False)
        return None

    def chunked(self, judgments: list[Judgment]) -> list[tuple[list[Judgment], Layout]]:
        """The fewest slides (past OVERVIEW_MAX judgments, as many as one-line rows
        need at least) whose rows all fit, wrapped or one line each; failing that, one
        line each at the smallest size, cut as it must be."""
        one_line_h = self.row_height(self.p.text_height(
            [Line((Span("X"),), "lead")], self.low, self.text_w, OVERVIEW_INSET))
        per_slide = max(1, math.floor((self.box.h + OVERVIEW_DENSE_GAP)
                                      / (one_line_h + OVERVIEW_DENSE_GAP)))
        count = 1 if len(judgments) <= OVERVIEW_MAX else \
            max(2, math.ceil(len(judgments) / per_slide))
        for tried in range(count, len(judgments) + 1):
            chunks = even_chunks(judgments, tried)
            layouts = [self.wrapped(chunk) or self.one_line_each(chunk) for chunk in chunks]
            if all(layouts):
                return list(zip(chunks, layouts, strict=True))
        return [(chunk, Layout(self.low, self.rows(chunk, self.low, False),
                               OVERVIEW_DENSE_GAP, False, kept=False))
                for chunk in even_chunks(judgments, count)]


def better(a: list[tuple[list[Judgment], Layout]],
           b: list[tuple[list[Judgment], Layout]]) -> bool:
    """Whether slides ``a`` beat ``b``: headlines that keep their words, then fewer
    slides, then whole headlines."""
    def rank(slides) -> tuple[bool, int, bool]:
        layouts = [layout for _, layout in slides]
        return (not all(x.kept for x in layouts), len(slides),
                not all(x.whole for x in layouts))
    return rank(a) < rank(b)


def _kept(line: Line, headline) -> bool:
    """Whether ``line`` (``headline`` cut to one line) keeps GLANCE_WORDS words, or all."""
    words = budget.count_words(plain_text(headline))
    return budget.count_words(plain_text(line.spans)) >= min(words, GLANCE_WORDS)


def even_chunks(items: list, count: int) -> list[list]:
    """``items`` in ``count`` consecutive chunks whose sizes differ by at most one,
    the longer first."""
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        out.append(items[start:end])
        start = end
    return [c for c in out if c]
