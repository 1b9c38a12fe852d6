"""Fill colours set with their PDF operator made once per colour.

Drawing a memo sets a fill colour some six hundred times (each change of colour
between fragments, every bullet and paragraph), and reportlab formats the three
numbers and checks the colour's alpha through four calls each time. A plain RGB
colour gets the operator reportlab would write from a table here, and its alpha
through the same graphics-state call; anything else goes reportlab's way.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.textobject import PDFTextObject

_OPERATORS: dict[tuple[float, float, float], str] = {}  # (red, green, blue) -> "r g b rg"
_MAX_OPERATORS = 4096  # then start over: bounded memory in long-running processes


class QuickFill:
    """Mixin for a canvas or text object: ``setFillColor`` writing what reportlab
    writes, quicker for plain RGB colours."""

    def setFillColor(self, aColor, alpha=None):
        if type(aColor) is not Color or alpha is not None or self._enforceColorSpace:
            return super().setFillColor(aColor, alpha)
        opacity = aColor.alpha
        if opacity is not None and not (isinstance(opacity, (float, int)) and 0 <= opacity <= 1):
            return super().setFillColor(aColor, alpha)  # reportlab raises its error
        rgb = (aColor.red, aColor.green, aColor.blue)
        operator = _OPERATORS.get(rgb)
        if operator is None:
            if len(_OPERATORS) >= _MAX_OPERATORS:
                _OPERATORS.clear()
            operator = _OPERATORS[rgb] = f"{fp_str(rgb)} rg"
        self._fillColorObj = aColor
        self._code.append(operator)
        if opacity is not None:
            self._setFillAlpha(opacity)
        return None


class MemoTextObject(QuickFill, PDFTextObject):
    """The text object of the memo's canvas."""
