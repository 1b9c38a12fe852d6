"""The main section's word budget: how many words a slide's body holds, and shortening a
text to a number of words (pure, no python-pptx).

A briefing slide is read in seconds while the briefer talks: every main slide but the
at-a-glance overview holds at most ``SLIDE_WORDS`` words of body text (title, footer,
marking and chart labels not counted), the bottom line at most ``BLUF_WORDS``. What does
not fit goes to the speaker notes or the backup section.

Words are counted as a reader counts them: runs of letters or digits between spaces,
and in Chinese and Japanese, which have no spaces, ``CJK_CHARS_PER_WORD`` characters
(the usual average word length there). Korean is spaced like English."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import replace
from functools import lru_cache

from deckmaker.inline import Inline, Span, plain_text
from deckmaker.sentences import sentences

SLIDE_WORDS = 60
BLUF_WORDS = 40
CJK_CHARS_PER_WORD = 2
ELLIPSIS = "\u2026"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_CJK_OR_REST = re.compile(_CJK.pattern + r"|(?:(?!" + _CJK.pattern + r").)+")
_WORDLIKE = re.compile(r"\w", re.UNICODE)
_CLAUSE_END = re.compile(r"[,;:\u2013\u2014\uff0c\u3001\uff1b]$")
_TRAILING = ",;:\u2013\u2014\uff0c\u3001\uff1b .([{\u201c\u2018\"'"


def count_words(text: str) -> int:
    """The words of ``text``: spaced tokens with a letter or digit, Han and kana
    characters counted ``CJK_CHARS_PER_WORD`` to a word."""
    total = 0
    for token in text.split():
        cjk = len(_CJK.findall(token))
        rest = _CJK.sub(" ", token).split()
        total += math.ceil(cjk / CJK_CHARS_PER_WORD) + sum(1 for r in rest if _WORDLIKE.search(r))
    return total


@lru_cache(maxsize=4096)  # a claim is shortened to several budgets while a slide is planned
def _word_ends(text: str) -> tuple[tuple[int, int], ...]:
    """The offsets in ``text`` where a word may end (after each spaced token, and after
    each CJK character), each with the words ``count_words`` counts up to it: counted
    in one pass, token by token (a prefix's words are its whole tokens' and those of
    the part of the token it cuts)."""
    ends: list[tuple[int, int]] = []
    before = 0
    for token in re.finditer(r"\S+", text):
        word = token.group()
        if _CJK.search(word):
            ends += [(token.start() + m.end(), before + count_words(word[:m.end()]))
                     for m in _CJK_OR_REST.finditer(word)]
        else:  # a spaced token is a word if it has a letter or digit
            ends.append((token.end(), before + (1 if _WORDLIKE.search(word) else 0)))
        before = ends[-1][1]
    return tuple(ends)


def shorten_words(text: str, words: int) -> str:
    """``text`` if it has at most ``words`` words, else its start of at most that many
    words with an ellipsis, cut after a clause (a comma, semicolon, colon or dash) when
    one ends in the second half, else after a word. The start is a prefix of ``text``."""
    ends = _word_ends(text)
    if not ends or ends[-1][1] <= words:
        return text
    # the most word ends kept within ``words`` (the counts only grow along the text)
    keep = max(bisect.bisect_right([count for _, count in ends], words), 1)
    for end in range(keep, max(1, keep // 2), -1):
        if _CLAUSE_END.search(text, 0, ends[end - 1][0]):
            keep = end
            break
    return text[:ends[keep - 1][0]].rstrip(_TRAILING) + ELLIPSIS


def leading_spans(spans: Inline, chars: int) -> Inline:
    """The first ``chars`` characters of ``spans``, keeping each span's emphasis."""
    out: list[Span] = []
    for span in spans:
        if chars <= 0:
            break
        out.append(replace(span, text=span.text[:chars]))
        chars -= len(span.text)
    return tuple(out)


def shortened_spans(spans: Inline, words: int) -> Inline:
    """``spans`` shortened as ``shorten_words`` shortens their text, emphasis kept."""
    text = plain_text(spans)
    short = shorten_words(text, words)
    if short == text:
        return spans
    kept = leading_spans(spans, len(short) - 1)
    return (*kept, Span(ELLIPSIS))


def leading_sentences(spans: Inline, words: int) -> tuple[Inline, bool]:
    """As many whole sentences of ``spans`` from the start as hold ``words`` words (the
    first one shortened if it alone is longer), and whether anything was left out."""
    text = plain_text(spans)
    end = 0
    for _, stop in sentences(text):
        if count_words(text[:stop]) > words:
            break
        end = stop
    if end == 0:
        return shortened_spans(spans, words), True
    return leading_spans(spans, end), end < len(text.rstrip())
