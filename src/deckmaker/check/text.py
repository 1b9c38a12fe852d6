"""Pure text helpers for the rules: what to ignore, and where sentences are.

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
# A sentence ends at . ! or ? (plus closing quotes or brackets) before a space and
# a capital, digit or opening quote, or at the end of the text.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]*]*(?=\s+[\"“'‘(*\[]*[A-Z0-9]|\s*$)")
# A full stop after an initial ("U.S.") or a title does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sen|Rep|Gov|No|vs|cf))$")


def prose(text: str) -> str:
    """``text`` with quoted passages and link targets blanked out, offsets kept."""
    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group())
    return _LINK_TARGET.sub(blank, _QUOTED.sub(blank, text))


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each sentence in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _ABBREVIATION.search(text, 0, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [_trimmed(text, s, e) for s, e in spans if text[s:e].strip()]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


def visible_length(text: str) -> int:
    """The number of characters ``text`` shows once its inline markup is applied."""
    return len(plain_text(parse_inline(text)))


def as_written(match: re.Match[str]) -> str:
    """The matched words as written, with any line break inside shown as one space."""
    return " ".join(match.group().split())
