"""The memo's column: a flowable drawn through tagging wrappers is laid out as what they
hold, and the parts it is split into are wrapped alike."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from deckmaker.writers.pdf.column import Placed
from deckmaker.writers.pdf.tagging.flowables import Decoration, Tagged
from deckmaker.writers.pdf.tagging.marks import Recorder

STYLE = ParagraphStyle("body")


def test_a_later_part_is_wrapped_in_every_layer_without_the_label():
    recorder = Recorder()
    recorder.open("L")
    _, label, body = recorder.list_item()
    paragraph = Paragraph("text", STYLE)
    given = Tagged(Decoration(paragraph, recorder, "Layout"), recorder, body, label=label)
    placed = Placed(paragraph, wrapper=given)
    first, later = Paragraph("te", STYLE), Paragraph("xt", STYLE)

    head, tail = placed.part(first, True, 0.0, []), placed.part(later, False, 0.0, [])
    for part, flowable in ((head, first), (tail, later)):
        assert isinstance(part.wrapper, Tagged) and part.wrapper.element is body
        assert isinstance(part.wrapper.inner, Decoration)
        assert part.wrapper.inner.inner is flowable and part.flowable is flowable
    assert head.wrapper.label is label and tail.wrapper.label is None


def test_a_whole_flowable_keeps_its_wrapper():
    recorder = Recorder()
    paragraph = Paragraph("text", STYLE)
    given = Tagged(paragraph, recorder, recorder.element("P"))
    assert Placed(paragraph, wrapper=given).part(paragraph, True, 0.0, []).wrapper is given
