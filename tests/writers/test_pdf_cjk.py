"""CJK line breaking (writers/pdf/cjk.py) gives reportlab's lines, fragment for fragment."""

from __future__ import annotations

import pytest
from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cjkU, makeCJKParaLine
from reportlab.platypus.paraparser import ParaFrag

from deckmaker.fonts import has_cjk
from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.blocks import MemoParagraph
from deckmaker.writers.pdf.cjk import _line, break_lines_cjk
from tests.writers.conftest import memo_paragraphs, same_lines

WIDTHS = ([407.0], [391.0, 407.0], [120.0], [35.0])


def _assert_broken_alike(paragraph: Paragraph) -> None:
    for widths in WIDTHS:
        same_lines(break_lines_cjk(paragraph, list(widths)),
                    Paragraph.breakLinesCJK(paragraph, list(widths)))


@pytest.mark.parametrize("name", ["medium", "large", "hostile"])
def test_every_cjk_paragraph_breaks_as_reportlab_breaks_it(docs, name, monkeypatch):
    made = [p for p in memo_paragraphs(docs[name], monkeypatch) if has_cjk(p.text)]
    assert made and all(p.style.wordWrap == "CJK" for p in made)
    for paragraph in made:
        _assert_broken_alike(paragraph)


STYLE = ParagraphStyle("cjk", fontName="STSong-Light", fontSize=10, leading=14,
                       wordWrap="CJK")


@pytest.mark.parametrize("text", [
    "中文文本换行测试" * 12,
    "<b>中文</b><b>文本</b>，换行<br/>测试<br/><br/>中文" * 5,  # equal neighbours, line breaks
    'Latin words then <font size="14">中文文本</font> and <a href="#x">链接</a> 测试' * 4,
    "<bullet>E1</bullet>标签与" + "文本" * 30,
], ids=["one fragment", "neighbours and breaks", "sizes and links", "bullet"])
def test_mixed_fragments_break_alike(text):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    _assert_broken_alike(MemoParagraph(text, STYLE))


def test_a_fragment_unlike_itself_gives_a_word_per_character():
    """sameFrag never matches a fragment with a line break or callback, even itself."""
    plain = ParaFrag(fontName="Helvetica", fontSize=10, textColor=None, rise=0, us_lines=[],
                     link=[], text="ab")
    breaking = plain.clone(lineBreak=True, text="cd")
    chars = [cjkU(c, f, "utf8") for f in (plain, breaking, plain.clone()) for c in f.text]
    ours, theirs = _line(chars, 100, 40, 60, False, False), makeCJKParaLine(
        chars, 100, 40, 60, False, False)
    assert [w.text for w in ours.words] == [w.text for w in theirs.words] == ["ab", "c", "d", "ab"]
    same_lines(ABag(kind=1, lines=[ours]), ABag(kind=1, lines=[theirs]))


def test_image_heights_keep_reportlabs_own_line_assembly():
    style = ParagraphStyle("bounds", parent=STYLE, autoLeading="max")
    _assert_broken_alike(MemoParagraph("中文<font size='20'>文本</font>换行" * 10, style))


def test_memos_are_the_bytes_reportlabs_cjk_breaking_gives(docs, monkeypatch):
    ours = render_pdf(docs["medium"], lambda _message: None)
    monkeypatch.setattr(MemoParagraph, "breakLinesCJK", lambda self, widths: self._break(
        widths, lambda w: Paragraph.breakLinesCJK(self, w)))
    assert render_pdf(docs["medium"], lambda _message: None) == ours
