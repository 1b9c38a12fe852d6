"""The memo's build: the canvas, its metadata, the pages as ``column`` lays them out,
the structure tree (a tagged PDF/UA-1 memo, see ``tagging``), reproducible bytes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import BytesIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm

from deckmaker import __version__
from deckmaker.errors import RenderError
from deckmaker.fonts import Fallbacks, missing_glyphs_message
from deckmaker.inline import plain_text, shorten
from deckmaker.model import Document, EvidenceItem
from deckmaker.outputs import build_timestamp
from deckmaker.writers.pdf.blocks import Blocks, StepMarker
from deckmaker.writers.pdf.column import Column
from deckmaker.writers.pdf.markup import Markup
from deckmaker.writers.pdf.page import MemoCanvas, PageDecor
from deckmaker.writers.pdf.paginate import TooTall
from deckmaker.writers.pdf.plan import plan_memo
from deckmaker.writers.pdf.styles import build_styles
from deckmaker.writers.pdf.tagging.canvas import TaggingCanvas
from deckmaker.writers.pdf.tagging.marks import Recorder
from deckmaker.writers.pdf.tagging.story import Tags
from deckmaker.writers.pdf.tagging.structure import tag_pdf

PAGE_SIZES = {"A4": A4, "Letter": letter}
LINK_WORDS = 80  # characters of a link's description after the label it leads to


def _canvas_class(decor: PageDecor, doc: Document,
                  recorder: Recorder | None) -> type[MemoCanvas]:
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

    if recorder is None:
        return BoundCanvas

    class TaggingBoundCanvas(TaggingCanvas, BoundCanvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.recorder = recorder

    return TaggingBoundCanvas


def build_pdf(doc: Document, warn: Callable[[str], None], *, tagged: bool = True) -> bytes:
    """Lay out ``doc`` as the memo and return the PDF bytes; name to ``warn`` the
    characters no font has. ``tagged`` False: the same pages without marked content or
    structure tree (what the tagged memo is compared with)."""
    theme = doc.theme
    page_size = PAGE_SIZES[theme.page_size]
    margins = tuple(v * mm for v in theme.margins_mm)  # top, right, bottom, left
    top, right, bottom, left = margins
    width = page_size[0] - left - right
    height = page_size[1] - top - bottom
    fallbacks = Fallbacks(theme.fallback_fonts)
    styles = build_styles(theme)
    plan = plan_memo(doc)
    markup = Markup(theme.body_font, fallbacks, plan.anchors, theme.palette["accent"])
    recorder = Recorder(describe=_link_contents(doc)) if tagged else None
    tags = Tags(recorder, doc.language)
    decor = PageDecor(doc, styles, fallbacks, page_size, margins, tags)
    blocks = Blocks(doc, styles, markup, width, fallbacks, decor, tags)
    buffer = BytesIO()
    with _render_settings():
        canv = _canvas_class(decor, doc, recorder)(
            buffer, pagesize=page_size, invariant=1, initialFontName=styles.body_font,
            lang=doc.language)
        _describe(canv, doc)
        column = Column(canv, width, height)
        story = [flowable for step in plan.steps for flowable in blocks.flowables(step)]
        placed, boxes = column.measure(story, _step_name)
        try:
            pages = column.pages(placed, boxes)
        except TooTall as error:
            raise RenderError(f"'{error.name}' is taller than a page and cannot be laid "
                              "out; shorten that text or split it into several items") from None
        for items in pages:
            decor.draw(canv)
            column.draw_page(items, left, page_size[1] - top)
            canv.showPage()
        canv.save()
    if fallbacks.missing:
        warn(missing_glyphs_message(f"{doc.stem}.pdf", fallbacks.missing))
    if recorder is None:
        return buffer.getvalue()
    return tag_pdf(buffer.getvalue(), recorder, title=doc.title, lang=doc.language,
                   cjk_fonts=fallbacks.cjk_base_fonts())


def _link_contents(doc: Document) -> Callable[[str], str]:
    """A link's description (its annotation's /Contents, read by screen readers): for a
    link inside the memo, what it leads to in the memo's own words ("KJ1: <headline>",
    "E2: <claim>", "S1: <title>", a section's title; shortened to LINK_WORDS: a screen
    reader says it at every link); an address stays as it is."""
    targets: dict[str, str] = {}
    for section in doc.sections:
        targets[section.anchor] = section.title
        for block in section.blocks:
            anchor, label = getattr(block, "anchor", None), getattr(block, "label", None)
            if not anchor or not label:
                continue
            words = getattr(block, "headline", None) or getattr(block, "claim", None)
            text = plain_text(words) if words else getattr(block, "title", "")
            targets[anchor] = f"{label}: {shorten(text, LINK_WORDS)}" if text else label
            if isinstance(block, EvidenceItem) and block.figure:
                figure = block.figure
                targets[figure.anchor] = f"{figure.label}: {shorten(figure.title, LINK_WORDS)}"

    def describe(target: str) -> str:
        if target.startswith("#"):
            return targets.get(target[1:], target[1:])
        return target

    return describe


def _step_name(flowable) -> str | None:
    return flowable.step.name if isinstance(flowable, StepMarker) else None


def _describe(canv, doc: Document) -> None:
    """The document properties: title, author, subject (the BLUF), keywords, creator,
    and the title shown in the reader's window."""
    canv.setTitle(doc.title)
    canv.setAuthor(doc.author or "")
    canv.setSubject(doc.bluf_text)
    canv.setKeywords(list(doc.tags))
    canv.setCreator(f"deckmaker {__version__}")
    canv.setViewerPreference("DisplayDocTitle", "true")


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
