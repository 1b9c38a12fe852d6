"""Rendering the two bodies from the pack's whole-file templates."""

from __future__ import annotations

import jinja2

from deckmaker.errors import InvalidInput
from deckmaker.model import Document
from deckmaker.writers.email.content import EmailView

TEXT_TEMPLATE = "email/body.txt.j2"
HTML_TEMPLATE = "email/body.html.j2"


def render_bodies(doc: Document, view: EmailView) -> tuple[str, str]:
    """(plain text, HTML) of ``view``, with the templates of ``doc``'s pack.

    The HTML template autoescapes: brief text arrives either as plain strings
    (escaped there) or as Markup built from already-escaped spans.
    """
    if doc.template is None:
        raise InvalidInput(f"{doc.stem}: the document has no template pack; build it with "
                           "deckmaker.build.load_document")
    return _render(doc, TEXT_TEMPLATE, view, autoescape=False), \
        _render(doc, HTML_TEMPLATE, view, autoescape=True)


def _render(doc: Document, relative: str, view: EmailView, *, autoescape: bool) -> str:
    template = doc.template(relative, autoescape=autoescape)
    try:
        return template.render(email=view).strip() + "\n"
    except jinja2.TemplateError as exc:
        raise InvalidInput(f"{relative} (template pack '{doc.theme.pack_name}'): {exc.message}; "
                           "check the variables it uses against templates/default/"
                           f"{relative}") from None
