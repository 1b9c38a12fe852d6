"""A canvas mixin telling the recorder what reportlab draws on its own: text objects
(where a paragraph's bullet ends; which ones hold CJK runs to mark as spans) and link
annotations (each needs a Link element)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas

from deckmaker.writers.pdf.tagging.marks import Recorder
from deckmaker.writers.pdf.tagging.strings import literal_bytes

# Annotation flags (ISO 32000-1, 12.5.3): Print, so that readers get what prints (PDF/UA
# wants it; without it, a link may be left out of what is read).
PRINT_FLAG = 4


class TaggingCanvas(Canvas):
    """A Canvas reporting text objects and links to ``recorder``; put it first among the
    bases of the document's canvas class. A link annotation gets its description as
    /Contents and the Print flag here; the post-pass adds its /StructParent."""

    recorder: Recorder  # set by the canvas factory of the document

    def drawText(self, aTextObject):
        recorder = self.recorder
        if recorder.label is not None:  # a list item's bullet, drawn first
            with recorder.text_object(self):
                super().drawText(aTextObject)
        elif recorder.run_lang is not None:  # CJK runs to mark as spans (``spans``)
            code = aTextObject.getCode()  # what Canvas.drawText adds, noted
            recorder.note_runs(self, code)
            self.addLiteral(code)
        else:  # nearly every text object
            super().drawText(aTextObject)

    def linkURL(self, url, rect, *args, **kwargs):
        link = self.recorder.link(self, url)
        kwargs.setdefault("Contents", _contents(link.contents))
        kwargs.setdefault("F", PRINT_FLAG)
        return super().linkURL(url, rect, *args, **kwargs)

    def linkRect(self, contents, destinationname, *args, **kwargs):
        link = self.recorder.link(self, f"#{destinationname}")
        kwargs.setdefault("F", PRINT_FLAG)
        return super().linkRect(contents or _contents(link.contents), destinationname,
                                *args, **kwargs)


@lru_cache(maxsize=1024)  # a memo links to the same few sources and judgments often
def _contents(text: str) -> PDFString:
    """An annotation's /Contents, escaped here (``strings``): reportlab writes a
    ``PDFString`` made with ``escape=0`` and ``enc="raw"`` as the bytes it holds (and
    only reads it, so one serves every link with the same description)."""
    return PDFString(literal_bytes(text), escape=0, enc="raw")
