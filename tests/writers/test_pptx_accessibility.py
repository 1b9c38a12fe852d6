"""The deck against the rules of PowerPoint's accessibility checker that apply to it
(issue 15), read from the saved file with python-pptx and lxml: every chart and
picture has alt text unless marked decorative; every slide has a title in its title
placeholder, unique in the deck; each slide's shapes are in reading order (title
first, then top to bottom, left to right, footer last); every run carries the
document's language; text has 4.5:1 contrast on its actual background. On the sample,
a minimal brief, a multi-script brief and a 25-judgment brief with figures."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from deckmaker.colours import contrast_ratio
from deckmaker.writers.pptx import render_pptx
from tests.writers.pptx.briefs import load_briefs
from tests.writers.pptx.reading import FOOTER_PLACEHOLDERS, TITLE_PLACEHOLDERS, open_deck

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
NS = {"a": A, "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


@pytest.fixture(scope="module")
def decks(sample_doc, pack, tmp_path_factory):
    docs = {"sample": sample_doc, **load_briefs(tmp_path_factory.mktemp("a11y"), pack)}
    del docs["hostile"]
    return {name: (doc, open_deck(render_pptx(doc, lambda m: None))) for name, doc in
            docs.items()}


def xp(element, path: str) -> list:
    """``path`` (with the a: and p: prefixes) evaluated on ``element`` by lxml."""
    return etree.XPath(path, namespaces=NS)(element)


def _cnvpr(shape):
    return xp(shape.element, "./*[1]/p:cNvPr")[0]


def _decorative(shape) -> bool:
    return bool(xp(_cnvpr(shape), f"./a:extLst/a:ext[@uri='{DECORATIVE}']"))


def missing_alt_text(prs) -> list[str]:
    """Charts, pictures and shapes without text that have neither alt text nor the
    decorative mark (the checker's "Missing alternative text")."""
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            visual = (getattr(shape, "has_chart", False) and shape.has_chart) or \
                shape.shape_type == 13 or (shape.has_text_frame
                                           and not shape.text_frame.text.strip()
                                           and not shape.is_placeholder)
            if visual and not _decorative(shape) and not (_cnvpr(shape).get("descr") or ""):
                problems.append(f"slide {number}: {shape.name}")
    return problems


def title_problems(prs) -> list[str]:
    """Slides without a title in a title placeholder, and titles used twice."""
    seen: dict[str, int] = {}
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        titles = [s for s in slide.placeholders
                  if s.placeholder_format.type in TITLE_PLACEHOLDERS]
        text = titles[0].text_frame.text.strip() if titles else ""
        if not text:
            problems.append(f"slide {number}: no title")
        elif text in seen:
            problems.append(f"slide {number}: title of slide {seen[text]}: {text!r}")
        seen.setdefault(text, number)
    return problems


def reading_order_problems(prs) -> list[str]:
    """Shapes out of reading order: the title first, the footer placeholders last, the
    rest by their top, then left, edge (a shape overlapping the one before it in height
    counts as on its row)."""
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        shapes = [s for s in slide.shapes if not _decorative(s)]
        kinds = [s.placeholder_format.type if s.is_placeholder else None for s in shapes]
        if not kinds or kinds[0] not in TITLE_PLACEHOLDERS:
            problems.append(f"slide {number}: the title is not first")
        body = [s for s, k in zip(shapes, kinds, strict=True)
                if k not in (*TITLE_PLACEHOLDERS, *FOOTER_PLACEHOLDERS)]
        footer = [n for n, k in enumerate(kinds) if k in FOOTER_PLACEHOLDERS]
        if footer and footer != list(range(len(kinds) - len(footer), len(kinds))):
            problems.append(f"slide {number}: the footer is not last")
        for before, after in zip(body, body[1:], strict=False):
            if shape_at(after) < shape_at(before) and not (
                    after.shape_type == 13 and slide == prs.slides[0]):
                problems.append(f"slide {number}: {after.name} before {before.name}")
    return problems


def shape_at(shape) -> tuple[float, float]:
    return round(Emu(shape.top).pt, 1), Emu(shape.left).pt


@pytest.mark.parametrize("name", ["sample", "minimal", "multiscript", "judgments25"])
def test_no_accessibility_checker_errors(decks, name):
    _, prs = decks[name]
    assert missing_alt_text(prs) == []
    assert title_problems(prs) == []
    assert reading_order_problems(prs) == []


def test_charts_carry_the_figures_alt_text(decks):
    doc, prs = decks["sample"]
    charts = [s for slide in prs.slides for s in slide.shapes
              if getattr(s, "has_chart", False) and s.has_chart]
    assert _cnvpr(charts[0]).get("descr") == doc.figures[0].alt
    assert doc.figures[0].alt.startswith("Column chart")


def test_dots_rules_and_chip_backgrounds_are_decorative(decks):
    _, prs = decks["sample"]
    slide = prs.slides[3]
    for shape in slide.shapes:
        if shape.name.startswith(("Confidence dot", "Chip background", "Connector")):
            assert _decorative(shape), shape.name
    layout_rules = [s for s in slide.slide_layout.shapes if s.name.startswith("Connector")]
    assert layout_rules and all(_decorative(s) for s in layout_rules)


def test_the_checks_catch_what_they_check(decks):
    """A chart without its description, a duplicate title and a shape moved before the
    title are each reported."""
    _, prs = decks["minimal"]
    doc, sample = decks["sample"]
    chart = next(s for slide in sample.slides for s in slide.shapes
                 if getattr(s, "has_chart", False) and s.has_chart)
    descr = _cnvpr(chart).get("descr")
    del _cnvpr(chart).attrib["descr"]
    try:
        assert len(missing_alt_text(sample)) == 1
    finally:
        _cnvpr(chart).set("descr", descr)
    title = prs.slides[1].shapes.title
    old = title.text_frame.text
    title.text_frame.text = prs.slides[2].shapes.title.text_frame.text
    assert len(title_problems(prs)) == 1
    title.text_frame.text = old
    tree = prs.slides[1].element.cSld.spTree
    first = xp(tree, "./p:sp")[0]
    last = xp(tree, "./p:sp")[-1]
    first.addprevious(last)
    assert reading_order_problems(prs)
    first.addnext(last)


@pytest.mark.parametrize("name", ["sample", "multiscript"])
def test_every_run_carries_the_documents_language(decks, name):
    doc, prs = decks[name]
    for slide in prs.slides:
        for shape in slide.shapes:
            for rpr in shape.element.iter(f"{{{A}}}rPr"):
                assert rpr.get("lang") == doc.language, (shape.name, rpr.get("lang"))


def _background(slide, palette) -> str:
    """The slide's background as the layout fills it: the dark layouts with the theme's
    dk2, the palette's primary colour (``writers.pptx.theme``)."""
    fill = slide.slide_layout.background.fill
    if fill.type != 1:  # MSO_FILL.SOLID
        return palette["background"]
    if fill.fore_color.type == 2:  # MSO_COLOR_TYPE.SCHEME
        assert fill.fore_color.theme_color == 15  # MSO_THEME_COLOR.TEXT_2 (dk2)
        return palette["primary"]
    return "#" + str(fill.fore_color.rgb)


def test_text_contrast_is_at_least_4_5_to_1_on_its_background(decks):
    for name, (doc, prs) in decks.items():
        palette = doc.theme.palette
        for number, slide in enumerate(prs.slides, 1):
            for shape in slide.shapes:
                if not shape.has_text_frame:
                    continue
                fills = xp(shape.element, "./p:spPr/a:solidFill/a:srgbClr/@val")
                back = "#" + fills[0] if fills else _background(slide, palette)
                if shape.name.startswith("TextBox") and _on_chip(slide, shape):
                    back = palette["primary"]
                for colour in xp(shape.element, ".//a:rPr/a:solidFill/a:srgbClr/@val"):
                    ratio = contrast_ratio("#" + colour, back)
                    assert ratio >= 4.5, (name, number, shape.name, colour, back, ratio)


def _on_chip(slide, shape) -> bool:
    """Whether ``shape`` sits exactly on a chip's background shape."""
    return any(s.name.startswith("Chip background") and (s.left, s.top) == (shape.left,
                                                                              shape.top)
               for s in slide.shapes)


def test_a_slide_title_is_in_the_title_placeholder_also_on_the_closing_slides(decks):
    _, prs = decks["sample"]
    for slide in prs.slides:
        title = slide.shapes.title
        assert title is not None and title.placeholder_format.type in (
            PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
