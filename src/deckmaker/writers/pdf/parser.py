"""A quicker tokenizer in front of reportlab's ParaParser, for the markup markup.py writes.

ParaParser reads Paragraph markup with the standard library's HTMLParser, a pure
Python loop of several regex matches per tag, and converts each colour attribute
through ``toColor``, which tries CSS, names, Python literals and a restricted
evaluator before hex. Our markup is a small regular language (tags with
double-quoted attributes, the four entities ``escape`` writes, text), so one
compiled regex splits it into the events HTMLParser would report, and ParaParser's
own public handlers (``handle_starttag``, ``handle_data``...) build the fragments
from them, as they do under HTMLParser. Any text outside that language goes to
``feed`` unchanged: HTMLParser. Colours are converted once per distinct value.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

from reportlab.lib.colors import toColor
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.paraparser import ParaParser

_TOKEN = re.compile(r"""
    (?P<data>[^<&]+)
  | <(?P<start>[a-zA-Z][a-zA-Z0-9]*)
     (?P<attrs>(?:\s+[a-zA-Z][a-zA-Z0-9]*="[^"<>]*")*)\s*(?P<empty>/?)>
  | </(?P<end>[a-zA-Z][a-zA-Z0-9]*)>
  | &(?P<entity>amp|lt|gt|quot);
""", re.VERBOSE)
_ATTRIBUTE = re.compile(r'([a-zA-Z][a-zA-Z0-9]*)="([^"]*)"')


@lru_cache(maxsize=256)
def _colour(value: str):
    """``toColor(value)``, computed once per distinct value (our markup repeats a few;
    reportlab never changes a colour once made, so fragments may share one)."""
    return toColor(value)


def _attributes(source: str) -> list[tuple[str, str]]:
    """A tag's attributes as HTMLParser reports them: names lower-cased, values unescaped."""
    return [(name.lower(), unescape(value) if "&" in value else value)
            for name, value in _ATTRIBUTE.findall(source)]


def events(text: str) -> list[tuple] | None:
    """``text`` as (handler name, argument...) events, or None if it is not our markup."""
    found = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() != position:
            return None
        position = match.end()
        data, tag, end, entity = match.group("data", "start", "end", "entity")
        if data is not None:
            found.append(("handle_data", data))
        elif entity is not None:
            found.append(("handle_entityref", entity))
        elif end is not None:
            found.append(("handle_endtag", end.lower()))
        else:  # HTMLParser reports <br/> as a start tag and its end tag
            tag = tag.lower()
            found.append(("handle_starttag", tag, _attributes(match["attrs"])))
            if match["empty"]:
                found.append(("handle_endtag", tag))
    return found if position == len(text) else None


class MarkupParser(ParaParser):
    """A ParaParser that tokenizes our markup with one regex and converts each distinct
    colour once; everything else is ParaParser's."""

    def __init__(self) -> None:
        super().__init__()
        self.caseSensitive = 1  # as Paragraph sets it on its parser

    def feed(self, data: str) -> None:
        found = events(data)
        if found is None:
            super().feed(data)
            return
        for name, *arguments in found:
            getattr(self, name)(*arguments)

    def getAttributes(self, attr, attrMap):
        colours = {key: _colour(value) for key, value in attr.items()
                   if isinstance(value, str) and attrMap.get(key, (None, None))[1] is toColor}
        return super().getAttributes({**attr, **colours} if colours else attr, attrMap)


def parse(text: str, style):
    """(style, fragments, bullet fragments) of cleaned markup ``text``, as Paragraph makes
    them (ParaParser's, case-transformed for the style); ValueError for bad markup."""
    parser = MarkupParser()
    style, frags, bullet_frags = parser.parse(text, style)
    if frags is None:
        raise ValueError(f"xml parser error ({parser.errors[0]}) in paragraph beginning "
                         f"{text[:30]!r}")
    textTransformFrags(frags, style)
    return style, frags, bullet_frags
