"""Language spans: a run in another script inside a paragraph said in its own language.

reportlab draws a paragraph as one text object, switching fonts inside it for a run the
body font lacks; nothing public lets a writer put an operator between two runs of one
text object. So the post-pass does it in the text objects that need it: those drawn in
the marked content of an element whose text holds a CJK run in a language other than its
own (``StructElement.span_lang``), which the tagging canvas notes as it draws them
(``Recorder.note_runs``). In each, every text-showing operator drawn in a font chosen
for CJK characters is wrapped in ``/Span <</Lang (zh)>> BDC ... EMC`` (ISO 32000-1,
14.9.2.2), read and written back with pikepdf's public content-stream parser and
unparser; the rest of the page stream is kept as it is, byte for byte (parsing whole
pages was most of the post-pass's time on a brief with a CJK run on every page). The
text and its positions are unchanged; a page without such a run is not touched.
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


def with_spans(pdf: pikepdf.Pdf, content: bytes, runs: list[tuple[str, str]],
               fonts: frozenset[str]) -> tuple[bytes, int]:
    """``content`` (a page's content stream) with the spans marked (see the module):
    the stream's bytes, and how many spans it has. ``runs``: the page's noted text
    objects, each with the language of its runs in ``fonts``, in the order drawn."""
    pieces: list[bytes] = []
    start = spans = 0
    for code, lang in runs:
        text = code.encode("utf-8")  # how reportlab encodes a page's operators
        at = content.find(text, start)
        if at < 0:
            raise ValueError("a noted text object is not in its page's content stream")
        marked, count = _text_object_with_spans(pdf, text, lang, fonts)
        pieces += (content[start:at], marked)
        spans += count
        start = at + len(text)
    pieces.append(content[start:])
    return b"".join(pieces), spans


def _text_object_with_spans(pdf: pikepdf.Pdf, text: bytes, lang: str,
                            fonts: frozenset[str]) -> tuple[bytes, int]:
    """One text object's operators, its runs in ``fonts`` marked as spans in ``lang``."""
    out: list[ContentStreamInstruction] = []
    font = None
    in_span = False
    spans = 0
    for instruction in pikepdf.parse_content_stream(pikepdf.Stream(pdf, text)):
        operator = str(instruction.operator)
        if in_span and operator not in TEXT_OPERATORS and operator not in _INSIDE_SPAN \
                and operator != "Tf":
            out.append(_EMC)
            in_span = False
        if operator == "Tf":
            font = str(instruction.operands[0])
            if in_span and font not in fonts:
                out.append(_EMC)
                in_span = False
        elif operator in TEXT_OPERATORS and not in_span and font in fonts:
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
