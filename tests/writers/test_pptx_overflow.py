"""No text overflows its shape, checked independently of the deck's own measuring:
LibreOffice renders the deck to PDF, poppler's ``pdftotext -bbox-layout`` gives every
word's box on each page, and each word must sit inside a shape of that slide whose
text holds it (frames read back with python-pptx, EMU converted to PDF points; the
slide is the PDF page). A word's box spans the font's ascent and descent, more than the
line it sits on, so a word counts as inside when its left and right edges are and its
middle is, with its foot at most an eighth of its height below the frame. Words inside a chart are
the chart's own (axis labels, legends) and are not matched to text. The marking banners
are drawn on the slide's layout (so slides a user adds carry them): a slide's shapes are
its layout's drawn shapes and its own.

Checked on the deck's acceptance briefs (issue 12): the sample, a minimal brief, a
multi-script one, a hostile-text one and a 25-judgment one with figures, plus the sample
with CJK, Cyrillic and Greek in its longest texts."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.util import Emu

from deckmaker.build import load_document
from deckmaker.writers.pptx import render_pptx
from tests.conftest import SAMPLE, soffice
from tests.writers.pptx.briefs import load_briefs

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                       reason="needs LibreOffice (soffice) and poppler (pdftotext)"),
]

XHTML = "{http://www.w3.org/1999/xhtml}"
SLACK = 1.0  # pt, for the left and right edges
DESCENT = 0.12  # of a word box's height: how far below its frame a word's foot may go
BULLETS = {"\u2022"}


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Frame:
    name: str
    text: str  # normalised; "" for charts and pictures
    x: float
    y: float
    w: float
    h: float
    chart: bool = False

    def holds(self, word: Word) -> bool:
        middle = (word.y0 + word.y1) / 2
        return (self.x - SLACK <= word.x0 and word.x1 <= self.x + self.w + SLACK
                and self.y <= middle <= self.y + self.h
                and word.y1 <= self.y + self.h + DESCENT * (word.y1 - word.y0))


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _text(shape) -> str:
    if shape.has_text_frame:
        return shape.text_frame.text
    if getattr(shape, "has_table", False) and shape.has_table:
        return "\n".join(cell.text_frame.text for row in shape.table.rows for cell in row.cells)
    return ""


def shown_shapes(slide) -> list:
    """The shapes a slide shows: its master's and its layout's drawn shapes (their
    placeholders are prompts a slide never shows; a template's master may draw text of
    its own, such as a slide number in a circle), then its own."""
    layout = slide.slide_layout
    master = [s for s in layout.slide_master.shapes if not s.is_placeholder] \
        if layout.element.get("showMasterSp", "1") not in ("0", "false") else []
    return master + [s for s in layout.shapes if not s.is_placeholder] + list(slide.shapes)


def _numbered(text: str, shape, number: int) -> str:
    """``text`` with a master's or layout's slide-number field as slide ``number``
    shows it (their field text is a "‹#›" prompt)."""
    for field in shape.element.iter(f"{A}fld"):
        if field.get("type") == "slidenum":
            text = text.replace(field.findtext(f"{A}t") or "", str(number))
    return text


def frames(prs) -> list[list[Frame]]:
    """Each slide's shapes (its layout's and master's included) as frames in points."""
    return [[Frame(shape.name, _normal(_numbered(_text(shape), shape, number)),
                   *(Emu(v).pt for v in (shape.left, shape.top, shape.width, shape.height)),
                   chart=getattr(shape, "has_chart", False) and shape.has_chart)
             for shape in shown_shapes(slide) if shape.width is not None]
            for number, slide in enumerate(prs.slides, 1)]


def convert(decks: list[Path], folder: Path) -> None:
    """``decks`` converted to PDF beside them, by one LibreOffice run."""
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, decks)],
                   check=True, capture_output=True, timeout=600)


def rendered_words(deck: Path, folder: Path, converted: bool = False,
                   ) -> tuple[list[list[Word]], list[float]]:
    """The words LibreOffice draws on each page of ``deck`` and each page's width
    (``converted``: its PDF is in ``folder`` already)."""
    if not converted:
        convert([deck], folder)
    pdf = folder / f"{deck.stem}.pdf"
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                          capture_output=True, timeout=120).stdout
    pages, widths = [], []
    for page in ElementTree.fromstring(html).iter(f"{XHTML}page"):
        widths.append(float(page.get("width")))
        pages.append([Word(w.text or "", *(float(w.get(k)) for k in
                                           ("xMin", "yMin", "xMax", "yMax")))
                      for w in page.iter(f"{XHTML}word")])
    return pages, widths


def overflows(data: bytes, folder: Path, deck: Path | None = None) -> list[str]:
    """Every word LibreOffice draws outside the shape holding it, as "slide n: ...";
    ``deck``: the deck's file, converted already (``convert``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if deck is None:
        deck = folder / "deck.pptx"
        deck.write_bytes(data)
        pages, widths = rendered_words(deck, folder)
    else:
        pages, widths = rendered_words(deck, folder, converted=True)
    prs = Presentation(io.BytesIO(data))
    slides = frames(prs)
    assert len(pages) == len(slides)
    problems = []
    for number, (words, shapes, width) in enumerate(zip(pages, slides, widths, strict=True), 1):
        scale = width / Emu(prs.slide_width).pt  # PDF points per slide point
        for word in words:
            text = _normal(word.text)
            if not text or text in BULLETS:
                continue
            at = Word(text, *(v / scale for v in (word.x0, word.y0, word.x1, word.y1)))
            # casefolded: a template may set a title in capitals (``cap="all"``)
            folded = text.casefold()
            holders = [f for f in shapes if (f.chart or folded in f.text.casefold())
                       and f.holds(at)]
            if not holders:
                owners = [f.name for f in shapes if folded in f.text.casefold()] or \
                    ["no shape"]
                problems.append(f"slide {number}: {text!r} at ({at.x0:.1f}, {at.y0:.1f}, "
                                f"{at.x1:.1f}, {at.y1:.1f}) is outside {', '.join(owners)}")
    return problems


def _render(doc) -> bytes:
    return render_pptx(doc, lambda message: pytest.fail(f"the deck warned: {message}"))


def _write(data: bytes, folder: Path) -> Path:
    deck = folder / "rendered.pptx"
    deck.write_bytes(data)
    return deck


CJK_BLUF = ("俄罗斯与朝鲜的军事伙伴关系已由一项包含共同防御条款的条约正式确立，这与中国维护朝鲜半岛"
            "稳定和现状的核心目标相悖。北京对平壤本已有限的影响力**很可能继续缩小**。") * 3


@pytest.fixture(scope="module")
def multiscript_doc(pack, tmp_path_factory):
    """The sample with a CJK title, BLUF and first judgment, and Greek, Cyrillic and
    accented Latin in another judgment and an implication."""
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["title"] = "俄朝同盟削弱北京在朝鲜半岛的影响力：中国的战略困境与选择"
    data["bluf"] = CJK_BLUF
    data["key_judgments"][0]["statement"] = "俄罗斯对平壤的拥抱正在削弱中国对金正恩的影响力。" * 6
    data["key_judgments"][1]["statement"] = (
        "Москва и Пхеньян углубляют военное сотрудничество; η Αθήνα παρακολουθεί, "
        "and Zürich's Ægir café notes the naïve façade. ") * 3
    data["implications"][0]["text"] = "Пекин теряет рычаги влияния — διπλωματική απομόνωση."
    path = tmp_path_factory.mktemp("multiscript") / "multiscript.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return load_document(path, pack)


@pytest.fixture(scope="module")
def acceptance_decks(sample_doc, pack, tmp_path_factory) -> dict[str, tuple[bytes, Path]]:
    """The five acceptance briefs' decks (the sample, minimal, multi-script, hostile,
    25 judgments with figures), converted to PDF by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("acceptance")
    docs = {"sample": sample_doc, **load_briefs(folder, pack)}
    decks = {}
    for name, doc in docs.items():
        data = _render(doc)
        path = folder / f"{name}.pptx"
        path.write_bytes(data)
        decks[name] = (data, path)
    convert([path for _, path in decks.values()], folder)
    return decks


@pytest.mark.parametrize("name", ["sample", "minimal", "multiscript", "hostile",
                                  "judgments25"])
def test_no_text_overflows_in_the_acceptance_decks(acceptance_decks, name):
    data, deck = acceptance_decks[name]
    assert overflows(data, deck.parent, deck) == []


def test_the_multiscript_deck_renders_every_script(acceptance_decks):
    data, deck = acceptance_decks["multiscript"]
    rendered = "".join(w.text for page in rendered_words(deck, deck.parent, True)[0]
                       for w in page)
    for text in ("Москва", "Αθήνα", "北京", "서울과"):
        assert text in rendered, text


def test_no_text_overflows_in_the_large_deck(large_doc, tmp_path):
    assert overflows(_render(large_doc), tmp_path) == []


def test_no_text_overflows_in_a_cjk_and_multiscript_deck(multiscript_doc, tmp_path):
    if not multiscript_doc.theme.fallback_fonts:
        pytest.skip("no CJK fallback font on this machine")
    data = _render(multiscript_doc)
    rendered = "".join(w.text for page in rendered_words(_write(data, tmp_path), tmp_path)[0]
                       for w in page)
    # the bottom line and an implication (a judgment's statement is in the notes)
    assert "很可能继续缩小" in rendered and "Пекин" in rendered and "διπλωματική" in rendered
    assert overflows(data, tmp_path / "check") == []


def test_the_check_catches_a_shrunken_box(sample_doc, tmp_path):
    """The BLUF's text box at a third of its height: its lower lines fall outside it."""
    prs = Presentation(io.BytesIO(_render(sample_doc)))
    shape = next(s for s in prs.slides[1].shapes if s.has_text_frame
                 and len(s.text_frame.text) > 200)
    shape.height = shape.height // 3
    shrunk = io.BytesIO()
    prs.save(shrunk)
    problems = overflows(shrunk.getvalue(), tmp_path)
    assert problems and all(p.startswith("slide 2: ") and shape.name in p for p in problems)


def test_the_check_catches_a_box_one_line_short(sample_doc, tmp_path):
    """A judgment slide's evidence box ending just above its last rendered line."""
    data = _render(sample_doc)
    prs = Presentation(io.BytesIO(data))
    number = 4
    shape = max((s for s in prs.slides[number - 1].shapes
                 if s.has_text_frame and s.name.startswith(("Text Placeholder", "TextBox"))),
                key=lambda s: s.top + s.height)
    frame = next(f for f in frames(prs)[number - 1] if f.name == shape.name)
    pages, widths = rendered_words(_write(data, tmp_path), tmp_path)
    scale = widths[number - 1] / Emu(prs.slide_width).pt
    last_top = max(w.y0 / scale for w in pages[number - 1]
                   if _normal(w.text) and _normal(w.text) in frame.text
                   and frame.holds(Word(w.text, *(v / scale for v in (w.x0, w.y0, w.x1, w.y1)))))
    assert overflows(data, tmp_path / "before") == []
    shape.height = Emu(int((last_top - frame.y) * 12700))
    shrunk = io.BytesIO()
    prs.save(shrunk)
    problems = overflows(shrunk.getvalue(), tmp_path / "after")
    assert problems and all(shape.name in p for p in problems)
