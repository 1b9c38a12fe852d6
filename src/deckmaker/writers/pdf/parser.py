"""A faster reader for the Paragraph markup that markup.py writes.

reportlab's ParaParser tokenizes with the standard library's HTMLParser, a pure
Python loop of several regex matches per tag, and converts each colour attribute
through ``toColor``, which tries CSS, names, Python literals and a restricted
evaluator before hex: together about a sixth of a memo's render. Our markup is a
small regular language (tags with double-quoted attributes, the four entities
``escape`` writes, text), so one compiled regex splits it into the same events
HTMLParser would report, in the same pieces, and ParaParser's own handlers build
the fragments from them. Any text outside that language goes through HTMLParser.
Those handlers copy a fragment for every tag and every run of text with
``copy.copy``, which takes a fragment apart and rebuilds it through the pickling
protocol; the two that do it here copy its attributes directly (the same copy).
"""

from __future__ import annotations

import re
from copy import copy, deepcopy
from functools import lru_cache
from html import unescape
from types import SimpleNamespace
from weakref import WeakKeyDictionary

from reportlab.lib.colors import toColor
from reportlab.platypus import paraparser
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from deckmaker.writers.pdf.rebind import rebound

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


def _events(text: str) -> list[tuple] | None:
    """``text`` as (handler name, argument...) events, or None if it is not our markup."""
    events = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() != position:
            return None
        position = match.end()
        data, tag, end, entity = match.group("data", "start", "end", "entity")
        if data is not None:
            events.append(("handle_data", data))
        elif entity is not None:
            events.append(("handle_entityref", entity))
        elif end is not None:
            events.append(("handle_endtag", end.lower()))
        else:  # HTMLParser reports <br/> as a start tag and its end tag
            tag = tag.lower()
            events.append(("handle_starttag", tag, _attributes(match["attrs"])))
            if match["empty"]:
                events.append(("handle_endtag", tag))
    return events if position == len(text) else None


def _copy_fragment(frag):
    """``copy.copy(frag)``: for a ParaFrag (an attribute bag with no copy hooks) a new one
    with the same attributes, as copy.copy's reconstruction makes it."""
    if type(frag) is not ParaFrag:
        return copy(frag)
    new = object.__new__(ParaFrag)
    new.__dict__.update(frag.__dict__)
    return new


_COPYING = SimpleNamespace(copy=_copy_fragment, deepcopy=deepcopy)  # as paraparser's ``copy``


class MarkupParser(ParaParser):
    """A ParaParser that tokenizes our markup with one regex, converts each distinct
    colour once and copies fragments directly; its fragments are the ones ParaParser
    makes of the same text."""

    _push = rebound(ParaParser._push, paraparser, copy=_COPYING)
    handle_data = rebound(ParaParser.handle_data, paraparser, copy=_COPYING)

    def feed(self, data: str) -> None:
        events = _events(data)
        if events is None:
            super().feed(data)
            return
        for name, *arguments in events:
            getattr(self, name)(*arguments)

    def getAttributes(self, attr, attrMap):
        colours = {key: _colour(value) for key, value in attr.items()
                   if isinstance(value, str) and attrMap.get(key, (None, None))[1] is toColor}
        return super().getAttributes({**attr, **colours} if colours else attr, attrMap)


_PLAIN_FRAG: WeakKeyDictionary = WeakKeyDictionary()  # style -> the fragment of "x"


def parse(text: str, style):
    """(style, fragments, bullet fragments) of ``text`` as ParaParser.parse returns them.

    Text without tags or entities (two paragraphs in five) is one fragment that differs
    from the style's fragment of any other plain text only in its text, so it is a copy
    of that one rather than a parse (styles are never changed once made)."""
    if text and "<" not in text and "&" not in text:
        model = _PLAIN_FRAG.get(style)
        if model is None:
            model = _PLAIN_FRAG[style] = MarkupParser().parse("x", style)[1][0]
        frag = copy(model)
        frag.text = text
        return style, [frag], None
    return MarkupParser().parse(text, style)
