"""reportlab's line breaking, with quicker look-ups of widths and ascents.

``Paragraph.breakLines`` asks ``pdfmetrics.stringWidth`` for a space's width once
for each fragment already on the line, for every word it places (its allowance for
shrinking spaces), and ``getAscentDescent`` for every word: some twenty look-ups
per line, each through two or three function calls. Here ``stringWidth`` goes to
the registered font directly and ascents are remembered per (font, size); font
names are never reused for other metrics (fonts.py names each version of a file).
The algorithm is reportlab's own, rebound to these two names.
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

break_lines = rebound(rl_paragraph.Paragraph.breakLines, rl_paragraph,
                      stringWidth=string_width, getAscentDescent=ascent_descent)
