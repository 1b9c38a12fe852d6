"""A canvas mixin telling the recorder what reportlab draws on its own: text objects
(where a paragraph's bullet ends) and link annotations (each needs a Link element)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from deckmaker.writers.pdf.tagging.marks import Recorder


class TaggingCanvas(Canvas):
    """A Canvas reporting text objects and links to ``recorder``; put it first among the
    bases of the document's canvas class."""

    recorder: Recorder  # set by the canvas factory of the document

    def drawText(self, aTextObject):
        with self.recorder.text_object(self):
            super().drawText(aTextObject)

    def linkURL(self, url, rect, *args, **kwargs):
        self.recorder.link(self, url)
        return super().linkURL(url, rect, *args, **kwargs)

    def linkRect(self, contents, destinationname, *args, **kwargs):
        self.recorder.link(self, f"#{destinationname}")
        return super().linkRect(contents, destinationname, *args, **kwargs)
