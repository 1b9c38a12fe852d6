"""Where sentences end in brief text, shared by the checks and the slide headlines."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? (plus closing quotes or brackets) before a space and
# a capital, digit or opening quote, or at the end of the text; at a CJK full stop,
# exclamation or question mark (plus closing quotes or brackets) wherever it stands:
# Chinese and Japanese put no space after one.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]*]*(?=\s+[\"“'‘(*\[]*[A-Z0-9]|\s*$)"
                           r"|[。！？]+[」』）〕】\"”’)]*")
# A full stop after an initial ("U.S.") or a title does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sen|Rep|Gov|No|vs|cf))$")


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
