"""The banner and footer of every slide: the marking at the top and bottom — a TLP
label right-aligned in its FIRST colour on black, a free-text marking centred — the
footer line with the title and date, and the slide number (``Footer``).

``plan_footer`` lays them out once per deck by measurement (pure, no python-pptx): the
marking takes what it needs up to a share of the width, shrinking to a floor and then
wrapping to two lines; the slide number keeps room for three digits; the footer title
is shortened with an ellipsis to the width left, so nothing overlaps or wraps."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from deckmaker import textfit
from deckmaker.inline import Span
from deckmaker.model import Document
from deckmaker.writers.pptx import drawingml
from deckmaker.writers.pptx.elements import ELLIPSIS, Box, Geometry, Line
from deckmaker.writers.pptx.layoutgeometry import LayoutLook, is_backdrop, overlap
from deckmaker.writers.pptx.shapes import Canvas, Painter

FOOTER_PT = 12.0  # FIRST: TLP labels at 12 pt or larger
MARKING_MIN_PT = 10.0  # a long free-text marking shrinks to this before it wraps
MARKING_SHARE = 0.5  # of the content width, for the marking banner at first
MARKING_LINES = 2
PAD_X, PAD_Y = 8.0, 3.0
BANNER_TOP = 10.0
SPACING = 8.0  # between the footer's title, marking and number
MIN_TITLE_CHARS = 8  # a footer title shorter than this says nothing: cut the text instead


@dataclass(frozen=True)
class FooterLayout:
    """Where the footer's parts go: the marking banners (None without a marking) and
    their size, the footer title as it fits, and the right edge of the slide number."""

    title: str
    title_box: Box
    number_right: float
    number_width: float
    top_banner: Box | None = None
    bottom_banner: Box | None = None
    marking_pt: float = FOOTER_PT
    number_box: Box | None = None  # the template's slide-number box, if it has one
    number_shown: bool = True
    date_box: Box | None = None  # the template's date box: the date there, not in the title


def box_width(text: str, fonts: textfit.Fonts, size: float = FOOTER_PT,
              bold: bool = False) -> float:
    """The width of a one-line footer box holding ``text``."""
    return math.ceil(textfit.text_width(text, fonts, size, bold=bold)
                     / textfit.WIDTH_SAFETY + 2 * PAD_X + 2)


def box_height(size: float = FOOTER_PT, lines: int = 1) -> float:
    return math.ceil(lines * size * textfit.LINE_SPACING + 2 * PAD_Y)


def _lines(text: str, fonts: textfit.Fonts, size: float, width: float) -> int:
    para = textfit.Para((textfit.Run(text, bold=True),), size)
    return textfit.line_count(para, fonts, width - 2 * PAD_X)


def _largest(fits, high: int) -> int | None:
    """The largest n in 0..``high`` for which ``fits(n)`` holds (monotone), or None."""
    if not fits(0):
        return None
    low = 0
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if fits(mid) else (low, mid - 1)
    return low


def marking_size(text: str, fonts: textfit.Fonts, tlp: bool,
                 widths: tuple[float, ...]) -> tuple[float, float, int]:
    """(font size, box width, lines) of the marking banner: one line at the largest size
    down to the floor within ``widths[0]``, else the narrowest box of at most two lines
    at the floor, trying each of ``widths`` in turn (the last one may need more lines)."""
    floor = FOOTER_PT if tlp else MARKING_MIN_PT
    for size in textfit.sizes((floor, FOOTER_PT), 0.5):
        width = box_width(text, fonts, size, True)
        if width <= widths[0]:
            return size, width, 1
    for limit in widths:
        if _lines(text, fonts, floor, limit) <= MARKING_LINES:
            return floor, _narrowest(text, fonts, floor, limit), MARKING_LINES
    return floor, widths[-1], _lines(text, fonts, floor, widths[-1])


def _narrowest(text: str, fonts: textfit.Fonts, size: float, limit: float) -> float:
    """The narrowest box up to ``limit`` wide holding ``text`` in two lines (balanced)."""
    spare = _largest(lambda n: _lines(text, fonts, size, limit - n) <= MARKING_LINES,
                     math.floor(limit / 2))
    return limit - spare


def _footer_title(doc: Document, fonts: textfit.Fonts, width: float,
                  dated: bool = True) -> str:
    """The footer text (not ``dated``: without the date), its title shortened (then the
    whole text cut) to fit ``width``."""
    def fits(text: str) -> bool:
        return box_width(text, fonts) <= width

    whole = doc.footer_text if dated else doc.footer_line(dated=False)
    if fits(whole):
        return whole

    def with_title(extra: int) -> str:
        return doc.footer_line(MIN_TITLE_CHARS + extra, dated=dated)

    extra = _largest(lambda n: fits(with_title(n)), len(doc.title))
    if extra is not None and with_title(extra) != whole:
        return with_title(extra)
    text = whole
    cut = _largest(lambda n: fits(text[:n].rstrip() + ELLIPSIS), len(text)) or 0
    return text[:cut].rstrip() + ELLIPSIS if cut else ""


def plan_footer(doc: Document, g: Geometry, fonts: textfit.Fonts) -> FooterLayout:
    """The footer and banners of every slide of ``doc`` (room for a three-digit number),
    in the geometry's footer band if it has one, else between the margins."""
    y = g.footer_top + 6
    left = g.footer.x if g.footer else g.margin
    right = g.footer.x + g.footer.w if g.footer else g.width - g.margin
    content_width = right - left
    number_width = box_width("999", fonts)
    marking = doc.marking
    if not marking:
        width = right - number_width - SPACING - left
        return FooterLayout(_footer_title(doc, fonts, width), Box(left, y, width,
                                                                  box_height()),
                            right, number_width)
    beside_number = content_width - 2 * (number_width + SPACING)
    size, width, lines = marking_size(marking.text, fonts, bool(marking.tlp),
                                      (content_width * MARKING_SHARE, beside_number))
    height = box_height(size, lines)
    x = right - width if marking.tlp else left + (content_width - width) / 2
    number_right = x - SPACING if marking.tlp else right
    title_right = number_right - number_width - SPACING if marking.tlp else x - SPACING
    top = max(2.0, min(BANNER_TOP, g.title_top - height - 2))
    return FooterLayout(_footer_title(doc, fonts, title_right - left),
                        Box(left, y, title_right - left, box_height()), number_right,
                        number_width, Box(x, top, width, height), Box(x, y, width, height), size)


def in_template_places(doc: Document, planned: FooterLayout, fonts: textfit.Fonts,
                       look: LayoutLook | None) -> FooterLayout:
    """``planned`` with the marking banners clear of ``look``'s shapes (``_clear_of``),
    no slide number where the template shows its own, and the footer line, the slide
    number and the date moved into the template's footer, slide-number and date
    placeholders where ``look``'s layout has them, each cut to its part left of a
    marking's bottom banner if the banner lies on it (``_left_of``): the title fitted to
    the footer box, the date out of it where the layout has a place that holds it."""
    if look is None:
        return planned
    planned = replace(planned, top_banner=_clear_of(planned.top_banner, look.shapes),
                      bottom_banner=_clear_of(planned.bottom_banner, look.shapes),
                      number_shown=planned.number_shown and not look.numbered)
    if not look.footer_room:  # the marking banners only
        return replace(planned, title="", number_shown=False)
    if look.footer is None:
        return planned
    banner = planned.bottom_banner
    footer = _left_of(look.footer, banner, box_width("…" * MIN_TITLE_CHARS, fonts))
    if footer is None:
        return planned
    date = _left_of(look.date, banner, box_width(doc.date_text, fonts)) if look.date else None
    if date is not None and any(overlap(date, shape) for shape in look.shapes):
        date = None  # the template draws there (a logo under its date placeholder)
    title = _footer_title(doc, fonts, footer.w, dated=date is None)
    number = _left_of(look.number, banner, planned.number_width) if look.number else None
    if number is None:  # the number stays where deckmaker puts it, if that is free
        mine = Box(planned.number_right - planned.number_width, footer.y,
                   planned.number_width, footer.h)
        if overlap(mine, footer) or (date is not None and overlap(mine, date)):
            return planned
        return replace(planned, title=title, title_box=footer, date_box=date)
    return replace(planned, title=title, title_box=footer,
                   number_right=number.x + number.w, number_width=number.w,
                   number_box=number, date_box=date)


def _clear_of(banner: Box | None, shapes: tuple[Box, ...]) -> Box | None:
    """``banner`` moved left past the template's shapes it meets (a slide-number
    badge in its corner), but for one it lies on (a band: ``is_backdrop``); where it
    would leave the slide, as it was."""
    if banner is None:
        return None
    moved = banner
    for _ in range(len(shapes) + 1):  # each move passes at least one shape
        met = [s for s in shapes if overlap(moved, s) and not is_backdrop(s, moved)]
        if not met:
            return moved
        moved = replace(moved, x=min(s.x for s in met) - SPACING - moved.w)
        if moved.x < 0:
            break
    return banner


def _left_of(box: Box, banner: Box | None, narrowest: float) -> Box | None:
    """``box``, or its part left of ``banner`` where the banner lies on it; None if that
    part is narrower than ``narrowest``."""
    if banner is None or not overlap(box, banner):
        return box
    width = min(box.w, banner.x - SPACING - box.x)
    return Box(box.x, box.y, width, box.h) if width >= narrowest else None


# the placeholders' idx on layouts and slides (PowerPoint's)
DATE_IDX, FOOTER_IDX, NUMBER_IDX = 10, 11, 12


def placeholder_ph(kind: str, idx: int) -> str:
    return f'<p:ph type="{kind}" sz="quarter" idx="{idx}"/>'


class Footer:
    """The footer of every slide of ``doc``, made to survive editing: on each layout
    the deck uses, the rule and the marking banners are drawn (so slides a user adds
    from the layout carry them) and footer and slide-number placeholders are placed —
    at the template's footer and slide-number placeholders' positions where the layout
    has them (``in_template_places``); each slide gets its own footer placeholder with
    the footer text and a slide-number placeholder holding a slide-number field
    (``a:fld type="slidenum"``), which PowerPoint and LibreOffice renumber when slides
    are added, moved or deleted. There is no total-slides field in PowerPoint's format,
    so no "of N". Each call may name the ``painter`` (the palette as it reads on that
    layout's footer) and the layout's ``look``."""

    def __init__(self, doc: Document, painter: Painter, geometry: Geometry,
                 fonts: textfit.Fonts) -> None:
        self.doc = doc
        self.painter = painter
        self.g = geometry
        self.fonts = fonts
        self.layout = plan_footer(doc, geometry, self.fonts)
        self._paragraphs: dict[tuple, str] = {}

    def _layout(self, look: LayoutLook | None) -> FooterLayout:
        return in_template_places(self.doc, self.layout, self.fonts, look)

    @staticmethod
    def _number_box(layout: FooterLayout) -> Box:
        return layout.number_box or Box(layout.number_right - layout.number_width,
                                        layout.title_box.y, layout.number_width,
                                        box_height())

    def _footer_paragraph(self, canvas: Canvas, painter: Painter, text: str,
                          dark: bool) -> str:
        key = (id(painter), text, dark)
        paragraphs = self._paragraphs.get(key)
        if paragraphs is None:  # plain text (no links): the same XML on every slide
            lines = (Line((Span(text),), "body"),)
            paragraphs = self._paragraphs[key] = painter.paragraphs(
                canvas, lines, FOOTER_PT, dark, painter.colour("muted", dark), "l")
        return paragraphs

    def _number_paragraph(self, painter: Painter, number: int, dark: bool) -> str:
        style = painter.run_style(FOOTER_PT, False, False, painter.colour("muted", dark))
        return drawingml.paragraph(
            drawingml.ParagraphStyle(round(FOOTER_PT * textfit.LINE_SPACING, 2), 0, 0.0, "r"),
            drawingml.slide_number(style, number))

    def _placeholders(self, canvas: Canvas, number: int, dark: bool, painter: Painter,
                      layout: FooterLayout) -> None:
        """The date (where the layout has a place for it), footer (if it has room for a
        title) and slide-number placeholders (unless the layout has no room for them:
        ``LayoutLook.footer_room``)."""
        if layout.date_box is not None:
            canvas.add(drawingml.placeholder(
                canvas.new_id(), "deckmaker date", placeholder_ph("dt", DATE_IDX),
                layout.date_box, (PAD_X, PAD_Y), "t",
                self._footer_paragraph(canvas, painter, self.doc.date_text, dark)))
        if layout.title:
            shape_id = canvas.new_id()
            canvas.add(drawingml.placeholder(
                shape_id, "deckmaker footer", placeholder_ph("ftr", FOOTER_IDX),
                layout.title_box, (PAD_X, PAD_Y), "t",
                self._footer_paragraph(canvas, painter, layout.title, dark)))
        if not layout.number_shown:
            return
        shape_id = canvas.new_id()
        canvas.add(drawingml.placeholder(
            shape_id, "deckmaker number", placeholder_ph("sldNum", NUMBER_IDX),
            self._number_box(layout), (PAD_X, PAD_Y), "t",
            self._number_paragraph(painter, number, dark)))

    def _rule_meets(self, look: LayoutLook | None) -> bool:
        """True if the footer's rule would cross a shape of the template."""
        if look is None:
            return False
        g = self.g
        rule = Box(g.margin, g.footer_top - 1, g.content_width, 2)
        return any(overlap(rule, shape) for shape in look.shapes)

    def dress(self, canvas: Canvas, dark: bool, painter: Painter | None = None,
              look: LayoutLook | None = None) -> None:
        """Draw the rule and the marking banners on a layout's ``canvas`` and put its
        footer and slide-number placeholders (its old date, footer and number
        placeholders are removed first: ``strip_footer_placeholders``)."""
        g, painter = self.g, painter or self.painter
        layout = self._layout(look)
        if not self._rule_meets(look):
            canvas.add(drawingml.line(canvas.new_id(), g.margin, g.footer_top,
                                      g.width - g.margin, g.footer_top,
                                      painter.colour("muted" if dark else "rule", dark), 0.75))
        if layout.top_banner:
            self._marking(canvas, layout, layout.top_banner)
            self._marking(canvas, layout, layout.bottom_banner)
        self._placeholders(canvas, 0, dark, painter, layout)

    def draw(self, canvas: Canvas, number: int, dark: bool, painter: Painter | None = None,
             look: LayoutLook | None = None) -> None:
        """A slide's own footer placeholders, ``number`` the field's text as saved."""
        self._placeholders(canvas, number, dark, painter or self.painter, self._layout(look))

    def _marking(self, canvas: Canvas, layout: FooterLayout, box: Box) -> None:
        marking = self.doc.marking
        paragraph = self.painter.line(canvas, marking.text, layout.marking_pt,
                                      marking.foreground, "ctr")
        canvas.add(drawingml.text_box(canvas.new_id(), "deckmaker marking", box, (PAD_X, PAD_Y),
                                      "t", marking.background, paragraph))


def strip_footer_placeholders(tree) -> None:
    """Remove the date, footer and slide-number placeholders from a layout's shape
    ``tree`` (an lxml ``p:spTree``): the deck puts its own."""
    for sp in tree.xpath("./p:sp[p:nvSpPr/p:nvPr/p:ph[@type='dt' or @type='ftr' or "
                         "@type='sldNum']]"):
        tree.remove(sp)
