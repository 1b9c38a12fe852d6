"""The banner and footer drawn on every slide (python-pptx does not copy the layout's
footer placeholders): the marking at the top and bottom — a TLP label right-aligned
in its FIRST colour on black, a free-text marking centred — the footer line with the
date, and "n / N"."""

from __future__ import annotations

import math

from deckmaker import textfit
from deckmaker.inline import Span
from deckmaker.model import Document
from deckmaker.writers.pptx import drawingml
from deckmaker.writers.pptx.elements import Box, Geometry, Line
from deckmaker.writers.pptx.shapes import Canvas, Painter

FOOTER_PT = 12.0  # FIRST: TLP labels at 12 pt or larger
PAD_X, PAD_Y = 8.0, 3.0
BANNER_TOP = 10.0


def _width(text: str, faces, bold: bool = False) -> float:
    return math.ceil(textfit.text_width(text, faces, FOOTER_PT, bold=bold)
                     / textfit.WIDTH_SAFETY + 2 * PAD_X + 2)


def _height() -> float:
    return math.ceil(FOOTER_PT * textfit.LINE_SPACING + 2 * PAD_Y)


class Footer:
    """Draws the marking banners and footer of each slide of ``doc``."""

    def __init__(self, doc: Document, painter: Painter, geometry: Geometry) -> None:
        self.doc = doc
        self.painter = painter
        self.g = geometry
        self.faces = doc.theme.deck_font

    def draw(self, canvas: Canvas, number: int, count: int, dark: bool) -> None:
        g, y = self.g, self.g.footer_top + 6
        canvas.add(drawingml.line(canvas.new_id(), g.margin, g.footer_top, g.width - g.margin,
                                  g.footer_top, self.painter.colour("muted" if dark else "rule",
                                                                    dark), 0.75))
        right = g.width - g.margin
        marking = self.doc.marking
        if marking:
            self._marking(canvas, BANNER_TOP)
            if marking.tlp:
                right -= _width(marking.text, self.faces, True) + 8
            self._marking(canvas, y)
        number_text = self.doc.text("deck.slide_number", slide=number, slides=count)
        width = _width(number_text, self.faces)
        self._label(canvas, Box(right - width, y, width, _height()), number_text, dark, "r")
        left_width = (right - width - g.margin) if not (marking and not marking.tlp) \
            else g.width / 2 - g.margin - _width(marking.text, self.faces, True) / 2 - 8
        self._label(canvas, Box(g.margin, y, left_width, _height()), self.doc.footer_text, dark,
                    "l")

    def _label(self, canvas: Canvas, box: Box, text: str, dark: bool, align: str) -> None:
        lines = (Line((Span(text),), "body"),)
        paragraphs = self.painter.paragraphs(canvas, lines, FOOTER_PT, dark,
                                             self.painter.colour("muted", dark), align)
        canvas.add(drawingml.text_box(canvas.new_id(), "deckmaker footer", box, (PAD_X, PAD_Y),
                                      "t", None, paragraphs))

    def _marking(self, canvas: Canvas, y: float) -> None:
        marking = self.doc.marking
        width = _width(marking.text, self.faces, True)
        x = self.g.width - self.g.margin - width if marking.tlp else (self.g.width - width) / 2
        paragraph = self.painter.line(canvas, marking.text, FOOTER_PT, marking.foreground, "ctr")
        canvas.add(drawingml.text_box(canvas.new_id(), "deckmaker marking",
                                      Box(x, y, width, _height()), (PAD_X, PAD_Y), "t",
                                      marking.background, paragraph))
