"""The brief's small inline markup: ``**bold**``, ``*italic*`` and ``[label](url)``.

Everything else is literal text, so ``<``, ``&``, ``{{ }}``, backslashes and
stray asterisks come out exactly as written. Links are made only for http,
https and mailto targets; any other link stays literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

SAFE_LINK_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Span:
    """A run of literal text with its emphasis and optional link target."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


Inline = tuple[Span, ...]

_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.DOTALL)


def is_safe_link(url: str) -> bool:
    """Whether ``url`` may become a live link (http, https or mailto with a target)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in SAFE_LINK_SCHEMES:
        return False
    return bool(parts.netloc) if parts.scheme.lower() != "mailto" else bool(parts.path)


def parse_inline(text: str) -> Inline:
    """Split brief text into spans; unmatched markup characters stay literal."""
    return _merge(_parse(text, bold=False, italic=False, href=None))


def plain_text(spans: Inline) -> str:
    """The visible text of ``spans`` without any emphasis or link targets."""
    return "".join(span.text for span in spans)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis
    (within a first word too long for it, after a hyphen: "Moscow…", not "Moscow-Pyongy…")."""
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    ends_a_word = text[len(cut)] in " -" or cut.endswith((" ", "-"))
    if not ends_a_word and " " in cut.strip():
        cut = cut.rsplit(" ", 1)[0]
    elif not ends_a_word and "-" in cut.strip("-"):
        cut = cut.rsplit("-", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def _parse(text: str, *, bold: bool, italic: bool, href: str | None) -> list[Span]:
    if not text:
        return []
    first = None
    for kind, pattern in (("link", _LINK), ("bold", _BOLD), ("italic", _ITALIC)):
        if kind == "link" and href is not None:
            continue
        match = pattern.search(text)
        while match and kind == "link" and not is_safe_link(match.group(2)):
            match = pattern.search(text, match.end())
        if match and (first is None or match.start() < first[1].start()):
            first = (kind, match)
    if first is None:
        return [Span(text, bold, italic, href)]
    kind, match = first
    before = [Span(text[: match.start()], bold, italic, href)] if match.start() else []
    inner = match.group(1)
    if kind == "link":
        middle = _parse(inner, bold=bold, italic=italic, href=match.group(2))
    elif kind == "bold":
        middle = _parse(inner, bold=True, italic=italic, href=href)
    else:
        middle = _parse(inner, bold=bold, italic=True, href=href)
    return before + middle + _parse(text[match.end():], bold=bold, italic=italic, href=href)


def _merge(spans: list[Span]) -> Inline:
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (
                span.bold, span.italic, span.href):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic, span.href)
        elif span.text:
            merged.append(span)
    return tuple(merged)
