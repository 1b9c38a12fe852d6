"""Measuring and splitting slide content: the largest size within the pack's bounds
that fits, else continuation slides ("Sources (continued)", backup only) of at most
``theme.max_bullets`` bullets each, all measured with ``deckmaker.textfit``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from deckmaker import textfit
from deckmaker.inline import Span, plain_text
from deckmaker.model import CONFIDENCE_DOTS, Document, Reference
from deckmaker.writers.pptx.elements import (
    CHIP_PAD_X, CHIP_PAD_Y, CHIP_PT, DOTS_WORD_EM, ELLIPSIS, INSET_X, INSET_Y, Box, Chip,
    Geometry, Line, dots_width, paras,
)


@dataclass
class Item:
    """A unit of content that moves to a continuation slide as a whole."""

    lines: tuple[Line, ...]
    group: Line | None = None
    bullets: int = 1
    extra: dict = field(default_factory=dict)


class Planner:
    """Plans the slides of one document."""

    def __init__(self, doc: Document, geometry: Geometry | None = None) -> None:
        self.doc = doc
        self.g = geometry or Geometry()
        self.fonts = textfit.deck_fonts(doc.theme)
        self.body_pt = doc.theme.body_pt
        self.title_pt = doc.theme.title_pt
        self.max_bullets = doc.theme.max_bullets
        self.palette = doc.theme.palette
        self.chip_pt = max(CHIP_PT, self.body_pt[0])  # chips are body text: never smaller
        # (id of a line, size, inner width) -> (the line, its height, its space before):
        # paginating and balancing measure the same lines at the same sizes hundreds of
        # times. Keyed by identity (hashing the line's spans costs more than measuring a
        # cached line); holding the line keeps its id from being reused while we live.
        self._measured: dict[tuple[int, float, float], tuple[Line, float, float]] = {}

    # -- measuring ---------------------------------------------------------------------
    def text_height(self, lines: Sequence[Line], size: float, width: float,
                    inset: tuple[float, float] = (INSET_X, INSET_Y)) -> float:
        """The height a text box of ``width`` needs for ``lines`` at ``size`` (as
        ``textfit.text_height`` measures it: the first line's space before dropped)."""
        inner = width - 2 * inset[0]
        total = 0.0
        for n, line in enumerate(lines):
            _, height, space_before = self._line_height(line, size, inner)
            total += height - space_before if n == 0 else height
        return total + 2 * inset[1]

    def _line_height(self, line: Line, size: float, inner: float) -> tuple[Line, float, float]:
        key = (id(line), size, inner)
        found = self._measured.get(key)
        if found is None:
            [para] = paras([line], size)
            found = self._measured[key] = (
                line, textfit.paragraph_height(para, self.fonts, inner), para.space_before)
        return found

    def chip(self, x: float, y: float, text: str, fill: str, colour: str,
             compact: bool = False) -> Chip:
        """A chip of ``text`` from (x, y), as wide as its text; ``compact``: the
        overview's, with half the padding above and below."""
        width = textfit.text_width(text, self.fonts, self.chip_pt, bold=True) \
            / textfit.WIDTH_SAFETY
        height = self.chip_height_compact if compact else self.chip_height
        return Chip(Box(x, y, math.ceil(width + 2 * CHIP_PAD_X), height), text, fill, colour,
                    self.chip_pt, CHIP_PAD_Y / 2 if compact else CHIP_PAD_Y)

    @property
    def chip_height(self) -> float:
        return math.ceil(self.chip_pt * textfit.LINE_SPACING + 2 * CHIP_PAD_Y)

    @property
    def chip_height_compact(self) -> float:
        return math.ceil(self.chip_pt * textfit.LINE_SPACING + CHIP_PAD_Y)

    def mark_width(self, text: str, size: float | None = None) -> float:
        """The width of a confidence mark with word ``text`` at ``size``: its dots, a
        space, the word (drawn with a text box's insets)."""
        size = size or self.chip_pt
        word = textfit.text_width(text, self.fonts, size) / textfit.WIDTH_SAFETY
        return math.ceil(dots_width(size, CONFIDENCE_DOTS) + DOTS_WORD_EM * size + word
                         + 2 * INSET_X)

    def fit_title(self, title: str, box: Box, layout: str = "content") -> tuple[str, float]:
        """``title`` and the largest title size that fits ``box``: within the pack's title
        sizes, else down to its smallest body size (a template's title box may be small:
        a takeaway title shrinks before it loses words), cut with an ellipsis if none.
        Measured in capitals where the template sets ``layout``'s titles so."""
        caps = layout in self.g.caps

        def height(text: str, size: float) -> float:
            shown = text.upper() if caps else text
            return self.text_height([Line((Span(shown, bold=True),))], size, box.w)

        for bounds in (self.title_pt, (min(self.body_pt[0], self.title_pt[0]),
                                       self.title_pt[0])):
            size = textfit.largest_fitting_size(lambda s: height(title, s), box.h, bounds)
            if size is not None:
                return title, size
        words = title.split(" ")
        while len(words) > 1:
            words.pop()
            cut = " ".join(words).rstrip(" ,;:-") + ELLIPSIS
            if height(cut, bounds[0]) <= box.h:
                return cut, bounds[0]
        return title[:40] + ELLIPSIS, bounds[0]

    def truncate(self, line: Line, size: float, width: float, height: float) -> Line:
        """``line`` shortened with an ellipsis until it fits (its full text is in the notes)."""
        text = plain_text(line.spans)
        low, high = 0, len(text)
        while low < high:
            mid = (low + high + 1) // 2
            candidate = Line((Span(text[:mid].rstrip() + ELLIPSIS),), line.role)
            if self.text_height([candidate], size, width) <= height:
                low = mid
            else:
                high = mid - 1
        return Line((Span(text[:low].rstrip() + ELLIPSIS),), line.role)

    # -- splitting ---------------------------------------------------------------------
    def paginate(self, items: list[Item], height_of: Callable[[list[Item], float], float],
                 available: float, bounds: tuple[float, float] | None = None,
                 ) -> list[tuple[list[Item], float]]:
        """Chunks of ``items`` with the body size of each chunk's slide.

        One slide at the largest fitting size if possible; else as few slides as fit at
        the smallest size, split where the tallest chunk is lowest (balanced by measured
        height, not by count), each at the largest size its own content fits. Sizes are
        within ``bounds`` (default: the pack's body sizes)."""
        bounds = bounds or self.body_pt

        def fits(chunk, size):
            return sum(i.bullets for i in chunk) <= self.max_bullets and \
                height_of(chunk, size) <= available + 0.01

        for size in textfit.sizes(bounds):
            if fits(items, size):
                return [(items, size)]
        chunks = _balanced(items, lambda chunk: height_of(chunk, bounds[0])
                           if fits(chunk, bounds[0]) else None)
        if chunks is None:
            return [([item], bounds[0])
                    for item in self._shortened(items, height_of, available, bounds[0])]
        sizes = textfit.sizes(bounds)
        return [(c, _largest(sizes, lambda s, c=c: fits(c, s))) for c in chunks]

    def _shortened(self, items, height_of, available, low):
        """Items that fit alone at size ``low``, cutting any too long for a whole slide."""
        for item in items:
            while height_of([item], low) > available + 0.01 and item.lines:
                longest = max(range(len(item.lines)),
                              key=lambda k: len(plain_text(item.lines[k].spans)))
                line = item.lines[longest]
                text = plain_text(line.spans)
                # Each cut must shorten the line, its ellipsis included ("ab…" cut to 80 %
                # plus "…" is "ab…" again: it looped forever on a narrow box).
                keep = min(int(len(text) * 0.8), len(text) - 2)
                if keep < 1:  # nothing left to cut: the item is all short lines
                    break
                shorter = Line((Span(text[:keep].rstrip() + ELLIPSIS),), line.role)
                item = Item(item.lines[:longest] + (shorter,) + item.lines[longest + 1:],
                             item.group, item.bullets, item.extra)
            yield item

    def titled(self, base: str, count: int) -> list[str]:
        """Titles of ``count`` slides of one part: ``base``, then "base (continued)",
        "base (continued 2)"... (unique, as slide titles must be)."""
        return [base] + [self.doc.text("deck.continued", title=base, part=n)
                         for n in range(1, count)]


def _largest(sizes: list[float], fits: Callable[[float], bool]) -> float:
    """The first of ``sizes`` (largest first) that ``fits``, found by bisection: text
    only grows with its size, and the smallest fits (a chunk's sizes: measuring each
    from the largest cost a backup deck's planning a fifth of its time)."""
    low, high = 0, len(sizes) - 1  # sizes[high] fits
    while low < high:
        mid = (low + high) // 2
        low, high = (low, mid) if fits(sizes[mid]) else (mid + 1, high)
    return sizes[high]


def _balanced(items: list, height: Callable[[list], float | None]) -> list[list] | None:
    """``items`` cut into the fewest consecutive chunks whose ``height`` is not None (they
    fit), and among those the cut whose tallest chunk is lowest; None if an item alone
    does not fit. Chunks only grow taller, so each start is extended until one does not fit."""
    n = len(items)
    # best[i]: (chunks, tallest, minus the end of the first chunk) for items[i:]; on a
    # tie the first chunk is the longer one, so slides fill from the first
    best: list[tuple[int, float, int] | None] = [None] * n + [(0, 0.0, -n)]
    for start in range(n - 1, -1, -1):
        for end in range(start + 1, n + 1):
            tall = height(items[start:end])
            if tall is None:
                break
            rest = best[end]
            if rest is not None:
                option = (rest[0] + 1, max(tall, rest[1]), -end)
                best[start] = min(best[start] or option, option)
    if best[0] is None:
        return None
    chunks, start = [], 0
    while start < n:
        end = -best[start][2]
        chunks.append(items[start:end])
        start = end
    return chunks


def with_groups(chunk: Sequence[Item]) -> tuple[Line, ...]:
    """The lines of ``chunk``, each group heading before its first item on the slide."""
    lines: list[Line] = []
    current = None
    for item in chunk:
        if item.group is not None and item.group != current:
            lines.append(item.group)
            current = item.group
        lines.extend(item.lines)
    return tuple(lines)


def source_tags(refs: Sequence[Reference]) -> str:
    """`` [S1] [S3]`` for ``refs``, as the memo tags evidence."""
    return "".join(f" [{r.label}]" for r in refs)
