"""Text as PDF strings (ISO 32000-1, 7.3.4 and 7.9.2.2), written by the tagging code
itself rather than through reportlab's ``PDFString`` escaping: for the few hundred
strings a tagged memo adds, reportlab's detection of the encoding and its character by
character escaping cost more than all the other tagging done while drawing.

A text string is in PDFDocEncoding where that encoding has all its characters (most
English text, dashes and curly quotes included: half the bytes of UTF-16), else in
UTF-16BE after a byte order mark.
"""

from __future__ import annotations

import codecs
import re

import pikepdf  # noqa: F401 (registers the pdfdoc_pikepdf codec)

_PLAIN_TEXT = re.compile(r"[ -~]*")
# PDFDocEncoding (ISO 32000-1, Annex D.2) as pikepdf's codec, a charmap built the way
# the stdlib's single-byte codecs are, which encodes in C.
_PDFDOC = codecs.getencoder("pdfdoc_pikepdf")


def pdf_string(text: str) -> str:
    """``text`` as a PDF text string, in a file's text where a character is a byte
    (Latin-1): a literal string, or UTF-16BE in hex."""
    encoded = pdfdoc_bytes(text)
    if encoded is None:
        return f"<FEFF{text.encode('utf-16-be').hex().upper()}>"
    return f"({_escaped(encoded).decode('latin-1')})"


def literal_bytes(text: str) -> bytes:
    """``text`` as a text string's bytes inside a literal string's parentheses,
    escaped: backslashes, parentheses and carriage returns (a reader takes an unescaped
    carriage return for a line feed)."""
    encoded = pdfdoc_bytes(text)
    if encoded is None:
        encoded = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return _escaped(encoded)


def pdfdoc_bytes(text: str) -> bytes | None:
    """``text`` in PDFDocEncoding; None when the encoding lacks one of its characters."""
    if _PLAIN_TEXT.fullmatch(text):  # nearly every string: printable ASCII
        return text.encode("ascii")
    try:
        return _PDFDOC(text)[0]
    except UnicodeEncodeError:
        return None


def _escaped(data: bytes) -> bytes:
    return (data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            .replace(b"\r", b"\\r"))
