"""The PDF memo, rendered for real and read back with pypdf and poppler (pdftotext, pdffonts)."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from deckmaker.errors import RenderError
from deckmaker.inline import parse_inline, plain_text
from deckmaker.model import Figure, Judgment, Paragraph, Section, Series
from deckmaker.synthetic import HOSTILE
from deckmaker.writers.pdf import render_pdf
from deckmaker.writers.pdf.chartlayout import legend_grid
from deckmaker.writers.pdf.plan import plan_memo

def quiet(_message: str) -> None:
    """A warn callback that ignores what it is told."""


poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


class Memo:
    """A rendered memo on disk with its text per page, links and outline."""

    def __init__(self, data: bytes, folder: Path, name: str) -> None:
        self.data = data
        self.path = folder / f"{name}.pdf"
        self.path.write_bytes(data)
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = _page_texts(self.path)
        assert len(self.pages) == len(self.reader.pages)

    @property
    def text(self) -> str:
        return _flat(" ".join(self.pages))

    def annotations(self, page_index: int | None = None):
        pages = self.reader.pages if page_index is None else [self.reader.pages[page_index]]
        for page in pages:
            for annot in page.get("/Annots") or []:
                yield annot.get_object()

    def uris(self) -> set[str]:
        return {a["/A"]["/URI"] for a in self.annotations() if "/A" in a and "/URI" in a["/A"]}

    def internal_targets(self, page_index: int | None = None) -> list[int]:
        """The page indexes internal links jump to."""
        return [self.reader.get_page_number(a["/Dest"][0].get_object())
                for a in self.annotations(page_index) if "/Dest" in a]

    def outline_titles(self) -> list[str]:
        def walk(items):
            for item in items:
                yield from walk(item) if isinstance(item, list) else [item.title]
        return list(walk(self.reader.outline))


def _page_texts(path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")[:-1]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


@pytest.fixture(scope="module")
def sample_memo(sample_doc, tmp_path_factory):
    return Memo(render_pdf(sample_doc, quiet), tmp_path_factory.mktemp("memo"), "sample")


@pytest.fixture(scope="module")
def large_memo(large_doc, tmp_path_factory):
    return Memo(render_pdf(large_doc, quiet), tmp_path_factory.mktemp("memo"), "large")


# The plan (no reportlab)

def test_plan_follows_the_pack_order_with_a_bookmark_per_section(sample_doc):
    plan = plan_memo(sample_doc)
    assert plan.steps[0].kind == "header"
    assert [e.title for e in plan.outline if e.level == 0] == [s.title for s in sample_doc.sections]
    assert [e.key for e in plan.outline if e.level == 1] == [j.anchor for j in sample_doc.judgments]
    kinds = [s.kind for s in plan.steps]
    assert kinds.index("judgment") < kinds.index("evidence") < kinds.index("source") \
        < kinds.index("legend")


def test_plan_only_offers_anchors_the_memo_defines(sample_doc):
    plan = plan_memo(sample_doc)
    referenced = {r.anchor for kj in sample_doc.judgments for r in kj.evidence}
    referenced |= {r.anchor for ev in sample_doc.evidence for r in ev.sources + ev.supports}
    assert referenced <= plan.anchors
    without_sources = dataclasses.replace(
        sample_doc, sections=tuple(s for s in sample_doc.sections if s.key != "sources"))
    assert not {s.anchor for s in sample_doc.sources} & plan_memo(without_sources).anchors


# The sample memo

@poppler
def test_sample_has_every_judgment_evidence_and_source(sample_memo, sample_doc):
    assert 3 <= len(sample_memo.pages) <= 8
    for kj in sample_doc.judgments:
        assert _flat(plain_text(kj.statement)) in sample_memo.text
        assert _flat(plain_text(kj.headline)) in sample_memo.text
    for ev in sample_doc.evidence:
        assert _flat(plain_text(ev.claim)) in sample_memo.text
    for section in sample_doc.sections:
        assert section.title.upper() in sample_memo.text.upper()


@poppler
def test_every_page_says_page_n_of_m(sample_memo, sample_doc):
    total = len(sample_memo.pages)
    for number, page in enumerate(sample_memo.pages, 1):
        assert sample_doc.text("memo.page_number", page=number, pages=total) in page
        assert sample_doc.marking.text in page
        assert _flat(sample_doc.footer_text) in _flat(page)


def test_outline_has_every_section_with_its_judgments_under_it(sample_memo, sample_doc):
    tree: list[tuple[str, list[str]]] = []  # (section title, titles nested under it)
    for item in sample_memo.reader.outline:
        if isinstance(item, list):
            tree[-1][1].extend(child.title for child in item)
        else:
            tree.append((item.title, []))
    assert tree == [(s.title, [f"{b.label}. {plain_text(b.headline)}" for b in s.blocks
                               if isinstance(b, Judgment)]) for s in sample_doc.sections]


@poppler
def test_evidence_links_jump_to_the_evidence_page(sample_memo, sample_doc):
    first = sample_doc.judgments[0]
    target = next(e for e in sample_doc.evidence if e.anchor == first.evidence[0].anchor)
    claim = _flat(plain_text(target.claim))[:40]
    evidence_page = next(i for i, page in enumerate(sample_memo.pages) if claim in _flat(page))
    assert evidence_page in sample_memo.internal_targets(page_index=0)
    refs = sum(len(kj.evidence) for kj in sample_doc.judgments) + sum(
        len(ev.sources) + len(ev.supports) for ev in sample_doc.evidence)
    assert len(sample_memo.internal_targets()) == refs


def test_source_urls_are_live_links(sample_memo, sample_doc):
    assert {s.url for s in sample_doc.sources if s.url} <= sample_memo.uris()


@poppler
def test_every_font_is_embedded(sample_memo):
    fonts = _pdffonts(sample_memo.path)
    assert fonts
    for row in fonts:
        assert row[-5] == "yes", row  # the 'emb' column


def test_metadata(sample_memo, sample_doc):
    info = sample_memo.reader.metadata
    assert info.title == sample_doc.title
    assert info.author == sample_doc.author
    assert info.subject == sample_doc.bluf_text
    assert info["/Keywords"] == ", ".join(sample_doc.tags)
    assert info.creator.startswith("deckmaker ")
    assert info["/CreationDate"].startswith("D:20250210")  # the brief's date, not the clock
    root = sample_memo.reader.trailer["/Root"]
    assert root["/Lang"] == sample_doc.text("memo.language")
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_two_renders_are_byte_identical(sample_memo, sample_doc):
    assert render_pdf(sample_doc, quiet) == sample_memo.data


def test_source_date_epoch_dates_the_memo_and_keeps_it_reproducible(sample_memo, sample_doc,
                                                                     monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    first, second = render_pdf(sample_doc, quiet), render_pdf(sample_doc, quiet)
    assert first == second != sample_memo.data
    info = PdfReader(io.BytesIO(first)).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20231114221320+00'00'"
    assert sample_memo.reader.metadata["/CreationDate"] == "D:20250210120000+00'00'"


# Hostile and multilingual text, long content

@poppler
def test_markup_looking_text_prints_literally_and_unsafe_links_stay_dead(sample_doc, tmp_path):
    brief_text = (f"{HOSTILE} <font name=\"Courier\">f</font> [click](javascript:alert(1)) "
                  "[local](file:///etc/passwd) [ok](https://example.org/ok)")
    bluf = Section("bluf", "Bottom line up front", "section-bluf",
                   (Paragraph(parse_inline(brief_text)),))
    doc = dataclasses.replace(sample_doc, sections=(bluf, *sample_doc.sections[1:]))
    memo = Memo(render_pdf(doc, quiet), tmp_path, "hostile")
    assert _flat(HOSTILE) in memo.text
    assert '<font name="Courier">f</font> [click](javascript:alert(1))' in memo.text
    assert "[local](file:///etc/passwd)" in memo.text
    assert "https://example.org/ok" in memo.uris()
    assert not [u for u in memo.uris() if not u.startswith(("http", "mailto"))]
    assert "Courier" not in " ".join(" ".join(row) for row in _pdffonts(memo.path))


def test_a_block_taller_than_a_page_is_a_render_error_naming_it(sample_doc):
    huge = Paragraph(parse_inline(" ".join(["deterrence"] * 9000)))
    bluf = Section("bluf", "Bottom line up front", "section-bluf", (huge,))
    doc = dataclasses.replace(sample_doc, sections=(bluf, *sample_doc.sections[1:]))
    with pytest.raises(RenderError, match="Bottom line up front"):
        render_pdf(doc, quiet)


def test_cjk_without_a_fallback_file_uses_a_cid_font(sample_doc, tmp_path):
    title = "北京 and 평양: 中文文本换行测试"
    theme = dataclasses.replace(sample_doc.theme, fallback_fonts=())
    doc = dataclasses.replace(sample_doc, title=title, theme=theme)
    reader = PdfReader(io.BytesIO(render_pdf(doc, quiet)))
    fonts = {str(f.get_object()["/BaseFont"]).lstrip("/") for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert {"STSong-Light", "HYSMyeongJo-Medium"} <= fonts


@pytest.mark.slow
@poppler
def test_large_memo_paginates_with_everything_in_it(large_memo, large_doc):
    total = len(large_memo.pages)
    assert 15 <= total <= 60
    for number, page in enumerate(large_memo.pages, 1):
        assert large_doc.text("memo.page_number", page=number, pages=total) in page
    text = large_memo.text
    for kj in large_doc.judgments:
        assert _flat(plain_text(kj.headline)) in text
    assert len(large_doc.evidence) == 150 and len(large_doc.figures) == 10
    for ev in large_doc.evidence:
        assert f"{ev.label} " in text
    for figure in large_doc.figures:
        assert figure.title in text
    assert _flat(HOSTILE) in text
    titles = large_memo.outline_titles()
    assert len([t for t in titles if t.startswith("KJ")]) == 25
    assert {s.url for s in large_doc.sources} <= large_memo.uris()
    for row in _pdffonts(large_memo.path):
        assert row[-5] == "yes", row


@pytest.mark.slow
@poppler
def test_large_memo_keeps_every_script(large_memo):
    text = large_memo.text
    for words in ("Ελληνικά κείμενα", "Русский текст", "Tiếng Việt có dấu"):
        assert words in text
    assert "中文文本换行测试" in re.sub(r"\s+", "", text)


@pytest.mark.slow
def test_large_memo_is_byte_identical_twice(large_memo, large_doc):
    assert render_pdf(large_doc, quiet) == large_memo.data


# Scripts and characters beyond the pack's fonts

NOTO = Path("/usr/share/fonts/truetype/noto")
noto = pytest.mark.skipif(not (NOTO / "NotoSansArabic-Regular.ttf").exists(),
                          reason="needs fonts-noto-core")


def _with_first_judgment(doc, *, headline: str, statement: str, headline_given: bool = True):
    """``doc`` whose first key judgment has this headline and statement."""
    first = doc.judgments[0]
    changed = dataclasses.replace(first, headline=parse_inline(headline),
                                  statement=parse_inline(statement),
                                  headline_given=headline_given)
    sections = tuple(dataclasses.replace(s, blocks=tuple(changed if b is first else b
                                                         for b in s.blocks))
                     for s in doc.sections)
    return dataclasses.replace(doc, sections=sections)


@poppler
@noto
def test_arabic_hebrew_devanagari_thai_and_symbols_print_from_the_noto_fallbacks(
        sample_doc, tmp_path):
    words = {"arabic": "تراجع نفوذ الصين", "hebrew": "עברית", "devanagari": "हिन्दी",
             "thai": "ภาษาไทย", "symbols": "★ ✓"}
    doc = _with_first_judgment(sample_doc, headline=f"{words['arabic']} 📉",
                               statement=" ".join(words.values()) + " This is likely.")
    warnings: list[str] = []
    memo = Memo(render_pdf(doc, warn=warnings.append), tmp_path, "scripts")
    page = memo.pages[0]
    for script, text in words.items():  # pdftotext reorders right-to-left runs: compare letters
        assert set(text.replace(" ", "")) <= set(page), script
    assert "This is likely." in page
    assert warnings == []
    # The emoji is drawn from Noto Sans Symbols 2 (reportlab's text layer maps characters
    # beyond U+FFFF wrongly, so look for the font rather than the text).
    assert any("NotoSansSymbols2" in row[0] for row in _pdffonts(memo.path))


@poppler
def test_characters_no_font_has_print_a_replacement_and_one_warning(sample_doc, tmp_path):
    theme = dataclasses.replace(sample_doc.theme, fallback_fonts=())
    doc = _with_first_judgment(
        dataclasses.replace(sample_doc, theme=theme, stem="russia"),
        headline="تراجع نفوذ الصين 📉", statement="يستمر This is likely. 📉\u200d\ufe0f")
    warnings: list[str] = []
    memo = Memo(render_pdf(doc, warn=warnings.append), tmp_path, "missing")
    page = memo.pages[0]
    assert "\ufffd" * 5 in page  # five Arabic letters become five marks, not nothing
    assert "This is likely." in page
    assert len(warnings) == 1
    assert warnings[0].startswith("russia.pdf: ")
    assert "15 characters" in warnings[0]  # 14 Arabic letters and the emoji, each once
    assert "(ا U+0627, ت U+062A, " in warnings[0] and "and 9 more" in warnings[0]
    assert "U+200D" not in warnings[0]  # joiners and variation selectors are not content


def test_a_memo_of_emoji_alone_says_the_memo_cannot_show_emoji(sample_doc):
    theme = dataclasses.replace(sample_doc.theme, fallback_fonts=())
    doc = _with_first_judgment(dataclasses.replace(sample_doc, theme=theme),
                               headline="Influence falls 📉", statement="Likely. 😀")
    warnings: list[str] = []
    render_pdf(doc, warn=warnings.append)
    assert len(warnings) == 1 and "cannot show colour emoji" in warnings[0]
    assert "2 characters" in warnings[0]


@poppler
def test_a_judgment_without_a_headline_prints_its_statement_once(sample_doc, tmp_path):
    doc = _with_first_judgment(sample_doc, headline="It matters.",
                               statement="It matters. Beijing will notice.",
                               headline_given=False)
    memo = Memo(render_pdf(doc, quiet), tmp_path, "no-headline")
    assert memo.text.count("It matters.") == 2  # its row at a glance, and the statement
    assert "KJ1 It matters. Beijing will notice." in memo.text  # the label leads the statement
    assert "KJ1. It matters." in memo.outline_titles()
    given = _with_first_judgment(sample_doc, headline="It matters.",
                                 statement="It matters. Beijing will notice.")
    assert Memo(render_pdf(given, quiet), tmp_path, "headline").text.count("It matters.") == 3


# Charts

def _with_figures(doc, *figures):
    """``doc`` whose first evidence items carry ``figures`` and the rest none."""
    evidence = doc.evidence
    changed = {id(ev): dataclasses.replace(
        ev, figure=dataclasses.replace(figures[i], label=f"Figure {i + 1}", anchor=f"fig-{i}")
        if i < len(figures) else None) for i, ev in enumerate(evidence)}
    sections = tuple(dataclasses.replace(s, blocks=tuple(changed.get(id(b), b) for b in s.blocks))
                     for s in doc.sections)
    return dataclasses.replace(doc, sections=sections)


def _figure(kind: str, categories, *series, unit=None):
    return Figure("Figure", "fig", kind, f"A {kind} chart", unit, tuple(categories),
                  tuple(Series(name, tuple(values)) for name, values in series))


def _words(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) of every word on ``page`` (y grows downwards)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path),
                          "-"], capture_output=True, text=True, check=True).stdout
    return [(html.unescape(m[4]), *map(float, m[:4])) for m in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
        out)]


def _figure_page(memo: Memo, title: str) -> int:
    return next(n for n, page in enumerate(memo.pages, 1) if title in _flat(page))


def _text_column(memo: Memo) -> tuple[float, float]:
    box = memo.reader.pages[0].mediabox
    return 22 * 72 / 25.4, float(box.width) - 22 * 72 / 25.4  # the pack's 22 mm margins


@poppler
def test_chart_numbers_are_written_in_full_and_bars_carry_their_values(sample_doc, tmp_path):
    doc = _with_figures(sample_doc, _figure("column", ["a", "b", "c"], ("Big", [1234567, 0, -5])))
    memo = Memo(render_pdf(doc, quiet), tmp_path, "numbers")
    words = [w[0] for w in _words(memo.path, _figure_page(memo, "A column chart"))]
    assert {"1,234,567", "0", "-5", "1,500,000"} <= set(words)  # labels and axis maximum
    assert not any("e+" in word for word in words)


@poppler
def test_horizontal_bars_draw_the_first_series_on_top_as_the_legend_lists_it(sample_doc,
                                                                             tmp_path):
    doc = _with_figures(sample_doc, _figure("bar", ["north", "south"], ("Series 0", [11, 12]),
                                            ("Series 1", [21, 22])))
    memo = Memo(render_pdf(doc, quiet), tmp_path, "order")
    words = _words(memo.path, _figure_page(memo, "A bar chart"))
    top = {w[0]: w[2] for w in words}
    assert top["11"] < top["21"] < top["12"] < top["22"]  # series 0 above series 1
    legend = [w[0] + " " + n[0] for w, n in zip(words, words[1:], strict=False)
              if w[0] == "Series"]
    assert legend == ["Series 0", "Series 1"]


@poppler
def test_all_negative_columns_and_bars_hang_from_a_zero_axis(sample_doc, tmp_path):
    doc = _with_figures(sample_doc,
                        _figure("column", ["2021", "2022", "2023"], ("Trade", [-1, -3, -7.3])),
                        _figure("bar", ["north", "south"], ("Aid", [-2, -0.5])))
    memo = Memo(render_pdf(doc, quiet), tmp_path, "negative")
    for kind in ("column", "bar"):
        words = [w[0] for w in _words(memo.path, _figure_page(memo, f"A {kind} chart"))]
        assert {"0", "0.0"} & set(words), kind  # the axis reaches zero (it stopped at -1)


def test_legend_grid_wraps_within_the_width():
    grid = legend_grid([60] * 8, 400)
    assert grid.columns * (grid.column_width + 14) - 14 <= 400 and grid.rows == 2
    assert legend_grid([900] * 50, 400, max_rows=20).rows <= 20


@poppler
def test_eight_long_series_names_wrap_inside_the_page(sample_doc, tmp_path):
    names = ["China", "Russia", "North Korea", "South Korea", "Japan", "United States",
             "Mongolia", "Taiwan"]
    doc = _with_figures(sample_doc, _figure("column", ["2021", "2022"],
                                            *((n, [i + 1, i + 2]) for i, n in enumerate(names))))
    memo = Memo(render_pdf(doc, quiet), tmp_path, "series")
    left, right = _text_column(memo)
    words = _words(memo.path, _figure_page(memo, "A column chart"))
    shown = " ".join(w[0] for w in words)
    for name in names:
        assert name in shown
    assert all(left - 1 <= x0 and x1 <= right + 1 for _w, x0, _y0, x1, _y1 in words)


@poppler
def test_a_pie_of_fifty_slices_keeps_its_legend_under_its_caption(sample_doc, tmp_path):
    categories = [f"Region{i:02}" for i in range(50)]
    doc = _with_figures(sample_doc, _figure("pie", categories, ("Share", range(1, 51))))
    memo = Memo(render_pdf(doc, quiet), tmp_path, "pie")
    words = _words(memo.path, _figure_page(memo, "A pie chart"))
    caption_y = next(y1 for w, _x0, _y0, _x1, y1 in words if w == "pie")
    legend = [w for w in words if w[0].startswith("Region")]
    left, right = _text_column(memo)
    assert sorted(w[0].rstrip(":") for w in legend) == categories
    assert all(y0 > caption_y and left - 1 <= x0 and x1 <= right + 1
               for _w, x0, y0, x1, _y1 in legend)


@poppler
@pytest.mark.parametrize("kind", ["column", "line"])
def test_fifty_category_labels_thin_out_instead_of_overlapping(sample_doc, tmp_path, kind):
    categories = [f"Region{i:02}" for i in range(50)]
    doc = _with_figures(sample_doc, _figure(kind, categories, ("Share", range(1, 51))))
    memo = Memo(render_pdf(doc, quiet), tmp_path, kind)
    labels = sorted((x0, x1) for w, x0, _y0, x1, _y1 in
                    _words(memo.path, _figure_page(memo, f"A {kind} chart"))
                    if w.startswith("Region"))
    assert len(labels) >= 5
    assert all(after[0] >= before[1] for before, after in pairwise(labels))


# Long words, long markings, headings

def _inside_the_page(memo: Memo) -> None:
    width = float(memo.reader.pages[0].mediabox.width)
    for page in range(1, len(memo.pages) + 1):
        for word, x0, _y0, x1, _y1 in _words(memo.path, page):
            assert 0 <= x0 and x1 <= width, (page, word[:30])


@poppler
def test_long_unbroken_words_break_in_headlines_and_source_titles(sample_doc, tmp_path):
    word = "Deterrence" * 100
    doc = _with_first_judgment(sample_doc, headline=word, statement=word)
    source = sample_doc.sources[0]
    long_title = dataclasses.replace(source, title="Title" * 600)
    sections = tuple(dataclasses.replace(s, blocks=tuple(long_title if b is source else b
                                                         for b in s.blocks))
                     for s in doc.sections)
    doc = dataclasses.replace(doc, sections=sections)
    memo = Memo(render_pdf(doc, quiet), tmp_path, "words")
    _inside_the_page(memo)
    # The page furniture left out: the statement splits between pages, line by line.
    squeezed = re.sub(r"\s+", "", " ".join(" ".join(_body_lines(memo, doc, number))
                                            for number in range(1, len(memo.pages) + 1)))
    assert word * 2 in squeezed and "Title" * 600 in squeezed


@poppler
def test_a_120_character_free_text_marking_fits_the_banner(sample_doc, tmp_path):
    text = ("CONFIDENTIAL HANDLING CAVEAT " * 5)[:120].strip()
    marking = dataclasses.replace(sample_doc.marking, text=text, tlp=None)
    memo = Memo(render_pdf(dataclasses.replace(sample_doc, marking=marking), quiet), tmp_path,
                "mark")
    _inside_the_page(memo)
    for number, page in enumerate(memo.pages, 1):  # top and bottom, whole; and in the
        assert _flat(page).count(text) == (3 if number == 1 else 2)  # header's facts line
    left, right = _text_column(memo)
    height = float(memo.reader.pages[0].mediabox.height)
    banner = [w for w in _words(memo.path, 1) if w[0] in text.split()
              and (w[2] < 60 or w[2] > height - 60)]  # the banners, not the header's facts
    assert len(banner) == 2 * len(text.split())
    assert all(left <= x0 and x1 <= right for _w, x0, _y0, x1, _y1 in banner)


@poppler
def test_a_section_heading_moves_with_a_long_first_item(sample_doc, tmp_path):
    word = "Deterrence " * 170  # a key judgment of about half a page
    doc = _with_first_judgment(sample_doc, headline="Long", statement=word)
    memo = Memo(render_pdf(doc, quiet), tmp_path, "orphan")
    title = next(s.title for s in sample_doc.sections if s.key == "key_judgments")
    heading_page = next(p for p in memo.pages if title in p)
    assert "KJ1" in heading_page


# Page breaks: headings keep with what follows, small tables stay whole

SAMPLE = Path(__file__).resolve().parents[2] / "briefs" / "russia-north-korea-china.yaml"


def _shifted(doc, words: int):
    """``doc`` with ``words`` more words in its BLUF, which moves every later block down."""
    if not words:
        return doc
    bluf = doc.sections[0]
    padding = Paragraph(parse_inline(" ".join(["padding"] * words)))
    return dataclasses.replace(doc, sections=(
        dataclasses.replace(bluf, blocks=(*bluf.blocks, padding)), *doc.sections[1:]))


def _body_lines(memo: Memo, doc, number: int) -> list[str]:
    """The text lines of page ``number`` without its marking, footer and page number."""
    furniture = {_flat(doc.marking.text), _flat(doc.footer_text),
                 doc.text("memo.page_number", page=number, pages=len(memo.pages))}
    lines = [_flat(line) for line in memo.pages[number - 1].splitlines()]
    return [line for line in lines if line and line not in furniture]


def _headings(doc) -> set[str]:
    """Every section and implication-group heading the memo prints on a line of its own."""
    titles = {s.title for s in doc.sections if s.key != "bluf"}
    return titles | {b.heading for s in doc.sections for b in s.blocks if hasattr(b, "heading")}


def _legend(doc):
    return next(b for s in doc.sections for b in s.blocks if hasattr(b, "term_header"))


def _short_brief(path: Path) -> Path:
    """A one-judgment brief without evidence: the appendix is most of its memo."""
    path.write_text("title: No evidence brief\ndate: 2025-03-01\nmarking: TLP:GREEN\n"
                    "bluf: Paragraph one of the bottom line.\nkey_judgments:\n"
                    "  - statement: Beijing is likely to stay quiet.\n"
                    "    headline: Beijing stays quiet\n    confidence: moderate\n"
                    "    likelihood: likely\nimplications:\n  - text: Watch it.\n    for: US\n",
                    "utf-8")
    return path


@pytest.fixture(scope="module")
def layouts(tmp_path_factory):
    """Memos whose blocks land at many heights: both packs, the sample and two synthetic
    briefs, each with BLUFs of several lengths. (name, doc, memo) triples."""
    from deckmaker.build import load_document
    from deckmaker.pack import load_pack
    from deckmaker.synthetic import write_synthetic_brief

    folder = tmp_path_factory.mktemp("layouts")
    briefs = {"sample": (SAMPLE, range(0, 96, 12)),
              "small": (write_synthetic_brief(folder / "small.yaml", "small"), range(0, 96, 24)),
              "six": (write_synthetic_brief(folder / "six.yaml", "small", judgments=6,
                                            evidence=3, figures=0), range(0, 96, 24)),
              "short": (_short_brief(folder / "short.yaml"), range(0, 320, 16))}
    memos = []
    for pack_name in ("default", "memo-us"):
        pack = load_pack(pack_name)
        for brief_name, (path, shifts) in briefs.items():
            doc = load_document(path, pack)
            for words in shifts:
                name = f"{pack_name}-{brief_name}-{words}"
                shifted = _shifted(doc, words)
                memos.append((name, shifted, Memo(render_pdf(shifted, quiet), folder, name)))
    return memos


@pytest.mark.slow  # the layouts fixture renders a dozen memos
@poppler
def test_no_page_ends_with_a_heading(layouts):
    orphans = [f"{name}: page {number} ends with '{last}'"
               for name, doc, memo in layouts
               for number in range(1, len(memo.pages))  # the last ends with the appendix
               if (last := _body_lines(memo, doc, number)[-1]) in _headings(doc)]
    assert not orphans, "\n".join(orphans)


@pytest.mark.slow  # the layouts fixture renders a dozen memos
@poppler
def test_the_estimative_tables_stay_whole_and_with_their_heading(layouts):
    broken = [f"{name}: {problem}" for name, doc, memo in layouts
              for problem in _legend_breaks(doc, memo)]
    assert not broken, "\n".join(broken)


def _legend_breaks(doc, memo: Memo) -> list[str]:
    """What splits the estimative appendix: its heading, intro and likelihood table on
    different pages, or either table across two."""
    legend = _legend(doc)
    pages = [_body_lines(memo, doc, n) for n in range(1, len(memo.pages) + 1)]

    def page_of(text: str) -> int:
        # The two tables sit side by side: a line may hold a cell of each.
        return next(n for n, lines in enumerate(pages)
                    if any(line == text or line.startswith(text + " ") or f" {text} " in
                           f" {line} " for line in lines))

    def page_starting(text: str) -> int:
        # Its first words, wherever the line starts (the tables share lines, cells wrap).
        return next(n for n, lines in enumerate(pages)
                    if any(text[:20] in line for line in lines))

    title = next(s.title for s in doc.sections if s.key == "estimative_language")
    terms = page_of(legend.term_header)
    problems = []
    if not page_of(title) == page_starting(legend.intro) == terms:
        problems.append("heading, intro and likelihood table on different pages")
    if page_of(legend.terms[-1][1]) != terms:
        problems.append("likelihood table split")
    if page_starting(legend.confidence[-1].meaning) != page_of(legend.confidence_header):
        problems.append("confidence table split")
    return problems


def _lists(doc) -> list[list[str]]:
    """The plain text of every list's items: indicators, recommendations, each group."""
    lists = [[plain_text(b.text) for b in s.blocks] for s in doc.sections
             if s.key in ("indicators", "recommendations")]
    lists += [[plain_text(item) for item in b.items] for s in doc.sections for b in s.blocks
              if hasattr(b, "items")]
    return [items for items in lists if len(items) >= 2]


@pytest.mark.slow  # the layouts fixture renders a dozen memos
@poppler
def test_no_page_starts_or_ends_with_one_item_of_a_list(layouts):
    stranded = []
    for name, doc, memo in layouts:
        flat_pages = [_flat(page) for page in memo.pages]
        for items in _lists(doc):
            pages = [next(n for n, page in enumerate(flat_pages) if _flat(item) in page)
                     for item in items]
            if pages[0] != pages[1] or pages[-1] != pages[-2]:
                stranded.append(f"{name}: {items[0][:30]}... on pages {pages}")
    assert not stranded, "\n".join(stranded)


# Footer, colours, URLs

@poppler
def test_a_200_character_title_is_shortened_to_fit_beside_the_page_number(sample_doc, tmp_path):
    title = ("Moscow-Pyongyang alignment and the erosion of Beijing's position " * 4)[:200]
    doc = dataclasses.replace(sample_doc, title=title)
    doc = dataclasses.replace(doc, footer_text=doc.footer_line(len(title)))
    memo = Memo(render_pdf(doc, quiet), tmp_path, "long-title")
    height = float(memo.reader.pages[0].mediabox.height)
    for number in range(1, len(memo.pages) + 1):
        footer = sorted((w for w in _words(memo.path, number) if w[2] > height - 60
                         and w[0] not in doc.marking.text), key=lambda w: w[1])
        page_word = next(i for i, w in enumerate(footer) if w[0] == "Page")
        line, label = footer[:page_word], footer[page_word:]
        assert " ".join(w[0] for w in line).startswith("Moscow-Pyongyang alignment")
        assert "…" in " ".join(w[0] for w in line)
        assert doc.date_text.split()[-1] in " ".join(w[0] for w in line)  # date kept
        assert line[-1][3] + 12 <= label[0][1]  # a clear gap before "Page N of M"
    assert _flat(sample_doc.footer_text) in _flat(Memo(
        render_pdf(sample_doc, quiet), tmp_path, "short-title").pages[0])  # a short title: whole


def test_the_memo_styles_reach_aa_contrast_and_use_six_sizes(pack):
    from deckmaker.compose import theme_of
    from deckmaker.colours import contrast_ratio
    from deckmaker.writers.pdf.styles import build_styles, hex_of

    styles = build_styles(theme_of(pack))
    pal = styles.palette
    assert contrast_ratio(hex_of(pal.accent_on_shade), hex_of(pal.shade)) >= 4.5
    for name in ("detail", "refs", "badges", "meta", "kind"):
        assert contrast_ratio(hex_of(getattr(styles, name).textColor), "#FFFFFF") >= 4.5
    assert styles.detail.fontSize >= 9.5
    sizes = {v.fontSize for v in vars(styles).values() if hasattr(v, "fontSize")}
    assert len(sizes) <= 6


def test_url_lines_break_only_after_url_punctuation():
    from deckmaker.writers.pdf.urls import url_lines

    url = "https://example.org/analysis/how-the-alliance-challenges-northeast-asia?id=12&x=3"
    lines = url_lines(url, 20, len)
    assert "".join(lines) == url
    assert all(len(line) <= 20 for line in lines)
    assert all(line[-1] in "/-.?&=" for line in lines[:-1])
    hard = url_lines("https://x.org/" + "a" * 45, 20, len)  # one segment wider than a line
    assert "".join(hard) == "https://x.org/" + "a" * 45 and max(map(len, hard)) <= 20


@poppler
def test_the_likelihood_leads_the_confidence_mark_in_sentence_case(sample_memo, sample_doc):
    kj = next(j for j in sample_doc.judgments if j.confidence_mark and j.likelihood_text)
    assert f"{kj.likelihood_text} {kj.confidence_mark.text}" in sample_memo.text
    assert kj.confidence_mark.text.upper() not in sample_memo.text
