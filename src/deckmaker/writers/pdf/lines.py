"""reportlab's line breaking, with quicker look-ups of widths, ascents and styles.

``Paragraph.breakLines`` asks ``pdfmetrics.stringWidth`` for a space's width once
for each fragment already on the line, for every word it places (its allowance for
shrinking spaces), and ``getAscentDescent`` for every word: some twenty look-ups
per line, each through two or three function calls. Here ``stringWidth`` goes to
the registered font directly and ascents are remembered per (font, size); font
names are never reused for other metrics (fonts.py names each version of a file).
It also compares each word's style with the line's through ``sameFrag``, whose
compiled version compares even the very same colour object through ``Color.__eq__``
(a fifth of a multi-style paragraph's breaking); ``same_frag`` is reportlab's own
pure-Python definition, whose comparison of values takes an object as equal to
itself first. The algorithm is reportlab's own, rebound to these three names.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import paragraph as rl_paragraph

from deckmaker.writers.pdf.rebind import rebound

_FONTS = pdfmetrics._fonts  # reportlab's registry, which getFont reads


def string_width(text, font_name: str, size: float, encoding: str = "utf8") -> float:
    """``pdfmetrics.stringWidth`` without its look-up calls for a registered font."""
    font = _FONTS.get(font_name) or pdfmetrics.getFont(font_name)
    return font.stringWidth(text, size, encoding)


ascent_descent = lru_cache(maxsize=256)(pdfmetrics.getAscentDescent)

_STYLE_KEYS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor",
               "nobr")  # what sameFrag compares


def same_frag(f, g) -> bool:
    """``sameFrag(f, g)``: whether two fragments print alike and may share a word."""
    f_values, g_values = f.__dict__, g.__dict__
    if "cbDefn" in f_values or "lineBreak" in f_values or "cbDefn" in g_values \
            or "lineBreak" in g_values:  # such a fragment is like no other, itself included
        return False
    for key in _STYLE_KEYS:  # as a list comparison compares items: identity, then ==
        mine, theirs = f_values.get(key), g_values.get(key)
        if mine is not theirs and not mine == theirs:
            return False
    return True


break_lines = rebound(rl_paragraph.Paragraph.breakLines, rl_paragraph,
                      stringWidth=string_width, getAscentDescent=ascent_descent,
                      sameFrag=same_frag)
