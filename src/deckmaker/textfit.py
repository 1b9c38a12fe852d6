"""Measuring wrapped text with the pack's real font metrics, so slide text never overflows.

PowerPoint only shrinks text on edit and python-pptx's ``fit_text`` needs system
fonts, so the deck measures text itself: each paragraph is wrapped greedily at
word boundaries (CJK between any two characters, over-long words between
characters) using the advance widths of the pack's TrueType files, and each
line takes ``line_spacing`` times the font size. The deck writes that same
line spacing as an exact value, so what is measured here is what is drawn.

Characters the deck family lacks (CJK) are measured with the font the deck names as
their East Asian typeface: the pack's first fallback font present (``Fonts.cjk``),
loaded only when such a character turns up.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from deckmaker.cache import font_tables
from deckmaker.model import FontFaces

LINE_SPACING = 1.2
# Renderers hint and round glyph positions; keep a little room on every line.
WIDTH_SAFETY = 0.96
# Break opportunities: after each wide (CJK) character, after a word and its spaces.
_WIDE = r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
# The same for text with no wide character (below the first): compiling the full pattern
# takes milliseconds (re builds a bitmap of its ranges in Python), so only CJK text pays.
_FIRST_WIDE = "\u2e80"
_WORD_TOKEN = re.compile(r"\S+\s*|\s+")


@lru_cache(maxsize=1)
def _wide_token() -> re.Pattern[str]:
    return re.compile(rf"[{_WIDE}]|[^\s{_WIDE}]+\s*|\s+")


def _tokens(text: str) -> list[str]:
    """``text`` cut at its break opportunities (each token a word and its trailing spaces,
    a wide character, or leading spaces)."""
    token = _WORD_TOKEN if max(text, default="") < _FIRST_WIDE else _wide_token()
    return token.findall(text)


class Run(NamedTuple):
    """Text in one face of the family (a tuple: hashed for every cached measurement)."""

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


@dataclass(frozen=True)
class Fonts:
    """What deck text is measured with: the deck family, and the font drawing the
    characters it lacks as (file, subfont) and family name (None: estimated, 1 em for
    wide characters, as no CJK font is present)."""

    faces: FontFaces
    cjk: tuple[Path, int] | None = None
    cjk_family: str | None = None
    # (size, modification time) of each file: measurements are cached by Fonts, and a
    # long-running ``watch`` must measure an edited font afresh
    versions: tuple = ()

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        # hashed for every cached measurement; hashing its paths each time cost more
        # than measuring
        return hash((self.faces, self.cjk, self.cjk_family, self.versions))

    def __getstate__(self) -> dict:
        # string hashes differ between processes: never carry the cached one over
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}


def deck_fonts(theme) -> Fonts:
    """The deck's fonts for ``theme``: its deck family, then its first fallback font."""
    faces = theme.deck_font
    files = [faces.regular, faces.bold, faces.italic, faces.bold_italic]
    if not theme.fallback_fonts:
        return Fonts(faces, versions=_versions(files))
    family, path, subfont = theme.fallback_fonts[0]
    return Fonts(faces, (Path(path), subfont), family, _versions([*files, path]))


def _versions(files: list) -> tuple:
    """(size, modification time) of each of ``files``; None for one that cannot be read
    (measuring it then raises as before)."""
    versions = []
    for file in files:
        try:
            stat = os.stat(file)
        except OSError:
            versions.append(None)
        else:
            versions.append((stat.st_size, stat.st_mtime_ns))
    return tuple(versions)


class _Widths(dict):
    """Advance widths in ems by character; a character missing (or of zero width) is
    looked up once by ``missing`` and remembered."""

    def __init__(self, widths: dict[str, float], missing: Callable[[str], float]) -> None:
        super().__init__(widths)
        self._missing = missing

    def __missing__(self, char: str) -> float:
        width = self[char] = self._missing(char)
        return width


class Metrics:
    """Advance widths of one TrueType face, in ems, and of its fallback for the rest."""

    def __init__(self, path: Path, fallback: tuple[Path, int] | None = None,
                 subfont: int = 0, versions: tuple = ()) -> None:
        scale = 1.0 / 1000
        self._face = {chr(code): width * scale
                      for code, width in font_tables(path, subfont).char_widths.items() if width}
        self._widths = _Widths(self._face, self._missing)
        self._fallback = fallback
        self._versions = versions

    def face_width(self, char: str) -> float | None:
        """The advance width of ``char`` in ems in this face itself, None if it lacks it."""
        return self._face.get(char)

    def width(self, text: str) -> float:
        """The advance width of ``text`` in ems (characters the face lacks in the
        fallback font, else as one would draw them: wide for CJK, half an em otherwise)."""
        return sum(map(self._widths.__getitem__, text))

    def _missing(self, char: str) -> float:
        if self._fallback is not None:
            path, subfont = self._fallback
            found = metrics(path, subfont=subfont, versions=self._versions).face_width(char)
            if found:
                return found
        return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


@lru_cache(maxsize=16)
def metrics(path: Path, fallback: tuple[Path, int] | None = None, subfont: int = 0,
            versions: tuple = ()) -> Metrics:
    """The (cached) metrics of the face at ``path`` with characters it lacks taken from
    ``fallback``; ``versions`` (as ``Fonts.versions``) keys the cache to the files' state."""
    return Metrics(path, fallback, subfont, versions)


def face_path(fonts: Fonts, bold: bool, italic: bool) -> Path:
    """The file of the deck family of ``fonts`` for the given emphasis."""
    faces = fonts.faces
    if bold and italic:
        return faces.bold_italic
    return faces.bold if bold else faces.italic if italic else faces.regular


def text_width(text: str, fonts: Fonts, size: float, *, bold: bool = False,
               italic: bool = False) -> float:
    """The width of one line of ``text`` in points."""
    face = metrics(face_path(fonts, bold, italic), fonts.cjk, versions=fonts.versions)
    return face.width(text) * size


@lru_cache(maxsize=8192)
def _run_tokens(run: Run, fonts: Fonts) -> tuple[tuple[float, float], ...]:
    """The break opportunities of ``run`` as (width of the token, width of its trailing
    space) in ems; cached, as a paragraph is measured at many sizes and widths."""
    face = metrics(face_path(fonts, run.bold, run.italic), fonts.cjk, versions=fonts.versions)
    tokens = []
    for token in _tokens(run.text.replace("\n", " ")):
        word = token.rstrip()
        tokens.append((face.width(word), face.width(token[len(word):])))
    return tuple(tokens)


@lru_cache(maxsize=8192)
def _line_count(runs: tuple[Run, ...], fonts: Fonts, max_ems: float) -> int:
    """How many lines ``runs`` take when each line holds ``max_ems``."""
    lines, used = 1, 0.0
    pending_space = 0.0
    for word, space in (token for run in runs for token in _run_tokens(run, fonts)):
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


def line_count(para: Para, fonts: Fonts, width: float) -> int:
    """The number of lines ``para`` wraps to in a box ``width`` points wide."""
    max_ems = max((width - para.indent) * WIDTH_SAFETY / para.size, 0.5)
    return _line_count(para.runs, fonts, round(max_ems, 3))


def wrap(text: str, fonts: Fonts, size: float, first: float, rest: float) -> list[str]:
    """``text`` broken into lines as ``line_count`` breaks it: the first line ``first``
    points wide, the others ``rest``; a word longer than a line is cut between characters.
    For regular text a renderer would otherwise break its own way (links in LibreOffice)."""
    face = metrics(fonts.faces.regular, fonts.cjk, versions=fonts.versions)
    lines, line, width = [], "", first
    for token in _tokens(text):
        word = token.rstrip()
        limit = width * WIDTH_SAFETY / size - 0.01  # a hair under, for rounding
        if line and face.width(line + word) > limit:
            lines.append(line.rstrip())
            line, width = "", rest
            limit = rest * WIDTH_SAFETY / size - 0.01
        while face.width(line + word) > limit and len(word) > 1:
            cut = next((n for n in range(len(word) - 1, 0, -1)
                        if face.width(line + word[:n]) <= limit), 1)
            lines.append(line + word[:cut])
            line, word, width = "", word[cut:], rest
            limit = rest * WIDTH_SAFETY / size - 0.01
        line += word + token[len(token.rstrip()):]
    return [*lines, line.rstrip()] if line.strip() else lines


def paragraph_height(para: Para, fonts: Fonts, width: float) -> float:
    """The height of ``para`` in points, including its space before."""
    return para.space_before + line_count(para, fonts, width) * para.size * para.line_spacing


def text_height(paras: Iterable[Para], fonts: Fonts, width: float) -> float:
    """The height of consecutive paragraphs (the first one's space before is dropped,
    as PowerPoint and LibreOffice do at the top of a text box)."""
    total = 0.0
    for i, para in enumerate(paras):
        total += paragraph_height(para, fonts, width) - (para.space_before if i == 0 else 0)
    return total


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
