"""The banner and footer drawn on every slide (python-pptx does not copy the layout's
footer placeholders): the marking at the top and bottom — a TLP label right-aligned
in its FIRST colour on black, a free-text marking centred — the footer line with the
date, and "n / N"."""

from __future__ import annotations

import math

from pptx.enum.shapes import MSO_CONNECTOR
from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from deckmaker import textfit
from deckmaker.inline import Span
from deckmaker.model import Document
from deckmaker.writers.pptx.elements import Box, Geometry, Line, Text
from deckmaker.writers.pptx.shapes import Painter, emu_box, rgb

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

    def draw(self, slide, number: int, count: int, dark: bool) -> None:
        g, y = self.g, self.g.footer_top + 6
        rule = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(g.margin), Pt(g.footer_top),
                                          Pt(g.width - g.margin), Pt(g.footer_top))
        rule.line.color.rgb = self._rgb("muted" if dark else "rule", dark)
        rule.line.width = Pt(0.75)
        right = g.width - g.margin
        marking = self.doc.marking
        if marking:
            self._marking(slide, BANNER_TOP)
            if marking.tlp:
                right -= _width(marking.text, self.faces, True) + 8
            self._marking(slide, y)
        number_text = self.doc.text("deck.slide_number", slide=number, slides=count)
        width = _width(number_text, self.faces)
        self._label(slide, Box(right - width, y, width, _height()), number_text, dark,
                    PP_ALIGN.RIGHT)
        left_width = (right - width - g.margin) if not (marking and not marking.tlp) \
            else g.width / 2 - g.margin - _width(marking.text, self.faces, True) / 2 - 8
        self._label(slide, Box(g.margin, y, left_width, _height()), self.doc.footer_text, dark,
                    PP_ALIGN.LEFT)

    def _rgb(self, key: str, dark: bool):
        return rgb(self.painter.colour(key, dark))

    def _label(self, slide, box: Box, text: str, dark: bool, align) -> None:
        element = Text(box, (Line((Span(text),), "body"),), FOOTER_PT, (PAD_X, PAD_Y))
        shape = slide.shapes.add_textbox(*emu_box(box))
        self.painter.paragraphs(self.painter.frame(shape, element.inset), element.lines,
                                element.size, dark)
        shape.text_frame.paragraphs[0].alignment = align
        for run in shape.text_frame.paragraphs[0].runs:
            run.font.color.rgb = self._rgb("muted", dark)
        shape.name = "deckmaker footer"

    def _marking(self, slide, y: float) -> None:
        marking = self.doc.marking
        width = _width(marking.text, self.faces, True)
        x = self.g.width - self.g.margin - width if marking.tlp else (self.g.width - width) / 2
        shape = slide.shapes.add_textbox(*emu_box(Box(x, y, width, _height())))
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(marking.background)
        frame = self.painter.frame(shape, (PAD_X, PAD_Y))
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        paragraph.line_spacing = Pt(round(FOOTER_PT * textfit.LINE_SPACING, 2))
        self.painter.run(paragraph, Span(marking.text), FOOTER_PT, True, marking.foreground)
        shape.name = "deckmaker marking"
