"""Brief text (inline spans) made ready for both email bodies: escaped HTML and plain text."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from deckmaker.inline import Inline, Span, is_safe_link


@dataclass(frozen=True)
class Rich:
    """One piece of brief text as safe HTML (``html``) and as plain text (``text``)."""

    html: Markup
    text: str


def rich(spans: Inline, link_colour: str) -> Rich:
    """``spans`` with every character escaped; only http, https and mailto links stay live."""
    return Rich(Markup("").join(_span_html(span, link_colour) for span in spans),
                _plain_with_links(spans))


def link_html(url: str, label: str, link_colour: str) -> Markup:
    """A live link to ``url`` when it is safe, else the escaped label alone."""
    if not is_safe_link(url):
        return escape(label)
    return Markup('<a href="{}" style="color:{};text-decoration:underline;">{}</a>').format(
        url.strip(), link_colour, label)


def _span_html(span: Span, link_colour: str) -> Markup:
    html = escape(span.text)
    if span.bold:
        html = Markup("<strong>{}</strong>").format(html)
    if span.italic:
        html = Markup("<em>{}</em>").format(html)
    if span.href:
        html = link_html(span.href, html, link_colour)
    return html


def _plain_with_links(spans: Inline) -> str:
    """The visible text, with each link's target in brackets after its label."""
    parts = []
    for span in spans:
        parts.append(span.text)
        if span.href and is_safe_link(span.href) and span.href.strip() != span.text.strip():
            parts.append(f" <{span.href.strip()}>")
    return "".join(parts)
