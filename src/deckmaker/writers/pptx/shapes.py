"""Drawing planned text boxes, chips and titles on a slide's ``Canvas``.

Every paragraph gets an exact line spacing, indent and space before taken from
its role (``elements.ROLES``), so the deck draws exactly what ``textfit``
measured. Text is cleaned of control characters (PowerPoint would show them as
``_x001B_`` codes or refuse the file); links are made only for http(s) and mailto.
"""

from __future__ import annotations

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml import parse_xml
from pptx.util import Pt

from deckmaker.inline import Span, is_safe_link
from deckmaker.textfit import LINE_SPACING
from deckmaker.colours import lightened
from deckmaker.writers.pptx import drawingml
from deckmaker.writers.pptx.drawingml import ParagraphStyle, RunStyle
from deckmaker.writers.pptx.ground import GRAPHICS, is_dark, readable
from deckmaker.writers.pptx.partnames import PartNames
from deckmaker.writers.pptx.elements import (
    CHIP_PAD_X, DOT_EM, DOT_GAP_EM, DOTS_WORD_EM, INSET_X, ROLES, Bar, Box, Chip, Line, Mark, Text,
    clean, dots_width,
)

BULLET = "\u2022"
DOT_OUTLINE = 1.25  # pt, an empty dot's ring
TITLE_INSET = (7.2, 3.6)


class Canvas:
    """The shapes of one python-pptx ``slide`` (or layout) being written as DrawingML
    text: shape ids from ``first_id``
in drawing order, hyperlinks and parts related to the slide; ``flush`` parses the
    pending shapes into the slide's shape tree in one go. ``names`` gives the part names
    of the parts added (``partnames``)."""

    def __init__(self, slide, names: PartNames, first_id: int = 2) -> None:
        self.slide = slide
        self.names = names
        self.next_id = first_id  # 1 is the slide's shape tree itself
        self._pending: list[str] = []

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def link(self, url: str) -> str:
        """The relationship id of external hyperlink ``url`` from this slide."""
        return self.slide.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def new_part(self, template: str, content_type: str, blob: bytes) -> Part:
        """A new part of the deck's package named by ``template`` (a "%d" pattern),
        related to nothing yet."""
        return Part(self.names.next(template), content_type, self.slide.part.package, blob)

    def relate(self, part: Part, reltype: str) -> str:
        """The rId of this slide's ``reltype`` relationship to ``part``."""
        return self.slide.part.relate_to(part, reltype)

    def add(self, xml: str) -> None:
        self._pending.append(xml)

    def flush(self) -> None:
        """Put the pending shapes after the shapes of the slide's shape tree, parsed at
        once (wrapped in one element declaring their namespaces)."""
        if not self._pending:
            return
        shapes = parse_xml(f'<p:spTree {drawingml.NAMESPACES}>{"".join(self._pending)}'
                           "</p:spTree>")
        self._pending = []
        self.slide.element.cSld.spTree.extend(list(shapes))


class Painter:
    """Draws elements in the theme's font and palette on light or dark slides, every
    run tagged with the document's language ``lang``; ``east_asian`` is the family
    LibreOffice and PowerPoint draw CJK characters in."""

    def __init__(self, family: str, palette: dict, east_asian: str | None = None,
                 lang: str = "en", ground: str | None = None,
                 typeface: str | None = None) -> None:
        self.family = family  # what runs name: a typeface, or a theme font ("+mn-lt")
        self.typeface = typeface or family  # the typeface itself (a chart's text)
        self.east_asian = east_asian or self.typeface
        self.palette = palette
        self.lang = lang
        self.ground = ground  # the colour under the text, when known (``ground``)
        self.dark = ground is not None and is_dark(ground)

    def run_style(self, size: float, bold: bool, italic: bool, colour: str,
                  link: str | None = None) -> RunStyle:
        return RunStyle(size, bold, italic, colour, self.family, self.east_asian, self.lang,
                        link)

    def colour(self, key: str, dark: bool) -> str:
        """The palette colour for a role colour ``key``, lightened on dark backgrounds."""
        if dark:
            return self.palette["rule"] if key == "muted" else self.palette["background"]
        return self.palette[key]

    def link_colour(self, dark: bool) -> str:
        """Links in the accent colour, lightened on dark slides until they read (WCAG AA)."""
        accent = self.palette["accent"]
        return lightened(accent, self.ground or self.palette["primary"]) if dark else accent

    def run(self, canvas: Canvas, span: Span, size: float, bold: bool, colour: str,
            dark: bool = False) -> str:
        """A run of ``span``; links are underlined in the link colour."""
        link = None
        if span.href and is_safe_link(span.href):
            link = canvas.link(span.href)
            colour = self.link_colour(dark)
        return drawingml.run(clean(span.text),
                             self.run_style(size, span.bold or bold, span.italic, colour, link))

    def paragraphs(self, canvas: Canvas, lines: tuple[Line, ...], size: float, dark: bool,
                   colour: str | None = None, align: str | None = None) -> str:
        """Paragraphs of ``lines`` styled by role; ``colour`` overrides the role colour.
        Each states its margin, indent, spacing and bullet (``ParagraphStyle.explicit``):
        a body placeholder would take them from the template's styles, and LibreOffice
        carries a margin over to the next paragraph of a text box that does not state
        one."""
        out = []
        for n, line in enumerate(lines):
            style = ROLES[line.role]
            pt = round(size * style.scale, 1)
            bullet = (self.colour("accent", dark), self.family, BULLET) if style.bullet else None
            para = ParagraphStyle(round(pt * LINE_SPACING, 2),
                                  round(style.space_before * pt, 2) if n else 0,
                                  style.indent * pt, align, bullet, explicit=True)
            run_colour = colour or self.colour(style.colour, dark)
            out.append(drawingml.paragraph(para, "".join(
                self.run(canvas, span, pt, style.bold, run_colour, dark) for span in line.spans)))
        return "".join(out)

    def line(self, canvas: Canvas, text: str, size: float, colour: str, align: str,
             bold: bool = True) -> str:
        """One paragraph of ``text`` (bold unless not ``bold``) with exact line spacing
        and no space before."""
        return drawingml.paragraph(ParagraphStyle(round(size * LINE_SPACING, 2), align=align),
                                   self.run(canvas, Span(text), size, bold, colour))

    def text(self, canvas: Canvas, element: Text, dark: bool, ph: str | None = None) -> None:
        """``element`` as a text box, or in the layout's body placeholder ``ph`` (its
        ``p:ph``), placed and styled as planned either way."""
        if ph is not None:
            shape_id = canvas.new_id()
            canvas.add(drawingml.placeholder(
                shape_id, f"Text Placeholder {shape_id - 1}", ph, element.box, element.inset,
                "t", self.paragraphs(canvas, element.lines, element.size, dark)))
            return
        fill = self.palette[element.fill] if element.fill else None
        canvas.add(drawingml.text_box(
            canvas.new_id(), None, element.box, element.inset, "t", fill,
            self.paragraphs(canvas, element.lines, element.size, dark)))

    def chip(self, canvas: Canvas, chip: Chip) -> None:
        """The chip's background (decorative), then its words in a one-line box on it."""
        shape_id = canvas.new_id()
        canvas.add(drawingml.shape(shape_id, f"Chip background {shape_id - 1}", chip.box,
                                   "roundRect", chip.fill))
        canvas.add(drawingml.text_box(
            canvas.new_id(), None, chip.box, (CHIP_PAD_X, chip.pad_y), "ctr", None,
            self.line(canvas, chip.text, chip.size, chip.colour, "ctr"), wrap=False))

    def mark(self, canvas: Canvas, mark: Mark) -> None:
        """The confidence mark: filled dots, then empty (outlined) ones, in the mark's
        neutral colour, decorative; then its word, which screen readers read."""
        box, size, confidence = mark.box, mark.size, mark.mark
        diameter = size * DOT_EM
        top = box.y + (box.h - diameter) / 2
        x = box.x
        colour = confidence.colour
        if self.ground is not None:  # dots are graphics: 3:1 on the ground
            colour = readable(colour, self.ground, GRAPHICS)
        for n in range(confidence.total):
            filled = n < confidence.filled
            shape_id = canvas.new_id()
            canvas.add(drawingml.shape(
                shape_id, f"Confidence dot {shape_id - 1}", Box(x, top, diameter, diameter),
                "ellipse", colour if filled else None,
                None if filled else (colour, DOT_OUTLINE)))
            x += diameter + size * DOT_GAP_EM
        if not mark.word:
            return
        left = box.x + dots_width(size, confidence.total) + size * DOTS_WORD_EM - INSET_X
        canvas.add(drawingml.text_box(
            canvas.new_id(), None, Box(left, box.y, box.x + box.w - left, box.h),
            (INSET_X, 0.0), "ctr", None,
            self.line(canvas, confidence.text, size, self.palette["text"], "l", bold=False),
            wrap=False))

    def bar(self, canvas: Canvas, bar: Bar) -> None:
        shape_id = canvas.new_id()
        canvas.add(drawingml.shape(shape_id, f"Rectangle {shape_id - 1}", bar.box, "rect",
                                   self.palette[bar.fill]))

    def title(self, canvas: Canvas, ph: str | None, text: str, size: float, box: Box,
              dark: bool, anchor: str | None = "b") -> None:
        """The slide title in the layout's title placeholder ``ph`` (so outlines and
        screen readers find it), placed and sized as planned; a text box if none.
        ``anchor`` None: set in the box as the layout sets its titles (a template's
        title placeholder, which may have its rule just under it)."""
        paragraph = self.line(canvas, text, size, self.colour("primary", dark), "l")
        shape_id = canvas.new_id()
        if ph is None:
            canvas.add(drawingml.text_box(shape_id, None, box, TITLE_INSET, anchor or "b",
                                          None, paragraph))
        else:
            canvas.add(drawingml.placeholder(shape_id, f"Title {shape_id - 1}", ph, box,
                                             TITLE_INSET, anchor, paragraph))


def emu_box(box: Box) -> tuple[int, int, int, int]:
    return Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h)
