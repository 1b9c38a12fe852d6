"""The PDF policy memo (reportlab): ``render_pdf(doc)`` returns the memo's bytes."""

from __future__ import annotations

from deckmaker.model import Document


def render_pdf(doc: Document) -> bytes:
    """The memo of ``doc`` as PDF bytes; raises RenderError naming a block that cannot fit."""
    from deckmaker.writers.pdf.document import build_pdf

    return build_pdf(doc)
