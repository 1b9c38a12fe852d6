"""The three outputs take their wording from one pack: a label changed once changes the
memo, the deck and the email alike, and the estimative legend follows the brief's scale."""

from __future__ import annotations

import email
import email.policy
import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from deckmaker.build import load_document, render_formats
from deckmaker.pack import load_pack

from .conftest import SAMPLE


def _texts(doc) -> tuple[str, list[str], str]:
    """The PDF's text, the deck's slide texts and the email's plain-text body."""
    rendered = render_formats(doc, ("pdf", "pptx", "eml"), lambda _message: None)
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered["pdf"])).pages)
    deck = Presentation(io.BytesIO(rendered["pptx"]))
    slides = ["\n".join(_shape_text(shape) for shape in slide.shapes) for slide in deck.slides]
    message = email.message_from_bytes(rendered["eml"], policy=email.policy.default)
    body = message.get_body(("plain",)).get_content()
    return pdf, slides, body


def _shape_text(shape) -> str:
    if shape.has_text_frame:
        return shape.text_frame.text
    if shape.has_table:
        return "\n".join(cell.text for row in shape.table.rows for cell in row.cells)
    return ""


def test_one_changed_label_changes_every_output(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: relabel\nextends: default\n")
    (tmp_path / "text.yaml").write_text(
        "section:\n  key_judgments: Main findings\n  bluf: The short of it\n"
        "number:\n  judgment: \"F{{ n }}\"\n"
        # The at-a-glance overviews have their own wording (memo and deck alike).
        "memo:\n  overview: Main findings at a glance\n"
        "deck:\n  overview: Main findings at a glance\n"
        "  overview_range: \"Main findings {{ first }}–{{ last }}\"\n")
    # Compared in lower case: the memo and the plain-text email set some titles in capitals.
    pdf, slides, body = (t.lower() if isinstance(t, str) else [s.lower() for s in t]
                         for t in _texts(load_document(SAMPLE, load_pack(tmp_path))))
    for label in ("main findings", "the short of it", "f1", "f4"):
        assert label in pdf and label in body, label
        assert any(label in slide for slide in slides), label
    for old in ("key judgments", "bottom line up front", "kj1"):
        assert old not in pdf and old not in body, old
        assert not any(old in slide for slide in slides), old


@pytest.mark.slow  # all three outputs rendered and read back: 1.1-2.0 s
def test_legend_follows_the_phia_scale(tmp_path):
    text = SAMPLE.read_text("utf-8").replace("marking: TLP:CLEAR",
                                             "marking: TLP:CLEAR\nscale: phia")
    text = text.replace("likelihood: very likely", "likelihood: highly likely")
    text = text.replace("is very likely to", "is highly likely to")
    brief = tmp_path / "phia.yaml"
    brief.write_text(text, "utf-8")
    pdf, slides, _ = _texts(load_document(brief, load_pack()))
    pdf = " ".join(pdf.split())  # the intro wraps wherever its column ends
    assert "PHIA probability yardstick" in pdf and "realistic possibility" in pdf
    assert "roughly even chance" not in pdf
    legend = next(s for s in slides if "realistic possibility" in s)
    assert "PHIA probability yardstick" in legend
