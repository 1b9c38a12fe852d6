"""The deck's speaker-notes pages: python-pptx makes the first (``slide.notes_slide``:
it adds the notes master and clones its placeholders); every later page is that page's
XML with its own paragraphs, loaded as a python-pptx ``NotesSlidePart`` and related as
python-pptx relates a notes page (to the notes master, to its slide, from the slide).

python-pptx clones the notes master's placeholders anew for every page and finds the
body placeholder and builds each paragraph through generic setters, some forty XPath
queries a page: a third of a deck's time. The pages made here are the XML it makes."""

from __future__ import annotations

from xml.sax.saxutils import escape

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.parts.slide import NotesSlidePart

from deckmaker.writers.pptx.partnames import PartNames

NOTES_PART = "/ppt/notesSlides/notesSlide%d.xml"
_BODY = "./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='body']]/p:txBody"
_MARK = "deckmaker notes text"  # a comment standing for the paragraphs in the model


def paragraphs(text: str) -> bytes:
    """``text`` as the notes body's paragraphs, one a line, as python-pptx's ``text``
    setter writes them (an empty line is an empty paragraph)."""
    return "".join(f"<a:p><a:r><a:t>{escape(line)}</a:t></a:r></a:p>" if line else "<a:p/>"
                   for line in text.split("\n")).encode("utf-8")


class NotesPages:
    """Adds a notes page with given text to each slide of one deck."""

    def __init__(self, names: PartNames) -> None:
        self.names = names
        self._model: tuple[bytes, bytes] | None = None  # a page's XML around its paragraphs
        self._notes_master = None

    def add(self, slide, text: str) -> None:
        """Give ``slide`` (a python-pptx ``Slide`` without notes) a notes page of ``text``
        (already cleaned of control characters)."""
        if self._model is None:
            notes = slide.notes_slide
            self._notes_master = notes.part.part_related_by(RT.NOTES_MASTER)
            self._model = _model_of(notes.element)
            notes.notes_text_frame.text = text
            return
        head, tail = self._model
        part = NotesSlidePart.load(self.names.next(NOTES_PART), CT.PML_NOTES_SLIDE,
                                   slide.part.package, head + paragraphs(text) + tail)
        part.relate_to(self._notes_master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)


def _model_of(element) -> tuple[bytes, bytes]:
    """A new notes page's XML (``element``, left unchanged) before and after the
    paragraphs of its body."""
    page = etree.fromstring(serialize_part_xml(element))
    body = page.xpath(_BODY, namespaces=element.nsmap)[0]
    for paragraph in body.findall(f"{{{body.nsmap['a']}}}p"):
        body.remove(paragraph)
    body.append(etree.Comment(_MARK))
    head, tail = serialize_part_xml(page).split(f"<!--{_MARK}-->".encode())
    return head, tail
