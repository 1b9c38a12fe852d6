"""Language spans: a run in another script inside a paragraph said in its own language.

reportlab draws a paragraph as one text object, switching fonts inside it for a run the
body font lacks; nothing public lets a writer put an operator between two runs of one
text object. So the post-pass does it on the few pages that need it: in the marked
content of an element whose text holds a CJK run in a language other than its own
(``StructElement.span_lang``), every text-showing operator drawn in a font chosen for
CJK characters is wrapped in ``/Span <</Lang (zh)>> BDC ... EMC`` (ISO 32000-1, 14.9.2.2),
read and written back with pikepdf's public content-stream parser and unparser. The text
and its positions are unchanged; a page without such a run is not touched.
"""

from __future__ import annotations

import zlib

import pikepdf
from pikepdf import ContentStreamInstruction, Dictionary, Name, Operator, String

TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
# Operators that may stand between two runs of one span: line moves and text state.
_INSIDE_SPAN = frozenset({"T*", "Td", "TD", "Tm", "TL", "Tc", "Tw", "Tz", "Ts"})
_EMC = ContentStreamInstruction([], Operator("EMC"))


def span_fonts(page: pikepdf.Dictionary, base_fonts: frozenset[str]) -> frozenset[str]:
    """The resource names (``/F5+0``) of ``page``'s fonts whose /BaseFont, without a
    subset's ``ABCDEF+``, starts with one of ``base_fonts``."""
    fonts = page.get("/Resources", Dictionary()).get("/Font", Dictionary())
    found = set()
    for key, font in fonts.items():
        base = str(font.get("/BaseFont", ""))[1:]
        base = base.split("+", 1)[1] if base[6:7] == "+" else base
        if any(base.startswith(name) for name in base_fonts):
            found.add(key)
    return frozenset(found)


def with_spans(page: pikepdf.Dictionary, langs: dict[int, str],
               fonts: frozenset[str]) -> tuple[bytes, int]:
    """``page``'s content stream with the spans marked (see the module): the stream's
    bytes, and how many spans it has. ``langs``: MCID -> the language of its element's
    runs in ``fonts``."""
    out: list[ContentStreamInstruction] = []
    open_langs: list[str | None] = []  # the span language of each open sequence
    font = None
    in_span = False
    spans = 0
    for instruction in pikepdf.parse_content_stream(page):
        operator = str(instruction.operator)
        if in_span and operator not in TEXT_OPERATORS and operator not in _INSIDE_SPAN \
                and operator != "Tf":
            out.append(_EMC)
            in_span = False
        if operator in ("BDC", "BMC"):
            properties = instruction.operands[1] if operator == "BDC" else None
            mcid = properties.get("/MCID") if isinstance(properties, Dictionary) else None
            open_langs.append(langs.get(int(mcid)) if mcid is not None else None)
        elif operator == "EMC" and open_langs:
            open_langs.pop()
        elif operator == "BT":
            font = None
        elif operator == "Tf":
            font = str(instruction.operands[0])
            if in_span and font not in fonts:
                out.append(_EMC)
                in_span = False
        elif operator in TEXT_OPERATORS and not in_span and font in fonts:
            lang = next((lang for lang in reversed(open_langs) if lang), None)
            if lang is not None:
                out.append(ContentStreamInstruction(
                    [Name.Span, Dictionary(Lang=String(lang))], Operator("BDC")))
                in_span = True
                spans += 1
        out.append(instruction)
    if in_span:
        out.append(_EMC)
    return pikepdf.unparse_content_stream(out), spans


def content_stream(content: bytes, level: int) -> bytes:
    """``content`` as the text of a Flate-compressed stream object (at zlib ``level``),
    from its dictionary to ``endstream``."""
    data = zlib.compress(content, level)
    return (b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
            + data + b"\nendstream")
