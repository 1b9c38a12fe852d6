"""The memo's page template and build: frame, outline, metadata, reproducible bytes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import BytesIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from deckmaker import __version__
from deckmaker.errors import RenderError
from deckmaker.fonts import Fallbacks, missing_glyphs_message
from deckmaker.model import Document
from deckmaker.outputs import build_timestamp
from deckmaker.writers.pdf.blocks import Blocks, KeepWithSpace, StepMarker
from deckmaker.writers.pdf.markup import Markup
from deckmaker.writers.pdf.page import MemoCanvas, PageDecor
from deckmaker.writers.pdf.plan import plan_memo
from deckmaker.writers.pdf.styles import build_styles

PAGE_SIZES = {"A4": A4, "Letter": letter}


class MemoTemplate(BaseDocTemplate):
    """A one-frame document that names the step whose content cannot fit on a page."""

    current_step = "the memo"  # named in a layout error

    def handle_flowable(self, flowables) -> None:
        if flowables and isinstance(flowables[0], StepMarker):
            self.current_step = flowables[0].step.name
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            raise RenderError(f"'{self.current_step}' is taller than a page and cannot be "
                              "laid out; shorten that text or split it into several items") \
                from None


def _canvas_class(decor: PageDecor, doc: Document) -> type[MemoCanvas]:
    # The brief's date (or SOURCE_DATE_EPOCH), never the clock: the document is invariant
    # (its ID fixed, or from SOURCE_DATE_EPOCH, as reportlab does it) and its dates come
    # from this formatter, which reportlab calls with the invariant time and we ignore.
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(int(build_timestamp(doc.date).timestamp())))
    date = f"D:{stamp}+00'00'"

    class BoundCanvas(MemoCanvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.decor = decor
            self.setDateFormatter(lambda *_invariant_time: date)

    return BoundCanvas


def build_pdf(doc: Document, warn: Callable[[str], None]) -> bytes:
    """Lay out ``doc`` as the memo and return the PDF bytes; name to ``warn`` the
    characters no font has."""
    theme = doc.theme
    page_size = PAGE_SIZES[theme.page_size]
    margins = tuple(v * mm for v in theme.margins_mm)  # top, right, bottom, left
    top, right, bottom, left = margins
    width = page_size[0] - left - right
    fallbacks = Fallbacks(theme.fallback_fonts)
    styles = build_styles(theme)
    plan = plan_memo(doc)
    markup = Markup(theme.body_font, fallbacks, plan.anchors, theme.palette["accent"])
    blocks = Blocks(doc, styles, markup, width, fallbacks)
    decor = PageDecor(doc, styles, fallbacks, page_size, margins)
    buffer = BytesIO()
    template = MemoTemplate(
        buffer, pagesize=page_size, leftMargin=left, rightMargin=right, topMargin=top,
        bottomMargin=bottom, title=doc.title, author=doc.author or "", subject=doc.bluf_text,
        keywords=list(doc.tags), creator=f"deckmaker {__version__}",
        lang=doc.language, displayDocTitle=1, invariant=1,
        initialFontName=styles.body_font, keepTogetherClass=KeepWithSpace,
    )
    frame = Frame(left, bottom, width, page_size[1] - top - bottom, id="body",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate("memo", [frame], onPage=decor.draw)])
    with _render_settings():
        story = [flowable for step in plan.steps for flowable in blocks.flowables(step)]
        template.build(story, canvasmaker=_canvas_class(decor, doc))
    if fallbacks.missing:
        warn(missing_glyphs_message(f"{doc.stem}.pdf", fallbacks.missing))
    return buffer.getvalue()


# reportlab settings for a memo's render, restored after it.
RENDER_SETTINGS = {
    # Compress page and form streams without reportlab's default ASCII85 layer on top:
    # it is slow pure Python (about a twentieth of a memo's render) and makes streams a
    # quarter larger; every reader decodes Flate alone the same way.
    "useA85": 0,
}


@contextmanager
def _render_settings() -> Iterator[None]:
    """``RENDER_SETTINGS`` in force for the duration of the block."""
    saved = {name: getattr(rl_config, name) for name in RENDER_SETTINGS}
    for name, value in RENDER_SETTINGS.items():
        setattr(rl_config, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(rl_config, name, value)
