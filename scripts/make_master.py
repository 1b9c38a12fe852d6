"""Rebuild the default pack's deck master (templates/default/deck/master.pptx).

Starts from python-pptx's blank template and turns it into a 16:9 master in the
pack's palette and deck font (layouts and text styles use theme colours only, so the
deck writer can restyle it for any pack by rewriting the theme) with three layouts
named as in pack.yaml (``slide.layouts``): a dark title layout, a dark section layout and a light
content layout, each with a footer placeholder and a slide-number placeholder (holding
a slide-number field) along the bottom, where the deck writer puts its footer, so
Insert > Header & Footer in PowerPoint finds them. Sample layouts, date placeholders,
the thumbnail and the template's author and dates are removed. Run it after changing
the theme:

    .venv/bin/python scripts/make_master.py [pack-folder]
"""

from __future__ import annotations

import copy
import datetime as dt
import sys

from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from deckmaker.compose import theme_of
from deckmaker.model import Theme
from deckmaker.pack import load_pack
from deckmaker.writers.pptx import footer
from deckmaker.writers.pptx.elements import Box, Geometry
from deckmaker.writers.pptx.shapes import emu_box
from deckmaker.writers.pptx.save import save
from deckmaker.writers.pptx.theme import themed

STAMP = dt.datetime(2025, 1, 1, 12, 0)
SOURCE_LAYOUTS = {"title": "Title Slide", "section": "Section Header",
                  "content": "Title and Content"}
DARK = ("title", "section")
NUMBER_WIDTH = 60.0  # pt, the slide-number placeholder's width


def _text_styles(master, theme: Theme) -> None:
    """Master title and body styles in the pack's sizes, in the theme's primary (tx2)
    and text (tx1) colours and fonts."""
    styles = master.element.find(qn("p:txStyles"))
    for style, size, colour, bold in (("p:titleStyle", theme.title_pt[1], "tx2", True),
                                      ("p:bodyStyle", theme.body_pt[1], "tx1", False)):
        for level, ppr in enumerate(styles.find(qn(style))):
            rpr = ppr.find(qn("a:defRPr"))
            if rpr is None:
                continue
            rpr.set("sz", str(int(max(size - 2 * level, theme.body_pt[0]) * 100)))
            rpr.set("b", "1" if bold else "0")
            for fill in rpr.findall(qn("a:solidFill")):
                rpr.remove(fill)
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:schemeClr"), val=colour)
            rpr.insert(0, fill)


def _no_capitals(element) -> None:
    """Drop all-caps styles: the deck measures text as written."""
    for node in element.iter(qn("a:defRPr"), qn("a:rPr")):
        node.attrib.pop("cap", None)


def _footer_placeholders(slide_like, g: Geometry) -> None:
    """Drop the date placeholder; put the footer and slide-number placeholders where the
    deck's footer goes (``writers.pptx.footer``)."""
    height = footer.box_height()
    y = g.footer_top + 6
    for shape in list(slide_like.placeholders):
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.DATE:
            shape.element.getparent().remove(shape.element)
        elif kind == PP_PLACEHOLDER.FOOTER:
            _place(shape, Box(g.margin, y, g.content_width - NUMBER_WIDTH - footer.SPACING,
                              height))
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            _place(shape, Box(g.width - g.margin - NUMBER_WIDTH, y, NUMBER_WIDTH, height))


def _place(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = emu_box(box)


def _decorate(layout, shapes_xml: list) -> None:
    """Put drawn shapes on ``layout`` behind its placeholders."""
    tree = layout.element.cSld.spTree
    for element in shapes_xml:
        tree.insert(2, copy.deepcopy(element))


def _bar(scratch, box: Box):
    """An accent bar filled with the theme's accent1 (the palette's accent)."""
    shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, *emu_box(box))
    shape.fill.solid()
    shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    shape.line.fill.background()
    shape.shadow.inherit = False
    # no theme effect either: LibreOffice draws the style's shadow despite the empty list
    shape.element.find(qn("p:style")).find(qn("a:effectRef")).set("idx", "0")
    shape.name = "deckmaker accent"
    return shape.element


def _layout_geometry(key: str, g: Geometry) -> tuple[Box, Box]:
    if key == "title":
        return g.cover_title_box, g.cover_body_box
    return g.title_box, g.body_box


def build_master(theme: Theme) -> bytes:
    prs = Presentation()
    g = Geometry(width=theme.slide_size_in[0] * 72, height=theme.slide_size_in[1] * 72)
    prs.slide_width, prs.slide_height = Pt(g.width), Pt(g.height)
    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    theme_part.blob = themed(theme_part.blob, theme)
    _text_styles(master, theme)
    _no_capitals(master.element)
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.BODY):
            _place(shape, g.title_box if kind == PP_PLACEHOLDER.TITLE else g.body_box)
    _footer_placeholders(master, g)

    keep = {name: key for key, name in SOURCE_LAYOUTS.items()}
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            prs.slide_layouts.remove(layout)
    scratch = prs.slides.add_slide(prs.slide_layouts[0])
    for layout in prs.slide_layouts:
        key = keep[layout.name]
        layout.name = theme.slide_layouts[key]
        _no_capitals(layout.element)
        title_box, body_box = _layout_geometry(key, g)
        for shape in layout.placeholders:
            kind = shape.placeholder_format.type
            if kind in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                continue
            _place(shape, title_box if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
                   else body_box)
        _footer_placeholders(layout, g)
        if key in DARK:
            layout.background.fill.solid()
            layout.background.fill.fore_color.theme_color = MSO_THEME_COLOR.TEXT_2
        rule_y = title_box.y + title_box.h + 6
        bars = [_bar(scratch, Box(g.margin + 7.2, rule_y, 72, 5))]
        if key == "title":  # the deck draws the bar beside the title block, sized to it
            bars = [_bar(scratch, Box(0, 0, g.width, 6))]
        _decorate(layout, bars)
    _drop_slide(prs, scratch)
    _drop_leftovers(prs)
    _core_properties(prs)
    return save(prs, STAMP)  # python-pptx dates entries now: date them STAMP


def _drop_slide(prs, slide) -> None:
    ids = prs.element.sldIdLst
    for slide_id in list(ids):
        if prs.part.related_part(slide_id.rId) is slide.part:
            prs.part.drop_rel(slide_id.rId)
            ids.remove(slide_id)


def _drop_leftovers(prs) -> None:
    """Remove the template's thumbnail (a picture of its old first slide) and printer settings."""
    package = prs.part.package
    for rel in list(package.iter_rels()):  # only the package relates to its thumbnail
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel.rId)
    for rel in list(prs.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rel.rId)


def _core_properties(prs) -> None:
    props = prs.core_properties
    props.title = "deckmaker master"
    props.author = props.last_modified_by = "deckmaker"
    props.subject = props.keywords = props.category = props.comments = ""
    props.revision = 1
    props.created = props.modified = STAMP


def main(argv: list[str]) -> int:
    pack = load_pack(argv[0] if argv else None)
    theme = theme_of(pack)
    data = build_master(theme)
    theme.slide_master.write_bytes(data)
    print(f"{theme.slide_master}: {len(data) // 1024} KB, layouts "
          f"{', '.join(theme.slide_layouts.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
