"""Native vector charts from a model.Figure, in the pack's palette: a Flowable drawing a
``chartlayout.ChartLayout`` straight onto the canvas (rectangles, lines, paths and real
text), without reportlab.graphics' shapes and widgets, which cost far more to build and
render than the few dozen marks of a chart."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from deckmaker.model import Figure
from deckmaker.writers.pdf.chartlayout import (
    Box, ChartLayout, FontFor, Rule, Shape, Slice, Text, Trace, chart_layout,
)
from deckmaker.writers.pdf.styles import Palette

ROUND = 1  # PDF line join and cap style


class Chart(Flowable):
    """A chart laid out in advance; its size does not depend on the frame. The memo's
    column may lay it out again shorter or taller (``fit_height``), from ``least_height``
    to ``most_height``."""

    def __init__(self, layout: ChartLayout, relayout: Callable[[float], ChartLayout]):
        super().__init__()
        self.layout = layout
        self.width, self.height = layout.width, layout.height
        self.least_height, self.most_height = layout.least_height, layout.most_height
        self._relayout = relayout

    def fit_height(self, height: float) -> None:
        """Lay the chart out again ``height`` points tall (within its bounds)."""
        self.layout = self._relayout(height)
        self.width, self.height = self.layout.width, self.layout.height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        pen = _Pen(self.canv)
        for shape in self.layout.shapes:
            pen.draw(shape)
        _write(self.canv, self.layout.texts)


def figure_drawing(figure: Figure, width: float, palette: Palette,
                   font_for: FontFor) -> Chart:
    """``figure`` drawn as a chart ``width`` points wide, with unit and legend."""
    return Chart(chart_layout(figure, width, palette, font_for),
                 lambda height: chart_layout(figure, width, palette, font_for, height))


class _Pen:
    """Draws shapes on a canvas, setting a colour or line width only when it changes
    (the flowable's drawOn saves and restores the canvas state around it)."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.fill = self.stroke = self.line_width = None

    def draw(self, shape: Shape) -> None:
        if type(shape) is Rule:
            self._rule(shape)
        elif type(shape) is Box:
            self._fill(shape.fill)
            self.canvas.rect(shape.x, shape.y, shape.width, shape.height, stroke=0, fill=1)
        elif type(shape) is Trace:
            self._trace(shape)
        else:
            self._slice(shape)

    def _rule(self, rule: Rule) -> None:
        self._stroke(rule.colour, rule.width)
        self.canvas.line(rule.x1, rule.y1, rule.x2, rule.y2)

    def _trace(self, trace: Trace) -> None:
        canvas = self.canvas
        self._stroke(trace.colour, trace.width)
        canvas.setLineJoin(ROUND)  # no spikes where a steep line turns
        path = canvas.beginPath()
        path.moveTo(*trace.points[0])
        for x, y in trace.points[1:]:
            path.lineTo(x, y)
        canvas.drawPath(path, stroke=1, fill=0)
        self._fill(trace.colour)
        for x, y in trace.points:
            canvas.circle(x, y, trace.radius, stroke=0, fill=1)

    def _slice(self, piece: Slice) -> None:
        canvas = self.canvas
        self._fill(piece.fill)
        self._stroke(piece.edge, 1)
        if piece.extent >= 360 - 1e-7:  # a whole disc: no seam from the centre
            canvas.circle(piece.cx, piece.cy, piece.radius, stroke=1, fill=1)
            return
        r = piece.radius
        path = canvas.beginPath()
        path.moveTo(piece.cx, piece.cy)
        path.arcTo(piece.cx - r, piece.cy - r, piece.cx + r, piece.cy + r, piece.start,
                   piece.extent)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)

    def _fill(self, colour) -> None:
        if colour != self.fill:
            self.canvas.setFillColor(colour)
            self.fill = colour

    def _stroke(self, colour, width: float) -> None:
        if colour != self.stroke:
            self.canvas.setStrokeColor(colour)
            self.stroke = colour
        if width != self.line_width:
            self.canvas.setLineWidth(width)
            self.line_width = width


def _write(canvas: Canvas, texts: tuple[Text, ...]) -> None:
    """All ``texts`` in one text object, switching font and colour only when they
    change."""
    if not texts:
        return
    writer = canvas.beginText()
    font = colour = None
    for text in texts:
        if (text.font, text.size) != font:
            font = text.font, text.size
            writer.setFont(*font)
        if text.colour != colour:
            colour = text.colour
            writer.setFillColor(colour)
        writer.setTextOrigin(text.x, text.y)
        writer.textOut(text.text)
    canvas.drawText(writer)
