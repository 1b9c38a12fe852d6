"""Reading a saved deck as a reviewer would, with python-pptx and lxml only (never the
planner): which slides are in the main section, each slide's body text and words, its
runs' sizes, its notes."""

from __future__ import annotations

import io
import re

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

FOOTER_PLACEHOLDERS = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
TITLE_PLACEHOLDERS = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def open_deck(data: bytes):
    return Presentation(io.BytesIO(data))


def title_of(slide) -> str:
    title = slide.shapes.title
    return title.text_frame.text if title is not None else ""


def main_slides(prs, divider: str = "Backup") -> list:
    """The slides before the one titled ``divider`` (all of them without one)."""
    slides = list(prs.slides)
    titles = [title_of(s) for s in slides]
    return slides[:titles.index(divider)] if divider in titles else slides


def body_shapes(slide) -> list:
    """The slide's text shapes and tables but its title and footer placeholders."""
    out = []
    for shape in slide.shapes:
        if shape.is_placeholder and shape.placeholder_format.type in (
                *FOOTER_PLACEHOLDERS, *TITLE_PLACEHOLDERS):
            continue
        if shape.has_text_frame or getattr(shape, "has_table", False) and shape.has_table:
            out.append(shape)
    return out


def body_text(slide) -> str:
    parts = []
    for shape in body_shapes(slide):
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        else:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(p for p in parts if p.strip())


def words(text: str) -> int:
    """Spaced tokens with a letter or digit; Han and kana characters two to a word."""
    total = 0
    for token in text.split():
        cjk = len(_CJK.findall(token))
        rest = _CJK.sub(" ", token).split()
        total += -(-cjk // 2) + sum(1 for r in rest if any(ch.isalnum() for ch in r))
    return total


def body_sizes(slide) -> list[float]:
    """The size (pt) of every non-empty run of the slide's body text."""
    sizes = []
    for shape in body_shapes(slide):
        frames = [shape.text_frame] if shape.has_text_frame else \
            [cell.text_frame for row in shape.table.rows for cell in row.cells]
        sizes += [run.font.size.pt for frame in frames for p in frame.paragraphs
                  for run in p.runs if run.text.strip()]
    return sizes


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def figure_charts(prs, figures) -> list:
    """The chart of each of ``figures``, in their order: the first chart frame whose
    alt text is the figure's (a figure cited by two judgments is drawn on both slides)."""
    frames = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                descr = shape.element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")
                frames.setdefault(descr[0] if descr else "", shape.chart)
    return [frames[figure.alt] for figure in figures]
