"""What a figure's chart shows, decided once for the memo and the deck (pure, no
reportlab or python-pptx): the value axis's bounds and step, how numbers are written
(and the Excel number format saying the same), which category labels are kept when they
crowd, whether bars carry their values, and the legend's entries in series order.

The writers only measure text and draw what this plan says, so a figure reads the same
in both: same axis maximum, same formatted numbers, same legend."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from deckmaker.model import Figure

TICKS = 5            # about this many steps along a value axis
NICE_STEPS = (1, 2, 2.5, 5, 10)
HEADROOM = 0.1       # of the data's span, kept free beyond the longest bar for its value
MAX_DECIMALS = 2
LABELLED_POINTS = 12  # bars and columns carry their values up to this many points


@dataclass(frozen=True)
class Axis:
    """A value axis from ``low`` to ``high`` in steps of ``step``."""

    low: float
    high: float
    step: float


@dataclass(frozen=True)
class Numbers:
    """How a figure's numbers are written: thousands separators, a fixed number of
    decimals, never scientific notation."""

    decimals: int

    def text(self, value: float, unit: str | None = None) -> str:
        """``value`` as the reader sees it, e.g. ``1,234,567`` or ``6 events``."""
        number = f"{value:,.{self.decimals}f}"
        if number.lstrip("-").strip("0.,") == "":  # -0 and -0.00 are just zero
            number = number.lstrip("-")
        return f"{number} {unit}" if unit else number

    def excel(self, unit: str | None = None) -> str:
        """The Excel number format writing numbers exactly as ``text`` does."""
        base = "#,##0" + ("." + "0" * self.decimals if self.decimals else "")
        unit = (unit or "").replace('"', "").replace("\\", "")
        return f'{base}" {unit}"' if unit else base


@dataclass(frozen=True)
class ChartPlan:
    """What a figure's chart shows, whichever writer draws it."""

    axis: Axis | None           # None for a pie (one with slices)
    numbers: Numbers            # values: data labels, pie legend
    tick_numbers: Numbers       # the value axis's labels
    value_labels: bool          # bars and columns carry their values
    legend: tuple[str, ...]     # entries in series (pie: slice) order; empty: no legend


def plan(figure: Figure) -> ChartPlan:
    """The chart plan of ``figure``."""
    values = [v for s in figure.series for v in s.values]
    numbers = Numbers(decimals_for(values))
    if figure.kind == "pie" and sum(values) > 0:
        return ChartPlan(None, numbers, numbers, False, pie_legend(figure, numbers))
    # A pie with nothing to slice is drawn as columns.
    axis = value_axis(figure.kind, values)
    return ChartPlan(
        axis, numbers, Numbers(decimals_for([axis.low, axis.step])),
        figure.kind != "line" and len(values) <= LABELLED_POINTS,
        tuple(s.name for s in figure.series) if len(figure.series) > 1 else ())


def decimals_for(values: Sequence[float]) -> int:
    """The fewest decimals (at most ``MAX_DECIMALS``) that write every value exactly
    enough: 0 for whole numbers."""
    for decimals in range(MAX_DECIMALS + 1):
        if all(abs(v * 10 ** decimals - round(v * 10 ** decimals)) < 1e-6 for v in values):
            return decimals
    return MAX_DECIMALS


def nice_step(span: float, ticks: int = TICKS) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) cutting ``span`` into about
    ``ticks`` steps."""
    if span <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(span / ticks))
    return next(m * magnitude for m in NICE_STEPS if m * magnitude * ticks >= span)


def value_axis(kind: str, values: Sequence[float]) -> Axis:
    """Round value-axis bounds: bars and columns always stand on zero and keep
    ``HEADROOM`` beyond their longest bar (for its value label); a line's axis hugs
    the data."""
    low, high = min(values, default=0.0), max(values, default=0.0)
    if kind != "line":
        low, high = min(low, 0.0), max(high, 0.0)
        room = (high - low or 1.0) * HEADROOM
        low, high = low - room if low < 0 else low, high + room if high > 0 else high
    if high == low:
        high = low + 1
    step = nice_step(high - low)
    return Axis(_round(math.floor(low / step) * step), _round(math.ceil(high / step) * step),
                step)


def _round(value: float) -> float:
    """``value`` without float noise (0.30000000000000004 is 0.3), and -0 as 0."""
    return round(value, 10) + 0.0


def label_step(count: int, label_extent: float, axis_length: float) -> int:
    """Keep every k-th of ``count`` category labels: the smallest k for which the kept
    labels, each ``label_extent`` long along the axis (gap included), fit side by side
    in ``axis_length`` (same unit, e.g. points)."""
    if count <= 1 or label_extent <= 0:
        return 1
    fitting = max(1, math.floor(axis_length / label_extent))
    return math.ceil(count / fitting)


def pie_legend(figure: Figure, numbers: Numbers) -> tuple[str, ...]:
    """A pie's legend entries: each slice's name, value with unit and share,
    e.g. ``2018: 6 events (9%)``."""
    values = figure.series[0].values
    total = sum(values)
    return tuple(f"{c}: {numbers.text(v, figure.unit)}" + (f" ({v / total:.0%})" if total else "")
                 for c, v in zip(figure.categories, values, strict=True))
