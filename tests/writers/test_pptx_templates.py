"""The sample deck on templates no one here wrote (python-pptx's default, LibreOffice's
Impress templates converted to .pptx, a hand-made corporate one: ``tests/template``'s
fixtures): a pack made by ``pack new --from``, then the sample built with it. Measured
independently of the writer: every shape deckmaker adds against every shape of its
slide's layout and master (geometry), every text's contrast on the colour under it,
the theme part against the template's, LibreOffice's slide count and overflow."""

from __future__ import annotations

import io
import math
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Pt

from deckmaker.build import load_document
from deckmaker.colours import contrast_ratio
from deckmaker.commands.pack_new import new_pack
from deckmaker.pack import load_pack
from deckmaker.template.model import Box as TemplateBox
from deckmaker.template.reader import read_template
from deckmaker.writers.pptx import BODY_TYPES, TITLE_TYPES, render_pptx
from tests.conftest import SAMPLE, soffice
from tests.template.conftest import (  # noqa: F401 - session fixtures reused
    corporate, libreoffice_templates, python_pptx_default,
)
from tests.writers.test_pptx_overflow import overflows

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(soffice() is None, reason="needs LibreOffice (soffice)")]
# Light ones and dark ones (Portfolio black, Sunset a dark frame round a light panel,
# Midnightblue a dark band), python-pptx's own default and a hand-made corporate one.
LIBREOFFICE = ("Beehive", "Midnightblue", "Portfolio", "Sunset", "Vivid")
NAMES = (*LIBREOFFICE, "python-pptx", "corporate")


# What deckmaker itself draws on a layout (``footer.Footer.dress``): not the template's.
DRESSED = {"deckmaker marking"} | {f"Connector {n}" for n in range(1, 200)}
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def decks(libreoffice_templates, python_pptx_default, corporate,  # noqa: F811 - imported
          tmp_path_factory) -> dict[str, tuple[Path, bytes]]:
    """Template name -> (the template, the sample deck built on a pack made from it)."""
    sources = {name: libreoffice_templates[name] for name in LIBREOFFICE}
    sources.update({"python-pptx": python_pptx_default, "corporate": corporate})
    folder = tmp_path_factory.mktemp("template-packs")
    out = {}
    for name, source in sources.items():
        target = folder / name.lower()
        result = CliRunner().invoke(new_pack, [str(target), "--from", str(source)])
        assert result.exit_code == 0, result.output
        doc = load_document(SAMPLE, load_pack(target))
        out[name] = (source, render_pptx(doc, lambda m: pytest.fail(f"warned: {m}")))
    return out


def _boxes(shapes) -> list[tuple[str, float, float, float, float]]:
    return [(s.name, *(Emu(v).pt for v in (s.left, s.top, s.width, s.height)))
            for s in shapes if not s.is_placeholder and None not in (s.left, s.width)]


def _overlap(a, b) -> float:
    w = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    h = min(a[2] + a[4], b[2] + b[4]) - max(a[2], b[2])
    return w * h if w > 0.5 and h > 0.5 else 0.0


def _box(shape) -> tuple[str, float, float, float, float]:
    return (shape.name, *(Emu(v).pt for v in (shape.left, shape.top, shape.width,
                                               shape.height)))


def _inside(inner, outer) -> bool:
    return (inner[1] >= outer[1] - 0.5 and inner[2] >= outer[2] - 0.5
            and inner[1] + inner[3] <= outer[1] + outer[3] + 0.5
            and inner[2] + inner[4] <= outer[2] + outer[4] + 0.5)


TEMPLATE_PLACES = {"title": "title", "ctrTitle": "title", "ftr": "ftr", "sldNum": "sldNum",
                   "dt": "dt"}


def _in_templates_place(placeholder, info, layout_name: str) -> bool:
    """True if a slide's title, footer, date or slide-number placeholder lies within the
    template's own placeholder of that kind on its layout (else on its master): the
    template put that text there, over whatever it draws under it."""
    kind = TEMPLATE_PLACES.get(next(iter(placeholder.element.xpath(
        "./p:nvSpPr/p:nvPr/p:ph/@type")), "body"))
    if kind is None:
        return False
    layout = info.layout(layout_name)
    places = [p for p in layout.placeholders if TEMPLATE_PLACES.get(p.type) == kind] or \
        [p for p in info.master_placeholders if TEMPLATE_PLACES.get(p.type) == kind]
    return any(p.box is not None and _inside(
        _box(placeholder), ("", *(Emu(v).pt for v in (p.box.left, p.box.top, p.box.width,
                                                       p.box.height)))) for p in places)


def overlaps_with_template(data: bytes, info) -> list[str]:
    """Every shape a slide carries (deckmaker's) that meets a shape of its layout or
    master by more than a point each way, unless that shape is a panel holding it whole
    or it is a title, footer or slide number in the template's place for it
    (``_in_templates_place``; ``info``: the template's ``TemplateInfo``)."""
    prs = Presentation(io.BytesIO(data))
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        layout = slide.slide_layout
        template = [b for b in _boxes(layout.shapes) + _boxes(layout.slide_master.shapes)
                    if b[0] not in DRESSED]
        for mine in _boxes(slide.shapes) + [
                _box(s) for s in slide.placeholders
                if not _in_templates_place(s, info, layout.name)]:
            for theirs in template:
                shared = _overlap(mine, theirs)
                if shared and shared < mine[3] * mine[4] - 1:
                    problems.append(f"slide {number}: {mine[0]} meets {theirs[0]}")
    return problems


def theme_part(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(next(n for n in z.namelist() if n.startswith("ppt/theme/theme")
                           and n.endswith(".xml")))


@pytest.mark.parametrize("name", NAMES)
def test_the_template_keeps_its_theme(decks, name):
    source, data = decks[name]
    info = read_template(source)
    from deckmaker.template.theme import read_theme

    kept = read_theme(theme_part(data)).info
    assert kept.colours == info.theme.colours
    assert (kept.heading_font, kept.body_font) == (info.theme.heading_font,
                                                   info.theme.body_font)


@pytest.mark.parametrize("name", NAMES)
def test_the_title_and_first_text_are_in_the_layouts_placeholders(decks, name, sample_doc):
    """On every slide the title is in the title placeholder; on every slide whose layout
    has a body placeholder, a text is in it; the cover's subtitle is whole, and of its
    metadata the date line is kept longest."""
    source, data = decks[name]
    prs = Presentation(io.BytesIO(data))
    for number, slide in enumerate(prs.slides, 1):
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text, number
        bodies = [p for p in slide.slide_layout.placeholders
                  if p.placeholder_format.type in BODY_TYPES]
        filled = [p for p in slide.placeholders if p.placeholder_format.type in BODY_TYPES]
        assert len(filled) == (1 if bodies and _texts(slide) else 0), number
        assert all(p.text_frame.text.strip() for p in filled), number
    cover = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert sample_doc.subtitle in cover
    sizes = {"title" if s.placeholder_format.type in TITLE_TYPES else "text":
             max(r.font.size for p in s.text_frame.paragraphs for r in p.runs)
             for s in prs.slides[0].placeholders if s.text_frame.text.strip()
             and s.placeholder_format.type in (*BODY_TYPES, *TITLE_TYPES)}
    # The subtitle is no larger than the title, down to the size at which the metadata
    # under it (at 0.8 of it) keeps the pack's smallest body size.
    floor = Pt(math.ceil(sample_doc.theme.body_pt[0] / 0.8))
    assert sizes["text"] <= max(sizes["title"], floor)
    shown = [line for line in sample_doc.header_lines if line in cover]
    assert sample_doc.date_text in cover.replace("\xa0", " ")  # metadata or footer
    assert not shown or sample_doc.header_lines[-1] in shown  # the date line: kept longest


@pytest.mark.parametrize("name", ["python-pptx", "corporate"])
def test_the_date_is_in_the_templates_date_place_unless_it_draws_there(decks, name,
                                                                      sample_doc):
    """python-pptx's default has a date placeholder at the bottom left: the date goes
    there and the footer holds the title alone; the corporate template's logo lies under
    its date placeholder, so the date stays in the footer line."""
    _, data = decks[name]
    for slide in Presentation(io.BytesIO(data)).slides:
        kinds = {p.placeholder_format.type: p.text_frame.text for p in slide.placeholders}
        footer = kinds[PP_PLACEHOLDER.FOOTER]
        if name == "python-pptx":
            assert kinds[PP_PLACEHOLDER.DATE] == sample_doc.date_text
            assert sample_doc.date_text not in footer
        else:
            assert PP_PLACEHOLDER.DATE not in kinds and sample_doc.date_text in footer


def test_a_template_that_numbers_its_slides_keeps_its_number_clear(decks):
    """Midnightblue's master shows the slide number in a badge of its own: the slides
    get no second number, and the marking banner moves left of the badge."""
    _, data = decks["Midnightblue"]
    badged = 0
    for slide in Presentation(io.BytesIO(data)).slides:
        layout = slide.slide_layout
        badges = [s for s in (*layout.slide_master.shapes, *layout.shapes)
                  if not s.is_placeholder and s.element.xpath(".//a:fld[@type='slidenum']")]
        numbers = [p for p in slide.placeholders
                   if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        assert bool(numbers) != bool(badges)  # one number on every slide
        banners = [_box(s) for s in layout.shapes if s.name == "deckmaker marking"]
        assert banners  # TLP:CLEAR on every slide
        assert not any(_overlap(banner, _box(badge)) for banner in banners for badge in badges)
        badged += bool(badges)
    assert badged > 10


def _texts(slide) -> int:
    """The text shapes with words on ``slide`` but its title, footer and number."""
    return sum(1 for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()
               and (not s.is_placeholder or s.placeholder_format.type in BODY_TYPES))


@pytest.mark.parametrize("name", NAMES)
def test_no_shape_deckmaker_adds_meets_the_templates_own(decks, name):
    source, data = decks[name]
    assert overlaps_with_template(data, read_template(source)) == []


def _own_fill(shape) -> str | None:
    colour = shape.element.find(f"{{*}}spPr/{A}solidFill/{A}srgbClr")
    return None if colour is None else "#" + colour.get("val")


def _centre_in(shape, other) -> bool:
    x, y = shape.left + shape.width // 2, shape.top + shape.height // 2
    return other.left <= x <= other.left + other.width and \
        other.top <= y <= other.top + other.height


def ground_under(info, layout, shapes, index: int) -> str:
    """The colour under the centre of ``shapes[index]``: its own fill, else the last
    filled shape drawn before it on the slide there (a chip's background), else the
    template's (its reader: the layout's or master's filled shape there, else the
    layout's background)."""
    shape = shapes[index]
    for candidate in (shape, *reversed(shapes[:index])):
        fill = _own_fill(candidate)
        if fill and (candidate is shape or _centre_in(shape, candidate)):
            return fill
    under = info.background_under(layout, TemplateBox(shape.left, shape.top, shape.width,
                                                      shape.height)).colour
    return under or info.theme.colours["lt1"]  # a picture: its light colour (unmeasurable)


@pytest.mark.parametrize("name", NAMES)
def test_every_text_reads_on_its_ground(decks, name):
    """Each run's colour against the colour under its shape's centre (``ground_under``),
    measured from the saved deck and the template, not from the writer's plan."""
    source, data = decks[name]
    info = read_template(source)
    prs = Presentation(io.BytesIO(data))
    worst = []
    for number, slide in enumerate(prs.slides, 1):
        layout = info.layout(slide.slide_layout.name)
        shapes = list(slide.shapes)
        for index, shape in enumerate(shapes):
            if not shape.has_text_frame:
                continue
            ground = ground_under(info, layout, shapes, index)
            for run in (*shape.element.iter(A + "r"), *shape.element.iter(A + "fld")):
                colour = run.find(f"{A}rPr/{A}solidFill/{A}srgbClr")
                if colour is not None and (run.findtext(A + "t") or "").strip():
                    ratio = contrast_ratio("#" + colour.get("val"), ground)
                    if ratio < 4.5:
                        worst.append(f"slide {number} {shape.name}: {ratio:.2f}")
    assert worst == []


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_converts_it_without_overflow(decks, name, tmp_path):
    _, data = decks[name]
    slides = len(Presentation(io.BytesIO(data)).slides)
    assert overflows(data, tmp_path) == []
    info = subprocess.run(["pdfinfo", str(tmp_path / "deck.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert f"Pages: {slides}" in " ".join(info.split())
