"""Adding slides and notes pages cheaply.

python-pptx's ``add_slide`` clones every layout placeholder (we would delete all but
the title again) and each new notes page searches the whole package for a free part
name and clones the notes master's placeholders one setter at a time. Here a slide
starts empty (the title is drawn as a placeholder shape by ``Painter.title``) and
every notes page after the first is the first one's XML (python-pptx makes the first,
creating the notes master with it) with other paragraphs, written as bytes: never
parsed, copied or serialized as an element tree."""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import namespaces
from pptx.oxml.shapes.autoshape import CT_Shape

from deckmaker.writers.pptx import drawingml

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# compiled once: element.xpath() compiles its expression on every call
_NOTES_BODY = etree.XPath("./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='body']]/p:txBody",
                          namespaces=namespaces("p"))
_NOTES_TEXT = "deckmaker notes text"  # a comment marking where a notes page's text goes


class Deck:
    """Slides and notes pages added to presentation ``prs``."""

    def __init__(self, prs) -> None:
        self.prs = prs
        package = prs.part.package
        package.next_partname = PartNames(package).next  # for chart parts and workbooks
        self._notes_template: tuple[bytes, bytes] | None = None
        self._notes_number = 0
        # python-pptx's next slide id (one above the largest, at least 256), counted here
        # rather than searched for in the slide list for every slide
        ids = prs.slides._sldIdLst
        self._next_slide_id = max([255, *(int(s.get("id")) for s in ids.sldId_lst)]) + 1

    def add_slide(self, layout):
        """A new slide on ``layout`` with no shapes yet."""
        rid, slide = self.prs.part.add_slide(layout)
        self.prs.slides._sldIdLst._add_sldId(id=self._next_slide_id, rId=rid)
        self._next_slide_id += 1
        return slide

    @staticmethod
    def title_placeholder(layout) -> str | None:
        """The ``p:ph`` element (as XML text) a slide's title gets on ``layout``, as
        python-pptx would clone it; None if the layout has no title placeholder."""
        for placeholder in layout.iter_cloneable_placeholders():
            sp = placeholder.element
            if sp.ph_idx == 0:
                ph = CT_Shape.new_placeholder_sp(0, "", sp.ph_type, sp.ph_orient, sp.ph_sz,
                                                 0).nvSpPr.nvPr.ph
                return "<p:ph" + "".join(f' {k}="{v}"' for k, v in ph.attrib.items()) + "/>"
        return None

    def add_notes(self, slide, text: str) -> None:
        """The notes page of ``slide`` with ``text`` (already cleaned), one paragraph per
        line."""
        paragraphs = drawingml.plain_paragraphs(text.split("\n"))
        if self._notes_template is None:
            self._notes_template = self._first_notes(slide, paragraphs)
            return
        head, tail = self._notes_template
        self._notes_number += 1
        self._relate_notes(slide.part, head + paragraphs.encode("utf-8") + tail)

    def _first_notes(self, slide, paragraphs: str) -> tuple[bytes, bytes]:
        """Python-pptx's notes page of ``slide`` with ``paragraphs`` in its body, and its
        XML before and after them, as every other notes page is written."""
        element = slide.notes_slide._element
        self._notes_number = slide.part.part_related_by(RT.NOTES_SLIDE).partname.idx
        body = _NOTES_BODY(element)[0]
        for paragraph in body.findall(f"{{{_A}}}p"):
            body.remove(paragraph)
        marker = etree.Comment(_NOTES_TEXT)
        body.append(marker)
        head, tail = serialize_part_xml(element).split(f"<!--{_NOTES_TEXT}-->".encode())
        body.remove(marker)
        body.extend(list(parse_xml(f"<a:txBody {drawingml.NAMESPACES}>{paragraphs}</a:txBody>")))
        return head, tail

    def _relate_notes(self, slide_part, blob: bytes) -> None:
        name = PackURI(f"/ppt/notesSlides/notesSlide{self._notes_number}.xml")
        part = Part(name, CT.PML_NOTES_SLIDE, slide_part.package, blob)
        part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)



class PartNames:
    """Free part names for ``package``, as python-pptx's ``next_partname`` chooses them,
    from one look at the package per name pattern: python-pptx walks every part of the
    package for each chart and each workbook, which grows with the square of the deck."""

    def __init__(self, package) -> None:
        self.package = package
        self._used: dict[str, set[str]] = {}

    def next(self, template: str) -> PackURI:
        """The next free part name matching ``template`` (a "%d" pattern), now taken."""
        prefix = template[: (template % 42).find("42")]
        used = self._used.get(prefix)
        if used is None:
            used = self._used[prefix] = {p.partname for p in self.package.iter_parts()
                                         if p.partname.startswith(prefix)}
        name = next(template % n for n in range(len(used) + 1, 0, -1)
                    if template % n not in used)
        used.add(name)
        return PackURI(name)
