"""The deck's speaker-notes pages: python-pptx makes the first (``slide.notes_slide``:
it adds the notes master and clones its placeholders), every later one is a copy of
that page's XML, related as python-pptx relates a notes page (to the notes master, to
its slide, and from the slide).

python-pptx clones the notes master's placeholders anew for every page, some forty
XPath queries each: a third of a deck's time. The copy is the XML it would make."""

from __future__ import annotations

from copy import deepcopy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import NotesSlidePart

from deckmaker.writers.pptx.partnames import PartNames

NOTES_PART = "/ppt/notesSlides/notesSlide%d.xml"


class NotesPages:
    """Adds a notes page with given text to each slide of one deck."""

    def __init__(self, names: PartNames) -> None:
        self.names = names
        self._model = None  # the first page's XML before its text
        self._notes_master = None

    def add(self, slide, text: str) -> None:
        """Give ``slide`` (a python-pptx ``Slide`` without notes) a notes page of ``text``."""
        if self._model is None:
            notes = slide.notes_slide
            self._model = deepcopy(notes.element)
            self._notes_master = notes.part.part_related_by(RT.NOTES_MASTER)
        else:
            part = NotesSlidePart(self.names.next(NOTES_PART), CT.PML_NOTES_SLIDE,
                                  slide.part.package, deepcopy(self._model))
            part.relate_to(self._notes_master, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
            notes = part.notes_slide
        notes.notes_text_frame.text = text
