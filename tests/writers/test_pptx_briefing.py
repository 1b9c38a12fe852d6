"""The briefing deck a briefer presents (issue 12), read back from the saved file: the
main section's order and length, at most 60 words of body text a slide at the pack's
smallest body size or larger, the chart on its judgment's slide, a backup section the
pack can drop, speaker notes about their slide only, slide numbers that are fields and
renumber when a slide is deleted, and one neutral confidence mark."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from deckmaker.build import load_document
from deckmaker.inline import plain_text
from deckmaker.pack import load_pack
from deckmaker.writers.pptx import render_pptx
from deckmaker.writers.pptx.elements import Box, Geometry, Text
from deckmaker.writers.pptx.plan import plan_deck, table_runs
from tests.conftest import SAMPLE, soffice
from tests.writers.pptx.briefs import HOSTILE_TEXT, load_briefs
from tests.writers.pptx.reading import (
    body_sizes, body_text, main_slides, notes_of, open_deck, title_of, words,
)

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"p": P, "a": A}


def _render(doc) -> bytes:
    return render_pptx(doc, lambda message: pytest.fail(f"the deck warned: {message}"))


@pytest.fixture(scope="module")
def briefs(sample_doc, pack, tmp_path_factory):
    docs = {"sample": sample_doc, **load_briefs(tmp_path_factory.mktemp("briefing"), pack)}
    return {name: (doc, _render(doc)) for name, doc in docs.items()}


def test_the_sample_deck_presents_its_argument_in_ten_slides_then_a_backup(briefs):
    doc, data = briefs["sample"]
    prs = open_deck(data)
    titles = [title_of(s) for s in prs.slides]
    headlines = [j.headline[0].text for j in doc.judgments]
    assert titles[:10] == [doc.title, "Bottom line up front", "Key judgments at a glance",
                           *headlines, "Implications", "Questions"]
    assert titles[10:] == ["Backup", "Evidence", "Evidence (continued)",
                           "Evidence (continued 2)", "Indicators to watch", "Sources",
                           "Estimative language"]
    assert len(set(titles)) == len(titles)


def test_the_recommendations_are_the_closing_slide_and_the_indicators_are_backup(briefs):
    doc, data = briefs["sample"]
    slides = list(open_deck(data).slides)
    closing = slides[9]
    lines = body_text(closing).split("\n")
    assert lines[0] == "Recommendations" and len(lines) == 4
    assert [line[:20] for line in lines[1:]] == ["Track Chinese offici", "Assess whether the R",
                                                 "Avoid framing China,"]
    assert "more in the speaker notes" not in body_text(closing)
    notes = notes_of(closing)
    assert notes.startswith("Invite questions;")
    assert "- Avoid framing China, Russia and North Korea as a single bloc in analytic " \
           "products; the divergences among them are analytically significant. " \
           "(Owner: Analytic Standards Lead)" in notes
    indicators = slides[14]
    assert title_of(indicators) == "Indicators to watch"
    shown = body_text(indicators).split("\n")
    assert shown == [plain_text(i.text) for i in doc.section("indicators").blocks]


def test_recommendations_too_many_for_the_closing_slide_take_their_own_slide(pack, tmp_path):
    text = SAMPLE.read_text("utf-8").replace(
        "recommendations:\n", "recommendations:\n" + "".join(
            f"  - text: Extra recommendation number {n} to follow up on.\n"
            for n in range(1, 7)), 1)
    path = tmp_path / "many.yaml"
    path.write_text(text, "utf-8")
    prs = open_deck(_render(load_document(path, pack)))
    titles = [title_of(s) for s in main_slides(prs)]
    assert titles[-2:] == ["Recommendations", "Questions"]
    assert "more in the speaker notes" in body_text(main_slides(prs)[-2])
    assert body_text(main_slides(prs)[-1]) == ""


def test_main_slides_hold_at_most_60_words_at_the_smallest_body_size_or_larger(briefs):
    smallest = load_pack().config.slide.body_pt.min
    for name, (doc, data) in briefs.items():
        main = main_slides(open_deck(data))
        assert len(main) <= len(doc.judgments) + 8, name
        for number, slide in enumerate(main, 1):
            if title_of(slide).startswith(("Key judgments at a glance", "Key judgments ")):
                continue  # the overview: one line a judgment, however many
            text = body_text(slide)
            assert words(text) <= 60, (name, number, words(text), text)
            assert all(size >= smallest for size in body_sizes(slide)), (name, number)
            assert not re.search(r"\(\d+/\d+\)|\(continued", title_of(slide)), (name, number)


def test_the_sample_bottom_line_is_its_first_sentence_and_the_rest_is_in_the_notes(briefs):
    doc, data = briefs["sample"]
    slide = open_deck(data).slides[1]
    shown = body_text(slide)
    assert shown.startswith("The Russia-North Korea military partnership") and \
        shown.endswith("status-quo Korean Peninsula.")
    assert words(shown) <= 40
    assert "China has so far chosen silence over criticism" in notes_of(slide)


def test_a_short_bottom_line_given_in_the_brief_is_the_slide(pack, tmp_path):
    text = SAMPLE.read_text("utf-8").replace(
        "bluf: >-", "bluf_short: Moscow's pact with Pyongyang is costing Beijing its leverage.\n"
        "bluf: >-", 1)
    path = tmp_path / "short.yaml"
    path.write_text(text, "utf-8")
    slide = open_deck(_render(load_document(path, pack))).slides[1]
    assert body_text(slide) == "Moscow\u2019s pact with Pyongyang is costing Beijing its leverage."


def test_every_judgment_with_a_figure_has_its_chart_on_its_own_slide(briefs):
    for name, (doc, data) in briefs.items():
        main = main_slides(open_deck(data))
        overviews = sum(title_of(s).startswith("Key judgments") for s in main)
        for judgment, slide in zip(doc.judgments, main[2 + overviews:], strict=False):
            figures = [e.figure for e in doc.evidence_of(judgment) if e.figure]
            title = re.sub(r"^KJ\d+: ", "", title_of(slide)).rstrip("\u2026")
            assert title in "".join(x.text for x in judgment.headline)
            charts = [s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart]
            assert len(charts) == (1 if figures else 0), (name, judgment.label)
            if figures:
                texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
                assert figures[0].title in texts
                assert figures[0].source_text is None or figures[0].source_text in texts
                chart, bullets = charts[0], max(
                    (s for s in slide.shapes if s.has_text_frame
                     and s.text_frame.text.startswith("E")), key=lambda s: s.top, default=None)
                if bullets is not None:
                    assert bullets.left + bullets.width <= chart.left  # bullets left, chart right


def test_the_sample_figure_title_is_a_finding_with_its_source_line(briefs):
    doc, data = briefs["sample"]
    slide = open_deck(data).slides[3]
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "Xi and Kim have not met since their 2019 summit" in texts
    assert "Source: [S1] 9DASHLINE, 5 February 2025" in texts


def test_the_backup_can_be_dropped_by_the_pack(tmp_path):
    folder = tmp_path / "short-deck"
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: short\nextends: default\ndeck:\n  backup: false\n")
    prs = open_deck(_render(load_document(SAMPLE, load_pack(folder))))
    titles = [title_of(s) for s in prs.slides]
    assert titles[-1] == "Questions" and "Backup" not in titles and len(titles) == 10
    assert "Indicators to watch" not in titles


def test_notes_are_about_their_slide_never_its_text_never_a_url(briefs):
    for name, (_, data) in briefs.items():
        prs = open_deck(data)
        for number, slide in enumerate(prs.slides, 1):
            notes = notes_of(slide)
            assert notes.strip(), (name, number)
            assert "http" not in notes, (name, number)
            if slide in main_slides(prs):
                assert notes.strip() != body_text(slide).strip(), (name, number)


def test_judgment_notes_give_the_message_statement_evidence_sources_and_caveat(briefs):
    doc, data = briefs["sample"]
    notes = notes_of(open_deck(data).slides[4])  # KJ2
    kj2 = doc.judgments[1]
    lines = notes.split("\n")
    assert lines[0] == f"Key message: {kj2.headline[0].text}"
    assert any(line.startswith("KJ2 Beijing is likely to keep avoiding public criticism")
               for line in lines)
    cited = [line.strip()[2:4] for line in lines if line.startswith("- E")]
    assert cited == ["E4", "E5", "E9"]  # the evidence in number order
    assert "[S1] How the Russia-North Korea alliance challenges China\u2019s strategic " \
           "interests in Northeast Asia, Anny Boc, 9DASHLINE, 5 February 2025" in notes
    assert lines[-1] == ("Sourcing caveat (Moderate confidence): Credibly sourced and "
                         "plausible, but not corroborated enough to warrant high confidence.")
    # notes of one slide: nothing of the next judgment
    assert "KJ3" not in notes and "E8" not in notes


def test_implications_notes_hold_the_full_text_the_slide_shortened(briefs):
    doc, data = briefs["sample"]
    slide = open_deck(data).slides[8]
    assert title_of(slide) == "Implications"
    full = ("Beijing faces a widening gap between its stated opposition to bloc politics and "
            "its tolerance of a Russia-North Korea defence pact, weakening its pitch as a "
            "stabilising power on the peninsula.")
    assert full in notes_of(slide) and full not in body_text(slide)
    assert [line for line in body_text(slide).split("\n") if line.startswith("For ")] == \
        ["For China", "For United States", "For South Korea and Japan", "For Europe"]


def test_hostile_text_is_printed_exactly(briefs):
    doc, data = briefs["hostile"]
    prs = open_deck(data)
    every = "\n".join(title_of(s) + "\n" + body_text(s) + "\n" + notes_of(s)
                      for s in prs.slides)
    assert HOSTILE_TEXT in every and "49" not in every.replace("2025", "")
    assert "&amp;" not in every and "&lt;" not in every


def _slide_numbers(data: bytes) -> list[str]:
    """The text of each slide's slide-number field, read from the XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
        rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        out = []
        for sld in presentation.iterfind(".//p:sldIdLst/p:sldId", NS):
            rid = sld.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            slide = etree.fromstring(package.read("ppt/" + targets[rid]))
            fields = slide.xpath(".//p:sp[p:nvSpPr/p:nvPr/p:ph[@type='sldNum']]"
                                 "//a:fld[@type='slidenum']", namespaces=NS)
            out.append("".join(fields[0].itertext()) if len(fields) == 1 else None)
        return out


def test_slide_numbers_are_fields_in_the_slide_number_placeholder(briefs):
    _, data = briefs["sample"]
    assert _slide_numbers(data) == [str(n) for n in range(1, len(open_deck(data).slides) + 1)]
    prs = open_deck(data)
    for slide in prs.slides:  # python-pptx reads the placeholder and its field too
        [number] = [s for s in slide.placeholders if s.placeholder_format.type == 13]
        assert number.element.xpath(".//a:fld/@type") == ["slidenum"]


def test_marking_rule_and_footer_are_on_the_layouts_so_new_slides_carry_them(briefs):
    _, data = briefs["sample"]
    prs = open_deck(data)
    used = list({slide.slide_layout.name: slide.slide_layout for slide in prs.slides}.values())
    assert len(used) == 3
    for layout in used:
        names = [s.name for s in layout.shapes]
        assert names.count("deckmaker marking") == 2  # top and bottom banners
        kinds = {s.placeholder_format.type for s in layout.placeholders}
        assert {15, 13} <= kinds  # FOOTER, SLIDE_NUMBER
    new = prs.slides.add_slide(used[-1])
    assert [s.name for s in new.slide_layout.shapes].count("deckmaker marking") == 2


def _without_slide(data: bytes, index: int) -> bytes:
    """The deck with its ``index``-th slide dropped from the slide list, editing the
    saved XML as a user's editor would (python-pptx has no public delete)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "ppt/presentation.xml":
                root = etree.fromstring(blob)
                ids = root.find(f"{{{P}}}sldIdLst")
                ids.remove(list(ids)[index])
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(info, blob)
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice (soffice) and poppler (pdftotext)")
def test_deleting_a_slide_renumbers_the_rest_in_libreoffice(briefs, tmp_path):
    _, data = briefs["sample"]
    deck = tmp_path / "edited.pptx"
    deck.write_bytes(_without_slide(data, 2))  # the overview
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "edited.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == len(open_deck(data).slides) - 1
    numbers = [re.findall(r"(\d+)\s+TLP:CLEAR\s*$", page.rstrip())[-1] for page in pages]
    assert numbers == [str(n) for n in range(1, len(pages) + 1)]


def test_one_neutral_confidence_mark_of_drawn_dots_and_the_word(briefs):
    doc, data = briefs["sample"]
    slide = open_deck(data).slides[3]  # KJ1, moderate confidence
    dots = [s for s in slide.shapes if s.name.startswith("Confidence dot")]
    assert len(dots) == 3
    filled = [d for d in dots if d.element.spPr.find(f"{{{A}}}solidFill") is not None]
    assert len(filled) == 2
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "Moderate confidence" in texts and "Very likely (80\u201395%)" in texts
    colours = set(re.findall(r'srgbClr val="([0-9A-F]{6})"',
                             b"".join(d.element.xml.encode() for d in dots).decode()))
    assert colours <= {"1B2A41", "1F2328"}  # neutral: no red, amber or green
    for old in ("1E6F43", "9A6B00", "B42318"):
        assert old not in data.decode("latin-1")


@pytest.mark.parametrize("width", [880, 709, 520, 400])
def test_at_a_glance_headlines_keep_their_words_on_a_small_body(sample_doc, width):
    """On a template's small body the at-a-glance rows wrap, or take one line that
    keeps four words at least (on a narrow one with the chip and mark under the
    headline), or the judgments take more slides: never "The…"."""
    geometry = Geometry(width=width + 85, height=446, title=Box(43, 7, width, 78),
                        body=Box(43, 113, width, 276), footer_top=400)
    overviews = [s for s in plan_deck(sample_doc, geometry) if s.kind == "overview"]
    headlines = [plain_text(e.lines[0].spans) for s in overviews for e in s.elements
                 if isinstance(e, Text) and e.lines[0].role == "lead"]
    assert len(headlines) == len(sample_doc.judgments)
    for shown, judgment in zip(headlines, sample_doc.judgments, strict=True):
        whole = plain_text(judgment.headline)
        assert shown == whole or len(shown.rstrip("…").split()) >= min(4, len(whole.split()))


@pytest.mark.parametrize(("rows", "top", "expected"), [
    (7, 0, [(False, [0, 1, 2, 3, 4]), (True, [5, 6])]),   # as many as fit, then the rest
    (6, 0, [(False, [0, 1, 2, 3]), (True, [4, 5])]),      # no row alone: one more joins it
    (3, 30, [(True, [0, 1, 2])]),                        # 2 + 1: the table starts a slide
    (3, 0, [(False, [0, 1, 2])]),
])
def test_a_table_over_slides_leaves_no_row_alone(rows, top, expected):
    """Legend tables flow over slides (a 10 pt header and 10 pt rows in a 60 pt body):
    never a lone row under a repeated header."""
    assert table_runs([10.0] * rows, 10.0, top, Box(0, 0, 100, 60)) == expected
