"""Text to reportlab Paragraph markup: escaped, with font fallback runs and safe links.

Paragraph text is markup, so every string (brief or pack) is escaped here and
only tags made by this module reach reportlab: ``<b>``/``<i>`` from the brief's
emphasis, ``<a href>`` for http/https/mailto links and for internal anchors that
exist in the document, ``<font name>`` for characters the main font lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from deckmaker.fonts import Fallbacks, load_ttf, split_runs
from deckmaker.inline import Inline, is_safe_link
from deckmaker.model import FontFaces
from deckmaker.references import runs


def attribute(value: str) -> str:
    """``value`` escaped for a double-quoted markup attribute."""
    return escape(value, {'"': "&quot;"})


class Markup:
    """Builds escaped markup for one document: its main font, fallbacks and anchors."""

    def __init__(self, faces: FontFaces, fallbacks: Fallbacks, anchors: frozenset[str],
                 link_colour: str) -> None:
        self._faces = faces
        self._main = load_ttf(faces.regular)
        self._fallbacks = fallbacks
        self._anchors = anchors
        self._link_colour = link_colour

    def text(self, text: str) -> str:
        """Plain text, escaped, with fallback fonts for characters the main font lacks
        (and a visible replacement for those no font has)."""
        parts = []
        text = self._fallbacks.printable(text, self._main)
        for run in split_runs(text, self._main, self._fallbacks):
            escaped = escape(run.text)
            parts.append(f'<font name="{run.font}">{escaped}</font>' if run.font else escaped)
        return "".join(parts)

    def spans(self, spans: Inline) -> str:
        """Brief text: its bold, italic and (safe) links, everything else literal."""
        parts = []
        for span in spans:
            piece = self.text(span.text)
            if span.bold:
                piece = f"<b>{piece}</b>"
            if span.italic:
                piece = f"<i>{piece}</i>"
            if span.href and is_safe_link(span.href):
                piece = self._href(span.href, piece, underline=True)
            parts.append(piece)
        return "".join(parts)

    def url(self, url: str, lines: Sequence[str] = ()) -> str:
        """A URL shown in full (on the given ``lines`` when it was broken to fit); live only
        for http, https and mailto."""
        shown = "<br/>".join(self.text(line) for line in lines or [url])
        return self._href(url, shown, underline=False) if is_safe_link(url) else shown

    def links_in(self, colour: str) -> Markup:
        """This markup with links in ``colour`` (for text on a shaded background)."""
        return Markup(self._faces, self._fallbacks, self._anchors, colour)

    def ref(self, label: str, anchor: str) -> str:
        """``[label]`` jumping to ``anchor`` when the document defines it, else plain."""
        shown = f"[{self.text(label)}]"
        if anchor not in self._anchors:
            return shown
        return f'<a href="#{attribute(anchor)}" color="{self._link_colour}">{shown}</a>'

    def refs(self, intro: str, refs) -> str:
        """An intro word and references in number order, a run of three or more as its
        ends: ``Evidence: [E1]–[E3] [E5]``."""
        shown = []
        for run in runs(refs):
            ends = (run[0], run[-1]) if len(run) > 1 else run
            shown.append("\u2013".join(self.ref(r.label, r.anchor) for r in ends))
        return f"{self.text(intro)} " + " ".join(shown)

    def link(self, url: str, shown: str) -> str:
        """Ready markup ``shown`` linking to ``url`` (live only for http, https, mailto)."""
        return self._href(url, shown, underline=False) if is_safe_link(url) else shown

    def _href(self, url: str, shown: str, *, underline: bool) -> str:
        line = ' underline="1"' if underline else ""
        return f'<a href="{attribute(url.strip())}" color="{self._link_colour}"{line}>{shown}</a>'

