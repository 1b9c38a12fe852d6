"""Quick fill colours (writers/pdf/colour.py) write what reportlab writes."""

from __future__ import annotations

import io

import pytest
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.colour import MemoTextObject, QuickFill
from deckmaker.writers.pdf.page import MemoCanvas


class QuickCanvas(QuickFill, Canvas):
    def beginText(self, x=0, y=0, direction=None):
        return MemoTextObject(self, x, y, direction=direction)


COLOURS = [colors.HexColor("#1F5F8B"), colors.Color(0.1, 0.2, 0.3, alpha=0.5),
           colors.CMYKColor(0.1, 0.2, 0.3, 0.4), (0.5, 0.5, 0.5), "red", colors.white,
           colors.HexColor("#1F5F8B")]


def _pdf(canvas_class) -> bytes:
    buffer = io.BytesIO()
    canvas = canvas_class(buffer, invariant=1)
    text = canvas.beginText(10, 10)
    for colour in COLOURS:
        canvas.setFillColor(colour)
        canvas.rect(0, 0, 10, 10, fill=1)
        text.setFillColor(colour)
        text.textOut("x")
    canvas.setFillColor(colors.red, alpha=0.25)
    canvas.drawText(text)
    canvas.save()
    return buffer.getvalue()


def test_every_kind_of_colour_writes_reportlabs_bytes():
    assert _pdf(QuickCanvas) == _pdf(Canvas)


def test_an_invalid_alpha_is_reportlabs_error():
    canvas = QuickCanvas(io.BytesIO())
    with pytest.raises(ValueError, match="setFillAlpha invalid value"):
        canvas.setFillColor(colors.Color(0, 0, 0, alpha=2))


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_memos_are_the_bytes_with_reportlabs_colour_setting(docs, name, monkeypatch):
    ours = render_pdf(docs[name], lambda _message: None)
    monkeypatch.setattr(MemoCanvas, "setFillColor", Canvas.setFillColor)
    monkeypatch.setattr(MemoCanvas, "beginText", Canvas.beginText)
    assert render_pdf(docs[name], lambda _message: None) == ours
