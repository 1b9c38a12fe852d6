"""The memo's paragraph styles and colours, derived from the theme."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from deckmaker.fonts import face_name, register_family
from deckmaker.model import Theme

LABEL_GUTTER = 30  # points between the left margin and text of numbered items (KJ1, E1, S1)
BULLET_GUTTER = 17


@dataclass(frozen=True)
class Palette:
    """The theme's colours as reportlab colours."""

    primary: colors.Color
    accent: colors.Color
    text: colors.Color
    muted: colors.Color
    shade: colors.Color
    rule: colors.Color
    confidence: dict[str, colors.Color]
    chart: tuple[colors.Color, ...]

    @classmethod
    def of(cls, theme: Theme) -> Palette:
        p = theme.palette
        hexc = colors.HexColor
        return cls(hexc(p["primary"]), hexc(p["accent"]), hexc(p["text"]), hexc(p["muted"]),
                   hexc(p["shade"]), hexc(p["rule"]),
                   {k: hexc(v) for k, v in p["confidence"].items()},
                   tuple(hexc(c) for c in p["chart"]))


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
    cell_head: ParagraphStyle


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
    return Styles(
        palette=pal, body_font=serif, sans=sans, sans_bold=sans_bold, serif_italic=serif_italic,
        kind=style("kind", sans_bold, 8.5, 11, pal.accent, spaceAfter=6),
        title=style("title", sans_bold, 21, 25.5, pal.primary, spaceAfter=5),
        subtitle=style("subtitle", serif_italic, 12, 16, pal.muted, spaceAfter=10),
        meta=style("meta", sans, 8.5, 12, pal.muted),
        source_line=style("source_line", serif_italic, 8.5, 12, pal.muted, spaceBefore=3),
        heading=style("heading", sans_bold, 13, 16, pal.primary, spaceBefore=18, spaceAfter=8,
                      keepWithNext=1),
        bluf=style("bluf", serif, 11, 15.5, pal.text, spaceAfter=4),
        body=style("body", serif, 10, 14.2, spaceAfter=6),
        headline=style("headline", sans_bold, 10.5, 14, pal.primary, spaceBefore=8,
                       spaceAfter=3, keepWithNext=1, bulletFontSize=10.5, **labelled),
        statement=style("statement", serif, 10, 14.2, leftIndent=LABEL_GUTTER, spaceAfter=4),
        lone_statement=style("lone_statement", serif, 10, 14.2, spaceBefore=8, spaceAfter=4,
                             bulletFontSize=10.5, **labelled),
        badges=style("badges", sans, 8, 12, pal.muted, leftIndent=LABEL_GUTTER, spaceAfter=4),
        claim=style("claim", serif, 10, 14.2, spaceBefore=7, spaceAfter=2,
                    bulletFontSize=9.5, **labelled),
        detail=style("detail", serif, 9.2, 13, pal.muted, leftIndent=LABEL_GUTTER, spaceAfter=2),
        quote=style("quote", serif_italic, 9.5, 13.5, pal.text),
        quote_by=style("quote_by", sans, 7.8, 10.5, pal.muted, spaceBefore=2),
        caption=style("caption", sans_bold, 8.5, 11, pal.primary, leftIndent=LABEL_GUTTER,
                      spaceBefore=6, spaceAfter=2, keepWithNext=1),
        refs=style("refs", sans, 7.8, 10.5, pal.muted, leftIndent=LABEL_GUTTER, spaceAfter=2),
        group=style("group", sans_bold, 10, 13, pal.primary, spaceBefore=8, spaceAfter=3,
                    keepWithNext=1),
        bullet=style("bullet", serif, 10, 14.2, leftIndent=BULLET_GUTTER, bulletIndent=1,
                     bulletColor=pal.accent, bulletFontName=serif, spaceAfter=4),
        owner=style("owner", sans, 7.8, 10.5, pal.muted, leftIndent=BULLET_GUTTER, spaceAfter=5),
        source=style("source", serif, 9.5, 13.2, spaceAfter=5, bulletFontSize=9, **labelled),
        cell=style("cell", serif, 9, 12),
        cell_head=style("cell_head", sans_bold, 8.5, 11, pal.primary),
    )
