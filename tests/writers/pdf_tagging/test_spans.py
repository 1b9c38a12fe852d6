"""Spans around CJK runs: only the noted text objects are rewritten, the rest of the page
stream is kept byte for byte, and a noted text object missing from its page is refused."""

from __future__ import annotations

import pikepdf
import pytest

from deckmaker.writers.pdf.tagging.spans import with_spans

TEXT = "BT /F1 10 Tf 72 700 Td (Beijing ) Tj /F2+0 10 Tf (\\001\\002) Tj /F1 10 Tf (says) Tj ET"
PAGE = f"q 0 g\n/P <</MCID 0>> BDC\n{TEXT}\nEMC\nQ\n".encode()


def _text(operand) -> str:
    return operand.unparse().decode() if isinstance(operand, pikepdf.Object) else str(operand)


def _operators(content: bytes) -> list[str]:
    """Each instruction of ``content`` as its operands' PDF text and its operator."""
    with pikepdf.new() as pdf:
        return [" ".join([*map(_text, operands), str(operator)])
                for operands, operator
                in pikepdf.parse_content_stream(pikepdf.Stream(pdf, content))]


def test_a_noted_text_object_has_its_cjk_run_in_a_span_and_the_rest_is_kept():
    with pikepdf.new() as pdf:
        content, spans = with_spans(pdf, PAGE, [(TEXT, "zh")], frozenset({"/F2+0"}))
    assert spans == 1
    assert content.startswith(b"q 0 g\n/P <</MCID 0>> BDC\n")
    assert content.endswith(b"\nEMC\nQ\n")
    operators = _operators(content)
    start = operators.index("/Span << /Lang (zh) >> BDC")
    assert operators[start - 1:start + 4] == [
        "/F2+0 10 Tf", "/Span << /Lang (zh) >> BDC", "<0102> Tj", "EMC", "/F1 10 Tf"]


def test_a_noted_text_object_missing_from_its_page_is_refused():
    with pikepdf.new() as pdf, pytest.raises(ValueError, match="not in its page's"):
        with_spans(pdf, PAGE, [("BT /F2+0 10 Tf (x) Tj ET", "zh")], frozenset({"/F2+0"}))
