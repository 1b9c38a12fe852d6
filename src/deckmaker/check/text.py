"""Pure text helpers for the rules: what to ignore, and how long text looks.

Every helper keeps character offsets unchanged, so a match in the prepared text
is at the same offset in the YAML value and can be located in the file.
"""

from __future__ import annotations

import re

from deckmaker.inline import parse_inline, plain_text

# Quoted text is someone else's wording: a quote may say "probably".
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
# A link target is an address, not prose.
_LINK_TARGET = re.compile(r"(?<=\])\([^()\s]+\)")


def prose(text: str) -> str:
    """``text`` with quoted passages and link targets blanked out, offsets kept."""
    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())
    return _LINK_TARGET.sub(blank, _QUOTED.sub(blank, text))


def visible_length(text: str) -> int:
    """The number of characters ``text`` shows once its inline markup is applied."""
    return len(plain_text(parse_inline(text)))


def as_written(match: re.Match[str]) -> str:
    """The matched words as written, with any line break inside shown as one space."""
    return " ".join(match.group().split())
