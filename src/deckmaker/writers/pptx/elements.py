"""What a planned slide is made of: boxes, paragraphs with roles, text, chips, charts.

Pure data (no python-pptx); positions and sizes are in points from the slide's
top-left corner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from deckmaker import textfit
from deckmaker.inline import Inline
from deckmaker.model import ConfidenceMark, EstimativeLegend, Figure

INSET_X, INSET_Y = 7.2, 3.6          # python-pptx's default text box insets (0.1", 0.05")
PANEL_INSET = 14.0                    # insets of shaded panels
CHIP_PT = 14.0
CHIP_PAD_X, CHIP_PAD_Y = 10.0, 4.0
GAP = 12.0
COVER_BAR = 6.0                       # the accent bar beside deckmaker's own cover title
ELLIPSIS = "\u2026"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Geometry:
    """Where things go on a slide of ``width`` x ``height`` points: the margins, title
    and body of deckmaker's own master, or, when ``title``, ``body``, ``cover_title``
    and ``cover_body`` are given (``layoutgeometry``: a template's placeholders less the
    shapes its layouts and master draw), those boxes; ``footer``, the band the footer
    line and slide number take when the template has no footer placeholders."""

    width: float = 960.0
    height: float = 540.0
    margin: float = 40.0
    title_top: float = 40.0
    title_height: float = 86.0
    body_top: float = 146.0
    footer_top: float = 496.0
    title: Box | None = None
    body: Box | None = None
    cover_title: Box | None = None
    cover_body: Box | None = None
    footer: Box | None = None  # the band deckmaker's own footer line goes in
    # deckmaker's own look: the cover's title, subtitle and metadata one block centred in
    # the slide's height with an accent bar left of it, the divider's and closing's
    # titles centred too. False on a template with no room for the bar: every title
    # and the cover's text stay in the template's placeholders, as it places them.
    own_look: bool = True
    caps: frozenset[str] = frozenset()  # the slide kinds whose layouts set titles in capitals
    # the section layout's (bottom line, closing, divider) where it differs from the
    # content layout's: a template with several masters may draw them differently
    section_title: Box | None = None
    section_body: Box | None = None

    def title_for(self, layout: str) -> Box:
        """The title box of slides on the ``layout`` kind ("section" or another)."""
        return self.section_title_box if layout == "section" else self.title_box

    @property
    def section_title_box(self) -> Box:
        return self.section_title or self.title_box

    @property
    def section_body_box(self) -> Box:
        return self.section_body or self.body_box

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def title_box(self) -> Box:
        return self.title or Box(self.margin, self.title_top, self.content_width,
                                 self.title_height)

    @property
    def body_box(self) -> Box:
        return self.body or Box(self.margin, self.body_top, self.content_width,
                                self.footer_top - GAP - self.body_top)

    @property
    def divider_title_box(self) -> Box:
        """The backup divider's title on deckmaker's own look: a little above the middle."""
        return Box(self.margin, (self.height - self.title_height) / 2 - GAP
                   - self.title_height / 2, self.content_width, self.title_height)

    @property
    def closing_title_box(self) -> Box:
        """The closing slide's title, alone on it, on deckmaker's own look."""
        return Box(self.margin, (self.height - self.title_height) / 2 - GAP,
                   self.content_width, self.title_height)

    @property
    def cover_title_box(self) -> Box:
        return self.cover_title or Box(self.margin + 24, 110, self.content_width - 48, 150)

    @property
    def cover_body_box(self) -> Box:
        return self.cover_body or Box(self.margin + 24, 270, self.content_width - 48,
                                      self.footer_top - GAP - 270)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Style:
    """How a paragraph role looks: size relative to the body size, indent and space
    before in ems of its size, weight, and palette colour key."""

    scale: float
    indent: float
    space_before: float
    bold: bool
    colour: str
    bullet: bool = False


ROLES = {
    "body": Style(1.0, 0.0, 0.5, False, "text"),
    "lead": Style(1.0, 0.0, 0.5, False, "primary"),
    "bullet": Style(1.0, 1.1, 0.5, False, "text", bullet=True),
    "heading": Style(1.0, 0.0, 0.8, True, "accent"),
    "note": Style(0.8, 1.375, 0.15, False, "muted"),
    "meta": Style(0.8, 0.0, 0.3, False, "muted"),
    "source": Style(1.0, 1.6, 0.0, False, "text"),     # a source title's further lines
    "citation": Style(0.8, 2.0, 0.15, False, "muted"),  # its author, publisher and date
    "figure_title": Style(1.0, 0.0, 0.0, True, "primary"),  # a chart's takeaway
    "figure_source": Style(1.0, 0.0, 0.0, False, "muted"),  # the line under a chart
    "closing": Style(1.0, 0.0, 0.0, False, "muted"),
}


@dataclass(frozen=True)
class Line:
    """One paragraph of a slide: inline spans and a role from ``ROLES``."""

    spans: Inline
    role: str = "body"


@dataclass(frozen=True)
class Text:
    """A text box; ``fill`` is a palette key for a shaded panel."""

    box: Box
    lines: tuple[Line, ...]
    size: float
    inset: tuple[float, float] = (INSET_X, INSET_Y)
    fill: str | None = None


@dataclass(frozen=True)
class Chip:
    """A small filled label: colour plus words, never colour alone."""

    box: Box
    text: str
    fill: str
    colour: str
    size: float = CHIP_PT
    pad_y: float = CHIP_PAD_Y


@dataclass(frozen=True)
class Mark:
    """The confidence mark: ``mark.filled`` of ``mark.total`` dots drawn as filled and
    empty circles, then its word (unless not ``word``: a key beside the word written
    elsewhere), at ``size``; neutral, it reads without colour."""

    box: Box
    mark: ConfidenceMark
    size: float = CHIP_PT
    word: bool = True


DOT_EM = 0.62      # a mark's dot's diameter, in ems of its size
DOT_GAP_EM = 0.3   # between two dots
DOTS_WORD_EM = 0.5  # between the dots and the word


def dots_width(size: float, total: int) -> float:
    """The width of ``total`` dots of a mark at ``size``."""
    return size * (total * DOT_EM + (total - 1) * DOT_GAP_EM)


@dataclass(frozen=True)
class Chart:
    """A native chart of ``figure`` (its ``alt`` the frame's description): a category
    label every ``label_skip`` categories,
    the legend (if any) at ``legend_pt``, and the plot area's inner box as fractions
    (x, y, w, h) of the chart when crowded labels need room reserved (else automatic)."""

    box: Box
    figure: Figure
    label_skip: int
    legend_pt: float
    plot: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Legend:
    """One estimative-language table at ``size``: the likelihood terms (``kind``
    "terms") or the confidence levels ("levels"), its header row and the rows ``rows``
    (indexes into the legend's terms or levels), with measured heights, header first."""

    box: Box
    legend: EstimativeLegend
    size: float
    kind: str
    rows: tuple[int, ...]
    heights: tuple[float, ...]


@dataclass(frozen=True)
class Bar:
    """A filled rectangle without text (an accent bar); ``fill`` is a palette key."""

    box: Box
    fill: str


Element = Text | Chip | Mark | Chart | Legend | Bar


@dataclass(frozen=True)
class SlidePlan:
    """One slide: its kind, pack layout key, title and title size, elements, notes,
    where the title goes (None: the geometry's title box) and whether it is in the
    backup section (after the "Backup" divider)."""

    kind: str
    layout: str
    title: str
    title_pt: float
    elements: tuple[Element, ...] = ()
    notes: str = ""
    dark: bool = False
    anchor: str | None = None
    title_box: Box | None = None
    backup: bool = False


def paras(lines: Sequence[Line], size: float) -> list[textfit.Para]:
    """The measurable paragraphs of ``lines`` at body size ``size``."""
    out = []
    for line in lines:
        style = ROLES[line.role]
        pt = round(size * style.scale, 1)
        out.append(textfit.Para(tuple(textfit.Run(s.text, s.bold or style.bold, s.italic)
                                      for s in line.spans), pt, style.indent * pt,
                                style.space_before * pt))
    return out


def clean(text: str) -> str:
    """``text`` without characters XML cannot carry or PowerPoint would show as codes;
    line breaks and tabs inside a run become spaces."""
    return _CONTROL.sub("", text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
                        .replace("\t", " "))
