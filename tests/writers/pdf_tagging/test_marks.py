"""The recorder: the tree it builds with the story and the operators it writes."""

from __future__ import annotations

from io import BytesIO

import pikepdf
import pytest

from deckmaker.writers.pdf.tagging.marks import MarkedContent, Recorder

from .sample import build_sample


class Stream:
    """A stand-in canvas recording the operators added to the page stream (a literal
    may hold several, a line each: reportlab joins a page's literals with newlines)."""

    def __init__(self) -> None:
        self.operators: list[str] = []
        self.page = 1

    def addLiteral(self, text: str) -> None:
        self.operators.extend(text.split("\n"))

    def getPageNumber(self) -> int:
        return self.page


def test_content_and_artifacts_write_their_operators_with_mcids_per_page():
    recorder, canvas = Recorder(), Stream()
    with recorder.artifact(canvas, "Pagination", "Header"):
        pass
    with recorder.content(canvas, "P") as first:
        pass
    canvas.page = 2
    with recorder.content(canvas, first):
        pass
    assert canvas.operators == [
        "/Artifact <</Type /Pagination /Subtype /Header>> BDC", "EMC",
        "/P <</MCID 0>> BDC", "EMC",
        "/P <</MCID 0>> BDC", "EMC",  # MCIDs count from 0 on each page
    ]
    assert first.marked_content() == [MarkedContent(1, 0), MarkedContent(2, 0)]


def test_content_inside_an_artifact_ends_and_resumes_it():
    recorder, canvas = Recorder(), Stream()
    cell = recorder.element("TD")
    with recorder.artifact(canvas, "Layout"):
        with recorder.content(canvas, cell):
            pass
    assert canvas.operators == ["/Artifact <</Type /Layout>> BDC", "EMC",
                                "/TD <</MCID 0>> BDC", "EMC",
                                "/Artifact <</Type /Layout>> BDC", "EMC"]


def test_content_inside_content_never_nests_mcids():
    recorder, canvas = Recorder(), Stream()
    outer, inner = recorder.element("Div"), recorder.element("P")
    with recorder.content(canvas, outer):
        with recorder.content(canvas, inner):
            pass
    assert canvas.operators == ["/Div <</MCID 0>> BDC", "EMC", "/P <</MCID 1>> BDC",
                                "EMC", "/Div <</MCID 2>> BDC", "EMC"]
    assert [m.mcid for m in outer.marked_content()] == [0, 2]


def test_a_label_takes_the_first_text_object_only():
    recorder, canvas = Recorder(), Stream()
    recorder.open("L")
    _, label, body = recorder.list_item()
    with recorder.content(canvas, body, label=label):
        with recorder.text_object(canvas):
            canvas.addLiteral("BT (1.) Tj ET")
        with recorder.text_object(canvas):
            canvas.addLiteral("BT (text) Tj ET")
    assert canvas.operators == ["/LBody <</MCID 0>> BDC", "EMC", "/Lbl <</MCID 1>> BDC",
                                "BT (1.) Tj ET", "EMC", "/LBody <</MCID 2>> BDC",
                                "BT (text) Tj ET", "EMC"]


def test_the_tree_follows_the_story_and_refuses_what_pdf_ua_forbids():
    recorder = Recorder()
    recorder.open("Sect")
    recorder.element("H1")
    table, cells = recorder.table(2, 2, header_rows=1, header_columns=1)
    assert [[c.type, c.scope] for row in cells for c in row] == [
        ["TH", "Both"], ["TH", "Column"], ["TH", "Row"], ["TD", None]]
    assert [kid.type for kid in table.kids] == ["TR", "TR"]
    recorder.close("Sect")
    assert [e.type for e in recorder.root.elements()] == [
        "Document", "Sect", "H1", "Table", "TR", "TH", "TH", "TR", "TH", "TD"]
    with pytest.raises(ValueError, match="needs alternative text"):
        recorder.figure("  ")
    with pytest.raises(ValueError, match="not a standard structure type"):
        recorder.element("Heading")
    with pytest.raises(ValueError, match="not in an L"):
        recorder.list_item()
    with pytest.raises(ValueError, match="close"):
        recorder.close()
    with pytest.raises(ValueError, match="not an artifact type"):
        with recorder.artifact(Stream(), "Pagination", "Sidebar"):
            pass


def _marks(data: bytes) -> list[list[str]]:
    """Each page's marked-content openings, as "tag mcid" or "Artifact type"."""
    pages = []
    with pikepdf.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            found = []
            for operands, _operator in pikepdf.parse_content_stream(page, "BDC"):
                tag, properties = str(operands[0])[1:], operands[1]
                found.append(f"{tag} {properties.MCID}" if "/MCID" in properties
                             else f"{tag} {str(properties.Type)[1:]}")
            pages.append(found)
    return pages


def test_the_sample_is_marked_in_drawing_order_on_a_real_canvas():
    recorder_out: list[Recorder] = []
    marks = _marks(build_sample(tagged=True, recorder_out=recorder_out))
    first = marks[0]
    assert first[:6] == ["Artifact Pagination", "Artifact Pagination", "H1 0", "H2 1",
                         "Artifact Layout", "P 2"]
    # each list item: an empty LBody opening, the bullet as Lbl, then the text as LBody
    assert first[6:9] == ["LBody 3", "Lbl 4", "LBody 5"]
    # the long paragraph closing each section breaks over the page: one P, two pages
    recorder = recorder_out[0]
    pages = [[m.page for m in e.marked_content()] for e in recorder.root.elements()
             if e.type == "P" and e.parent.type == "Sect"]
    assert pages == [[1], [1, 2], [2], [2, 3]]
    assert marks[1][0:3] == ["Artifact Pagination", "Artifact Pagination", "P 0"]


def test_a_repeated_table_header_is_drawn_as_an_artifact_the_second_time():
    recorder_out: list[Recorder] = []
    marks = _marks(build_sample(tagged=True, sections=1, table_rows=60,
                                recorder_out=recorder_out))
    recorder = recorder_out[0]
    headers = [e for e in recorder.root.elements() if e.type == "TH"]
    assert [[m.page for m in h.marked_content()] for h in headers] == [[1], [1]]
    cells = [e for e in recorder.root.elements() if e.type == "TD"]
    assert {m.page for c in cells for m in c.marked_content()} == {1, 2}
    # page 2: header and footer, the table's rules, its header row again, its rows
    assert marks[1][:5] == ["Artifact Pagination", "Artifact Pagination",
                            "Artifact Layout", "Artifact Pagination", "Artifact Layout"]
    assert marks[1][5] == "Artifact Pagination" and marks[1][7].startswith("TD ")


def test_a_wrapper_reads_the_writers_hints_on_its_flowable():
    from reportlab.platypus import Spacer

    from deckmaker.writers.pdf.tagging.flowables import Decoration
    inner = Spacer(1, 10)
    inner.starts_block = True
    wrapper = Decoration(inner, Recorder())
    wrapper.keepWithNext = 1
    assert wrapper.starts_block is True and inner.keepWithNext == 1
    assert wrapper.getKeepWithNext() == 1
    with pytest.raises(AttributeError):
        wrapper.no_such_hint  # noqa: B018 (the lookup itself is the test)
