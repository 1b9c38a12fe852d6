"""Drawing planned text boxes, chips and titles with python-pptx.

Every paragraph gets an exact line spacing, indent and space before taken from
its role (``elements.ROLES``), so the deck draws exactly what ``textfit``
measured. Text is cleaned of control characters (python-pptx would write them
as visible ``_x001B_``); links are made only for http(s) and mailto.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from deckmaker.inline import Span, is_safe_link
from deckmaker.textfit import LINE_SPACING
from deckmaker.writers.pptx.elements import (
    CHIP_PAD_X, CHIP_PAD_Y, ROLES, Box, Chip, Line, Text, clean,
)

BULLET = "\u2022"


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


class Painter:
    """Draws elements in the theme's font and palette on light or dark slides."""

    def __init__(self, family: str, palette: dict) -> None:
        self.family = family
        self.palette = palette

    def colour(self, key: str, dark: bool) -> str:
        """The palette colour for a role colour ``key``, lightened on dark backgrounds."""
        if dark:
            return self.palette["rule"] if key == "muted" else self.palette["background"]
        return self.palette[key]

    def typeface(self, font) -> None:
        """Set the latin, east-asian and complex-script typefaces of a run's font.

        python-pptx sets only latin; ea and cs must follow it directly (schema order)."""
        font.name = self.family
        rpr = font._rPr
        latin = rpr.find(qn("a:latin"))
        for tag in ("a:cs", "a:ea"):  # each inserted right after latin: latin, ea, cs
            element = rpr.find(qn(tag))
            if element is None:
                element = rpr.makeelement(qn(tag), {})
            element.set("typeface", self.family)
            latin.addnext(element)

    def run(self, paragraph, span: Span, size: float, bold: bool, colour: str) -> None:
        run = paragraph.add_run()
        run.text = clean(span.text)
        font = run.font
        font.size = Pt(size)
        font.bold = span.bold or bold
        font.italic = span.italic
        if span.href and is_safe_link(span.href):
            run.hyperlink.address = span.href
            font.color.rgb = rgb(self.palette["accent"] if colour != self.palette["background"]
                                 else colour)
            font.underline = True
        else:
            font.color.rgb = rgb(colour)
        self.typeface(font)

    def paragraphs(self, frame, lines: tuple[Line, ...], size: float, dark: bool) -> None:
        for n, line in enumerate(lines):
            style = ROLES[line.role]
            pt = round(size * style.scale, 1)
            paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            paragraph.line_spacing = Pt(round(pt * LINE_SPACING, 2))
            paragraph.space_before = Pt(round(style.space_before * pt, 2)) if n else Pt(0)
            ppr = paragraph._p.get_or_add_pPr()
            if style.indent:
                ppr.set("marL", str(Pt(style.indent * pt)))
            if style.bullet:
                ppr.set("indent", str(-Pt(style.indent * pt)))
                self._bullet(ppr, dark)
            colour = self.colour(style.colour, dark)
            for span in line.spans:
                self.run(paragraph, span, pt, style.bold, colour)

    def _bullet(self, ppr, dark: bool) -> None:
        colour = ppr.makeelement(qn("a:buClr"), {})
        colour.append(colour.makeelement(qn("a:srgbClr"), {
            "val": self.colour("accent", dark).lstrip("#").upper()}))
        font = ppr.makeelement(qn("a:buFont"), {"typeface": self.family})
        char = ppr.makeelement(qn("a:buChar"), {"char": BULLET})
        ppr.extend([colour, font, char])

    def frame(self, shape, inset: tuple[float, float], anchor=MSO_ANCHOR.TOP):
        """The shape's text frame, wrapping, never auto-sized, with explicit insets."""
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = Pt(inset[0])
        frame.margin_top = frame.margin_bottom = Pt(inset[1])
        frame.vertical_anchor = anchor
        return frame

    def text(self, slide, element: Text, dark: bool) -> None:
        box = element.box
        shape = slide.shapes.add_textbox(*emu_box(box))
        if element.fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = rgb(self.palette[element.fill])
        self.paragraphs(self.frame(shape, element.inset), element.lines, element.size, dark)

    def chip(self, slide, chip: Chip) -> None:
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *emu_box(chip.box))
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(chip.fill)
        shape.line.fill.background()
        shape.shadow.inherit = False
        frame = self.frame(shape, (CHIP_PAD_X, CHIP_PAD_Y), MSO_ANCHOR.MIDDLE)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        paragraph.line_spacing = Pt(round(chip.size * LINE_SPACING, 2))
        self.run(paragraph, Span(chip.text), chip.size, True, chip.colour)

    def title(self, slide, text: str, size: float, box: Box, dark: bool) -> None:
        """The slide title in the layout's title placeholder (so outlines and screen
        readers find it), placed and sized as planned."""
        shape = slide.shapes.title
        if shape is None:
            shape = slide.shapes.add_textbox(*emu_box(box))
        shape.left, shape.top, shape.width, shape.height = emu_box(box)
        frame = self.frame(shape, (7.2, 3.6), MSO_ANCHOR.BOTTOM)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.line_spacing = Pt(round(size * LINE_SPACING, 2))
        self.run(paragraph, Span(text), size, True, self.colour("primary", dark))


def emu_box(box: Box) -> tuple[int, int, int, int]:
    return Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h)
