"""The PPTX briefing deck: the plan (``plan``) drawn with python-pptx on the pack's
master, with speaker notes, native charts, a drawn footer and a reproducible package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx.util import Pt

from deckmaker import textfit
from deckmaker.errors import RenderError
from deckmaker.model import Document
from deckmaker.writers.pptx import package
from deckmaker.writers.pptx.charts import add_chart
from deckmaker.writers.pptx.deck import Deck
from deckmaker.writers.pptx.elements import (
    Bar, Box, Chart, Chip, Geometry, Legend, SlidePlan, Text, clean,
)
from deckmaker.writers.pptx.footer import Footer
from deckmaker.writers.pptx.legend import add_legend
from deckmaker.writers.pptx.master import open_master
from deckmaker.writers.pptx.plan import plan_deck
from deckmaker.writers.pptx.shapes import Canvas, Painter
from deckmaker.writers.pptx.theme import themed


def render_pptx(doc: Document, warn: Callable[[str], None] | None = None) -> bytes:
    """The deck of ``doc`` as .pptx bytes, identical for identical inputs. ``warn`` is
    accepted so every writer is called alike; the deck has nothing to warn about."""
    theme = doc.theme
    deck = Deck(open_master(theme.slide_master))
    theme_part = deck.parts[deck.master.theme]
    theme_part.blob = themed(theme_part.blob, theme)
    geometry = Geometry(width=theme.slide_size_in[0] * 72, height=theme.slide_size_in[1] * 72)
    plans = plan_deck(doc, geometry)
    fonts = textfit.deck_fonts(theme)
    painter = Painter(theme.deck_font.family, theme.palette, fonts.cjk_family)
    footer = Footer(doc, painter, geometry, fonts)
    layouts = {key: _layout(deck, doc, key) for key in {p.layout for p in plans}}
    drawn: dict[str, str] = {}  # slide part name -> the shapes we drew, as XML text
    for number, plan in enumerate(plans, 1):
        slide = deck.add_slide(layouts[plan.layout])
        canvas = Canvas(deck, slide)
        _draw(canvas, deck.master.titles[_layout_name(doc, plan.layout)], plan, painter,
              geometry)
        footer.draw(canvas, number, len(plans), plan.dark)
        if plan.kind == "cover" and theme.logo:
            _add_logo(deck, canvas, theme.logo, plan.title_box, geometry)
        drawn[slide.partname] = canvas.take()
        deck.add_notes(slide, clean_notes(plan.notes))
    return package.write(deck, doc, [p.title for p in plans],
                         (Pt(geometry.width), Pt(geometry.height)), drawn)


def clean_notes(text: str) -> str:
    """Notes text with control characters removed but line breaks kept."""
    return "\n".join(clean(line) for line in text.split("\n"))


def _layout_name(doc: Document, key: str) -> str | None:
    return doc.theme.slide_layouts.get(key)


def _layout(deck: Deck, doc: Document, key: str):
    name = _layout_name(doc, key)
    layout = deck.layout(name) if name else None
    if layout is None:
        raise RenderError(f"{doc.theme.slide_master}: no slide layout named '{name or key}'; "
                          f"name it in the master or fix slide.layouts.{key} in pack.yaml")
    return layout


LOGO_HEIGHT_PT = 48


def _add_logo(deck: Deck, canvas: Canvas, logo: Path, box: Box, geometry: Geometry) -> None:
    """The pack's logo at the top left of the cover, above the title at ``box`` (the plan
    keeps the title low enough: ``plan.COVER_TOP_WITH_LOGO``), after the shapes drawn."""
    top = max(geometry.margin / 2, box.y - LOGO_HEIGHT_PT - 16)
    deck.add_picture(canvas.slide, canvas.take(), canvas.new_id(), logo, box.x, top,
                     LOGO_HEIGHT_PT)


def _draw(canvas: Canvas, title_ph: str | None, plan: SlidePlan, painter: Painter,
          geometry: Geometry) -> None:
    """The title (the only placeholder: we draw bodies ourselves) and the elements."""
    box = plan.title_box or geometry.title_box
    painter.title(canvas, title_ph, plan.title, plan.title_pt, box, plan.dark)
    for element in plan.elements:
        if isinstance(element, Text):
            painter.text(canvas, element, plan.dark)
        elif isinstance(element, Chip):
            painter.chip(canvas, element)
        elif isinstance(element, Chart):
            add_chart(canvas, element, painter)
        elif isinstance(element, Legend):
            add_legend(canvas, element, painter)
        elif isinstance(element, Bar):
            painter.bar(canvas, element)
