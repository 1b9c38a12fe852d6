"""Where the memo's pages break: the best breaks for the whole memo at once (pure).

The memo is a column of boxes (a paragraph, a table, a chart...), each with its height,
its space above and below (adjacent spaces overlap: the larger one applies; a page drops
the space at its top and foot), the heights inside it where it may split (a paragraph
between lines, keeping two lines on each side; a box between rows) and whether it stays
with the next box. ``paginate`` chooses the breaks that cost least over the whole memo,
as a typesetter would, rather than filling each page greedily:

- a page (but the last) that ends more than ``MAX_EARLY`` of the text height early costs
  a great deal, and every shorter gap a little (its square), so gaps are spread thin;
- a page holding one block alone costs a great deal, unless it is the last page and
  the block fills a third of it;
- breaking between a box and the next it stays with costs more still: only a chain
  taller than a page breaks so;
- a box taller than a page with nowhere to split cannot be laid out (``TooTall``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_EARLY = 0.12  # of the text height: a page but the last ends at most this early (the rule
# is 15 %, as scripts/memo_layout.py measures it: to the footer rule, from the last baseline)
LONE_MIN_FILL = 1 / 3  # a last page's lone block fills at least this
EARLY_COST = 10_000  # per page ending more than MAX_EARLY early
LONE_COST = 10_000  # per page holding one block alone
KEEP_COST = 100_000  # per break between boxes that stay together
GAP_COST = 100  # times the square of the unfilled share of a page
FUZZ = 0.01
INFINITY = float("inf")


@dataclass(frozen=True)
class Box:
    """One unit of the column; ``splits`` are heights inside it where a page may end
    (the height of the part kept on the page), ascending."""

    height: float
    space_before: float = 0
    space_after: float = 0
    splits: tuple[float, ...] = ()
    keep_with_next: bool = False
    starts_block: bool = False
    name: str = ""


@dataclass(frozen=True)
class Cut:
    """A page break: after ``offset`` points of box ``box`` (its whole height: after it)."""

    box: int
    offset: float


class TooTall(Exception):
    """A box taller than the page that cannot split; ``name`` is the box's."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def paginate(boxes: Sequence[Box], page_height: float) -> list[Cut]:
    """The cuts ending each page but the last, chosen for the least total cost."""
    if not boxes:
        return []
    tops = _tops(boxes)
    cuts: list[Cut] = []
    starts: list[float] = []  # where the page after each cut starts in the column
    ends: list[float] = []  # where a page ending at each cut ends
    blocks: list[int] = []  # blocks begun before each cut
    opens: list[bool] = []  # whether the page after each cut starts with a new block
    penalties: list[float] = []
    begun = 0
    for index, box in enumerate(boxes):
        top = tops[index]
        if box.height > page_height + FUZZ and not box.splits:
            raise TooTall(box.name)
        begun += box.starts_block
        for offset in box.splits:
            cuts.append(Cut(index, offset))
            starts.append(top + offset)
            ends.append(top + offset)
            blocks.append(begun)
            opens.append(False)
            penalties.append(0)
        following = index + 1 < len(boxes)
        cuts.append(Cut(index, box.height))
        starts.append(tops[index + 1] if following else top + box.height)
        ends.append(top + box.height)
        blocks.append(begun)
        opens.append(following and boxes[index + 1].starts_block)
        penalties.append(KEEP_COST if box.keep_with_next and following else 0)
    count = len(cuts)
    best = [0.0] + [INFINITY] * count  # best[k]: the cheapest pages up to cut k - 1
    back = [0] * (count + 1)
    for k in range(count):
        last = k == count - 1
        for j in range(k, -1, -1):  # the page from cut j - 1 (j == 0: the start) to cut k
            start = 0.0 if j == 0 else starts[j - 1]
            height = ends[k] - start
            if height > page_height + FUZZ:
                if j == k:
                    raise TooTall(boxes[cuts[k].box].name)
                break
            if best[j] == INFINITY:
                continue
            fill = height / page_height
            if j == 0:
                on_page = blocks[k] + (not boxes[0].starts_block)
            else:
                on_page = blocks[k] - blocks[j - 1] + (not opens[j - 1])
            cost = best[j]
            if not last:
                early = 1 - fill
                cost += penalties[k] + GAP_COST * early * early
                if early > MAX_EARLY:
                    cost += EARLY_COST
            if on_page <= 1 and not (last and fill >= LONE_MIN_FILL):
                cost += LONE_COST
            if cost < best[k + 1]:
                best[k + 1], back[k + 1] = cost, j
    chosen = []
    k = count
    while k > 0:
        k = back[k]
        if k > 0:
            chosen.append(cuts[k - 1])
    return chosen[::-1]


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
