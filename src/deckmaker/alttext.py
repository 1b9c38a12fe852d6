"""Text alternatives for charts, from their data: one function for every output.

"Column chart of meetings: Xi and Kim have not met since 2019, from 2018 to 2024.
2018: 4; 2019: 1; 2020 to 2024: 0. Source: S1." Equal neighbouring values are told once
for the span of categories they cover, so a long flat series stays short.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

MAX_CHARS = 1000  # screen readers read alt text whole; past this, the data is summarised


def figure_alt(*, kind_text: str, title: str, categories: Sequence[str],
               series: Sequence[tuple[str, Sequence[float]]], unit: str | None,
               source: str | None, number: Callable[[float], str]) -> str:
    """Alt text for a chart of ``kind_text`` ("Column chart") from its data; ``source`` is
    the pack's short source line ("Source: [S1]"), ``number`` formats a value."""
    # Words, not symbols, where a reader would say them: screen readers read "–" oddly, and
    # checkers (outloud's FIG-012) want alt text that is mostly letters.
    span = f", from {categories[0]} to {categories[-1]}" if len(categories) > 1 else ""
    kind = f"{kind_text} of {unit}" if unit else kind_text  # "1 meetings" reads wrong
    parts = [f"{kind}: {title}{span}."]
    for name, values in series:
        told = "; ".join(f"{label}: {number(value)}"
                         for label, value in _spans(categories, values))
        parts.append(f"{name}: {told}." if len(series) > 1 else f"{told}.")
    if source:
        parts.append(f"{source}.")
    text = " ".join(parts)
    if len(text) <= MAX_CHARS:
        return text
    low, high = (min(v for _, vs in series for v in vs), max(v for _, vs in series for v in vs))
    summary = (f"{kind}: {title}{span}. {len(series)} series of {len(categories)} values "
               f"from {number(low)} to {number(high)}.")
    return summary + (f" {source}." if source else "")


def _spans(categories: Sequence[str], values: Sequence[float]) -> list[tuple[str, float]]:
    """(category or "first–last", value) for each run of equal neighbouring values."""
    out: list[tuple[str, float]] = []
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            label = categories[start] if index - 1 == start else \
                f"{categories[start]} to {categories[index - 1]}"
            out.append((label, values[start]))
            start = index
    return out
