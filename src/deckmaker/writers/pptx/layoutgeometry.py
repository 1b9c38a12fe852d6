"""Where a deck's slides put things on a template's layouts (pure: works on the
``TemplateInfo`` the template reader gives).

Titles go where the layout's title placeholder is, as the template places them. The
body of each kind of slide goes where its content placeholder is, less every shape the
layout or its master draws there (a logo, a band, a line): a box is cut to the largest
part left beside each shape it meets. A shape that covers most of a placeholder is the
panel the template lays that text on: not cut around, the box kept on it, and the
colour under it (``ground``) is what the text's colour is chosen against. The footer
goes into the layout's (else the master's) footer and slide-number placeholders, or in
the lowest free band above the slide's foot. A template without title or content
placeholders gets deckmaker's own boxes, scaled to its slide."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from deckmaker.template.model import (
    CONTENT_TYPES, TITLE_TYPES, Background, LayoutInfo, TemplateInfo,
)
from deckmaker.template.model import Box as EmuBox
from deckmaker.writers.pptx.elements import COVER_BAR, GAP, Box, Geometry

BACKDROP = 0.5       # a shape covering this share of a box is the panel the box sits on
MIN_SHARE = 0.25     # a cut keeps at least this share of the box, or the box is kept whole
FOOTER_BAND = 28.0   # pt: the footer's band (a 12 pt line and its insets) above the foot
FOOTER_ABOVE = 6.0   # pt: between the footer's top rule and its text (``footer.plan_footer``)
BASE = Geometry()    # deckmaker's own master, 960 x 540 pt


@dataclass(frozen=True)
class LayoutLook:
    """What one layout a deck uses gives its slides: the colour under the title, the
    body and the footer (``#RRGGBB``; picture backgrounds count as the theme's light
    colour), the template's footer and slide-number boxes (None: deckmaker places its
    own), and the boxes of the shapes it draws, in points."""

    title_ground: str
    body_ground: str
    footer_ground: str
    footer: Box | None
    number: Box | None
    shapes: tuple[Box, ...]
    footer_room: bool = True  # False: no footer line or number on this layout's slides
    numbered: bool = False  # the layout or master shows the slide number in a shape of its own
    date: Box | None = None  # the template's date box (None: the date is in the footer line)


@dataclass(frozen=True)
class DeckLayout:
    """The geometry the planner lays every slide out in, and each layout key's look."""

    geometry: Geometry
    looks: dict[str, LayoutLook]
    # The share of the content layout's body placeholder deckmaker may draw in: what the
    # template's own shapes and the footer leave of it (1.0 on deckmaker's own master).
    room: float = 1.0


def points(box: EmuBox) -> Box:
    return Box(*box.points)


def _intersection(a: Box, b: Box) -> Box | None:
    x0, y0 = max(a.x, b.x), max(a.y, b.y)
    x1, y1 = min(a.x + a.w, b.x + b.w), min(a.y + a.h, b.y + b.h)
    return Box(x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def overlap(a: Box, b: Box) -> float:
    """The area ``a`` and ``b`` share, in square points."""
    shared = _intersection(a, b)
    return shared.w * shared.h if shared else 0.0


def is_backdrop(shape: Box, box: Box) -> bool:
    return box.w * box.h > 0 and overlap(shape, box) >= BACKDROP * box.w * box.h


def _cuts(box: Box, shape: Box) -> list[Box]:
    """The parts of ``box`` above, below, left and right of ``shape``."""
    right, bottom = box.x + box.w, box.y + box.h
    return [b for b in (Box(box.x, box.y, box.w, shape.y - box.y),
                        Box(box.x, shape.y + shape.h, box.w, bottom - shape.y - shape.h),
                        Box(box.x, box.y, shape.x - box.x, box.h),
                        Box(shape.x + shape.w, box.y, right - shape.x - shape.w, box.h))
            if b.w > 0 and b.h > 0]


def free_box(box: Box, shapes: Iterable[Box]) -> Box:
    """``box`` less every shape it meets but the panels it sits on: each time the largest
    part beside the shape (the box on the panel it is mostly on)."""
    shapes = list(shapes)
    for shape in shapes:
        if is_backdrop(shape, box):
            box = _intersection(box, shape) or box
    area = box.w * box.h
    for shape in shapes:
        if overlap(shape, box) == 0 or is_backdrop(shape, box):
            continue
        parts = _cuts(box, shape)
        best = max(parts, key=lambda b: b.w * b.h, default=None)
        if best is None or best.w * best.h < MIN_SHARE * area:
            continue  # nothing useful beside it: the template lays text over it
        box = best
    return box


def _placeholder(layout: LayoutInfo, types) -> Box | None:
    """The layout's first placeholder of ``types`` with a box (the largest content one)."""
    found = [p for p in layout.placeholders if p.type in types and p.box is not None
             and p.box.area > 0]
    if not found:
        found = [p for p in layout.master_placeholders if p.type in types
                 and p.box is not None and p.box.area > 0] if not layout.placeholders else []
    if not found:
        return None
    return points(max(found, key=lambda p: p.box.area).box)


def _footer_box(layout: LayoutInfo, kind: str) -> Box | None:
    """The layout's ``kind`` (ftr, sldNum, dt) placeholder's box, else its master's."""
    for placeholders in (layout.placeholders, layout.master_placeholders):
        found = [p for p in placeholders if p.type == kind and p.box is not None
                 and p.box.area > 0]
        if found:
            return points(found[0].box)
    return None


def ground(info: TemplateInfo, layout: LayoutInfo, box: Box) -> str:
    """The colour text in ``box`` on ``layout`` is read on (a picture: the theme's lt1)."""
    emu = EmuBox(*(round(v * 12700) for v in (box.x, box.y, box.w, box.h)))
    background: Background = info.background_under(layout, emu)
    return background.colour or info.theme.colours["lt1"]


def _scaled(width: float, height: float) -> Geometry:
    """deckmaker's own boxes scaled to a slide of ``width`` x ``height`` points."""
    sx, sy = width / BASE.width, height / BASE.height
    return Geometry(width, height, BASE.margin * sx, BASE.title_top * sy,
                    BASE.title_height * sy, BASE.body_top * sy, BASE.footer_top * sy)


def _shapes(layout: LayoutInfo) -> tuple[Box, ...]:
    return tuple(points(o.box) for o in layout.obstacles)


def deck_layout(info: TemplateInfo, layouts: dict[str, str]) -> DeckLayout:
    """The geometry and looks of a deck on ``info``'s master, ``layouts`` the pack's
    slide kind -> layout name (every name in ``info``)."""
    width, height = (v / 12700 for v in (info.slide_width, info.slide_height))
    base = _scaled(width, height)
    chosen = {key: info.layout(name) for key, name in layouts.items()}
    content, section, title = (chosen.get(k) for k in ("content", "section", "title"))
    in_use = [layout for layout in chosen.values() if layout is not None]
    shapes = {layout.name: _shapes(layout) for layout in in_use}
    all_shapes = [box for layout in in_use for box in shapes[layout.name]]
    footer_top = min((box.y - FOOTER_ABOVE for layout in in_use
                      for box in (_footer_box(layout, "ftr"),
                                  _footer_box(layout, "sldNum")) if box), default=None)
    band = None
    if footer_top is None:  # deckmaker's own footer, in the free part of a band at the foot
        full = Box(base.margin, height - FOOTER_BAND, base.content_width,
                   FOOTER_BAND - FOOTER_ABOVE)
        band = free_box(full, all_shapes)
        if band.h < full.h:  # cut above or below: a band just under the shapes in its way
            low = max((s.y + s.h for s in all_shapes if overlap(s, full)), default=full.y)
            band = Box(full.x, min(low + 1, full.y), full.w, full.h)
            band = free_box(band, all_shapes)
        footer_top = band.y - FOOTER_ABOVE
    fields: dict = {}
    room = 1.0
    if content is not None:
        title_box = _placeholder(content, TITLE_TYPES)
        body_box = _placeholder(content, CONTENT_TYPES)
        if title_box and body_box:
            fields["title"] = title_box  # the template's own place for titles, uncut
            fields["body"] = _body(body_box, shapes[content.name], footer_top)
            free = fields["body"]
            room = max(free.w, 0.0) * max(free.h, 0.0) / (body_box.w * body_box.h)
            if section is not None and section is not content:
                fields.update(_section_boxes(section, title_box, body_box,
                                             shapes[section.name], footer_top))
            margin = min(fields["body"].x, width - fields["body"].x - fields["body"].w)
            base = Geometry(width, height, max(margin, 0.0), fields["title"].y,
                            fields["title"].h, fields["body"].y, footer_top)
    if title is not None:
        cover_title = _placeholder(title, TITLE_TYPES)
        cover_body = _placeholder(title, {"subTitle", *CONTENT_TYPES})
        if cover_title and cover_body:
            fields["cover_title"] = cover_title
            # down to the footer: a template's subtitle box may be too short for the
            # subtitle and the metadata, and the space under it is free
            reach = Box(cover_body.x, cover_body.y, cover_body.w,
                        max(cover_body.h, footer_top - GAP - cover_body.y))
            fields["cover_body"] = _body(reach, shapes[title.name], footer_top)
    fields["caps"] = frozenset(key for key, layout in chosen.items()
                               if layout is not None and layout.title_caps)
    geometry = Geometry(base.width, base.height, base.margin, base.title_top,
                        base.title_height, base.body_top, footer_top, footer=band, **fields)
    if geometry.cover_title is not None:
        geometry = replace(geometry, own_look=_own_look_fits(
            geometry, shapes[title.name], shapes[section.name] if section else ()))
    looks = {key: _look(info, layout, geometry, shapes[layout.name], key)
             for key, layout in chosen.items() if layout is not None}
    return DeckLayout(geometry, looks, room)


def _body(box: Box, shapes: tuple[Box, ...], footer_top: float) -> Box:
    """``box`` less ``shapes`` (``free_box``), ending a gap above the footer."""
    free = free_box(box, shapes)
    return Box(free.x, free.y, free.w, min(free.y + free.h, footer_top - GAP) - free.y)


def _section_boxes(section: LayoutInfo, title: Box, body: Box, shapes: tuple[Box, ...],
                   footer_top: float) -> dict[str, Box]:
    """The section layout's title and body boxes where they differ from the content
    layout's (``title`` and ``body``): its own title placeholder where that is at the
    top like the content's (a section header's title low on the slide is not where a
    bottom-line slide's title goes), and the content layout's body area less the
    section layout's shapes."""
    own = _placeholder(section, TITLE_TYPES)
    out = {"section_body": _body(body, shapes, footer_top)}
    if own is not None and own.y + own.h <= body.y + GAP:
        out["section_title"] = own
    return out


def _own_look_fits(g: Geometry, cover: tuple[Box, ...], section: tuple[Box, ...]) -> bool:
    """True if deckmaker's own look fits the template (``Geometry.own_look``): its cover
    leaves the accent bar (``COVER_BAR`` wide at the margin, a gap before the title)
    room left of its title, and the centred divider and closing titles and the bar meet
    no shape of their layouts."""
    title = g.cover_title_box
    bar = Box(g.margin, title.y, COVER_BAR, title.h)
    centred = (g.divider_title_box, g.closing_title_box)
    return title.x >= g.margin + COVER_BAR + GAP and \
        not any(overlap(bar, s) for s in cover) and \
        not any(overlap(box, s) for box in centred for s in section)


def _look(info: TemplateInfo, layout: LayoutInfo, g: Geometry, shapes: tuple[Box, ...],
          key: str) -> LayoutLook:
    """The look of ``layout``, used for the slide kind ``key`` (its title and body
    measured where that kind's slides put them)."""
    footer = _footer_box(layout, "ftr")
    number = _footer_box(layout, "sldNum")
    band = footer or Box(g.margin, g.footer_top + FOOTER_ABOVE, g.content_width,
                         FOOTER_BAND - FOOTER_ABOVE)
    # deckmaker's own footer band on a layout without footer placeholders: only where
    # none of the layout's shapes is in the way (a cover's decoration at its foot)
    room = footer is not None or not any(overlap(band, shape) for shape in shapes)
    title, body = {"title": (g.cover_title_box, g.cover_body_box),
                   "section": (g.section_title_box, g.section_body_box)}.get(
        key, (g.title_box, g.body_box))
    return LayoutLook(ground(info, layout, title), ground(info, layout, body),
                      ground(info, layout, band), footer, number, shapes, room,
                      date=_footer_box(layout, "dt"),
                      numbered=any(o.numbers for o in layout.obstacles))
