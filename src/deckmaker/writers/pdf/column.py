"""The memo's flowables measured into ``paginate.Box`` es, cut into pages and drawn.

Each flowable is wrapped once at the text width; invisible markers (anchors, a step's
marker) ride on the flowable after them. Where a box may split comes from what it is:
a paragraph between its lines, keeping two on each side (its style's widow and orphan
rule), a ruled box between its rows, a wrapper (``inner``) as what it wraps. The cuts
``paginate`` chooses are made with each flowable's own ``split``, and every part is
drawn with its own ``drawOn``: one place draws each piece of content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from deckmaker.writers.pdf.paginate import FUZZ, Box, Cut, paginate

MIN_LINES = 2  # a split paragraph keeps at least this many lines on each page


@dataclass
class Placed:
    """A flowable and the markers drawn just above it."""

    flowable: Flowable
    riders: list[Flowable] = field(default_factory=list)
    name: str = ""


def _is_marker(flowable: Flowable) -> bool:
    return bool(getattr(flowable, "_ZEROSIZE", False))


def split_heights(flowable: Flowable) -> tuple[float, ...]:
    """Heights at which ``flowable`` (wrapped) may end a page, ascending."""
    inner = getattr(flowable, "inner", None)  # a wrapper of ours lays out as what it holds
    if inner is not None:
        return split_heights(inner)
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
        for flowable in flowables:
            name = name_of(flowable) or name
            if _is_marker(flowable):
                riders.append(flowable)
                continue
            _, height = flowable.wrapOn(self.canv, self.width, self.height)
            placed.append(Placed(flowable, riders, name))
            boxes.append(Box(height, flowable.getSpaceBefore(), flowable.getSpaceAfter(),
                             split_heights(flowable), bool(flowable.getKeepWithNext()),
                             bool(getattr(flowable, "starts_block", False)), name))
            riders = []
        if riders:  # markers at the very end ride on an empty box
            placed[-1].riders.extend(riders) if placed else None
        return placed, boxes

    def pages(self, placed: list[Placed], boxes: list[Box]) -> list[list[Placed]]:
        """``placed`` cut into pages where ``paginate`` says, split flowables and all."""
        cuts = paginate(boxes, self.height)
        pages: list[list[Placed]] = [[]]
        rest: Flowable | None = None  # the part of a split flowable still to place
        done = 0.0  # how much of that flowable earlier pages took
        cut_at = {(c.box, c.offset) for c in cuts}
        by_box: dict[int, list[Cut]] = {}
        for cut in cuts:
            by_box.setdefault(cut.box, []).append(cut)
        for index, item in enumerate(placed):
            box = boxes[index]
            current, done, rest = item.flowable, 0.0, None
            riders = item.riders
            for cut in by_box.get(index, []):
                if cut.offset >= box.height - FUZZ:
                    continue
                first, rest = self._split(current, cut.offset - done)
                pages[-1].append(Placed(first, riders, item.name))
                pages.append([])
                riders, current, done = [], rest, cut.offset
            pages[-1].append(Placed(current, riders, item.name))
            if (index, box.height) in cut_at and index + 1 < len(placed):
                pages.append([])
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
                y -= max(previous_after, flowable.getSpaceBefore())
            x = left + _offset(flowable, self.width - width)
            for rider in item.riders:
                rider.drawOn(self.canv, x, y)
            y -= height
            flowable.drawOn(self.canv, x, y)
            previous_after = flowable.getSpaceAfter()


def _offset(flowable: Flowable, room: float) -> float:
    align = str(getattr(flowable, "hAlign", "LEFT")).upper()
    if align in ("RIGHT", "TA_RIGHT"):
        return room
    if align in ("CENTER", "CENTRE", "TA_CENTER"):
        return room / 2
    return 0
