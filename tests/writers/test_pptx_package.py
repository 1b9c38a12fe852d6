"""The deck's package as written: slide and notes XML put together as text must be
exactly what python-pptx would serialize, and every slide's shapes numbered once."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.oxml import serialize_part_xml

from deckmaker.build import load_document
from deckmaker.writers.pptx import clean_notes, render_pptx
from deckmaker.writers.pptx.package import with_shapes
from deckmaker.writers.pptx.plan import plan_deck
from tests.conftest import SAMPLE

PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # python-pptx's
_PARTS = re.compile(r"ppt/(slides|notesSlides)/\w+\.xml$")


@pytest.fixture(scope="module")
def large_zip(large_doc) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(render_pptx(large_doc)))


def test_slides_and_notes_are_as_lxml_writes_them(large_zip):
    """The large brief has markup-like text (AT&T <b>, 0.1 < x), Greek, Cyrillic and CJK:
    written as text, each part still equals its own parse-and-serialize round trip."""
    names = [n for n in large_zip.namelist() if _PARTS.match(n)]
    assert len(names) > 40
    for name in names:
        xml = large_zip.read(name)
        assert serialize_part_xml(etree.fromstring(xml, PARSER)) == xml, name


def test_notes_pages_differ_only_in_their_text(large_doc, large_zip):
    notes = sorted((n for n in large_zip.namelist() if n.startswith("ppt/notesSlides/n")),
                   key=lambda n: int(re.findall(r"\d+", n)[0]))
    body = re.compile(rb"(<p:txBody><a:bodyPr/><a:lstStyle/>).*?(</p:txBody>)", re.DOTALL)
    shells = {body.sub(rb"\1\2", large_zip.read(n)) for n in notes}
    assert len(shells) == 1
    prs = Presentation(io.BytesIO(render_pptx(large_doc)))
    plans = plan_deck(large_doc)
    assert [s.notes_slide.notes_text_frame.text for s in prs.slides] == \
        [clean_notes(p.notes) for p in plans]


def test_shape_ids_are_unique_on_every_slide_also_with_a_logo(sample_doc, logo_pack):
    for data in (render_pptx(sample_doc), render_pptx(load_document(SAMPLE, logo_pack))):
        for slide in Presentation(io.BytesIO(data)).slides:
            ids = [shape.shape_id for shape in slide.shapes]
            assert len(ids) == len(set(ids)) > 2


def test_logo_is_drawn_last_on_the_cover(logo_pack):
    cover = Presentation(io.BytesIO(render_pptx(load_document(SAMPLE, logo_pack)))).slides[0]
    shapes = list(cover.shapes)
    assert shapes[-1].shape_type == 13  # MSO_SHAPE_TYPE.PICTURE
    assert shapes[-1].shape_id == max(s.shape_id for s in shapes)


def test_shapes_go_at_the_end_of_the_shape_tree():
    slide = b"<p:sld><p:cSld><p:spTree><p:nvGrpSpPr/><p:sp/></p:spTree></p:cSld></p:sld>"
    assert with_shapes(slide, "<p:sp>\u00e9</p:sp>") == (
        b"<p:sld><p:cSld><p:spTree><p:nvGrpSpPr/><p:sp/><p:sp>\xc3\xa9</p:sp></p:spTree>"
        b"</p:cSld></p:sld>")


def test_zip_archives_are_as_zipfile_writes_them():
    """``deflated_zip`` against ``ZipFile.writestr`` (level 6, fixed time, mode 0644),
    with an empty entry, a non-ASCII name and incompressible bytes."""
    import random

    from deckmaker.writers.pptx.ziparchive import deflated_zip

    noise = random.Random(7).randbytes(5000)
    entries = [("[Content_Types].xml", b"<Types/>" * 50), ("empty", b""),
               ("ppt/m\u00e9dia/\u56fe.bin", noise)]
    when = (2024, 2, 29, 13, 45, 59)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data, compresslevel=6)
    assert deflated_zip(entries, when) == out.getvalue()


def test_decks_share_the_master_read_once_without_changing_it(sample_doc, logo_pack):
    """The master's parts are read once and copied per deck: a deck with a logo, charts
    and links in between leaves the next deck's bytes as they were."""
    from deckmaker.writers.pptx.master import open_master

    first = render_pptx(sample_doc)
    render_pptx(load_document(SAMPLE, logo_pack))
    assert render_pptx(sample_doc) == first
    master = sample_doc.theme.slide_master
    assert open_master(master) is open_master(master)


def test_every_part_is_what_python_pptx_saves_of_it(large_zip):
    """A python-pptx upgrade that writes parts differently fails here rather than leaving
    the hand-assembled package behind it. core.xml is python-pptx's own CorePropertiesPart
    output; its re-save differs only in writing empty properties as ``<x/>``."""
    saved = io.BytesIO()
    Presentation(io.BytesIO(large_zip.fp.getvalue())).save(saved)
    with zipfile.ZipFile(saved) as after:
        assert sorted(after.namelist()) == sorted(large_zip.namelist())
        differ = [n for n in large_zip.namelist() if after.read(n) != large_zip.read(n)]
    assert differ == ["docProps/core.xml"]
