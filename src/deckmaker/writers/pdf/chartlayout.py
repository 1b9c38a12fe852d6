"""Where every mark of a figure's chart goes, in points (pure: nothing is drawn here).

``deckmaker.chartplan`` decides the value axis, numbers, value labels, label thinning and
legend entries (shared with the deck); this module measures text and places bars, lines,
slices, gridlines, ticks, labels and the legend (``legend_grid``) in a box ``width``
points wide, origin at its bottom left. A chart grows taller to hold its legend, up to
``MAX_HEIGHT``; an axes chart may be laid out shorter or taller than its data asks,
between its ``least_height`` and ``most_height`` (the memo's pagination draws it so
rather than part it from its claim or leave its page short). ``charts`` draws the
result on a canvas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import ceil
from typing import NamedTuple

from reportlab.lib.colors import Color, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from deckmaker import chartplan
from deckmaker.chartplan import ChartPlan
from deckmaker.model import Figure
from deckmaker.writers.pdf.styles import Palette

CHART_HEIGHT = 150  # a pie chart with its legend beside it
PLOT_HEIGHT = 148  # the tallest plot of a column or line chart, without labels and legend
MIN_PLOT = 80  # the shortest plot of any axes chart, as its data asks
LEAST_PLOT = 56  # the shortest a column or line plot is drawn to fit a page
LEAST_SHARE = 0.6  # and never below this share of the height its data asks
MOST_SHARE = 1.5  # the tallest a plot is drawn to fill a page: this share of what its data
# asks, within the bounds above
LEAST_ROW = 13  # a bar chart keeps this much per category: every label kept (LABEL_PT + 5)
LEAST_BAR = 6  # and this much per bar
COLUMN_PITCH = 11  # a column or line plot is this many points tall per category
BAND_PITCH = 26  # and this wide per category and series (plus BAND_GAP), up to the page
BAND_GAP = 14
MIN_PLOT_WIDTH = 200
BAR_PITCH = 10  # a horizontal bar plot is this tall per bar, plus BAR_GROUP_GAP per category
BAR_GROUP_GAP = 6
MAX_BAR_PLOT = 400  # a horizontal bar chart grows to this for many categories
MAX_HEIGHT = 520  # tallest chart: well inside an A4 or Letter frame with its caption
LABEL_PT = 7.5
LEGEND_PT = 8
LEGEND_ROW = 12
SWATCH = 7
SWATCH_GAP = 5
COLUMN_GAP = 14
PLOT_LEFT = 38  # room left of an axes chart's plot for the value axis's numbers
TICK = 5  # ticks stand this far out of the plot; labels sit at their ends
GRID_WIDTH = 0.4
AXIS_WIDTH = 1
LINE_WIDTH = 1.8
MARKER_RADIUS = 1.75
COLUMN_LABEL_GAP = 6  # a column's value label is centred this far beyond its end
BAR_LABEL_GAP = 3  # a horizontal bar's value label starts this far beyond its end
BAR_UNITS, BAR_SPACE, GROUP_SPACE = 10, 1, 6  # a category's band, in relative units
ELLIPSIS = "\u2026"

FontFor = Callable[[str], str]


class Box(NamedTuple):
    """A filled rectangle without outline (a bar, a legend swatch)."""

    x: float
    y: float
    width: float
    height: float
    fill: Color


class Rule(NamedTuple):
    """A straight line (gridline, axis, tick)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: Color


class Trace(NamedTuple):
    """A line series through ``points`` with a dot of ``radius`` at each point."""

    points: tuple[tuple[float, float], ...]
    width: float
    radius: float
    colour: Color


class Slice(NamedTuple):
    """A pie slice from ``start`` degrees (counter-clockwise from three o'clock) over
    ``extent`` degrees; 360 is a full disc. Outlined in ``edge``, one point wide."""

    cx: float
    cy: float
    radius: float
    start: float
    extent: float
    fill: Color
    edge: Color


class Text(NamedTuple):
    """One line of text: ``x`` is its left end, ``y`` its baseline."""

    x: float
    y: float
    text: str
    font: str
    size: float
    colour: Color


Shape = Box | Rule | Trace | Slice


class ChartLayout(NamedTuple):
    """A chart ``width`` by ``height`` points: shapes in drawing order, then all text
    (text never lies under a shape); ``least_height`` and ``most_height`` are the
    shortest and tallest it may be laid out."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    texts: tuple[Text, ...]
    least_height: float
    most_height: float


class Grid(NamedTuple):
    """A legend laid out in columns (filled top to bottom) of equal width."""

    columns: int
    rows: int
    column_width: float

    @property
    def height(self) -> float:
        return self.rows * LEGEND_ROW


def legend_grid(text_widths: Sequence[float], available: float,
                max_rows: int | None = None) -> Grid:
    """As many equal columns as the widest entry allows within ``available`` points, or
    more (entries then cut short) to stay within ``max_rows``."""
    entry = min(max(text_widths, default=0) + SWATCH + SWATCH_GAP, available)
    columns = max(1, min(len(text_widths), int((available + COLUMN_GAP) // (entry + COLUMN_GAP))))
    if max_rows:
        columns = max(columns, ceil(len(text_widths) / max_rows))
    rows = ceil(len(text_widths) / columns)
    return Grid(columns, rows, min(entry, (available - COLUMN_GAP * (columns - 1)) / columns))


def chart_layout(figure: Figure, width: float, palette: Palette, font_for: FontFor,
                 height: float | None = None) -> ChartLayout:
    """``figure`` as a chart ``width`` points wide, with unit and legend: as tall as its
    data asks, or ``height`` points (brought within its least and most heights)."""
    plan = chartplan.plan(figure)
    if plan.axis is None:
        return _pie(figure, plan, width, palette, font_for)
    return _AxesChart(figure, plan, width, palette, font_for, height).layout()


class _AxesChart:
    """A bar (horizontal), column or line chart: a plot with a value axis and a
    category axis, value labels, a unit title and a legend below."""

    def __init__(self, figure: Figure, plan: ChartPlan, width: float, palette: Palette,
                 font_for: FontFor, height: float | None = None):
        self.figure, self.plan, self.palette, self.font_for = figure, plan, palette, font_for
        self.horizontal = figure.kind == "bar"
        self.label_font = font_for("".join(figure.categories))
        self.labels = [_fit(str(c), self.label_font, LABEL_PT, width * 0.3)
                       for c in figure.categories]
        self.label_widths = _widths(self.labels, self.label_font, LABEL_PT)
        names = list(plan.legend)
        self.grid = _grid_for(names, font_for, width - 10) if names else None
        self.bottom = 24 + (self.grid.height + 8 if self.grid else 0)
        self.axis = plan.axis
        self.number_font = font_for("0")
        self.left = self._left()
        # The plot's size comes from the data: a pitch per category (and series), within
        # bounds, so seven numbers make a small chart and fifty a large one.
        count, series = len(self.labels), len(figure.series)
        self.plot_width = width - self.left - 10
        if self.horizontal:  # one readable row per bar, as far as the page allows
            self.plot_height = _within(count * (series * BAR_PITCH + BAR_GROUP_GAP),
                                       MIN_PLOT, MAX_BAR_PLOT)
            least = count * max(LEAST_ROW, series * LEAST_BAR + BAR_GROUP_GAP)
            most = min(MAX_BAR_PLOT, self.plot_height * MOST_SHARE)
        else:
            self.plot_height = _within(count * COLUMN_PITCH, MIN_PLOT, PLOT_HEIGHT)
            self.plot_width = _within(count * (series * BAND_PITCH + BAND_GAP),
                                      MIN_PLOT_WIDTH, self.plot_width)
            least = max(LEAST_PLOT, self.plot_height * LEAST_SHARE)
            most = min(PLOT_HEIGHT, self.plot_height * MOST_SHARE)
        least, most = min(least, self.plot_height), max(most, self.plot_height)
        if height is not None:  # drawn shorter or taller to suit its page
            self.plot_height = _within(height - self.bottom - 18, least, most)
        self.least_height, self.most_height = self.bottom + least + 18, self.bottom + most + 18
        self.width, self.height = width, self.bottom + self.plot_height + 18

    def layout(self) -> ChartLayout:
        texts: list[Text] = []
        grid = self._gridlines()
        axes = self._category_axis(texts) + self._value_axis(texts)
        if self.figure.kind == "line":  # the lines run over the axis, not under it
            shapes = axes + grid + self._traces()
        else:
            shapes = grid + self._bars(texts) + axes
        self._unit(texts)
        if self.grid:
            legend = _legend(list(self.plan.legend), self.grid, self.palette, self.font_for,
                             0, self.grid.height)
            shapes += legend[0]
            texts += legend[1]
        return ChartLayout(self.width, self.height, tuple(shapes), tuple(texts),
                           self.least_height, self.most_height)

    def _left(self) -> float:
        """Where the plot starts: room for the category labels (bars) or the value
        axis's numbers (columns, lines), which may be wider than the usual margin."""
        if self.horizontal:
            return PLOT_LEFT + max(self.label_widths, default=0) + 4
        numbers = [self.plan.tick_numbers.text(v) for v in self._ticks()]
        return max(PLOT_LEFT, max(_widths(numbers, self.number_font, LABEL_PT)) + TICK + 3)

    # Positions along the axes

    def _value_at(self, value: float) -> float:
        """Where ``value`` lies along the value axis (x for bars, y otherwise)."""
        low, high = self.axis.low, self.axis.high
        if self.horizontal:
            return self.left + (value - low) * self.plot_width / (high - low)
        return self.bottom + (value - low) * self.plot_height / (high - low)

    def _band(self, index: int) -> tuple[float, float]:
        """Where category ``index``'s band starts along the category axis (from the top
        for bars, first category first) and how long it is."""
        count = len(self.labels)
        if self.horizontal:
            size = self.plot_height / count
            return self.bottom + self.plot_height - (index + 1) * size, size
        size = self.plot_width / count
        return self.left + index * size, size

    def _ticks(self) -> list[float]:
        axis = self.axis
        steps = round((axis.high - axis.low) / axis.step)
        return [round(axis.low + i * axis.step, 10) + 0.0 for i in range(steps + 1)]

    # Marks

    def _gridlines(self) -> list[Shape]:
        rule = self.palette.rule
        if self.horizontal:
            top = self.bottom + self.plot_height
            return [Rule(x, self.bottom, x, top, GRID_WIDTH, rule)
                    for x in map(self._value_at, self._ticks())]
        right = self.left + self.plot_width
        return [Rule(self.left, y, right, y, GRID_WIDTH, rule)
                for y in map(self._value_at, self._ticks())]

    def _category_axis(self, texts: list[Text]) -> list[Shape]:
        """The axis along the plot's edge (not along zero, inside the bars when values
        are negative), a tick between categories and the kept labels."""
        rule, count = self.palette.rule, len(self.labels)
        kept = self._kept_labels()
        if self.horizontal:
            x, top = self.left, self.bottom + self.plot_height
            shapes = [Rule(x, self.bottom, x, top, AXIS_WIDTH, rule)]
            for index, label in enumerate(kept):
                start, size = self._band(index)
                if label:
                    texts.append(self._label(x - TICK, start + size / 2, label, self.label_font,
                                             self.label_widths[index]))
            boundaries = [top - i * self.plot_height / count for i in range(count + 1)]
            shapes += [Rule(x, y, x - TICK, y, AXIS_WIDTH, rule) for y in boundaries]
            return shapes
        y, right = self.bottom, self.left + self.plot_width
        shapes = [Rule(self.left, y, right, y, AXIS_WIDTH, rule)]
        boundaries = [self.left + i * self.plot_width / count for i in range(count + 1)]
        shapes += [Rule(x, y, x, y - TICK, AXIS_WIDTH, rule) for x in boundaries]
        for index, label in enumerate(kept):
            start, size = self._band(index)
            if label:
                texts.append(self._label_under(start + size / 2, label, self.label_font,
                                               self.label_widths[index]))
        return shapes

    def _kept_labels(self) -> list[str]:
        """Every k-th label kept (the rest blank) so that neighbours never overlap."""
        if self.horizontal:
            step = chartplan.label_step(len(self.labels), LABEL_PT + 5, self.plot_height)
        else:
            step = chartplan.label_step(len(self.labels), max(self.label_widths, default=0) + 4,
                                        self.plot_width)
        return [label if i % step == 0 else "" for i, label in enumerate(self.labels)]

    def _value_axis(self, texts: list[Text]) -> list[Shape]:
        """A tick and a number at each step (no axis line: the gridlines show it)."""
        rule, numbers = self.palette.rule, self.plan.tick_numbers
        shapes: list[Shape] = []
        for value in self._ticks():
            at, text = self._value_at(value), numbers.text(value)
            if self.horizontal:
                shapes.append(Rule(at, self.bottom, at, self.bottom - TICK, AXIS_WIDTH, rule))
                texts.append(self._label_under(at, text, self.number_font))
            else:
                shapes.append(Rule(self.left, at, self.left - TICK, at, AXIS_WIDTH, rule))
                texts.append(self._label(self.left - TICK, at, text, self.number_font))
        return shapes

    def _label(self, x: float, middle: float, text: str, font: str,
               width: float | None = None) -> Text:
        """A muted label ending at ``x``, its line centred on ``middle``."""
        return _text(x, _baseline_centred(middle, LABEL_PT), text, font, LABEL_PT,
                     self.palette.muted, "end", width)

    def _label_under(self, x: float, text: str, font: str, width: float | None = None) -> Text:
        """A muted label centred on ``x`` just under the tick marks below the plot."""
        return _text(x, self.bottom - TICK - LABEL_PT, text, font, LABEL_PT,
                     self.palette.muted, "middle", width)

    def _zero(self) -> float:
        """Where bars start: at zero, or the axis end nearest to it."""
        low, high = self.axis.low, self.axis.high
        return self._value_at(min(max(0.0, low), high))

    def _bars(self, texts: list[Text]) -> list[Shape]:
        """Bars (or columns) in groups, series side by side in legend order (top down
        for bars), each with its value beyond its end when the plan says so."""
        series = self.figure.series
        zero, shapes = self._zero(), []
        for index in range(len(self.labels)):
            start, size = self._band(index)
            unit = size / (GROUP_SPACE + BAR_UNITS * len(series) + BAR_SPACE * (len(series) - 1))
            thickness = BAR_UNITS * unit
            for number, one in enumerate(series):
                value = one.values[index]
                offset = (GROUP_SPACE / 2 + number * (BAR_UNITS + BAR_SPACE)) * unit
                end = self._value_at(value)
                colour = self.palette.chart[number % len(self.palette.chart)]
                if self.horizontal:
                    position = start + size - offset - thickness
                    if end != zero:
                        shapes.append(Box(zero, position, end - zero, thickness, colour))
                else:
                    position = start + offset
                    if end != zero:
                        shapes.append(Box(position, zero, thickness, end - zero, colour))
                if self.plan.value_labels:
                    texts.append(self._value_label(value, end, position + thickness / 2))
        return shapes

    def _value_label(self, value: float, end: float, middle: float) -> Text:
        """A bar's value just beyond its end, on the side it grows to (a zero on the
        side the axis has room), so a zero reads as zero, not as missing data."""
        outward = value > 0 or (value == 0 and self.axis.high > 0)
        text = self.plan.numbers.text(value)
        font, colour = self.number_font, self.palette.text
        if self.horizontal:
            x = end + BAR_LABEL_GAP if outward else end - BAR_LABEL_GAP
            return _text(x, _baseline_centred(middle, LABEL_PT), text, font, LABEL_PT, colour,
                         "start" if outward else "end")
        centre = end + COLUMN_LABEL_GAP if outward else end - COLUMN_LABEL_GAP
        return _text(middle, _baseline_centred(centre, LABEL_PT), text, font, LABEL_PT, colour,
                     "middle")

    def _traces(self) -> list[Shape]:
        """A line per series through the middle of each category's band."""
        shapes: list[Shape] = []
        middles = [start + size / 2 for start, size in map(self._band, range(len(self.labels)))]
        for number, one in enumerate(self.figure.series):
            points = tuple(zip(middles, map(self._value_at, one.values), strict=True))
            shapes.append(Trace(points, LINE_WIDTH, MARKER_RADIUS,
                                self.palette.chart[number % len(self.palette.chart)]))
        return shapes

    def _unit(self, texts: list[Text]) -> None:
        """The unit above the value axis (columns, lines) or under its right end (bars)."""
        unit = self.figure.unit
        if not unit:
            return
        font = self.font_for(unit)
        if self.horizontal:
            texts.append(_text(self.width - 10, self.bottom - 20, unit, font, LABEL_PT,
                               self.palette.muted, "end"))
        else:
            texts.append(_text(self.left, self.height - 10, unit, font, LABEL_PT,
                               self.palette.muted, "start"))


def _pie(figure: Figure, plan: ChartPlan, width: float, palette: Palette,
         font_for: FontFor) -> ChartLayout:
    """Slices clockwise from twelve o'clock in the palette's order, the legend (name,
    value and share of each slice) beside the pie or, for many slices, under it."""
    names = list(plan.legend)
    size = CHART_HEIGHT - 30
    beside = _grid_for(names, font_for, width - size - 40)
    if beside.height <= size:  # the legend fits beside the pie, centred on it
        height = CHART_HEIGHT
        legend_x, legend_top = size + 30, CHART_HEIGHT / 2 + beside.height / 2
        grid, pie_y = beside, 12
    else:  # many slices: a legend of several columns under the pie
        room = MAX_HEIGHT - size - 34
        grid = _grid_for(names, font_for, width - 10, max_rows=int(room // LEGEND_ROW))
        height = size + 24 + grid.height + 10
        legend_x, legend_top = 0, height - size - 24
        pie_y = height - size - 12
    shapes: list[Shape] = list(_slices(figure.series[0].values, 10 + size / 2,
                                       pie_y + size / 2, size / 2, palette))
    legend_shapes, texts = _legend(names, grid, palette, font_for, legend_x, legend_top)
    return ChartLayout(width, height, tuple(shapes + legend_shapes), tuple(texts), height, height)


def _slices(values: Sequence[float], cx: float, cy: float, radius: float,
            palette: Palette) -> list[Slice]:
    """One slice per value (its size, sign aside), clockwise from twelve o'clock; a
    slice too thin to see is left out."""
    sizes = [abs(v) for v in values]
    total = sum(sizes)
    slices, end = [], 90.0
    for index, size in enumerate(sizes):
        extent = size * 360 / total
        if extent >= 1e-7:
            slices.append(Slice(cx, cy, radius, end - extent, extent,
                                palette.chart[index % len(palette.chart)], white))
        end -= extent
    return slices


def _grid_for(names: list[str], font_for: FontFor, available: float,
              max_rows: int | None = None) -> Grid:
    return legend_grid(_widths(names, font_for("".join(names)), LEGEND_PT), available, max_rows)


def _legend(names: list[str], grid: Grid, palette: Palette, font_for: FontFor, x: float,
            top: float) -> tuple[list[Shape], list[Text]]:
    """Colour swatches and names in ``grid``'s columns, from ``top`` down; a name wider
    than its column is cut short with an ellipsis."""
    font = font_for("".join(names))
    room = grid.column_width - SWATCH - SWATCH_GAP
    swatches: list[Shape] = []
    texts = []
    for index, name in enumerate(names):
        column, row = divmod(index, grid.rows)
        left = x + column * (grid.column_width + COLUMN_GAP)
        baseline = top - (row + 1) * LEGEND_ROW + 3
        swatches.append(Box(left, baseline - 0.5, SWATCH, SWATCH,
                            palette.chart[index % len(palette.chart)]))
        texts.append(Text(left + SWATCH + SWATCH_GAP, baseline,
                          _fit(name, font, LEGEND_PT, room), font, LEGEND_PT, palette.text))
    return swatches, texts


def _text(x: float, baseline: float, text: str, font: str, size: float, colour: Color,
          anchor: str, width: float | None = None) -> Text:
    """``text`` starting (``anchor`` "start"), centred ("middle") or ending ("end") at
    ``x``; ``width`` is its measured width when known."""
    if anchor != "start":
        width = stringWidth(text, font, size) if width is None else width
        x -= width if anchor == "end" else width / 2
    return Text(x, baseline, text, font, size, colour)


def _within(value: float, low: float, high: float) -> float:
    """``value`` brought within ``low`` and ``high`` (``high`` wins if they cross)."""
    return min(high, max(low, value))


def _baseline_centred(middle: float, size: float) -> float:
    """The baseline that centres a line of ``size`` point type (leading 1.2) on
    ``middle``."""
    return middle - 0.4 * size


def _widths(texts: Sequence[str], font: str, size: float) -> list[float]:
    return [stringWidth(text, font, size) for text in texts]


def _fit(text: str, font: str, size: float, room: float) -> str:
    """``text``, cut short with an ellipsis if it is wider than ``room`` points."""
    if stringWidth(text, font, size) <= room:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + ELLIPSIS, font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS
