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
from deckmaker.writers.pptx.partnames import PartNames
from deckmaker.writers.pptx.elements import (
    CHIP_PAD_X,
    CHIP_PAD_Y,
    ROLES,
    Bar,
    Box,
    Chip,
    Line,
    Text,
    clean,
)

BULLET = "\u2022"
TITLE_INSET = (7.2, 3.6)


class Canvas:
    """The shapes of one python-pptx ``slide`` being written as DrawingML text: shape ids
    in drawing order, hyperlinks and parts related to the slide; ``flush`` parses the
    pending shapes into the slide's shape tree in one go. ``names`` gives the part names
    of the parts added (``partnames``)."""

    def __init__(self, slide, names: PartNames) -> None:
        self.slide = slide
        self.names = names
        self.next_id = 2  # 1 is the slide's shape tree itself
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
    """Draws elements in the theme's font and palette on light or dark slides;
    ``east_asian`` is the family LibreOffice and PowerPoint draw CJK characters in."""

    def __init__(self, family: str, palette: dict, east_asian: str | None = None) -> None:
        self.family = family
        self.east_asian = east_asian or family
        self.palette = palette

    def colour(self, key: str, dark: bool) -> str:
        """The palette colour for a role colour ``key``, lightened on dark backgrounds."""
        if dark:
            return self.palette["rule"] if key == "muted" else self.palette["background"]
        return self.palette[key]

    def link_colour(self, dark: bool) -> str:
        """Links in the accent colour, lightened on dark slides until they read (WCAG AA)."""
        accent = self.palette["accent"]
        return lightened(accent, self.palette["primary"]) if dark else accent

    def run(self, canvas: Canvas, span: Span, size: float, bold: bool, colour: str,
            dark: bool = False) -> str:
        """A run of ``span``; links are underlined in the link colour."""
        link = None
        if span.href and is_safe_link(span.href):
            link = canvas.link(span.href)
            colour = self.link_colour(dark)
        return drawingml.run(clean(span.text), RunStyle(size, span.bold or bold, span.italic,
                                                        colour, self.family, self.east_asian,
                                                        link))

    def paragraphs(self, canvas: Canvas, lines: tuple[Line, ...], size: float, dark: bool,
                   colour: str | None = None, align: str | None = None) -> str:
        """Paragraphs of ``lines`` styled by role; ``colour`` overrides the role colour."""
        out = []
        for n, line in enumerate(lines):
            style = ROLES[line.role]
            pt = round(size * style.scale, 1)
            bullet = (self.colour("accent", dark), self.family, BULLET) if style.bullet else None
            para = ParagraphStyle(round(pt * LINE_SPACING, 2),
                                  round(style.space_before * pt, 2) if n else 0,
                                  style.indent * pt, align, bullet)
            run_colour = colour or self.colour(style.colour, dark)
            out.append(drawingml.paragraph(para, "".join(
                self.run(canvas, span, pt, style.bold, run_colour, dark) for span in line.spans)))
        return "".join(out)

    def line(self, canvas: Canvas, text: str, size: float, colour: str, align: str) -> str:
        """One bold paragraph of ``text`` with exact line spacing and no space before."""
        return drawingml.paragraph(ParagraphStyle(round(size * LINE_SPACING, 2), align=align),
                                   self.run(canvas, Span(text), size, True, colour))

    def text(self, canvas: Canvas, element: Text, dark: bool) -> None:
        fill = self.palette[element.fill] if element.fill else None
        canvas.add(drawingml.text_box(
            canvas.new_id(), None, element.box, element.inset, "t", fill,
            self.paragraphs(canvas, element.lines, element.size, dark)))

    def chip(self, canvas: Canvas, chip: Chip) -> None:
        canvas.add(drawingml.rounded_box(
            canvas.new_id(), chip.box, (CHIP_PAD_X, CHIP_PAD_Y), chip.fill,
            self.line(canvas, chip.text, chip.size, chip.colour, "ctr")))

    def bar(self, canvas: Canvas, bar: Bar) -> None:
        canvas.add(drawingml.rectangle(canvas.new_id(), bar.box, self.palette[bar.fill]))

    def title(self, canvas: Canvas, ph: str | None, text: str, size: float, box: Box,
              dark: bool) -> None:
        """The slide title in the layout's title placeholder ``ph`` (so outlines and
        screen readers find it), placed and sized as planned; a text box if none."""
        paragraph = self.line(canvas, text, size, self.colour("primary", dark), "l")
        shape_id = canvas.new_id()
        if ph is None:
            canvas.add(drawingml.text_box(shape_id, None, box, TITLE_INSET, "b", None, paragraph))
        else:
            canvas.add(drawingml.placeholder(shape_id, f"Title {shape_id - 1}", ph, box,
                                             TITLE_INSET, "b", paragraph))


def emu_box(box: Box) -> tuple[int, int, int, int]:
    return Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h)
