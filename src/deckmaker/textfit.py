"""Measuring wrapped text with the pack's real font metrics, so slide text never overflows.

PowerPoint only shrinks text on edit and python-pptx's ``fit_text`` needs system
fonts, so the deck measures text itself: each paragraph is wrapped greedily at
word boundaries (CJK between any two characters, over-long words between
characters) using the advance widths of the pack's TrueType files, and each
line takes ``line_spacing`` times the font size. The deck writes that same
line spacing as an exact value, so what is measured here is what is drawn.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile

from deckmaker.model import FontFaces

LINE_SPACING = 1.2
# Renderers hint and round glyph positions; keep a little room on every line.
WIDTH_SAFETY = 0.96
_TOKEN = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff"
                    r"\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+\s*|\s+")


@dataclass(frozen=True)
class Run:
    """Text in one face of the family."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph to measure: its runs, size (pt), left indent and space before (pt)."""

    runs: tuple[Run, ...]
    size: float
    indent: float = 0.0
    space_before: float = 0.0
    line_spacing: float = LINE_SPACING


class Metrics:
    """Advance widths of one TrueType face, in ems."""

    def __init__(self, path: Path) -> None:
        face = TTFontFile(str(path))
        scale = 1.0 / 1000
        self._widths = {code: width * scale for code, width in face.charWidths.items()}

    def width(self, text: str) -> float:
        """The advance width of ``text`` in ems (characters the face lacks count as a
        fallback font would draw them: wide for CJK, about half an em otherwise)."""
        widths = self._widths
        return sum(widths.get(ord(c)) or _missing_width(c) for c in text)


def _missing_width(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


@lru_cache(maxsize=16)
def metrics(path: Path) -> Metrics:
    """The (cached) metrics of the face at ``path``."""
    return Metrics(path)


def face_path(faces: FontFaces, bold: bool, italic: bool) -> Path:
    """The file of ``faces`` for the given emphasis."""
    if bold and italic:
        return faces.bold_italic
    return faces.bold if bold else faces.italic if italic else faces.regular


def text_width(text: str, faces: FontFaces, size: float, *, bold: bool = False,
               italic: bool = False) -> float:
    """The width of one line of ``text`` in points."""
    return metrics(face_path(faces, bold, italic)).width(text) * size


def _tokens(runs: Sequence[Run], faces: FontFaces) -> list[tuple[float, float]]:
    """Break opportunities as (width of the token, width of its trailing space) in ems."""
    tokens = []
    for run in runs:
        face = metrics(face_path(faces, run.bold, run.italic))
        for token in _TOKEN.findall(run.text.replace("\n", " ")):
            word = token.rstrip()
            tokens.append((face.width(word), face.width(token[len(word):])))
    return tokens


@lru_cache(maxsize=8192)
def _line_count(runs: tuple[Run, ...], faces: FontFaces, max_ems: float) -> int:
    """How many lines ``runs`` take when each line holds ``max_ems``."""
    lines, used = 1, 0.0
    pending_space = 0.0
    for word, space in _tokens(runs, faces):
        if word == 0:
            pending_space += space
            continue
        if used and used + pending_space + word > max_ems:
            lines += 1
            used, pending_space = 0.0, 0.0
        if word > max_ems:  # an unbreakable word (a URL) wraps between characters
            extra, used = divmod(used + word, max_ems)
            lines += int(extra)
        else:
            used += pending_space + word
        pending_space = space
    return lines


def line_count(para: Para, faces: FontFaces, width: float) -> int:
    """The number of lines ``para`` wraps to in a box ``width`` points wide."""
    max_ems = max((width - para.indent) * WIDTH_SAFETY / para.size, 0.5)
    return _line_count(para.runs, faces, round(max_ems, 3))


def paragraph_height(para: Para, faces: FontFaces, width: float) -> float:
    """The height of ``para`` in points, including its space before."""
    return para.space_before + line_count(para, faces, width) * para.size * para.line_spacing


def text_height(paras: Iterable[Para], faces: FontFaces, width: float) -> float:
    """The height of consecutive paragraphs (the first one's space before is dropped,
    as PowerPoint and LibreOffice do at the top of a text box)."""
    total = 0.0
    for i, para in enumerate(paras):
        total += paragraph_height(para, faces, width) - (para.space_before if i == 0 else 0)
    return total


def fits(paras: Iterable[Para], faces: FontFaces, width: float, height: float) -> bool:
    """Whether ``paras`` fit a text area of ``width`` x ``height`` points."""
    return text_height(paras, faces, width) <= height + 0.01


def sizes(bounds: tuple[float, float], step: float = 1.0) -> list[float]:
    """Candidate font sizes from the largest to the smallest of ``bounds``."""
    low, high = bounds
    found, size = [], high
    while size >= low - 1e-9:
        found.append(round(size, 2))
        size -= step
    return found or [low]


def largest_fitting_size(height_at: Callable[[float], float], available: float,
                         bounds: tuple[float, float]) -> float | None:
    """The largest size in ``bounds`` whose ``height_at(size)`` fits ``available``;
    None when even the smallest does not fit (the caller splits the content)."""
    for size in sizes(bounds):
        if height_at(size) <= available + 0.01:
            return size
    return None
