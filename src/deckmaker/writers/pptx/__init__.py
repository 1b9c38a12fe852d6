"""The PPTX briefing deck: the plan (``plan``) drawn on the pack's master with
python-pptx's own package model (``Presentation``, its slides, layouts and parts),
with speaker notes, native charts, a footer that survives editing (``footer``) and a
reproducible file (``save``).

Shapes are written as DrawingML text (``drawingml``, ``chartxml``: several times faster
than python-pptx's shape API) and each slide's shapes are parsed once into its shape
tree (``shapes.Canvas``)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.util import Pt

from deckmaker import textfit
from deckmaker.errors import RenderError
from deckmaker.model import Document
from deckmaker.outputs import build_timestamp
from deckmaker.template.reader import describe
from deckmaker.writers.pptx import drawingml, save
from deckmaker.writers.pptx.charts import add_chart
from deckmaker.writers.pptx.elements import (
    Bar, Box, Chart, Chip, Geometry, Legend, Mark, SlidePlan, Text, clean,
)
from deckmaker.writers.pptx.footer import Footer, strip_footer_placeholders
from deckmaker.writers.pptx.legend import add_legend
from deckmaker.writers.pptx.notespages import NotesPages
from deckmaker.writers.pptx.partnames import PartNames
from deckmaker.writers.pptx.plan import plan_deck
from deckmaker.writers.pptx.properties import app_xml, set_core_properties
from deckmaker.writers.pptx.shapes import Canvas, Painter
from deckmaker.writers.pptx.ground import on_ground
from deckmaker.writers.pptx.layoutgeometry import LayoutLook, deck_layout
from deckmaker.writers.pptx.theme import deck_theme


def render_pptx(doc: Document, warn: Callable[[str], None]) -> bytes:
    """The deck of ``doc`` as .pptx bytes, identical for identical inputs. ``warn`` is
    taken as by every writer; the deck has nothing to warn about."""
    theme = doc.theme
    prs = open_master(theme.slide_master)
    layouts = {key: layout for key in sorted(theme.slide_layouts)
               if (layout := _found_layout(prs, doc, key)) is not None}
    info = describe(prs, str(theme.slide_master))
    for master in _masters_of(prs, layouts.values()):
        theme_part = master.part.part_related_by(RT.THEME)
        theme_part.blob = deck_theme(theme_part.blob, theme, info)
    deck = deck_layout(info, {key: layout.name for key, layout in layouts.items()})
    geometry = deck.geometry
    plans = plan_deck(doc, geometry)
    fonts = textfit.deck_fonts(theme)
    painters = _Painters(theme, fonts.cjk_family, doc.language)
    painter = painters.on(theme.palette["background"])
    footer = Footer(doc, painter, geometry, fonts)
    names = PartNames(prs.part.package)
    used = sorted({p.layout for p in plans})
    for key in used:
        if key not in layouts:
            layouts[key] = _layout(prs, doc, key)  # raises: no such layout
    for key in used:
        look = deck.looks[key]
        _dress_layout(layouts[key], footer, names, painters.on(look.footer_ground), look)
    places = {key: (title_placeholder(layouts[key]), body_placeholder(layouts[key]))
              for key in used}
    notes = NotesPages(names)
    for number, plan in enumerate(plans, 1):
        look = deck.looks[plan.layout]
        slide = _add_slide(prs, layouts[plan.layout])
        canvas = Canvas(slide, names)
        _draw(canvas, places[plan.layout], plan, painters, look, geometry)
        ground = painters.on(look.footer_ground)
        footer.draw(canvas, number, ground.dark, ground, look)
        canvas.flush()
        if plan.kind == "cover" and theme.logo:
            _add_logo(slide, theme.logo, plan.title_box, geometry)
        notes.add(slide, clean_notes(plan.notes))
    set_core_properties(prs.core_properties, doc)
    package = prs.part.package
    package.part_related_by(RT.EXTENDED_PROPERTIES).blob = app_xml([p.title for p in plans])
    return save.save(prs, build_timestamp(doc.date))


# The theme's body font, by reference: ``deck_theme`` makes it the pack's deck font (the
# one text is measured in), and text then follows the template's theme fonts as
# PowerPoint's own text does when a user changes them.
THEME_BODY_FONT = "+mn-lt"


class _Painters:
    """One ``Painter`` for each ground the deck's text is drawn on, its palette as it
    reads there (``ground.on_ground``); ``Painter.dark`` says which way it reads."""

    def __init__(self, theme, east_asian: str | None, lang: str) -> None:
        self.theme, self.east_asian, self.lang = theme, east_asian, lang
        self._made: dict[str, Painter] = {}

    def on(self, colour: str) -> Painter:
        key = colour.upper()
        painter = self._made.get(key)
        if painter is None:
            painter = self._made[key] = Painter(
                THEME_BODY_FONT, on_ground(self.theme.palette, key),
                self.east_asian, self.lang, ground=key, typeface=self.theme.deck_font.family)
        return painter


def _dress_layout(layout, footer: Footer, names: PartNames, painter: Painter,
                  look: LayoutLook) -> None:
    """The layout's own footer: rule, marking banners, footer and number placeholders
    (``Footer.dress``), after its other shapes, with ids after theirs."""
    tree = layout.element.cSld.spTree
    strip_footer_placeholders(tree)
    ids = [int(i) for i in tree.xpath(".//p:cNvPr/@id")]
    canvas = Canvas(layout, names, max(ids, default=1) + 1)
    footer.dress(canvas, painter.dark, painter, look)
    canvas.flush()


def clean_notes(text: str) -> str:
    """Notes text with control characters removed but line breaks kept."""
    return "\n".join(clean(line) for line in text.split("\n"))


def open_master(path: Path):
    """A ``Presentation`` of the deck master at ``path`` without any slides it carries
    (its bytes read again only when the file changes)."""
    try:
        stat = os.stat(path)
        prs = Presentation(io.BytesIO(_master_bytes(str(path), stat.st_mtime_ns,
                                                    stat.st_size)))
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many kinds for a damaged file
        raise RenderError(f"{path}: cannot open the deck master ({exc}); rebuild it with "
                          "scripts/make_master.py or check the pack's slide.master") from None
    remove_slides(prs)
    return prs


@lru_cache(maxsize=4)  # a watch process sees a few packs; an edited master is read again
def _master_bytes(path: str, _mtime_ns: int, _size: int) -> bytes:
    return Path(path).read_bytes()


def remove_slides(prs) -> None:
    """Drop the slides the master file carries, before any are added (python-pptx has no
    API for it: the slide list's entries and the presentation's relationships to them)."""
    slide_ids = prs.element.sldIdLst
    if slide_ids is None:
        return
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _add_slide(prs, layout):
    """A new slide on ``layout``, last in the deck, without the layout's placeholders
    (the deck fills the title and body ones itself, where it planned them; an empty one
    left behind would show "Click to add text"): ``Slides.add_slide`` before it clones
    them."""
    rId, slide = prs.part.add_slide(layout)
    prs.element.get_or_add_sldIdLst().add_sldId(rId)
    return slide


def _layout_name(doc: Document, key: str) -> str | None:
    return doc.theme.slide_layouts.get(key)


def _found_layout(prs, doc: Document, key: str):
    """The layout named for ``key``, on whichever of the master's slide masters has it
    (names are unique across them: ``template.reader.unique_layout_names``)."""
    name = _layout_name(doc, key)
    if not name:
        return None
    return next((layout for master in prs.slide_masters
                 if (layout := master.slide_layouts.get_by_name(name)) is not None), None)


def _masters_of(prs, layouts) -> list:
    """The slide masters of ``prs`` that ``layouts`` belong to, and the first one (its
    theme is the deck's), in the file's order."""
    used = {layout.slide_master.part.partname for layout in layouts}
    return [master for n, master in enumerate(prs.slide_masters)
            if n == 0 or master.part.partname in used]


def _layout(prs, doc: Document, key: str):
    name = _layout_name(doc, key)
    layout = _found_layout(prs, doc, key)
    if layout is None:
        raise RenderError(f"{doc.theme.slide_master}: no slide layout named '{name or key}'; "
                          f"name it in the master or fix slide.layouts.{key} in pack.yaml")
    return layout


# The placeholder types a slide's body text may go in: PowerPoint's "Text" and
# "Content" placeholders (a content placeholder also takes a table or a chart) and a
# title slide's subtitle.
BODY_TYPES = frozenset({PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE})
# A title placeholder is told by its type: LibreOffice gives a body placeholder idx 0 too.
TITLE_TYPES = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE,
                         PP_PLACEHOLDER.VERTICAL_TITLE})


def title_placeholder(layout) -> str | None:
    """The ``p:ph`` element (as XML text) a slide's title gets on ``layout``, as
    python-pptx clones it; None if the layout has no title placeholder."""
    return next((_ph_xml(p.element) for p in layout.iter_cloneable_placeholders()
                 if p.element.ph_type in TITLE_TYPES), None)


def body_placeholder(layout) -> str | None:
    """The ``p:ph`` element (as XML text) of ``layout``'s first text or content
    placeholder, where a slide's body text goes; None if it has none."""
    return next((_ph_xml(p.element) for p in layout.iter_cloneable_placeholders()
                 if p.element.ph_type in BODY_TYPES), None)  # LibreOffice's: idx 0 too


def _ph_xml(sp) -> str:
    """The ``p:ph`` of a slide's shape in placeholder ``sp`` of a layout, as python-pptx
    writes it when it clones the layout's placeholders."""
    ph = CT_Shape.new_placeholder_sp(0, "", sp.ph_type, sp.ph_orient, sp.ph_sz,
                                     sp.ph_idx).nvSpPr.nvPr.ph
    return "<p:ph" + "".join(f' {k}="{v}"' for k, v in ph.attrib.items()) + "/>"


LOGO_HEIGHT_PT = 48


def _add_logo(slide, logo: Path, box: Box, geometry: Geometry) -> None:
    """The pack's logo at the top left of the cover, above the title at ``box`` (the plan
    keeps the title low enough: ``plan.COVER_TOP_WITH_LOGO``), after the shapes drawn."""
    top = max(geometry.margin / 2, box.y - LOGO_HEIGHT_PT - 16)
    picture = slide.shapes.add_picture(str(logo), Pt(box.x), Pt(top), height=Pt(LOGO_HEIGHT_PT))
    # branding, not content: decorative, so screen readers and the checker skip it
    picture.element.nvPicPr.cNvPr.append(parse_xml(
        f'<a:extLst {drawingml.NAMESPACES}><a:ext uri="{drawingml.DECORATIVE_URI}">'
        f'<adec:decorative xmlns:adec="{drawingml.DECORATIVE_NS}" val="1"/></a:ext>'
        "</a:extLst>"))


def _draw(canvas: Canvas, places: tuple[str | None, str | None], plan: SlidePlan,
          painters: _Painters, look: LayoutLook, geometry: Geometry) -> None:
    """The title, in the layout's title placeholder, then the elements top to bottom and
    left to right, the order a screen reader reads them in: the first unshaded text in
    the layout's body placeholder (``places``: the two ``p:ph``, None where the layout
    has none), as planned; the title's and the body's colours chosen for the ground
    under each (``look``)."""
    title_ph, body_ph = places
    box = plan.title_box or geometry.title_box
    title = painters.on(look.title_ground)
    # In a template's own title place, its titles' anchor; deckmaker's master sets
    # titles on the box's foot, so one and two lines stand on the same line.
    in_template = box in {geometry.title, geometry.cover_title, geometry.section_title}
    title.title(canvas, title_ph, plan.title, plan.title_pt, box, title.dark,
                None if in_template else "b")
    painter = painters.on(look.body_ground)
    page = painters.on(painters.theme.palette["background"])
    for element in sorted(plan.elements, key=lambda e: (round(e.box.y, 1), e.box.x)):
        if isinstance(element, Text):
            placed = body_ph if element.fill is None else None
            painter.text(canvas, element, painter.dark, placed)
            body_ph = None if placed else body_ph
        elif isinstance(element, Chip):
            painter.chip(canvas, element)
        elif isinstance(element, Mark):
            painter.mark(canvas, element)
        elif isinstance(element, Chart):
            add_chart(canvas, element, painter)
        elif isinstance(element, Legend):  # tables on their own fills: the page's colours
            add_legend(canvas, element, page)
        elif isinstance(element, Bar):
            painter.bar(canvas, element)
