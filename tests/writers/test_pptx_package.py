"""The deck's package as a reader sees it: notes pages, shape ids, the logo, the master's
own slides removed, part names, and the deterministic save."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.package import Part

from deckmaker.build import load_document
from deckmaker.pack import load_pack
from deckmaker.writers.pptx import clean_notes, open_master, render_pptx
from deckmaker.writers.pptx.partnames import PartNames
from deckmaker.writers.pptx.plan import plan_deck
from deckmaker.writers.pptx.save import save, zip_time
from tests.conftest import SAMPLE


def _render(doc) -> bytes:
    return render_pptx(doc, lambda message: pytest.fail(f"the deck warned: {message}"))


@pytest.fixture(scope="module")
def large_pptx(large_doc) -> bytes:
    return _render(large_doc)


def test_every_slide_has_its_notes_with_the_planned_text(large_doc, large_pptx):
    """The large brief has markup-like text (AT&T <b>, 0.1 < x), Greek, Cyrillic and CJK."""
    prs = Presentation(io.BytesIO(large_pptx))
    plans = plan_deck(large_doc)
    assert len(prs.slides) == len(plans) > 40
    assert [s.notes_slide.notes_text_frame.text for s in prs.slides] == \
        [clean_notes(p.notes) for p in plans]
    notes_pages = {s.notes_slide.part.partname for s in prs.slides}
    assert len(notes_pages) == len(plans)  # one each, none shared


def test_shape_ids_are_unique_on_every_slide_also_with_a_logo(sample_doc, logo_pack):
    for data in (_render(sample_doc), _render(load_document(SAMPLE, logo_pack))):
        for slide in Presentation(io.BytesIO(data)).slides:
            ids = [shape.shape_id for shape in slide.shapes]
            assert len(ids) == len(set(ids)) > 2


def test_logo_is_drawn_last_on_the_cover(logo_pack):
    cover = Presentation(io.BytesIO(_render(load_document(SAMPLE, logo_pack)))).slides[0]
    shapes = list(cover.shapes)
    assert shapes[-1].shape_type == 13  # MSO_SHAPE_TYPE.PICTURE
    assert shapes[-1].shape_id == max(s.shape_id for s in shapes)


def test_slides_carry_no_placeholder_but_their_title_body_footer_and_number(sample_doc):
    """The title and the first text of a slide go into the layout's title and body
    placeholders (outline view and "Reset" find them); the layout's footer and
    slide-number placeholders are on each slide, so Insert > Header & Footer controls
    them; no placeholder is left empty ("Click to add text")."""
    prs = Presentation(io.BytesIO(_render(sample_doc)))
    bodies = 0
    for slide in prs.slides:
        found = [(p.placeholder_format.idx, p.placeholder_format.type)
                 for p in slide.placeholders]
        body = [(idx, kind) for idx, kind in found if idx not in (0, 11, 12)]
        assert [f for f in found if f not in body] == [
            (0, slide.shapes.title.placeholder_format.type), (11, PP_PLACEHOLDER.FOOTER),
            (12, PP_PLACEHOLDER.SLIDE_NUMBER)]
        layout_body = [(p.placeholder_format.idx, p.placeholder_format.type)
                       for p in slide.slide_layout.placeholders
                       if p.placeholder_format.idx == 1]
        assert body in ([], layout_body)
        bodies += bool(body)
        assert all(p.text_frame.text.strip() for p in slide.placeholders
                   if p.placeholder_format.idx in (0, 1))
    assert bodies >= len(prs.slides) - 2  # all but slides with no text of their own


def test_decks_are_independent_of_what_was_rendered_before(sample_doc, logo_pack):
    """Each deck opens the master afresh: a deck with a logo, charts and links in between
    leaves the next deck's bytes as they were."""
    first = _render(sample_doc)
    _render(load_document(SAMPLE, logo_pack))
    assert _render(sample_doc) == first


def test_the_masters_own_slides_are_removed(sample_doc, tmp_path):
    """A pack whose master carries two slides gets a deck of the planned slides only."""
    prs = Presentation(str(sample_doc.theme.slide_master))
    for title in ("old one", "old two"):
        slide = prs.slides.add_slide(prs.slide_layouts[2])
        slide.shapes.title.text = title
    folder = tmp_path / "pack"
    (folder / "deck").mkdir(parents=True)
    prs.save(str(folder / "deck" / "master.pptx"))
    (folder / "pack.yaml").write_text("name: with-slides\nextends: default\n"
                                      "slide:\n  master: deck/master.pptx\n")
    doc = load_document(SAMPLE, load_pack(folder))
    assert len(open_master(doc.theme.slide_master).slides) == 0
    deck = Presentation(io.BytesIO(_render(doc)))
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles == [p.title for p in plan_deck(doc)]
    with zipfile.ZipFile(io.BytesIO(_render(doc))) as package:
        slides = [n for n in package.namelist() if n.startswith("ppt/slides/slide")]
    assert len(slides) == len(titles)


def test_part_names_are_the_ones_python_pptx_chooses(sample_doc):
    """The cache hands out what ``next_partname`` would, then counts on."""
    prs = open_master(sample_doc.theme.slide_master)
    package = prs.part.package
    expected = package.next_partname("/ppt/theme/theme%d.xml")
    names = PartNames(package)
    assert names.next("/ppt/theme/theme%d.xml") == expected == "/ppt/theme/theme2.xml"
    assert names.next("/ppt/theme/theme%d.xml") == "/ppt/theme/theme3.xml"
    charts = [names.next("/ppt/charts/chart%d.xml") for _ in range(3)]
    assert charts == [f"/ppt/charts/chart{n}.xml" for n in (1, 2, 3)]


def test_chart_part_names_follow_each_other_in_a_deck(large_doc, large_pptx):
    prs = Presentation(io.BytesIO(large_pptx))
    charts = [s.chart.part for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert [str(c.partname) for c in charts] == \
        [f"/ppt/charts/chart{n}.xml" for n in range(1, len(large_doc.figures) + 1)]
    books = [str(c.chart_workbook.xlsx_part.partname) for c in charts]
    assert len(set(books)) == len(books)


def test_save_dates_every_entry_and_keeps_the_order(sample_doc):
    prs = open_master(sample_doc.theme.slide_master)
    plain = io.BytesIO()
    prs.save(plain)
    stamp = dt.datetime(2024, 2, 29, 13, 45, 59)
    data = save(prs, stamp)
    with zipfile.ZipFile(plain) as before, zipfile.ZipFile(io.BytesIO(data)) as after:
        assert after.namelist() == before.namelist()
        assert all(after.read(n) == before.read(n) for n in before.namelist())
        infos = after.infolist()
    assert {i.date_time for i in infos} == {(2024, 2, 29, 13, 45, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert {i.external_attr >> 16 for i in infos} == {0o644}
    assert save(prs, stamp) == data
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None  # every entry's CRC holds


def test_zip_time_is_clamped_to_the_zip_range():
    assert zip_time(dt.datetime(1970, 1, 1)) == (1980, 1, 1, 0, 0, 0)
    assert zip_time(dt.datetime(2200, 5, 6, 7, 8, 9)) == (2107, 5, 6, 7, 8, 0)
    assert zip_time(dt.datetime(2025, 2, 10, 12, 0, 30)) == (2025, 2, 10, 12, 0, 0)


def test_added_parts_are_python_pptx_parts_it_reads_back(sample_doc):
    """A part made as the deck makes its charts' parts is saved and read back."""
    prs = open_master(sample_doc.theme.slide_master)
    names = PartNames(prs.part.package)
    blob = b"not really a workbook"
    part = Part(names.next("/ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx"), CT.SML_SHEET,
                prs.part.package, blob)
    prs.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/"
                       "relationships/package")
    again = Presentation(io.BytesIO(save(prs, dt.datetime(2025, 1, 1))))
    parts = {str(p.partname): p for p in again.part.package.iter_parts()}
    assert parts["/ppt/embeddings/Microsoft_Excel_Sheet1.xlsx"].blob == blob


@pytest.mark.skipif(shutil.which("unzip") is None, reason="needs unzip")
def test_unzip_reads_the_deck(sample_doc, tmp_path):
    import subprocess

    deck = tmp_path / "deck.pptx"
    deck.write_bytes(_render(sample_doc))
    subprocess.run(["unzip", "-tq", str(deck)], check=True, capture_output=True)
