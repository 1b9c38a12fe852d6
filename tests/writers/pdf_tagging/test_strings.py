"""PDF strings written by the tagging code: read back by qpdf as the text they hold,
in PDFDocEncoding where that encoding has every character, else in UTF-16."""

from __future__ import annotations

import pikepdf
import pytest

from deckmaker.writers.pdf.tagging.strings import literal_bytes, pdf_string, pdfdoc_bytes

TEXTS = [
    "plain (a) \\ b",  # parentheses and a backslash
    "Xi–Kim “summits” — café…",  # PDFDocEncoding beyond Latin-1
    "Москва и Пхеньян",  # no PDFDocEncoding: UTF-16
    "北京和平壤",
    "\u280d\u5c29",  # UTF-16 bytes 0x28 0x0D and 0x5C 0x29: (, CR, \ and )
    "line\rend",  # a carriage return, which a reader would take for a line feed
    "\u00a0\u00ad\ufffe",  # where PDFDocEncoding has other characters or none
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_literal_string_reads_back_as_its_text(text):
    assert str(pikepdf.Object.parse(b"(" + literal_bytes(text) + b")")) == text


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_string_in_file_text_reads_back_as_its_text(text):
    written = pdf_string(text)
    assert str(pikepdf.Object.parse(written.encode("latin-1"))) == text


def test_a_string_is_in_pdfdoc_encoding_where_it_has_every_character():
    assert pdfdoc_bytes("Xi–Kim “summits”") == b"Xi\x85Kim \x8dsummits\x8e"
    assert pdf_string("Xi–Kim") == "(Xi\x85Kim)"  # a byte a character: half UTF-16's
    assert pdfdoc_bytes("Москва") is None
    assert pdf_string("北京") == "<FEFF53174EAC>"
    assert literal_bytes("北京") == b"\xfe\xff\x53\x17\x4e\xac"
