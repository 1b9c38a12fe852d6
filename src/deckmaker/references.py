"""Cross-reference lists as a reader wants them: in number order, runs compressed.

``[E1] [E2] [E3] [E5]`` prints as ``[E1]–[E3] [E5]``. The model keeps references sorted
(``compose``); a writer asks ``runs`` how to print them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from deckmaker.model import Reference

RANGE_MIN = 3  # "[E1]–[E2]" reads worse than "[E1] [E2]": only longer runs compress
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def number_of(ref: Reference) -> tuple[str, int] | None:
    """The label's prefix and number ("E", 12), or None for a label without a number."""
    match = _NUMBERED.match(ref.label)
    return (match.group(1), int(match.group(2))) if match else None


def in_order(refs: Iterable[Reference]) -> tuple[Reference, ...]:
    """``refs`` without repeats, sorted by prefix and number; unnumbered labels last."""
    unique = dict.fromkeys(refs)
    return tuple(sorted(unique, key=lambda r: (number_of(r) is None, number_of(r) or ("", 0))))


def runs(refs: Sequence[Reference]) -> tuple[tuple[Reference, ...], ...]:
    """``refs`` (sorted) grouped into runs of consecutive numbers with the same prefix.

    A writer prints a run of ``RANGE_MIN`` or more as its first and last reference joined
    by an en dash, and shorter runs reference by reference."""
    groups: list[list[Reference]] = []
    for ref in refs:
        here, previous = number_of(ref), number_of(groups[-1][-1]) if groups else None
        if here and previous and here[0] == previous[0] and here[1] == previous[1] + 1:
            groups[-1].append(ref)
        else:
            groups.append([ref])
    out: list[tuple[Reference, ...]] = []
    for group in groups:
        if len(group) >= RANGE_MIN:
            out.append(tuple(group))
        else:
            out.extend((ref,) for ref in group)
    return tuple(out)

