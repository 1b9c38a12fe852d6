"""reportlab's CJK line breaking, with each line assembled per fragment run.

``Paragraph.breakLinesCJK`` (through ``cjkFragSplit``) treats every character as a
word, and ``makeCJKParaLine`` then rebuilds each line one character at a time: a
font ascent look-up and a fragment comparison per character, about a tenth of a
memo's render when a few claims hold some Chinese. Consecutive characters of one
fragment give the same answers, so ``_line`` asks once per run of a fragment and
builds the same line. The two reportlab functions are reused as they are, rebound
to call ``_line`` (and each other) instead of their module's names.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter
from types import FunctionType

from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import FragLine, makeCJKParaLine

_frag_of = attrgetter("frag")


def _stands_alone(frag) -> bool:
    """Whether sameFrag says ``frag`` differs even from itself (each character a word)."""
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
        ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
        max_size = max(max_size, frag.fontSize)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        for char in run if _stands_alone(frag) else [next(run)]:
            if not sameFrag(current, frag):
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


def _rebound(function, **names):
    """``function`` with some of its module's names replaced."""
    return FunctionType(function.__code__, {**vars(rl_paragraph), **names},
                        function.__name__, function.__defaults__)


_frag_split = _rebound(rl_paragraph.cjkFragSplit, makeCJKParaLine=_line)
break_lines_cjk = _rebound(rl_paragraph.Paragraph.breakLinesCJK, cjkFragSplit=_frag_split)
