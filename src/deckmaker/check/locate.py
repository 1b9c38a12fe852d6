"""Locating a character of a YAML scalar's value in the file it came from.

A scalar's value differs from its source by whitespace (indentation, folded line
breaks) and escapes (``''`` in single quotes, ``\\"`` in double quotes), so the
n-th visible character of the value is the n-th visible character of the source
after the scalar's opening quote or block header.
"""

from __future__ import annotations

import bisect
import re

_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
            "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029", "\n": "", "\r": ""}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
# The line breaks PyYAML counts when it numbers lines.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class SourceText:
    """The text of a YAML file, able to turn value offsets into line:column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def index(self, line: int, column: int) -> int:
        """The character index of a 1-based (line, column)."""
        return self._line_starts[line - 1] + column - 1

    def position(self, index: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character index."""
        line = bisect.bisect_right(self._line_starts, index)
        return line, index - self._line_starts[line - 1] + 1

    def locate(self, scalar_at: tuple[int, int], value: str, offset: int) -> tuple[int, int]:
        """Where character ``offset`` of ``value`` is, for the scalar starting at ``scalar_at``.

        Falls back to the scalar's own position if the source does not line up.
        """
        wanted = sum(1 for ch in value[:offset] if not ch.isspace())
        index = self._body_start(self.index(*scalar_at))
        style = self.text[self.index(*scalar_at)]
        seen = 0
        while index < len(self.text):
            length, visible = self._unit(index, style)
            if visible:
                if seen == wanted:
                    return self.position(index)
                seen += 1
            index += length
        return scalar_at

    def _body_start(self, index: int) -> int:
        """Skip a quote or a block scalar's header line (``>-  # comment``)."""
        style = self.text[index]
        if style in "|>":
            newline = _LINE_BREAK.search(self.text, index)
            return newline.end() if newline else len(self.text)
        return index + 1 if style in "'\"" else index

    def _unit(self, index: int, style: str) -> tuple[int, bool]:
        """The source length of the character at ``index`` and whether it shows in the value."""
        text = self.text
        if style == '"' and text[index] == "\\" and index + 1 < len(text):
            code = text[index + 1]
            if code in _HEX_DIGITS:
                digits = _HEX_DIGITS[code]
                char = chr(int(text[index + 2:index + 2 + digits] or "0", 16))
                return 2 + digits, not char.isspace()
            char = _ESCAPES.get(code, code)
            return 2, bool(char) and not char.isspace()
        if style == "'" and text.startswith("''", index):
            return 2, True
        return 1, not text[index].isspace()
