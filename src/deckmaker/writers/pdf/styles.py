"""The memo's paragraph styles and colours, derived from the theme."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from deckmaker.fonts import face_name, register_family
from deckmaker.model import Theme
from deckmaker.colours import WHITE as PAPER
from deckmaker.colours import readable_on

# Text runs in a column LABEL_GUTTER points in from the left margin, labels (KJ1, E1, S1)
# and bullets hang in the gutter: at 10.5 pt that keeps lines to about 80 characters.
LABEL_GUTTER = 44
BULLET_WIDTH = 16  # a bullet or "10." sits this far left of its text


@dataclass(frozen=True)
class TypeSizes:
    """The memo's six type sizes, in points."""

    title: float = 21
    heading: float = 13  # section headings, subtitle
    body: float = 10.5  # BLUF, statements, claims, bullets
    detail: float = 10  # evidence detail, quotes, sources, table cells
    small: float = 8.5  # labels, badges, references, captions, URLs
    footer: float = 7.5


SIZES = TypeSizes()


@dataclass(frozen=True)
class Palette:
    """The theme's colours as reportlab colours; text colours darkened where needed to
    reach WCAG AA contrast on the background they are printed on."""

    primary: colors.Color
    accent: colors.Color
    accent_on_shade: colors.Color  # labels and links inside the shaded BLUF box
    text: colors.Color
    muted: colors.Color
    shade: colors.Color
    rule: colors.Color
    chart: tuple[colors.Color, ...]

    @classmethod
    def of(cls, theme: Theme) -> Palette:
        p = theme.palette
        hexc = colors.HexColor
        return cls(hexc(p["primary"]), hexc(readable_on(p["accent"], PAPER)),
                   hexc(readable_on(p["accent"], p["shade"])), hexc(p["text"]),
                   hexc(readable_on(p["muted"], PAPER)), hexc(p["shade"]), hexc(p["rule"]),
                   tuple(hexc(c) for c in p["chart"]))


def hex_of(colour: colors.Color) -> str:
    """``colour`` as "#RRGGBB", the form Paragraph markup takes."""
    return "#" + colour.hexval()[2:].upper()


@dataclass(frozen=True)
class Styles:
    """Every paragraph style of the memo, by role."""

    palette: Palette
    body_font: str
    sans: str
    sans_bold: str
    serif_italic: str
    kind: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    source_line: ParagraphStyle
    heading: ParagraphStyle
    bluf: ParagraphStyle
    body: ParagraphStyle
    headline: ParagraphStyle
    statement: ParagraphStyle
    lone_statement: ParagraphStyle
    badges: ParagraphStyle
    claim: ParagraphStyle
    detail: ParagraphStyle
    quote: ParagraphStyle
    quote_by: ParagraphStyle
    caption: ParagraphStyle
    refs: ParagraphStyle
    group: ParagraphStyle
    bullet: ParagraphStyle
    owner: ParagraphStyle
    source: ParagraphStyle
    cell: ParagraphStyle
    badge_cell: ParagraphStyle
    cell_head: ParagraphStyle
    glance_title: ParagraphStyle
    glance: ParagraphStyle
    legend_intro: ParagraphStyle
    figure_source: ParagraphStyle


def build_styles(theme: Theme) -> Styles:
    """Register the theme's fonts and derive the memo's styles from them."""
    pal = Palette.of(theme)
    serif = register_family(theme.body_font)
    sans = register_family(theme.heading_font)
    sans_bold = face_name(theme.heading_font, bold=True)
    serif_italic = face_name(theme.body_font, italic=True)

    def style(name: str, font: str, size: float, leading: float, color=pal.text,
              **extra) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                              textColor=color, alignment=TA_LEFT, splitLongWords=1,
                              allowWidows=0, allowOrphans=0, **extra)

    labelled = dict(leftIndent=LABEL_GUTTER, bulletIndent=0, bulletFontName=sans_bold,
                    bulletColor=pal.accent)
    bulleted = dict(leftIndent=LABEL_GUTTER, bulletIndent=LABEL_GUTTER - BULLET_WIDTH,
                    bulletColor=pal.accent, bulletFontName=serif, bulletFontSize=SIZES.body)
    z = SIZES
    return Styles(
        palette=pal, body_font=serif, sans=sans, sans_bold=sans_bold, serif_italic=serif_italic,
        kind=style("kind", sans_bold, z.small, 11, pal.accent, spaceAfter=3),
        title=style("title", sans_bold, z.title, 25, pal.primary, spaceAfter=3),
        subtitle=style("subtitle", serif_italic, z.heading, 16.5, pal.muted, spaceAfter=4),
        meta=style("meta", sans, z.small, 12, pal.muted),
        source_line=style("source_line", serif_italic, z.small, 12, pal.muted, spaceBefore=1),
        heading=style("heading", sans_bold, z.heading, 16, pal.primary, spaceBefore=18,
                      spaceAfter=8, keepWithNext=1),
        bluf=style("bluf", serif, z.body, 15.5, pal.text, spaceAfter=4),
        body=style("body", serif, z.body, 15, leftIndent=LABEL_GUTTER, spaceAfter=6),
        headline=style("headline", sans_bold, z.body, 14, pal.primary, spaceBefore=8,
                       spaceAfter=3, keepWithNext=1, bulletFontSize=z.body, **labelled),
        statement=style("statement", serif, z.body, 15, leftIndent=LABEL_GUTTER, spaceAfter=4),
        lone_statement=style("lone_statement", serif, z.body, 15, spaceBefore=8, spaceAfter=4,
                             bulletFontSize=z.body, **labelled),
        badges=style("badges", sans, z.small, 13, pal.muted, leftIndent=LABEL_GUTTER,
                     spaceBefore=1, spaceAfter=4),
        claim=style("claim", serif, z.body, 15, spaceBefore=7, spaceAfter=2,
                    bulletFontSize=z.detail, **labelled),
        detail=style("detail", serif, z.detail, 14, pal.muted, leftIndent=LABEL_GUTTER,
                     spaceAfter=2),
        quote=style("quote", serif_italic, z.detail, 14, pal.text),
        quote_by=style("quote_by", sans, z.small, 11, pal.muted, spaceBefore=2),
        caption=style("caption", sans_bold, z.small, 11, pal.primary, leftIndent=LABEL_GUTTER,
                      spaceBefore=6, spaceAfter=2, keepWithNext=1),
        refs=style("refs", sans, z.small, 11, pal.muted, leftIndent=LABEL_GUTTER, spaceAfter=2),
        group=style("group", sans_bold, z.body, 14, pal.primary, leftIndent=LABEL_GUTTER,
                    spaceBefore=8, spaceAfter=3, keepWithNext=1),
        bullet=style("bullet", serif, z.body, 15, spaceAfter=4, **bulleted),
        owner=style("owner", sans, z.small, 11, pal.muted, leftIndent=LABEL_GUTTER, spaceAfter=5),
        source=style("source", serif, z.detail, 14, spaceAfter=5, bulletFontSize=z.detail,
                     **labelled),
        cell=style("cell", serif, z.small, 11),
        badge_cell=style("badge_cell", sans, z.small, 13),
        cell_head=style("cell_head", sans_bold, z.small, 11, pal.primary),
        glance_title=style("glance_title", sans_bold, z.body, 14, pal.primary, spaceBefore=12,
                           spaceAfter=2),
        glance=style("glance", serif, z.detail, 13, pal.text),
        legend_intro=style("legend_intro", serif, z.detail, 14, pal.text,
                           leftIndent=LABEL_GUTTER, spaceAfter=4),
        figure_source=style("figure_source", sans, z.small, 11, pal.muted,
                            leftIndent=LABEL_GUTTER, spaceBefore=2, spaceAfter=4),
    )
