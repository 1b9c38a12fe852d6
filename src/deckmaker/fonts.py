"""The pack's TrueType fonts for reportlab: registration, glyph coverage and fallback runs.

reportlab has no glyph fallback: a character the font lacks prints as a box
without any error. So text is split into runs, each in the first font that
has its characters: the main font, then the theme's fallback fonts, then
(for CJK, when no fallback file exists) a standard CID font the reader supplies.
Used by the memo only: the deck measures text with ``deckmaker.textfit``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from deckmaker.errors import RenderError
from deckmaker.model import FontFaces

# Standard CID fonts (not embedded) by script, used when no CJK font file exists.
CID_KOREAN = "HYSMyeongJo-Medium"
CID_JAPANESE = "HeiseiMin-W3"
CID_CHINESE = "STSong-Light"
_CJK_RANGES = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF),
               (0x3100, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF),
               (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F))
# Below this, no character is CJK: most text is checked without the pattern, whose
# compilation takes milliseconds (re builds a bitmap of its ranges in Python).
_FIRST_CJK = chr(_CJK_RANGES[0][0])
# Characters every run may keep in the current font: spacing, not glyphs.
_NEUTRAL = frozenset(" \n\t\u00a0\u200b")
NBSP = "\u00a0"  # reportlab draws it with the space's code
# Printed in the main font for a character no font has, so that nothing vanishes unseen.
REPLACEMENT = "\ufffd"
# Colour emoji live only in CBDT/COLR fonts, which reportlab cannot embed.
_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF))


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a Chinese, Japanese or Korean character or CJK punctuation."""
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def has_cjk(text: str) -> bool:
    """Whether ``text`` needs CJK line breaking (breaks between any two characters)."""
    if text.isascii():  # most text: a flag the string keeps, read in nanoseconds
        return False
    return max(text) >= _FIRST_CJK and bool(_cjk_pattern().search(text))


@lru_cache(maxsize=1)
def _cjk_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES)
                      + "]")


def _cid_font_for(char: str) -> str:
    code = ord(char)
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
        return CID_KOREAN
    if 0x3040 <= code <= 0x30FF:
        return CID_JAPANESE
    return CID_CHINESE


def _font_name(path: Path, subfont: int, size: int, mtime_ns: int) -> str:
    """A reportlab name for one version of a font file: its stem and a short hash of
    (path, subfont, size, modification time).

    reportlab's registry is global, so two files of the same name in different folders
    need different names, and an edited file a new one (else the old face is reused)."""
    key = f"{path.resolve()}|{subfont}|{size}|{mtime_ns}".encode()
    return f"{path.stem.replace(' ', '')}-{hashlib.sha1(key).hexdigest()[:8]}"


def load_ttf(path: Path, subfont: int = 0) -> TTFont:
    """The TrueType font at ``path``, registered with reportlab; loaded again once the
    file changes (a long-running ``watch`` sees an edited font)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise RenderError(f"{path}: cannot use this font ({exc.strerror})") from None
    return _load_ttf(path, subfont, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _load_ttf(path: Path, subfont: int, size: int, mtime_ns: int) -> TTFont:
    """The font of one version of a file, keyed like its name (see ``_font_name``)."""
    name = _font_name(path, subfont, size, mtime_ns)
    try:
        font = TTFont(name, str(path), subfontIndex=subfont)
    except (TTFError, OSError) as exc:
        raise RenderError(f"{path}: cannot use this font ({exc}); the pack needs TrueType "
                          "(.ttf) files, not OpenType/CFF (.otf)") from None
    pdfmetrics.registerFont(font)
    return font


def _register_single_face_family(name: str) -> None:
    """Let ``<b>``/``<i>`` inside a fallback run resolve to the one face it has."""
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def register_family(faces: FontFaces) -> str:
    """Register the four faces of ``faces`` as one family; return the regular face's name.

    Without the family mapping, ``<b>`` and ``<i>`` silently render in the regular face.
    """
    regular, bold, italic, bold_italic = (load_ttf(p).fontName for p in (
        faces.regular, faces.bold, faces.italic, faces.bold_italic))
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=italic,
                                  boldItalic=bold_italic)
    return regular


def face_name(faces: FontFaces, *, bold: bool = False, italic: bool = False) -> str:
    """The registered name of one face of ``faces`` (after ``register_family``)."""
    path = {(False, False): faces.regular, (True, False): faces.bold,
            (False, True): faces.italic, (True, True): faces.bold_italic}[(bold, italic)]
    return load_ttf(path).fontName


@dataclass(frozen=True)
class Run:
    """A stretch of text and the fallback font it needs (None: the main font)."""

    text: str
    font: str | None


class Fallbacks:
    """The fonts tried, in order, for characters the main font lacks.

    ``fonts`` are (family, path, subfont) triples as in ``Theme.fallback_fonts``;
    files are loaded only when a character actually needs them.
    """

    def __init__(self, fonts: Iterable[tuple[str, Path, int]] = ()) -> None:
        self._fonts = tuple(fonts)
        self._choice: dict[str, str | None] = {}
        self.missing: set[str] = set()  # visible characters ``printable`` had to replace
        self.cjk_fonts: set[str] = set()  # the fonts chosen for CJK characters

    def printable(self, text: str, main: TTFont) -> str:
        """``text`` with each visible character that neither ``main`` nor a fallback has
        replaced by REPLACEMENT (and remembered in ``missing``); invisible format
        characters no font has (joiners, variation selectors, direction marks) dropped."""
        fits = _fits_in(main)
        if fits.issuperset(text):
            return text
        kept = []
        for char in text:
            if char in fits or self.font_for(char):
                kept.append(char)
            elif not _is_invisible(char):
                self.missing.add(char)
                kept.append(REPLACEMENT)
        return "".join(kept)

    def font_for(self, char: str) -> str | None:
        """The name of the first fallback font with ``char``, or None if none has it."""
        if char not in self._choice:
            font = self._choice[char] = self._find(char)
            if font is not None and is_cjk(char):
                self.cjk_fonts.add(font)
        return self._choice[char]

    def cjk_base_fonts(self) -> frozenset[str]:
        """The /BaseFont names (without a subset's ``ABCDEF+``) the PDF gives the fonts
        chosen for CJK characters: a TrueType font's PostScript name, a CID font's own."""
        names = set()
        for name in self.cjk_fonts:
            font = pdfmetrics.getFont(name)
            names.add(font.face.name.decode("latin-1") if isinstance(font, TTFont) else name)
        return frozenset(names)

    def _find(self, char: str) -> str | None:
        code = ord(char)
        for _family, path, subfont in self._fonts:
            font = load_ttf(path, subfont)
            if code in font.face.charToGlyph:
                _register_single_face_family(font.fontName)
                return font.fontName
        if is_cjk(char):
            return _cid_font(_cid_font_for(char))
        return None


def _is_invisible(char: str) -> bool:
    """Whether ``char`` only steers other characters (format or variation selector)."""
    return unicodedata.category(char) == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F


def is_emoji(char: str) -> bool:
    """Whether ``char`` is in the emoji and pictograph blocks."""
    return any(low <= ord(char) <= high for low, high in _EMOJI_RANGES)


def missing_glyphs_message(name: str, missing: Iterable[str], limit: int = 6) -> str:
    """One warning naming the characters a file shows as REPLACEMENT, with what to do."""
    chars = sorted(set(missing))
    shown = ", ".join(f"{c} U+{ord(c):04X}" for c in chars[:limit])
    more = f", and {len(chars) - limit} more" if len(chars) > limit else ""
    plural = "character has" if len(chars) == 1 else "characters have"
    if all(is_emoji(c) for c in chars):
        hint = "the memo cannot show colour emoji; remove them or use words"
    else:
        hint = ("install fonts that have them (on Debian: fonts-noto-core, fonts-noto-cjk) "
                "and list them under fonts.fallback in the pack, or remove them")
    return (f"{name}: {len(chars)} {plural} no font on this machine ({shown}{more}); "
            f"they print as {REPLACEMENT}: {hint}")


@lru_cache(maxsize=8)
def _cid_font(name: str) -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    _register_single_face_family(name)
    return name


@lru_cache(maxsize=64)
def _fits_in(font: TTFont) -> frozenset[str]:
    """The characters a run in ``font`` may hold: its glyphs and the neutral spacing.

    Built once per font, so that checking a text is one set operation in C.
    """
    return frozenset(map(chr, font.face.charToGlyph)) | _NEUTRAL


def split_runs(text: str, main: TTFont, fallbacks: Fallbacks) -> list[Run]:
    """``text`` cut into runs, each marked with the fallback font it needs, if any."""
    fits = _fits_in(main)
    if fits.issuperset(text):
        return [Run(text, None)] if text else []
    fonts: list[str | None] = []
    for char in text:
        if char in _NEUTRAL:  # spaces stay with the run before them
            fonts.append(fonts[-1] if fonts else None)
        else:
            fonts.append(None if char in fits else fallbacks.font_for(char))
    return [Run("".join(c for c, _ in group), font)
            for font, group in groupby(zip(text, fonts, strict=True), key=lambda pair: pair[1])]


def font_for_label(text: str, main: TTFont, fallbacks: Fallbacks) -> str:
    """One font for a short label that cannot switch fonts (chart text): the main font
    if it has every character, else the fallback the first uncovered character needs."""
    needed = next((run.font for run in split_runs(text, main, fallbacks) if run.font), None)
    return needed or main.fontName

