"""A hand-made corporate template, built with python-pptx and lxml as an organisation's
would be: non-standard layout names, a light section layout, a gold accent, a logo
picture bottom-left on the master and a picture placeholder."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Inches

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NAMES = {"Title Slide": "ACME Cover", "Title and Content": "ACME Text",
         "Section Header": "ACME Divider", "Two Content": "ACME Split",
         "Comparison": "ACME Compare", "Title Only": "ACME Heading", "Blank": "ACME Empty",
         "Picture with Caption": "ACME Photo Story"}
GOLD = "C9A227"
DIVIDER_BACKGROUND = "F4F1E8"
LOGO_BOX = (Inches(0.3), Inches(6.7), Inches(1.2), Inches(0.6))


def png(width: int, height: int, rgb=(0x1B, 0x2A, 0x41)) -> bytes:
    """A solid PNG of ``width`` x ``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0,
                                                               0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def build_corporate(path: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    master = prs.slide_master
    for layout in master.slide_layouts:
        if layout.name in NAMES:
            layout.element.find(qn("p:cSld")).set("name", NAMES[layout.name])
    divider = next(layout for layout in master.slide_layouts if layout.name == "ACME Divider")
    background = etree.fromstring(
        f'<p:bg xmlns:p="{qn("p:bg")[1:].split("}")[0]}" xmlns:a="{A}"><p:bgPr><a:solidFill>'
        f'<a:srgbClr val="{DIVIDER_BACKGROUND}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>')
    divider.element.find(qn("p:cSld")).insert(0, background)
    theme = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    accent = root.find(f".//{{{A}}}clrScheme/{{{A}}}accent1")
    for child in list(accent):
        accent.remove(child)
    etree.SubElement(accent, f"{{{A}}}srgbClr", val=GOLD)
    root.find(f".//{{{A}}}majorFont/{{{A}}}latin").set("typeface", "Georgia")
    theme.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _, rId = master.part.get_or_add_image_part(io.BytesIO(png(400, 200)))
    picture = CT_Picture.new_pic(99, "ACME logo", "ACME", rId, *LOGO_BOX)
    master.element.find(qn("p:cSld")).find(qn("p:spTree")).append(picture)
    slide = prs.slides.add_slide(master.slide_layouts[0])
    slide.shapes.title.text = "An example slide the pack must not keep"
    prs.save(str(path))
    return path
