"""The PDF policy memo (reportlab): ``render_pdf(doc, warn)`` returns the memo's bytes."""

from __future__ import annotations

from collections.abc import Callable

from deckmaker.model import Document


def render_pdf(doc: Document, warn: Callable[[str], None]) -> bytes:
    """The memo of ``doc`` as PDF bytes; raises RenderError naming a block that cannot fit.
    Characters no font has print as a replacement mark and are named once to ``warn``."""
    from deckmaker.writers.pdf.document import build_pdf

    return build_pdf(doc, warn)
