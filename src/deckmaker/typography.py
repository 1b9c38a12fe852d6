"""Typographic punctuation for brief text: curly quotes and apostrophes, en dashes in
number ranges, spaced dashes where the text has `` - ``.

One function for every output, applied by ``compose`` to text that came from the brief
(never to pack wording, which its author typesets, and never twice). Web addresses,
e-mail addresses, ids like ``kj-1`` and code-like runs (backticks, ``{{ }}``, ``%(x)s``,
``<b>``) are left exactly as typed: only quote characters and hyphens change, so text
such as ``5 < 6 > 4`` or ``R&D`` prints as written.
"""

from __future__ import annotations

import re

# Runs left exactly as typed: web and mail addresses, backtick code, template-like and
# markup-like text, and words joined by hyphens or underscores to digits (ids, ISO dates).
_PROTECTED = re.compile(
    r"""(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+"""  # addresses
    r"""|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"""             # e-mail addresses
    r"""|`[^`\n]*`"""                                # code
    r"""|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"""           # template-like
    r"""|%\([^)\s]*\)[a-z]"""                        # %(name)s
    r"""|<[^<>\n]*>"""                               # markup-like
    r"""|\b\d{4}-\d{2}-\d{2}\b"""                    # ISO dates
    r"""|\b(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[\w]+(?:[-_][\w]+)+\b""",  # ids: kj-1, E-12, ev_3
    re.IGNORECASE | re.DOTALL,
)
# 2018-2019, 10-15 %, pp. 4-7: a hyphen between numbers is an en dash (not in 555-1234-
# style codes: the lookarounds stop at a third group).
_NUMBER_RANGE = re.compile(r"(?<![\d-])(\d+(?:[.,]\d+)?%?)-(\d+(?:[.,]\d+)?)(?![\d-])")
_SPACED_HYPHEN = re.compile(r"(?<=\S) -{1,2} (?=\S)")
# A quote opens at the start, after a space, an opening bracket, a dash or a slash, or
# right after a markup-like run (``<b>"x"</b>``).
_DOUBLE_OPEN = re.compile(r'(^|[\s(\[{\u2014\u2013/>-])"')
_SINGLE_OPEN = re.compile(r"(^|[\s(\[{\u2014\u2013/>-])'")


def smarten(text: str, *, before: str = "") -> str:
    """``text`` with typographic quotes, apostrophes and dashes, protected runs untouched.

    ``before`` is the text just before it (the previous span of a styled line), which
    decides whether a leading quote opens and whether a leading `` - `` is a dash."""
    if not any(c in text for c in "\"'-"):
        return text
    lead = before[-1:]
    text = lead + text
    parts = []
    last = 0
    for match in _PROTECTED.finditer(text):
        parts.append(_punctuate(text[last:match.start()], before=text[:last][-1:]))
        parts.append(match.group())
        last = match.end()
    parts.append(_punctuate(text[last:], before=text[:last][-1:]))
    return "".join(parts)[len(lead):]


def _punctuate(text: str, *, before: str) -> str:
    if not text:
        return text
    # The character before the run decides whether a leading quote opens.
    text = before + text
    text = _SPACED_HYPHEN.sub(" \u2013 ", text)
    text = _NUMBER_RANGE.sub("\\1\u2013\\2", text)
    text = _DOUBLE_OPEN.sub("\\1\u201c", text)
    text = text[len(before):].replace('"', "\u201d")
    text = _SINGLE_OPEN.sub("\\1\u2018", before + text)[len(before):]
    return text.replace("'", "\u2019")
