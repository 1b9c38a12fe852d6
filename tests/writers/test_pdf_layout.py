"""Layout shortcuts of our own (page.py, blocks.py) change nothing in the memo."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.document import build_pdf
from deckmaker.writers.pdf.blocks import Anchor, Blocks, StepMarker
from deckmaker.writers.pdf.page import DECOR_FORM, PageDecor, page_form


def test_the_memo_is_the_same_when_page_text_is_split_afresh_on_every_page(docs, monkeypatch):
    doc = docs["hostile"]
    assert doc.marking  # banners on every page, as well as the footer
    ours = render_pdf(doc, lambda _message: None)
    split_once = PageDecor._runs

    def afresh(self, text, font):
        self._split.clear()
        return split_once(self, text, font)

    monkeypatch.setattr(PageDecor, "_runs", afresh)
    assert render_pdf(doc, lambda _message: None) == ours


_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_EMPTY_STATE = re.compile(rb"q\n1 0 0 1 [-\d.]+ [-\d.]+ cm\nQ\n")  # an empty flowable's drawing


def _objects_and_pages(pdf: bytes) -> tuple[bytes, list[bytes]]:
    """A memo's objects without their streams, and its streams inflated without the
    drawing states that invisible flowables leave empty."""
    streams = [zlib.decompress(s.rstrip(b"\r\n")) for s in _STREAM.findall(pdf)]
    objects = re.sub(rb"/Length \d+", b"", _STREAM.sub(b"", pdf.split(b"xref")[0]))
    return objects, [_EMPTY_STATE.sub(b"", s) for s in streams]


def test_a_step_anchor_in_its_marker_lands_where_an_anchor_flowable_would(docs, monkeypatch):
    # Untagged: the comparison reads the pages' streams, and the tagging post-pass appends
    # its objects as an incremental update (tests/writers/test_pdf_tagged.py covers that).
    doc = docs["medium"]
    ours = build_pdf(doc, lambda _message: None, tagged=False)
    build = Blocks.flowables

    def anchors_apart(self, step):
        marker, *parts = build(self, step)
        if marker.anchor is None:
            return [marker, *parts]
        return [StepMarker(step), Anchor(marker.anchor), *parts]

    monkeypatch.setattr(Blocks, "flowables", anchors_apart)
    apart = build_pdf(doc, lambda _message: None, tagged=False)
    assert ours != apart  # the separate anchors' drawing states are gone, nothing else
    assert _objects_and_pages(ours) == _objects_and_pages(apart)


def _page_images(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "100", folder / f"{name}.pdf", folder / name],
                   check=True)
    return [p.read_bytes() for p in sorted(folder.glob(f"{name}-*.png"))]


@pytest.mark.slow  # renders page images of two memos
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
def test_the_decoration_form_looks_as_decoration_drawn_on_each_page(docs, monkeypatch, tmp_path):
    doc = docs["hostile"]
    assert doc.marking  # banners as well as the footer
    ours = render_pdf(doc, lambda _message: None)
    assert ours.count(b"/Subtype /Form") == ours.count(b"/Type /Page\n") + 1

    def on_each_page(self, canv, _template=None):
        self.pages = canv.getPageNumber()
        canv.saveState()
        self._decorate(canv)
        canv.doForm(page_form(self.pages))
        canv.restoreState()

    monkeypatch.setattr(PageDecor, "draw", on_each_page)
    drawn = render_pdf(doc, lambda _message: None)
    assert DECOR_FORM.encode() not in drawn
    assert _page_images(ours, tmp_path, "form") == _page_images(drawn, tmp_path, "drawn")
