"""One deck's package being built: a copy of the master's parts (``master``) with
slides, notes pages, charts and pictures added as parts whose XML is already bytes.

Part names, relationship ids and the relationships each new part gets are the ones
python-pptx gives them (``add_slide``, ``notes_slide``, ``add_chart``, ``add_picture``):
a slide relates to its layout first, then to what is drawn on it, then to its notes
page; the notes master (python-pptx's default) joins the deck with the first notes
page; every notes page is the first one's XML with other paragraphs."""

from __future__ import annotations

from pathlib import Path

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.oxml import parse_xml
from pptx.parts.image import Image, ImagePart
from pptx.util import Pt

from deckmaker.writers.pptx import drawingml
from deckmaker.writers.pptx.master import Master, copy_parts
from deckmaker.writers.pptx.opc import Part, Rel, iter_parts
from deckmaker.writers.pptx.package import with_shapes

FIRST_SLIDE_ID = 256  # python-pptx's, for a master without slides


class Deck:
    """The parts of one deck on ``master``: ``package_rels`` reach them all."""

    def __init__(self, master: Master) -> None:
        self.master = master
        self.package_rels: dict[str, Rel] = copy_parts(master.package_rels)
        self.parts = {part.partname: part for part in iter_parts(self.package_rels)}
        self.presentation = self.parts[master.presentation]
        self.names = PartNames(self.parts)
        self.slide_ids: list[tuple[int, str]] = []  # (slide id, rId) in slide order
        self._notes_master: Part | None = None
        self._notes_count = 0

    def layout(self, name: str) -> Part | None:
        partname = self.master.layouts.get(name)
        return self.parts[partname] if partname else None

    def add_slide(self, layout: Part) -> Part:
        """A new slide on ``layout`` with no shapes yet, last in the deck."""
        slide = Part(f"/ppt/slides/slide{len(self.slide_ids) + 1}.xml", CT.PML_SLIDE,
                     self.master.empty_slide)
        slide.relate(layout, RT.SLIDE_LAYOUT)
        self.slide_ids.append((FIRST_SLIDE_ID + len(self.slide_ids),
                               self.presentation.relate(slide, RT.SLIDE)))
        return slide

    def add_part(self, template: str, content_type: str, blob: bytes = b"") -> Part:
        """A new part named by ``template`` (a "%d" pattern), related to nothing yet."""
        return Part(self.names.next(template), content_type, blob)

    def add_notes(self, slide: Part, text: str) -> None:
        """The notes page of ``slide`` with ``text`` (already cleaned), one paragraph per
        line."""
        if self._notes_master is None:
            self._notes_master = self.master.notes_master
            self.presentation.relate(self._notes_master, RT.NOTES_MASTER)
        self._notes_count += 1
        head, tail = self.master.notes_page
        paragraphs = drawingml.plain_paragraphs(text.split("\n")).encode("utf-8")
        notes = Part(f"/ppt/notesSlides/notesSlide{self._notes_count}.xml",
                     CT.PML_NOTES_SLIDE, head + paragraphs + tail)
        notes.relate(self._notes_master, RT.NOTES_MASTER)
        notes.relate(slide, RT.SLIDE)
        slide.relate(notes, RT.NOTES_SLIDE)

    def add_picture(self, slide: Part, shapes: str, shape_id: int, path: Path, x: float,
                    y: float, height: float) -> None:
        """Put ``shapes`` (DrawingML text) into ``slide``, then the picture at ``path``
        ``height`` points high at (``x``, ``y``) as shape ``shape_id``, as python-pptx's
        ``add_picture`` adds it."""
        image = Image.from_file(str(path))
        partname = self.names.next(f"/ppt/media/image%d.{image.ext}")
        picture = ImagePart(partname, image.content_type, None, image.blob, image.filename)
        rId = slide.relate(Part(partname, image.content_type, image.blob), RT.IMAGE)
        width, height_emu = picture.scale(None, Pt(height))
        element = parse_xml(with_shapes(slide.blob, shapes))
        element.cSld.spTree.add_pic(shape_id, f"Picture {shape_id - 1}", picture.desc, rId,
                                    Pt(x), Pt(y), width, height_emu)
        slide.blob = serialize_part_xml(element)


class PartNames:
    """Free part names in a package whose parts are ``parts`` (by name), as python-pptx's
    ``next_partname`` chooses them, from one look at them per name pattern."""

    def __init__(self, parts: dict[str, Part]) -> None:
        self.parts = parts
        self._used: dict[str, set[str]] = {}

    def next(self, template: str) -> str:
        """The next free part name matching ``template`` (a "%d" pattern), now taken."""
        prefix = template[: (template % 42).find("42")]
        used = self._used.get(prefix)
        if used is None:
            used = self._used[prefix] = {p for p in self.parts if p.startswith(prefix)}
        name = next(template % n for n in range(len(used) + 1, 0, -1)
                    if template % n not in used)
        used.add(name)
        return name
