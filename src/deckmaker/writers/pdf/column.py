"""The memo's flowables measured into ``paginate.Box`` es, cut into pages and drawn.

Each flowable is wrapped once at the text width; invisible markers (anchors, a step's
marker) ride on the flowable after them. Where a box may split comes from what it is:
a paragraph between its lines, keeping two on each side (its style's widow and orphan
rule), a ruled box between its rows, a wrapper (``inner``) as what it wraps. A flowable
with a ``least_height`` and a ``most_height`` (a chart) may be drawn shorter or taller,
within them: ``fit_height`` lays it out again. The cuts ``paginate`` chooses are made
with each flowable's own ``split``, the spaces it stretches are added above the
flowables they precede, and every part is drawn with its own ``drawOn``: one place
draws each piece of content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.flowables import HRFlowable

from deckmaker.writers.pdf.paginate import FUZZ, Box, Page, paginate, stretches
from deckmaker.writers.pdf.tagging.flowables import Wrapped

MIN_LINES = 2  # a split paragraph keeps at least this many lines on each page


@dataclass
class Placed:
    """A flowable, the markers drawn just above it, the stretch added to the space
    above it and the tagging wrapper it is drawn through, if any."""

    flowable: Flowable
    riders: list[Flowable] = field(default_factory=list)
    name: str = ""
    stretch: float = 0
    # A tagging wrapper (``tagging.flowables``) is laid out as the flowable it holds: the
    # column measures, splits and wraps that flowable itself (its few hundred calls a
    # render need no wrapper in between) and draws it through the wrapper, marked.
    wrapper: Wrapped | None = None

    def part(self, flowable: Flowable, first: bool, stretch: float,
             riders: list[Flowable]) -> Placed:
        """``flowable`` (this one's, or a part of it after a split: the ``first`` or a
        later one) placed with ``stretch`` and ``riders``, drawn through a wrapper alike."""
        wrapper = self.wrapper
        if wrapper is not None and flowable is not self.flowable:
            wrapper = wrapper.around(flowable, first)
        return Placed(flowable, riders, self.name, stretch, wrapper)


def _is_marker(flowable: Flowable) -> bool:
    return bool(getattr(flowable, "_ZEROSIZE", False))


def held(flowable: Flowable) -> Flowable:
    """What ``flowable`` is for layout: itself, or what a tagging wrapper of ours holds
    (which carries the writer's hints: ``starts_block``, ``least_height``...)."""
    while (inner := getattr(flowable, "inner", None)) is not None:
        flowable = inner
    return flowable


def split_heights(flowable: Flowable) -> tuple[float, ...]:
    """Heights at which ``flowable`` (wrapped) may end a page, ascending."""
    flowable = held(flowable)  # a wrapper of ours lays out as what it holds
    if isinstance(flowable, Paragraph) and not getattr(flowable, "keep_whole", False):
        lines = len(flowable.blPara.lines)
        leading = flowable.style.leading
        return tuple(n * leading for n in range(MIN_LINES, lines - MIN_LINES + 1))
    row_ends = getattr(flowable, "row_ends", None)  # a ruled box, the glance table
    if row_ends is not None and not getattr(flowable, "keep_whole", False):
        return row_ends()[:-1]
    return ()


class Column:
    """Lays out one memo's flowables in a text column ``width`` by ``height`` points."""

    def __init__(self, canv: Canvas, width: float, height: float) -> None:
        self.canv = canv
        self.width = width
        self.height = height

    def measure(self, flowables: Sequence[Flowable],
                name_of: Callable[[Flowable], str | None]) -> tuple[list[Placed], list[Box]]:
        """The placed flowables and their boxes; ``name_of`` names a marker's step."""
        placed: list[Placed] = []
        boxes: list[Box] = []
        riders: list[Flowable] = []
        name = "the memo"
        for given in flowables:
            name = name_of(given) or name
            flowable = held(given)
            if _is_marker(flowable):
                riders.append(given)
                continue
            _, height = flowable.wrapOn(self.canv, self.width, self.height)
            splits = split_heights(flowable)
            least = getattr(flowable, "least_height", height) if not splits else height
            most = getattr(flowable, "most_height", height) if not splits else height
            wrapper = given if isinstance(given, Wrapped) else None
            placed.append(Placed(flowable, riders, name, wrapper=wrapper))
            boxes.append(Box(height, flowable.getSpaceBefore(), flowable.getSpaceAfter(),
                             splits, bool(flowable.getKeepWithNext()),
                             bool(getattr(flowable, "starts_block", False)), name,
                             max(0.0, height - least), max(0.0, most - height),
                             isinstance(flowable, HRFlowable)))
            riders = []
        if riders:  # markers at the very end ride on an empty box
            placed[-1].riders.extend(riders) if placed else None
        return placed, boxes

    def pages(self, placed: list[Placed], boxes: list[Box]) -> list[list[Placed]]:
        """``placed`` cut into pages where ``paginate`` says, split flowables and all,
        charts drawn shorter and spaces stretched as it says."""
        layout = paginate(boxes, self.height)
        room = stretches(boxes)
        pages: list[list[Placed]] = [[]]
        number = 0  # the page being filled
        for index, item in enumerate(placed):
            box, page = boxes[index], layout[number]
            current, done, riders = item.flowable, 0.0, item.riders
            if box.shrink and page.shrink:
                current.fit_height(box.height - page.shrink * box.shrink)
            elif box.grow and page.stretch:
                current.fit_height(box.height + page.stretch * box.grow)
            stretch = page.stretch * room[index] if pages[-1] else 0.0
            first_part = True
            while _ends_inside(page, index, box):
                first, current = self._split(current, page.end.offset - done)
                pages[-1].append(item.part(first, first_part, stretch, riders))
                pages.append([])
                riders, done, stretch, first_part = [], page.end.offset, 0.0, False
                number += 1
                page = layout[number]
            pages[-1].append(item.part(current, first_part, stretch, riders))
            if page.end is not None and page.end.box == index:
                pages.append([])
                number += 1
        return pages

    def _split(self, flowable: Flowable, height: float) -> tuple[Flowable, Flowable]:
        parts = flowable.splitOn(self.canv, self.width, height + FUZZ)
        if len(parts) != 2:
            raise AssertionError(f"{type(flowable).__name__} did not split at {height:.1f} pt")
        for part in parts:
            part.wrapOn(self.canv, self.width, self.height)
        return parts[0], parts[1]

    def draw_page(self, items: list[Placed], left: float, top: float) -> None:
        """Draw one page's items from ``top`` down, the space at its top dropped."""
        y = top
        previous_after = None
        for item in items:
            flowable = item.flowable
            width, height = flowable.wrapOn(self.canv, self.width, self.height)
            if previous_after is not None:
                y -= max(previous_after, flowable.getSpaceBefore()) + item.stretch
            x = left + _offset(flowable, self.width - width)
            for rider in item.riders:
                rider.drawOn(self.canv, x, y)
            y -= height
            (item.wrapper or flowable).drawOn(self.canv, x, y)
            previous_after = flowable.getSpaceAfter()


def _ends_inside(page: Page, index: int, box: Box) -> bool:
    """Whether ``page`` ends inside box ``index`` (not after it)."""
    return page.end is not None and page.end.box == index \
        and page.end.offset < box.height - FUZZ


def _offset(flowable: Flowable, room: float) -> float:
    align = str(getattr(flowable, "hAlign", "LEFT")).upper()
    if align in ("RIGHT", "TA_RIGHT"):
        return room
    if align in ("CENTER", "CENTRE", "TA_CENTER"):
        return room / 2
    return 0
