"""Line breaking (writers/pdf/lines.py) gives reportlab's lines, fragment for fragment."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.rl_accel import sameFrag
from reportlab.platypus import Paragraph

from deckmaker.fonts import has_cjk
from deckmaker.writers.pdf.blocks import MemoParagraph
from deckmaker.writers.pdf.lines import ascent_descent, break_lines, same_frag
from tests.writers.conftest import memo_paragraphs, same_lines

WIDTHS = ([407.0], [391.0, 407.0], [120.0], [30.0])


def _assert_broken_alike(text: str, style: ParagraphStyle) -> None:
    for widths in WIDTHS:  # fresh paragraphs: breaking replaces a paragraph's fragments
        ours, theirs = MemoParagraph(text, style), MemoParagraph(text, style)
        same_lines(break_lines(ours, list(widths)), Paragraph.breakLines(theirs, list(widths)))
        assert _words(ours.frags) == _words(theirs.frags)
        assert (ours._width_max, ours._splitLongWordCount) == \
            (theirs._width_max, theirs._splitLongWordCount)


def _words(frag_words) -> list:
    """A paragraph's ``frags`` comparably: fragments as they are (one-fragment text), or the
    words multi-fragment breaking leaves there (kind, width, (fragment, text) pairs)."""
    return [(type(word).__name__, word[0], [(vars(frag), text) for frag, text in word[1:]])
            if isinstance(word, list) else vars(word) for word in frag_words]


@pytest.mark.parametrize("name", ["sample", "medium", "hostile"])
def test_every_paragraph_breaks_as_reportlab_breaks_it(docs, name, monkeypatch):
    made = [p for p in memo_paragraphs(docs[name], monkeypatch) if not has_cjk(p.text)]
    assert len(made) > 20
    for paragraph in made:
        _assert_broken_alike(paragraph.text, paragraph.style)


STYLE = ParagraphStyle("latin", fontName="Helvetica", fontSize=10, leading=14,
                       splitLongWords=1)


@pytest.mark.parametrize("text", [
    "plain words " * 30,
    "<b>bold</b> and <i>italic</i>, <font size='14'>larger</font> words<br/>broken " * 8,
    "a" * 200 + " long words split " + "b" * 90,
], ids=["one fragment", "fragments and breaks", "long words"])
def test_mixed_fragments_break_alike(text):
    _assert_broken_alike(text, STYLE)


def test_ascents_are_reportlabs():
    from reportlab.pdfbase.pdfmetrics import getAscentDescent

    assert ascent_descent("Helvetica", 10) == getAscentDescent("Helvetica", 10)


def test_fragments_compare_as_samefrag_compares_them(docs, monkeypatch):
    frags = [frag for p in memo_paragraphs(docs["hostile"], monkeypatch)
             for frag in MemoParagraph(p.text, p.style).frags]
    frags += [frags[0].clone(lineBreak=True), frags[1].clone(cbDefn=object())]
    pairs = [(f, g) for f in frags[::3] for g in frags[::5]] + [(f, f.clone()) for f in frags]
    outcomes = {bool(sameFrag(f, g)) for f, g in pairs}
    assert outcomes == {True, False}
    assert all(same_frag(f, g) == bool(sameFrag(f, g)) for f, g in pairs)
