"""The PPTX briefing deck: the plan (``plan``) drawn with python-pptx on the pack's
master, with speaker notes, native charts, a drawn footer and a reproducible package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
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
from deckmaker.writers.pptx.plan import plan_deck
from deckmaker.writers.pptx.shapes import Canvas, Painter
from deckmaker.writers.pptx.theme import themed


def render_pptx(doc: Document, warn: Callable[[str], None] | None = None) -> bytes:
    """The deck of ``doc`` as .pptx bytes, identical for identical inputs. ``warn`` is
    accepted so every writer is called alike; the deck has nothing to warn about."""
    theme = doc.theme
    prs = _open_master(doc)
    geometry = Geometry(width=theme.slide_size_in[0] * 72, height=theme.slide_size_in[1] * 72)
    prs.slide_width, prs.slide_height = Pt(geometry.width), Pt(geometry.height)
    plans = plan_deck(doc, geometry)
    painter = Painter(theme.deck_font.family, theme.palette,
                      textfit.deck_fonts(theme).cjk_family)
    footer = Footer(doc, painter, geometry)
    layouts = {key: _layout(prs, doc, key) for key in {p.layout for p in plans}}
    titles = {key: Deck.title_placeholder(layout) for key, layout in layouts.items()}
    deck = Deck(prs)
    drawn: dict[str, str] = {}  # slide part name -> the shapes we drew, as XML text
    for number, plan in enumerate(plans, 1):
        slide = deck.add_slide(layouts[plan.layout])
        canvas = Canvas(slide)
        _draw(canvas, titles[plan.layout], plan, painter, geometry)
        footer.draw(canvas, number, len(plans), plan.dark)
        if plan.kind == "cover" and theme.logo:
            canvas.flush()  # python-pptx numbers the picture after the shapes it sees
            _add_logo(slide, theme.logo, plan.title_box, geometry)
        drawn[slide.part.partname] = canvas.take()
        deck.add_notes(slide, clean_notes(plan.notes))
    package.set_core_properties(prs, doc, doc.language)
    return package.write(prs, doc, [p.title for p in plans], len(plans), drawn)


def clean_notes(text: str) -> str:
    """Notes text with control characters removed but line breaks kept."""
    return "\n".join(clean(line) for line in text.split("\n"))


def _open_master(doc: Document):
    path = doc.theme.slide_master
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many kinds for a damaged file
        raise RenderError(f"{path}: cannot open the deck master ({exc}); rebuild it with "
                          "scripts/make_master.py or check the pack's slide.master") from None
    _remove_slides(prs)
    _restyle(prs, doc)
    return prs


def _restyle(prs, doc: Document) -> None:
    """Put the pack's palette and deck font into the master's theme: its layouts name
    colours only as theme colours, so a pack inheriting the master gets its own look."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    part._blob = themed(part.blob, doc.theme)


def _remove_slides(prs) -> None:
    """Drop any slides the master file carries, before adding ours."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def _layout(prs, doc: Document, key: str):
    name = doc.theme.slide_layouts.get(key)
    layout = prs.slide_layouts.get_by_name(name) if name else None
    if layout is None:
        raise RenderError(f"{doc.theme.slide_master}: no slide layout named '{name or key}'; "
                          f"name it in the master or fix slide.layouts.{key} in pack.yaml")
    return layout


LOGO_HEIGHT_PT = 48


def _add_logo(slide, logo: Path, box: Box, geometry: Geometry) -> None:
    """The pack's logo at the top left of the cover, above the title at ``box`` (the plan
    keeps the title low enough: ``plan.COVER_TOP_WITH_LOGO``)."""
    top = max(geometry.margin / 2, box.y - LOGO_HEIGHT_PT - 16)
    slide.shapes.add_picture(str(logo), Pt(box.x), Pt(top), height=Pt(LOGO_HEIGHT_PT))


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
