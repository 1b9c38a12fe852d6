"""The memo's letterhead: the pack's image on page 1 at its own resolution, the
organisation block beside it, a small copy in later pages' headers when asked; tagged."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from deckmaker.build import load_document
from deckmaker.pack import load_pack
from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.tagging.check import check_pdf
from tests.conftest import SAMPLE

pdfplumber = pytest.importorskip("pdfplumber")  # a test extra; the floor run goes without


def _pack(tmp_path, *, header_logo: bool):
    (tmp_path / "images").mkdir()
    # 600 × 160 px at 300 DPI: 144 × 38.4 points.
    Image.new("RGB", (600, 160), "#0B2545").save(tmp_path / "images" / "lh.png", dpi=(300, 300))
    (tmp_path / "pack.yaml").write_text(
        "name: lh\nextends: default\n"
        f"memo: {{letterhead: images/lh.png, header_logo: {str(header_logo).lower()}}}\n",
        "utf-8")
    (tmp_path / "text.yaml").write_text(
        "memo:\n  organisation: Northeast Asia Policy Unit\n"
        "  address: |-\n    1 Example Street\n    London SW1A 2AA\n", "utf-8")
    return load_pack(tmp_path)


def _pages(data: bytes):
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [([(round(i["width"], 1), round(i["height"], 1)) for i in page.images],
                 page.extract_text()) for page in pdf.pages]


def test_page_one_carries_the_image_at_its_resolution_and_the_organisation(tmp_path):
    data = render_pdf(load_document(SAMPLE, _pack(tmp_path, header_logo=False)), print)
    pages = _pages(data)
    images, text = pages[0]
    assert images == [(144.0, 38.4)]
    assert "Northeast Asia Policy Unit" in text and "London SW1A 2AA" in text
    assert all(not images for images, _ in pages[1:])
    assert check_pdf(data) == []


def test_later_pages_carry_a_small_copy_when_the_pack_asks(tmp_path):
    pages = _pages(render_pdf(load_document(SAMPLE, _pack(tmp_path, header_logo=True)), print))
    assert pages[0][0] == [(144.0, 38.4)]
    assert all(images == [(52.5, 14.0)] for images, _ in pages[1:])


@pytest.mark.parametrize("pack", ["default", "memo-us"])
def test_the_built_in_packs_have_no_letterhead(pack):
    assert all(not images for images, _ in _pages(render_pdf(
        load_document(SAMPLE, load_pack(pack)), print)))
