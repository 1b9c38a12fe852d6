"""Where the memo's pages break: the best breaks for the whole memo at once (pure).

The memo is a column of boxes (a paragraph, a table, a chart...), each with its height,
its space above and below (adjacent spaces overlap: the larger one applies; a page drops
the space at its top and foot), the heights inside it where it may split (a paragraph
between lines, keeping two lines on each side; a box between rows), how much shorter it
may be drawn (a chart, down to its shortest readable height) and whether it stays with
the next box. ``paginate`` chooses the breaks that cost least over the whole memo, as a
typesetter would, rather than filling each page greedily:

- a page (but the last) that ends more than ``MAX_EARLY`` of the text height early costs
  a great deal, and every shorter gap a little (its square), so gaps are spread thin;
- such a page may instead be stretched, as TeX stretches glue: its spaces may grow up to
  twice themselves (10 points at most; never the space above a rigid box, a heading's
  rule) and its charts up to their tallest, all by the same share, so that
  it ends no more than ``STRETCHED_EARLY`` early (a small cost, growing with the share);
- a page too short for its boxes may draw its charts shorter, down to their least
  heights (a small cost too), so a figure stays on its claim's page;
- a page holding one block alone costs a great deal, unless it is the last page and
  the block fills a third of it;
- breaking between a box and the next it stays with costs more still: only a chain
  taller than a page breaks so;
- a box taller than a page, with nowhere to split and no way to shrink enough, cannot be
  laid out (``TooTall``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from dataclasses import dataclass

MAX_EARLY = 0.12  # of the text height: a page but the last ends at most this early (the rule
# is 15 %, as scripts/memo_layout.py measures it: to the footer rule, from the last baseline)
LONE_MIN_FILL = 1 / 3  # a last page's lone block fills at least this
STRETCHED_EARLY = 0.08  # a stretched page ends this early, or as near as its stretch allows
SPACE_STRETCH = 1.0  # a space between two boxes may grow by this share of itself
MAX_SPACE_STRETCH = 10  # and by no more than this (a section's space above it, 18 points)
EARLY_COST = 10_000  # per page ending more than MAX_EARLY early
LONE_COST = 10_000  # per page holding one block alone
KEEP_COST = 100_000  # per break between boxes that stay together
GAP_COST = 100  # times the square of the unfilled share of a page
STRETCH_COST = 4  # times the square of the share of a page's stretch used
SHRINK_COST = 4  # times the square of the share of a page's shrink used
FUZZ = 0.01
INFINITY = float("inf")


@dataclass(frozen=True)
class Box:
    """One unit of the column; ``splits`` are heights inside it where a page may end
    (the height of the part kept on the page), ascending; ``shrink`` and ``grow`` are how
    many points shorter or taller it may be drawn (a box that splits does neither);
    the space above a ``rigid`` box never stretches (a rule under its heading)."""

    height: float
    space_before: float = 0
    space_after: float = 0
    splits: tuple[float, ...] = ()
    keep_with_next: bool = False
    starts_block: bool = False
    name: str = ""
    shrink: float = 0
    grow: float = 0
    rigid: bool = False


@dataclass(frozen=True)
class Cut:
    """A page break: after ``offset`` points of box ``box`` (its whole height: after it)."""

    box: int
    offset: float


@dataclass(frozen=True)
class Page:
    """One page of the layout: the cut ending it (``None`` for the last page), the share
    of its stretch it uses (its spaces' and its boxes' growth) and of its boxes' shrink."""

    end: Cut | None
    stretch: float = 0
    shrink: float = 0


class TooTall(Exception):
    """A box taller than the page that cannot split; ``name`` is the box's."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def stretches(boxes: Sequence[Box]) -> list[float]:
    """How far the space above each box may grow when its page is stretched (none above
    the first)."""
    return [0.0] + [0.0 if box.rigid else min(MAX_SPACE_STRETCH, SPACE_STRETCH * max(
        previous.space_after, box.space_before)) for previous, box in pairwise(boxes)]


def paginate(boxes: Sequence[Box], page_height: float) -> list[Page]:
    """The pages, chosen for the least total cost: each one's end and how much its
    spaces stretch or its charts shrink."""
    if not boxes:
        return []
    tops = _tops(boxes)
    stretch_sum = _prefix(stretches(boxes))  # [m]: the stretch above boxes 1 .. m - 1
    grow_sum = _prefix([box.grow for box in boxes])  # [m]: the growth of boxes 0 .. m - 1
    shrink_sum = _prefix([box.shrink for box in boxes])  # [m]: the shrink of boxes 0 .. m - 1
    # Per cut, and first a stand-in for the memo's start: where the page after it starts
    # in the column, its first box, the blocks begun before it and whether that page
    # opens with a new block; per cut alone: where a page ending there ends, its cost.
    cuts: list[Cut] = []
    starts, firsts, blocks, opens = [0.0], [0], [0], [boxes[0].starts_block]
    ends: list[float] = []
    penalties: list[float] = []
    begun = 0
    for index, box in enumerate(boxes):
        top = tops[index]
        if box.height - box.shrink > page_height + FUZZ and not box.splits:
            raise TooTall(box.name)
        begun += box.starts_block
        for offset in box.splits:
            cuts.append(Cut(index, offset))
            starts.append(top + offset)
            ends.append(top + offset)
            firsts.append(index)
            blocks.append(begun)
            opens.append(False)
            penalties.append(0)
        following = index + 1 < len(boxes)
        cuts.append(Cut(index, box.height))
        starts.append(tops[index + 1] if following else top + box.height)
        ends.append(top + box.height)
        firsts.append(index + 1)
        blocks.append(begun)
        opens.append(following and boxes[index + 1].starts_block)
        penalties.append(KEEP_COST if box.keep_with_next and following else 0)
    count = len(cuts)
    best = [0.0] + [INFINITY] * count  # best[k]: the cheapest pages up to cut k - 1
    back = [0] * (count + 1)
    fit: list[tuple[float, float]] = [(0.0, 0.0)] * (count + 1)  # (stretch, shrink) used
    least_fill = page_height * (1 - MAX_EARLY)
    for k in range(count):
        last = k == count - 1
        final, end = cuts[k].box, ends[k]
        for j in range(k, -1, -1):  # the page from cut j - 1 (j == 0: the start) to cut k
            first = firsts[j]
            height = end - starts[j]
            shrink = shrink_sum[final + 1] - shrink_sum[first]
            if height - shrink > page_height + FUZZ:
                if j == k:
                    raise TooTall(boxes[final].name)
                break
            cost = best[j]
            if cost == INFINITY:
                continue
            used = (0.0, 0.0)
            if height > page_height + FUZZ:  # the charts drawn shorter, just enough
                share = (height - page_height) / shrink
                cost += SHRINK_COST * share * share
                used = (0.0, share)
                height = page_height
            if not last:
                if height < least_fill:
                    stretch = grow_sum[final + 1] - grow_sum[first]
                    if final > first:
                        stretch += stretch_sum[final + 1] - stretch_sum[first + 1]
                    if stretch > 0 and least_fill - height <= stretch + FUZZ:
                        share = min(1.0, (page_height * (1 - STRETCHED_EARLY) - height)
                                    / stretch)
                        cost += STRETCH_COST * share * share
                        used = (share, 0.0)
                        height += share * stretch
                    else:
                        cost += EARLY_COST
                early = 1 - height / page_height
                cost += penalties[k] + GAP_COST * early * early
            if blocks[k + 1] - blocks[j] + (not opens[j]) <= 1 \
                    and not (last and height >= page_height * LONE_MIN_FILL):
                cost += LONE_COST
            if cost < best[k + 1]:
                best[k + 1], back[k + 1], fit[k + 1] = cost, j, used
    pages = []
    k = count
    while k > 0:
        j = back[k]
        stretch, shrink = fit[k]
        pages.append(Page(cuts[k - 1] if k < count else None, stretch, shrink))
        k = j
    return pages[::-1]


def _prefix(values: Sequence[float]) -> list[float]:
    """The running sums of ``values``, from 0: ``[m]`` is the sum of the first ``m``."""
    sums = [0.0]
    for value in values:
        sums.append(sums[-1] + value)
    return sums


def _tops(boxes: Sequence[Box]) -> list[float]:
    """Each box's top in one endless column: after the box above it and the larger of
    that box's space after and its own space before."""
    tops = []
    y = 0.0
    for index, box in enumerate(boxes):
        if index:
            y += max(boxes[index - 1].space_after, box.space_before)
        tops.append(y)
        y += box.height
    return tops
