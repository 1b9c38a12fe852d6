"""The post-pass, end to end on the sample: what a reader of the PDF finds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name

from deckmaker.writers.pdf.tagging.canvas import TaggingCanvas
from deckmaker.writers.pdf.tagging.check import check_pdf
from deckmaker.writers.pdf.tagging.marks import Recorder
from deckmaker.writers.pdf.tagging.structure import TaggingError, tag_pdf
from deckmaker.writers.pdf.tagging.xmp import xmp_date

from .sample import CHART_ALT, LANG, TITLE, build_sample


@pytest.fixture(scope="module")
def tagged() -> bytes:
    return build_sample(tagged=True)


def _run(tool: str, path: Path, *args: str) -> str:
    return subprocess.run([tool, *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_poppler_reads_it_as_tagged_with_the_same_text(tagged, tmp_path):
    plain, marked = tmp_path / "plain.pdf", tmp_path / "tagged.pdf"
    plain.write_bytes(build_sample(tagged=False))
    marked.write_bytes(tagged)
    info = subprocess.run(["pdfinfo", str(marked)], capture_output=True, text=True,
                          check=True).stdout
    assert "Tagged:          yes" in info and "Metadata Stream: yes" in info
    assert "Tagged:          no" in subprocess.run(
        ["pdfinfo", str(plain)], capture_output=True, text=True, check=True).stdout
    assert _run("pdftotext", marked) == _run("pdftotext", plain)
    assert "Section 2" in _run("pdftotext", marked)


def test_the_same_story_gives_the_same_bytes(tagged):
    assert build_sample(tagged=True) == tagged


def _tree(data: bytes) -> list[tuple[int, str, str]]:
    """(depth, type, /Alt or /Scope or "") of every element, in reading order."""
    rows: list[tuple[int, str, str]] = []
    with pikepdf.open(BytesIO(data)) as pdf:
        def walk(element, depth):
            if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
                return
            extra = str(element.get("/Alt", "")) or str(element.get("/A", {}).get(
                "/Scope", ""))
            rows.append((depth, str(element.S)[1:], extra))
            for kid in element.K:
                walk(kid, depth + 1)
        for kid in pdf.Root.StructTreeRoot.K:
            walk(kid, 0)
    return rows


def test_the_structure_tree_is_the_story_in_reading_order(tagged):
    rows = _tree(tagged)
    assert rows[:4] == [(0, "Document", ""), (1, "H1", ""), (1, "Sect", ""), (2, "H2", "")]
    section = [row for row in rows[3:] if row[1] != "Sect"][:22]
    assert section == [
        (2, "H2", ""),
        (2, "P", ""), (3, "Link", "https://example.org/report/1"),
        (3, "Link", "Go to sec1"),
        (2, "L", ""),
        (3, "LI", ""), (4, "Lbl", ""), (4, "LBody", ""),
        (3, "LI", ""), (4, "Lbl", ""), (4, "LBody", ""),
        (3, "LI", ""), (4, "Lbl", ""), (4, "LBody", ""),
        (2, "Table", ""), (3, "TR", ""), (4, "TH", "/Column"), (4, "TH", "/Column"),
        (3, "TR", ""), (4, "TD", ""), (4, "TD", ""),
        (3, "TR", ""),
    ]
    assert (2, "Figure", CHART_ALT) in rows
    assert [r[1] for r in rows].count("Sect") == 2


def test_catalog_pages_links_and_metadata(tagged):
    with pikepdf.open(BytesIO(tagged)) as pdf:
        root = pdf.Root
        assert str(root.Lang) == LANG and root.MarkInfo.Marked is True
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(root.Version) == "/1.7"  # the incremental update raises the header's 1.4
        xmp = root.Metadata.read_bytes().decode()
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert f'<rdf:li xml:lang="x-default">{TITLE}</rdf:li>' in xmp
        assert "<xmp:CreateDate>2000-01-01T00:00:00+00:00</xmp:CreateDate>" in xmp  # invariant
        first = pdf.pages[0].obj
        assert first.Tabs == Name.S and first.StructParents == 0
        links = [a for a in first.Annots if a.Subtype == Name.Link]
        assert [str(a.Contents) for a in links] == [
            "https://example.org/report/1", "Go to sec1",
            "https://example.org/report/2", "Go to sec2"][:len(links)]
        numbers = root.StructTreeRoot.ParentTree.Nums
        entry = dict(zip(numbers[::2], numbers[1::2], strict=True))[links[0].StructParent]
        assert entry.S == Name("/Link") and entry.K[0].Obj.objgen == links[0].objgen


def test_pdf_dates_become_xmp_dates():
    assert xmp_date("D:20240131235959+01'00'") == "2024-01-31T23:59:59+01:00"
    assert xmp_date("D:20240131235959Z") == "2024-01-31T23:59:59Z"
    assert xmp_date("yesterday") == ""


def test_the_project_checker_passes_the_sample(tagged):
    assert check_pdf(tagged) == []


def test_a_recorder_that_missed_a_link_is_refused():
    plain = build_sample(tagged=False)  # links drawn, none recorded
    with pytest.raises(TaggingError, match="^4 annotations in the PDF, 0 links drawn "):
        tag_pdf(plain, Recorder(), title=TITLE, lang=LANG)


def test_an_annotation_in_a_links_place_that_is_not_a_link_is_refused():
    recorder, buffer = Recorder(), BytesIO()
    canvas = TaggingCanvas(buffer)
    canvas.recorder = recorder
    recorder.link(canvas, "https://example.org")  # noted as a link, drawn as a note
    canvas.textAnnotation("A note", Rect=(72, 72, 144, 96))
    canvas.showPage()
    canvas.save()
    with pytest.raises(TaggingError, match="^annotation 1 of page 1 is not a link$"):
        tag_pdf(buffer.getvalue(), recorder, title=TITLE, lang=LANG)


OUTLOUD = shutil.which("outloud") or str(Path(sys.executable).with_name("outloud"))


@pytest.mark.slow  # outloud opens the file with PyMuPDF and pikepdf: some 4 s a file
@pytest.mark.skipif(not Path(OUTLOUD).exists(), reason="outloud (PDF/UA-1 checker) not installed")
def test_an_independent_checker_passes_the_sample_and_fails_an_untagged_build(tagged, tmp_path):
    good, bad = tmp_path / "tagged.pdf", tmp_path / "untagged.pdf"
    good.write_bytes(tagged)
    bad.write_bytes(build_sample(tagged=False))
    result = subprocess.run([OUTLOUD, "--fail-on", "warning", "-q", str(good), str(bad)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith("PASS") and "tagged.pdf: 0 error(s), 0 warning(s)" in line
               for line in lines), result.stdout
    assert any(line.startswith("FAIL") and "untagged.pdf" in line for line in lines)

