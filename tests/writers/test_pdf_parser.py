"""MarkupParser (writers/pdf/parser.py) makes exactly the fragments reportlab's ParaParser
makes, for every paragraph of real memos, and so the same memo bytes."""

from __future__ import annotations

import copy

import pytest
from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.blocks import MemoParagraph
from deckmaker.writers.pdf.parser import MarkupParser, _copy_fragment, _events
from tests.writers.conftest import memo_paragraphs


def _same_frags(ours, theirs) -> None:
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs, strict=True):
        assert type(mine) is type(reference)
        assert vars(mine) == vars(reference)  # every attribute, colours by value


def _assert_parsed_alike(text: str, style) -> None:
    ours, theirs = MemoParagraph(text, style), Paragraph(text, style)
    _same_frags(ours.frags, theirs.frags)
    assert ours.text == theirs.text and ours.style is theirs.style
    if isinstance(theirs.bulletText, list):
        _same_frags(ours.bulletText, theirs.bulletText)
    else:
        assert ours.bulletText == theirs.bulletText


@pytest.mark.parametrize("name", ["sample", "small", "medium", "large", "hostile"])
def test_every_paragraph_has_paraparsers_fragments(docs, name, monkeypatch):
    made = memo_paragraphs(docs[name], monkeypatch)
    assert len(made) > 20
    tagged = [p for p in made if "<a " in p.text]
    assert tagged and any("<bullet>" in p.text for p in made)
    for paragraph in made:
        _assert_parsed_alike(paragraph.text, paragraph.style)


@pytest.mark.parametrize("name", ["sample", "medium", "hostile"])
def test_memos_are_the_bytes_paraparser_gives(docs, name, monkeypatch):
    ours = render_pdf(docs[name], lambda _message: None)
    monkeypatch.setattr(MarkupParser, "feed", ParaParser.feed)
    monkeypatch.setattr(MarkupParser, "getAttributes", ParaParser.getAttributes)
    monkeypatch.setattr(MarkupParser, "_push", ParaParser._push)
    monkeypatch.setattr(MarkupParser, "handle_data", ParaParser.handle_data)
    assert render_pdf(docs[name], lambda _message: None) == ours


def test_a_fragment_copies_as_copy_copies_it():
    frag = MarkupParser().parse('<b>x <a href="#y" color="#123456">y</a></b>', STYLE)[1][-1]
    ours, theirs = _copy_fragment(frag), copy.copy(frag)
    assert type(ours) is type(theirs) is ParaFrag and ours is not frag
    assert vars(ours) == vars(theirs) == vars(frag)
    ours.text = "changed"
    assert frag.text == "y"
    other = ABag(text="z")  # anything else: copy.copy itself
    assert vars(_copy_fragment(other)) == {"text": "z"}


STYLE = ParagraphStyle("test", fontName="Helvetica", fontSize=10, leading=12,
                       bulletFontName="Helvetica-Bold")


@pytest.mark.parametrize("text", [
    "plain words", "", "AT&amp;T &lt;b&gt; &quot;q&quot;", "<b>bold <i>both</i></b> after",
    "one<br/>two<br />three", '<a href="https://x.org/?a=1&amp;b=2" color="#0F7B8A" '
    'underline="1">link</a>', '<font name="Helvetica-Bold" color="#FFFFFF" backColor="#123456">'
    "\u00a0badge\u00a0</font>", "<bullet>E1</bullet>claim", '<FONT NAME="Helvetica">up</FONT>',
    '<font name="Helvetica"\nsize="9">newline</font>',
])
def test_our_markup_is_read_by_the_regex_alike(text):
    assert _events(text) is not None
    _assert_parsed_alike(text, STYLE)


@pytest.mark.parametrize("text", [
    "AT&T", "&#169; 2025", "&copy;", "<a href='#x' color=red>single quotes</a>",
    "<b >spaced</b >", "x < y", "a <!-- comment --> b",
])
def test_other_markup_goes_through_htmlparser_alike(text):
    assert _events(text) is None
    _assert_parsed_alike(text, STYLE)
