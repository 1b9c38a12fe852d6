"""QuickLink (writers/pdf/links.py) writes the bytes reportlab writes for the same link."""

from __future__ import annotations

import io

import pytest
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfbase.pdfdoc import format
from reportlab.pdfgen.canvas import Canvas

from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.links import QuickLink, quick_link
from deckmaker.writers.pdf.page import MemoCanvas


class Recording(Canvas):
    """A canvas that keeps every annotation it is given."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), invariant=1)
        self.annotations = []
        self.bookmarkPage("target")

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        self.annotations.append(annotation)
        super()._addAnnotation(annotation, name, addtopage)


def _annotations(draw) -> tuple[Recording, list]:
    canvas = Recording()
    draw(canvas)
    canvas.drawString(0, 0, "page")  # a page for the destination to be on
    canvas.save()  # resolves destinations as the memo's save does
    return canvas, canvas.annotations


def _paragraph_links(canvas: Canvas) -> None:
    """The two calls Paragraph makes for an <a href>: a jump and a URL."""
    canvas.linkRect("", "target", (10, 20.5, 30.25, 40), relative=1)
    canvas.linkURL("https://example.org/a?b=(c)&d=\u00e9", (1, 2, 3, 4.123456), relative=1,
                   kind="URI")


def test_paragraph_links_write_reportlabs_bytes():
    canvas, annotations = _annotations(_paragraph_links)
    document = canvas._doc
    for annotation in annotations:
        quick = quick_link(annotation)
        assert isinstance(quick, QuickLink)
        assert quick.format(document) == format(annotation, document, toplevel=1)


@pytest.mark.parametrize("draw", [
    lambda c: c.linkRect("note", "target", (1, 2, 3, 4)),
    lambda c: c.linkRect("", "target", (1, 2, 3, 4), thickness=1),
    lambda c: c.linkRect("", "target", (1, 2, 3, 4), color=colors.red),
    lambda c: c.linkURL("https://example.org", (1, 2, 3, 4), thickness=0.5),
    lambda c: c.linkURL("file.pdf", (1, 2, 3, 4), kind="GoToR"),
    lambda c: c.linkURL("https://example.org", (1, 2, 3, 4), color=colors.blue),
])
def test_other_links_keep_reportlabs_formatter(draw):
    _canvas, annotations = _annotations(draw)
    assert [quick_link(a) for a in annotations] == [None]


class Reversing:
    """A stand-in for encryption: strings come out reversed."""

    def encode(self, t):
        return t[::-1]

    def register(self, *_args):
        pass


def test_an_encrypted_document_gets_reportlabs_bytes():
    canvas, annotations = _annotations(_paragraph_links)
    document = canvas._doc
    plain = [quick_link(a).format(document) for a in annotations]
    document.encrypt = Reversing()
    encrypted = [quick_link(a).format(document) for a in annotations]
    assert encrypted == [format(a, document, toplevel=1) for a in annotations]
    assert encrypted[1] != plain[1]  # the URL string went through the encryption


def test_the_multiline_setting_gets_reportlabs_bytes(monkeypatch):
    canvas, annotations = _annotations(_paragraph_links)
    monkeypatch.setattr(rl_config, "pdfMultiLine", 1)
    for annotation in annotations:
        assert quick_link(annotation).format(canvas._doc) == format(annotation, canvas._doc,
                                                                    toplevel=1)


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_memos_are_the_bytes_without_quick_links(docs, name, monkeypatch):
    ours = render_pdf(docs[name], lambda _message: None)
    monkeypatch.setattr(MemoCanvas, "_addAnnotation", Canvas._addAnnotation)
    assert render_pdf(docs[name], lambda _message: None) == ours


def test_links_to_one_place_format_its_destination_once(monkeypatch):
    def two_jumps(canvas):
        canvas.linkRect("", "target", (10, 20, 30, 40), relative=1)
        canvas.linkRect("", "target", (50, 60, 70, 80), relative=1)

    canvas, annotations = _annotations(two_jumps)
    document, targets = canvas._doc, {}
    quick = [quick_link(annotation, targets) for annotation in annotations]
    formatted = []
    destination_format = type(annotations[0].Destination).format
    monkeypatch.setattr(type(annotations[0].Destination), "format",
                        lambda self, doc: formatted.append(self) or destination_format(self, doc))
    assert [q.format(document) for q in quick] == \
        [format(a, document, toplevel=1) for a in annotations]
    assert len(formatted) == 3  # once for both quick links, twice for reportlab's own
    assert list(targets) == [id(annotations[0].Destination)]
