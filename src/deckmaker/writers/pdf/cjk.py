"""reportlab's CJK line breaking, with each line assembled per fragment run.

``Paragraph.breakLinesCJK`` (through ``cjkFragSplit``) treats every character as a
word, and ``makeCJKParaLine`` then rebuilds each line one character at a time: a
font ascent look-up and a fragment comparison per character, about a tenth of a
memo's render when a few claims hold some Chinese. Consecutive characters of one
fragment give the same answers, so ``_line`` asks once per run of a fragment and
builds the same line. ``cjkFragSplit`` also makes a ``cjkU`` (a character with
its fragment and width) per character, measuring each through three calls; ``_glyph``
makes the same object with the width looked up once per (character, font, size).
The two reportlab functions are reused as they are, rebound to call ``_line``,
``_glyph`` (and each other) instead of their module's names.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import FragLine, cjkU, makeCJKParaLine

from deckmaker.writers.pdf.lines import ascent_descent, same_frag, string_width
from deckmaker.writers.pdf.rebind import rebound

_frag_of = attrgetter("frag")


def _stands_alone(frag) -> bool:
    """Whether same_frag says ``frag`` differs even from itself (each character a word)."""
    return "cbDefn" in frag.__dict__ or "lineBreak" in frag.__dict__


def _line(chars, max_width, width_used, extra_space, line_break, calc_bounds):
    """``makeCJKParaLine`` of the same arguments, with one look-up per fragment run."""
    if calc_bounds:  # image heights may differ per character: reportlab's own way
        return makeCJKParaLine(chars, max_width, width_used, extra_space, line_break,
                               calc_bounds)
    words, word = [], []
    current = FragLine()
    max_size = max_ascent = min_descent = 0
    for frag, run in groupby(chars, key=_frag_of):
        ascent, descent = ascent_descent(frag.fontName, frag.fontSize)
        max_size = max(max_size, frag.fontSize)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        for char in run if _stands_alone(frag) else [next(run)]:
            if not same_frag(current, frag):
                current = current.clone()
                current.text = "".join(word)
                words.append(current)
                word, current = [], frag
            word.append(char)
        word.extend(run)  # the rest of a run joins its first character's word
    if word:
        current = current.clone()
        current.text = "".join(word)
        words.append(current)
    return FragLine(kind=1, extraSpace=extra_space, wordCount=1, words=words[1:],
                    fontSize=max_size, ascent=max_ascent, descent=min_descent,
                    maxWidth=max_width, currentWidth=width_used, lineBreak=line_break)


_WIDTHS: dict[tuple[str, str, float], float] = {}  # (character, font, size) -> width
_MAX_WIDTHS = 20_000  # then start over: bounded memory in long-running processes


def _glyph(char: str, frag, encoding: str) -> cjkU:
    """``cjkU(char, frag, encoding)``, its width looked up once per character, font and size
    (font names are never reused for other metrics: fonts.py names each file version)."""
    if hasattr(frag, "cbDefn"):  # an image or callback: reportlab's own way
        return cjkU(char, frag, encoding)
    key = (char, frag.fontName, frag.fontSize)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) >= _MAX_WIDTHS:
            _WIDTHS.clear()
        width = _WIDTHS[key] = string_width(char, frag.fontName, frag.fontSize)
    glyph = str.__new__(cjkU, char)
    glyph._frag, glyph._width = frag, width
    return glyph


_frag_split = rebound(rl_paragraph.cjkFragSplit, rl_paragraph, makeCJKParaLine=_line,
                      cjkU=_glyph)
break_lines_cjk = rebound(rl_paragraph.Paragraph.breakLinesCJK, rl_paragraph,
                          cjkFragSplit=_frag_split)
