"""DrawingML shapes as XML text: text boxes, rounded chips, the title placeholder,
connectors and tables, written exactly as python-pptx's setters would leave them.

python-pptx builds every run and paragraph through generic attribute setters that
search the tree for the right insertion point; a deck of a few hundred runs spent
most of its time there. Writing the markup directly and parsing each slide once is
several times faster. Element and attribute order follow the schema (and
python-pptx's output), so PowerPoint opens the file without repair.

All sizes in arguments are points; text is escaped here but must already be
``clean``-ed of control characters. Each slide's shapes are parsed into its shape
tree in one go (``shapes.Canvas.flush``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

EMU_PER_PT = 12700
EMU_PER_CENTIPOINT = 127
DEFAULT_INSETS = (91440, 45720)  # bodyPr lIns/rIns and tIns/bIns defaults: omitted if equal
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # python-pptx's default table style
TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_STYLE_REFS = ('<a:lnRef idx="{}"><a:schemeClr val="accent1"/></a:lnRef>'
               '<a:fillRef idx="{}"><a:schemeClr val="accent1"/></a:fillRef>'
               '<a:effectRef idx="{}"><a:schemeClr val="accent1"/></a:effectRef>'
               '<a:fontRef idx="minor"><a:schemeClr val="{}"/></a:fontRef>')
# effectRef idx 0: no theme effect, so no shadow in LibreOffice (which ignores an empty
# a:effectLst) nor in PowerPoint
SHAPE_STYLE = "<p:style>" + _STYLE_REFS.format(1, 3, 0, "lt1") + "</p:style>"
CONNECTOR_STYLE = "<p:style>" + _STYLE_REFS.format(2, 0, 0, "tx1") + "</p:style>"


DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# the id of every slide-number field: PowerPoint gives the fields it copies from a
# layout one id too; a constant keeps the deck reproducible
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"

_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def attribute(value: str) -> str:
    """``value`` escaped for a double-quoted attribute, as lxml writes it."""
    return value.translate(_ATTRIBUTE_ESCAPES)


def non_visual(shape_id: int, name: str, descr: str | None = None,
               decorative: bool = False) -> str:
    """A shape's ``p:cNvPr``: its id and name, its text alternative ``descr`` (charts,
    pictures), or the Office extension marking it decorative (rules, dots, chip and
    panel backgrounds), which screen readers and PowerPoint's checker skip."""
    alt = f' descr="{attribute(descr)}"' if descr else ""
    if not decorative:
        return f'<p:cNvPr id="{shape_id}" name="{attribute(name)}"{alt}/>'
    # PowerPoint writes the extension's namespace on the element: so do we
    return (f'<p:cNvPr id="{shape_id}" name="{attribute(name)}"{alt}><a:extLst>'
            f'<a:ext uri="{DECORATIVE_URI}"><adec:decorative xmlns:adec="{DECORATIVE_NS}" '
            'val="1"/></a:ext></a:extLst></p:cNvPr>')


def emu(points: float) -> int:
    """``points`` in EMU, truncated as python-pptx's ``Pt`` does."""
    return int(points * EMU_PER_PT)


def centipoints(points: float) -> int:
    """``points`` in hundredths of a point, as python-pptx writes sizes and spacing."""
    return emu(points) // EMU_PER_CENTIPOINT


def solid_fill(hex_colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{hex_colour.lstrip("#").upper()}"/></a:solidFill>'


@dataclass(frozen=True)
class RunStyle:
    """How a run looks: size (pt), weight, slant, colour, typeface (latin and complex
    scripts), East Asian typeface, language tag (BCP 47) and a hyperlink rId."""

    size: float
    bold: bool
    italic: bool
    colour: str
    typeface: str
    east_asian: str
    lang: str
    link_rid: str | None = None


# Office 2018's hyperlink-colour extension, "the link in its text's colour": without it
# PowerPoint and LibreOffice draw every link in the theme's hyperlink colour, whatever
# the run says (a template's #0000FF on a black slide), and the colour chosen for the
# ground under the link (``Painter.link_colour``) would never show.
LINK_IN_TEXT_COLOUR = (
    '<a:extLst><a:ext uri="{A12FA001-AC4F-418D-AE19-62706E023703}">'
    '<ahyp:hlinkClr xmlns:ahyp="http://schemas.microsoft.com/office/drawing/2018/'
    'hyperlinkcolor" val="tx"/></a:ext></a:extLst>')


def run(text: str, style: RunStyle) -> str:
    """An ``a:r`` with its typefaces for latin, East Asian and complex scripts."""
    return f"<a:r>{_run_properties(style)}<a:t>{escape(text)}</a:t></a:r>"


def slide_number(style: RunStyle, number: int) -> str:
    """A slide-number field showing ``number`` (PowerPoint and LibreOffice renumber it)."""
    return (f'<a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum">{_run_properties(style)}'
            f"<a:t>{number}</a:t></a:fld>")


@lru_cache(maxsize=512)
def _run_properties(style: RunStyle) -> str:
    """The ``a:rPr`` of ``style`` (a deck has a few dozen styles and thousands of runs)."""
    face = attribute(style.typeface)
    underline = ' u="sng"' if style.link_rid else ""
    link = f'<a:hlinkClick r:id="{style.link_rid}">{LINK_IN_TEXT_COLOUR}</a:hlinkClick>' \
        if style.link_rid else ""
    return (f'<a:rPr lang="{attribute(style.lang)}" sz="{centipoints(style.size)}" '
            f'b="{int(style.bold)}" '
            f'i="{int(style.italic)}"{underline}>{solid_fill(style.colour)}'
            f'<a:latin typeface="{face}"/><a:ea typeface="{attribute(style.east_asian)}"/>'
            f'<a:cs typeface="{face}"/>{link}</a:rPr>')


@dataclass(frozen=True)
class ParagraphStyle:
    """Paragraph properties: exact line spacing, space before (None: not written), left
    indent and alignment; a bullet is (colour, typeface, character), hanging by the indent."""

    line_spacing: float
    space_before: float | None = None
    indent: float = 0.0
    align: str | None = None
    bullet: tuple[str, str, str] | None = None
    explicit: bool = False  # nothing left to the template's styles (placeholders, text boxes)


def paragraph(style: ParagraphStyle, runs: str) -> str:
    """An ``a:p`` with ``style`` around the already written ``runs``. An ``explicit``
    style also writes what a text box takes by default but a placeholder would inherit
    from the template's body style (margin, indent, alignment, spaces, no bullet), so
    the text is laid out as it was measured."""
    attrs = ""
    if style.indent or style.explicit:
        attrs += f' marL="{emu(style.indent)}"'
        if style.bullet or style.explicit:
            attrs += f' indent="{-emu(style.indent) if style.bullet else 0}"'
    align = style.align or ("l" if style.explicit else None)
    if align:
        attrs += f' algn="{align}"'
    spacing = centipoints(style.line_spacing)
    parts = [f'<a:p><a:pPr{attrs}><a:lnSpc><a:spcPts val="{spacing}"/></a:lnSpc>']
    before = 0.0 if style.space_before is None and style.explicit else style.space_before
    if before is not None:
        parts.append(f'<a:spcBef><a:spcPts val="{centipoints(before)}"/></a:spcBef>')
    if style.explicit:
        parts.append('<a:spcAft><a:spcPts val="0"/></a:spcAft>')
    if style.bullet:
        colour, typeface, char = style.bullet
        parts.append(f'<a:buClr><a:srgbClr val="{colour.lstrip("#").upper()}"/></a:buClr>'
                     f'<a:buFont typeface="{attribute(typeface)}"/>'
                     f'<a:buChar char="{attribute(char)}"/>')
    elif style.explicit:
        parts.append("<a:buNone/>")
    return "".join(parts) + f"</a:pPr>{runs}</a:p>"


def _xfrm(box) -> str:
    return (f'<a:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/>'
            f'<a:ext cx="{emu(box.w)}" cy="{emu(box.h)}"/></a:xfrm>')


def _insets(inset: tuple[float, float], always: bool = False) -> str:
    """The bodyPr inset attributes; the defaults are omitted unless ``always`` (a
    placeholder inherits its layout's insets, not the defaults)."""
    x, y = emu(inset[0]), emu(inset[1])
    attrs = f' lIns="{x}" rIns="{x}"' if always or x != DEFAULT_INSETS[0] else ""
    return attrs + (f' tIns="{y}" bIns="{y}"' if always or y != DEFAULT_INSETS[1] else "")


def _body(lead: str, inset: tuple[float, float], tail: str, paragraphs: str,
          placeholder: bool = False) -> str:
    """A wrapping, never auto-fitted ``p:txBody`` (a placeholder's: its insets, columns
    and direction written, as the text was measured with them)."""
    extra = ' vert="horz" numCol="1"' if placeholder else ""
    return (f'<p:txBody><a:bodyPr {lead}{_insets(inset, placeholder)}{extra}{tail}>'
            f'<a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody>')


def text_box(shape_id: int, name: str | None, box, inset: tuple[float, float], anchor: str,
             fill: str | None, paragraphs: str, wrap: bool = True) -> str:
    """A text box (``txBox``) at ``box``, filled with ``fill`` or transparent; not
    ``wrap``: one line, never broken (sized to it by measurement)."""
    name = name or f"TextBox {shape_id - 1}"
    fill_xml = solid_fill(fill) if fill else "<a:noFill/>"
    return (f'<p:sp><p:nvSpPr>{non_visual(shape_id, name)}'
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill_xml}</p:spPr>'
            + _body(f'wrap="{"square" if wrap else "none"}"', inset, f' anchor="{anchor}"',
                    paragraphs) + "</p:sp>")


def shape(shape_id: int, name: str, box, geometry: str, fill: str | None,
          outline: tuple[str, float] | None = None) -> str:
    """A decorative, shadowless shape without text of preset ``geometry`` (rect,
    roundRect, ellipse), filled with ``fill`` or not, outlined with (colour, width) or
    not: accent bars, chip backgrounds, a confidence mark's dots."""
    fill_xml = solid_fill(fill) if fill else "<a:noFill/>"
    line_xml = (f'<a:ln w="{emu(outline[1])}">{solid_fill(outline[0])}</a:ln>' if outline
                else "<a:ln><a:noFill/></a:ln>")
    return (f'<p:sp><p:nvSpPr>{non_visual(shape_id, name, decorative=True)}'
            f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box)}'
            f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{fill_xml}'
            f'{line_xml}<a:effectLst/></p:spPr>{SHAPE_STYLE}'
            '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p/></p:txBody></p:sp>')


def placeholder(shape_id: int, name: str, ph: str, box, inset: tuple[float, float],
                anchor: str | None, paragraphs: str) -> str:
    """A placeholder shape (``ph`` is its ``p:ph`` element) placed at ``box``; its
    text anchored as the layout's is when ``anchor`` is None."""
    tail = f' anchor="{anchor}"' if anchor else ""
    return (f'<p:sp><p:nvSpPr>{non_visual(shape_id, name)}'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr>{_xfrm(box)}</p:spPr>'
            + _body('wrap="square"', inset, tail, paragraphs, placeholder=True) + "</p:sp>")


def line(shape_id: int, x1: float, y1: float, x2: float, y2: float, colour: str,
         width: float) -> str:
    """A decorative, shadowless straight connector from (x1, y1) to (x2, y2), left to
    right and top to bottom."""
    x, y = emu(x1), emu(y1)
    name = f"Connector {shape_id - 1}"
    return (f'<p:cxnSp><p:nvCxnSpPr>{non_visual(shape_id, name, decorative=True)}'
            f'<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{emu(x2) - x}" cy="{emu(y2) - y}"/></a:xfrm>'
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{emu(width)}">'
            f'{solid_fill(colour)}</a:ln><a:effectLst/></p:spPr>{CONNECTOR_STYLE}</p:cxnSp>')


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs, fill colour and insets (pt)."""

    paragraphs: str
    fill: str
    inset: tuple[float, float]


def table(shape_id: int, box, column_widths, rows: list[tuple[float, list[Cell]]]) -> str:
    """A table frame at the top left of ``box`` with a header row and no banding; ``rows``
    are (height, cells). The frame's size is the sum of its rows and columns, as
    PowerPoint keeps it."""
    widths, heights = [emu(w) for w in column_widths], [emu(h) for h, _ in rows]
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
    body = "".join(f'<a:tr h="{height}">' + "".join(map(_cell, cells)) + "</a:tr>"
                   for height, (_, cells) in zip(heights, rows, strict=True))
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" '
            f'name="Table {shape_id - 1}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
            f'</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm>'
            f'<a:off x="{emu(box.x)}" y="{emu(box.y)}"/><a:ext cx="{sum(widths)}" '
            f'cy="{sum(heights)}"/></p:xfrm><a:graphic><a:graphicData uri="{TABLE_URI}"><a:tbl>'
            f'<a:tblPr firstRow="1"><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr>'
            f'<a:tblGrid>{grid}</a:tblGrid>{body}</a:tbl></a:graphicData></a:graphic>'
            '</p:graphicFrame>')


def _cell(cell: Cell) -> str:
    x, y = emu(cell.inset[0]), emu(cell.inset[1])
    return (f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{cell.paragraphs}</a:txBody>'
            f'<a:tcPr marL="{x}" marR="{x}" marT="{y}" marB="{y}">{solid_fill(cell.fill)}'
            '</a:tcPr></a:tc>')

