"""The memo's two remaining speed-ups (writers/pdf/parser.py's tokenizer in front of
ParaParser, blocks.py's remembered wrap) change nothing a reader sees: the same pages,
the same text on each, the same page images, the same links."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.blocks import MemoParagraph
from deckmaker.writers.pdf.parser import MarkupParser, events

poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")


def _quiet(_message: str) -> None:
    pass


def _as_read(pdf: bytes, folder: Path, name: str) -> dict:
    """What a reader gets of ``pdf``: each page's text (pdftotext, in layout), each page's
    image (pdftoppm), and each page's link targets and rectangles (pypdf)."""
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\f")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(folder / name)], check=True)
    images = [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.png"))]
    reader = PdfReader(io.BytesIO(pdf))

    def target(annotation) -> tuple:
        if "/Dest" not in annotation:
            return (str(annotation["/A"]["/URI"]),)
        page, *place = annotation["/Dest"]
        return (reader.get_page_number(page.get_object()), *map(str, place))

    links = [[(target(a), [round(float(v), 2) for v in a["/Rect"]])
              for a in (annot.get_object() for annot in page.get("/Annots") or [])]
             for page in reader.pages]
    return {"pages": len(reader.pages), "text": text, "images": images, "links": links,
            "outline": [getattr(item, "title", None) for item in reader.outline]}


def _plain_parsing(patch) -> None:
    patch.setattr(MarkupParser, "feed", ParaParser.feed)
    patch.setattr(MarkupParser, "getAttributes", ParaParser.getAttributes)


def _plain_wrapping(patch) -> None:
    patch.setattr(MemoParagraph, "wrap", Paragraph.wrap)


@pytest.mark.slow
@poppler
@pytest.mark.parametrize("name", ["sample", "medium", "hostile"])
def test_memos_read_the_same_without_the_shortcuts(docs, name, monkeypatch, tmp_path):
    doc = docs[name]
    ours = _as_read(render_pdf(doc, _quiet), tmp_path, "ours")
    with monkeypatch.context() as patch:
        _plain_parsing(patch)
        _plain_wrapping(patch)
        plain = _as_read(render_pdf(doc, _quiet), tmp_path, "plain")
    assert ours["pages"] > 1 and any(ours["links"])
    assert ours == plain


@pytest.mark.parametrize("text", [
    "plain words", "", "AT&amp;T &lt;b&gt; &quot;q&quot;", "<b>bold <i>both</i></b> after",
    "one<br/>two<br />three", '<a href="https://x.org/?a=1&amp;b=2" color="#0F7B8A" '
    'underline="1">link</a>', "<bullet>E1</bullet>claim", '<FONT NAME="Helvetica">up</FONT>',
])
def test_our_markup_is_read_by_the_regex(text):
    assert events(text) is not None


@pytest.mark.parametrize("text", [
    "AT&T", "&#169; 2025", "&copy;", "<a href='#x' color=red>single quotes</a>",
    "<b >spaced</b >", "x < y", "a <!-- comment --> b",
])
def test_other_markup_goes_to_htmlparser(text):
    assert events(text) is None


def test_bad_markup_is_reportlabs_error():
    from reportlab.lib.styles import ParagraphStyle

    from deckmaker.writers.pdf.parser import parse

    with pytest.raises(ValueError, match="paragraph"):
        parse("<b>never closed", ParagraphStyle("x"))
