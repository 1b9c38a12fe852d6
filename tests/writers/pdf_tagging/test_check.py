"""The project's checker fails each broken condition it names, and passes the sample."""

from __future__ import annotations

from io import BytesIO

import pikepdf
import pytest
from pikepdf import Name

from deckmaker.writers.pdf.tagging.check import check_pdf

from .sample import build_sample


@pytest.fixture(scope="module")
def tagged() -> bytes:
    return build_sample(tagged=True)


def _edited(data: bytes, edit) -> bytes:
    with pikepdf.open(BytesIO(data)) as pdf:
        edit(pdf)
        out = BytesIO()
        pdf.save(out)
    return out.getvalue()


def _elements(pdf: pikepdf.Pdf, type_: str) -> list[pikepdf.Dictionary]:
    found, pending = [], list(pdf.Root.StructTreeRoot.K)
    while pending:
        element = pending.pop(0)
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            found += [element] if element.S == Name("/" + type_) else []
            pending += [k for k in element.K if isinstance(k, pikepdf.Dictionary)]
    return found


def test_an_untagged_pdf_fails():
    problems = check_pdf(build_sample(tagged=False))
    assert "the catalog has no /StructTreeRoot: the PDF is not tagged" in problems
    assert "the catalog's /MarkInfo does not say /Marked true" in problems
    assert "the catalog has no XMP /Metadata" in problems
    assert "page 1: text (Tj) outside marked content and artifacts (first at operator 6)" \
        in problems


def test_a_text_run_outside_marked_content_fails():
    problems = check_pdf(build_sample(tagged=True, stray="Nobody tagged this."))
    assert len(problems) == 1 and problems[0].startswith(
        "page 1: text (Tj) outside marked content and artifacts")


def test_a_figure_without_alt_fails():
    problems = check_pdf(build_sample(tagged=True, chart_alt=None))
    assert len(problems) == 2 and all(p.endswith(": a Figure without /Alt") for p in problems)


def test_skipped_heading_levels_fail(tagged):
    def demote(pdf):
        for heading in _elements(pdf, "H2"):
            heading.S = Name("/H3")
    problems = check_pdf(_edited(tagged, demote))
    # the first H3 skips a level after the H1; the second follows an H3
    assert [p.split(": ", 1)[1] for p in problems] == ["H3 after H1, a skipped level"]


def test_a_header_cell_without_scope_fails(tagged):
    def unscope(pdf):
        del _elements(pdf, "TH")[0]["/A"]
    problems = check_pdf(_edited(tagged, unscope))
    assert len(problems) == 1 and problems[0].endswith(": a TH without /Scope Row, Column or Both")


def test_an_mcid_the_tree_does_not_reach_fails(tagged):
    def orphan(pdf):
        heading = _elements(pdf, "H1")[0]
        heading.K = pikepdf.Array()
    problems = check_pdf(_edited(tagged, orphan))
    assert problems == ["page 1: MCID 0 is not reachable from the structure tree"]


def test_a_parent_tree_naming_another_element_fails(tagged):
    def swap(pdf):
        page = pdf.Root.StructTreeRoot.ParentTree.Nums[1]
        page[1] = page[0]
    problems = check_pdf(_edited(tagged, swap))
    assert problems == ["page 1: the /ParentTree names another element for MCID 1 than "
                        "the tree does"]


def test_links_catalog_and_metadata_conditions_fail(tagged):
    def strip(pdf):
        root = pdf.Root
        del root["/Lang"]
        root.ViewerPreferences.DisplayDocTitle = False
        root.Metadata = pdf.make_stream(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
        page = pdf.pages[0].obj
        del page["/Tabs"]
        del page.Annots[0]["/Contents"]
        for link in _elements(pdf, "Link"):
            link.K = pikepdf.Array()
    problems = check_pdf(_edited(tagged, strip))
    for expected in ("the catalog has no /Lang",
                     "the catalog's /ViewerPreferences do not say /DisplayDocTitle true",
                     "the XMP metadata does not say pdfuaid:part 1",
                     "the XMP metadata has no dc:title",
                     "page 1: annotations, but no /Tabs /S"):
        assert expected in problems
    assert any(p.endswith("has no /Contents") for p in problems)
    assert any(p.endswith("is not the OBJR of a Link element") for p in problems)


def test_an_unembedded_font_fails():
    from reportlab.pdfgen.canvas import Canvas
    buffer = BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 72, "Base-14")
    canvas.save()
    problems = check_pdf(buffer.getvalue())
    assert "page 1: font /Helvetica is not embedded" in problems
    assert "page 1: font /Helvetica has no /ToUnicode map" in problems
