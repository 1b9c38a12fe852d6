"""Layout shortcuts in writers/pdf/document.py change nothing in the memo."""

from __future__ import annotations

from copy import deepcopy

from reportlab.platypus import Frame

from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.document import MemoFrame


def _frame(cls):
    frame = cls(10, 20.5, 300, 400, id="body", leftPadding=0)
    frame._frameBGs = [["a background"]]
    frame._debug = None
    return frame


def test_a_memo_frame_deep_copies_like_a_frame():
    ours, theirs = deepcopy(_frame(MemoFrame)), deepcopy(_frame(Frame))
    assert type(ours) is MemoFrame
    assert vars(ours) == vars(theirs)
    original = _frame(MemoFrame)
    copied = deepcopy(original)
    assert copied._frameBGs == original._frameBGs
    assert copied._frameBGs is not original._frameBGs
    assert copied._frameBGs[0] is not original._frameBGs[0]
    copied._y = 5
    assert original._y != 5


def test_the_memo_is_the_same_with_plain_deep_copies(sample_doc, monkeypatch):
    ours = render_pdf(sample_doc, lambda _message: None)
    monkeypatch.delattr(MemoFrame, "__deepcopy__")
    assert render_pdf(sample_doc, lambda _message: None) == ours
