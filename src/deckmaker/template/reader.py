"""Reading a customer's template (.pptx, .potx) into a ``TemplateInfo``: python-pptx's
public API for the package, masters, layouts and shapes (a layout placeholder's position
comes from the master's when the layout has none, as python-pptx resolves it), lxml for
what python-pptx does not model (the theme, backgrounds, colour maps)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from deckmaker.template.drawingml import (
    DEFAULT_COLOUR_MAP, NS, fill, find_fill, first_colour,
)
from deckmaker.template.model import (
    CONTENT_TYPES, FOOTER_TYPES, TITLE_TYPES, Background, Box, LayoutInfo, Obstacle,
    PlaceholderInfo, TemplateInfo,
)
from deckmaker.template.opening import TemplateError, presentation_copy
from deckmaker.template.theme import Theme, read_theme


@dataclass
class OpenedTemplate:
    """A template open in python-pptx (a sanitised copy, valid inside ``open_template``),
    what deckmaker read of it, and what the sanitiser removed."""

    presentation: Any
    info: TemplateInfo
    removed: tuple[str, ...]


@contextmanager
def open_template(path: Path) -> Iterator[OpenedTemplate]:
    """The template at ``path`` open for reading and re-saving; raises TemplateError."""
    from pptx import Presentation

    with tempfile.TemporaryDirectory(prefix="deckmaker-template-") as folder:
        copy, removed = presentation_copy(Path(path), Path(folder))
        try:
            presentation = Presentation(str(copy))
        except Exception as exc:  # noqa: BLE001 - python-pptx raises KeyError, ValueError, lxml and zip errors for a damaged package; all mean the same to the user
            raise TemplateError(f"cannot be opened as a presentation ({type(exc).__name__}: "
                                f"{exc})") from None
        unique_layout_names(presentation)
        yield OpenedTemplate(presentation, describe(presentation, str(path)), removed)


def unique_layout_names(presentation) -> None:
    """Rename each layout of a later master whose name an earlier layout has: "Title,
    Content (2)" on the second master (a pack names layouts, and a template saved by
    LibreOffice has the same dozen names under every master)."""
    seen: set[str] = set()
    for number, master in enumerate(presentation.slide_masters, 1):
        for layout in master.slide_layouts:
            name = layout.name
            if name in seen:
                name = f"{name} ({number})"
                layout.name = name
            seen.add(name)


def read_template(path: Path) -> TemplateInfo:
    """What deckmaker reads of the template at ``path``; raises TemplateError."""
    with open_template(path) as opened:
        return opened.info


def _scheme(colours: dict[str, str], colour_map: dict[str, str]) -> dict[str, str]:
    """Colour names a shape may use (dk1..folHlink, and bg1/tx1/bg2/tx2 through the map)."""
    return {**colours, **{name: colours[slot] for name, slot in colour_map.items()
                          if slot in colours}}


def _colour_map(element, inherited: dict[str, str]) -> dict[str, str]:
    """The master's ``p:clrMap``, or a layout's ``p:clrMapOvr`` override of ``inherited``."""
    found = element.find("p:clrMap", NS)
    if found is None:
        found = element.find("p:clrMapOvr/a:overrideClrMapping", NS)
    return {**inherited, **dict(found.attrib)} if found is not None else inherited


def _background(element, scheme: dict[str, str], theme: Theme, source: str
                ) -> Background | None:
    """The background a master or layout element sets itself, or None."""
    bg = element.find("p:cSld/p:bg", NS)
    if bg is None:
        return None
    properties = bg.find("p:bgPr", NS)
    if properties is not None:
        chosen = find_fill(properties)
        if chosen is None:
            return None
        kind, colour = fill(chosen, scheme)
    else:
        reference = bg.find("p:bgRef", NS)
        if reference is None:
            return None
        style = theme.style_fill(int(reference.get("idx", "0")))
        if style is None:
            return None
        kind, colour = fill(style, scheme, first_colour(reference, scheme))
    return None if kind == "none" else Background(kind, colour, source)


def _box(shape) -> Box | None:
    values = (shape.left, shape.top, shape.width, shape.height)
    return None if any(v is None for v in values) else Box(*(int(v) for v in values))


def _placeholder(shape) -> PlaceholderInfo:
    ph = shape.element.find("p:nvSpPr/p:nvPr/p:ph", NS)
    if ph is None:  # a picture or graphic-frame placeholder
        ph = next(iter(shape.element.iterfind(".//p:nvPr/p:ph", NS)))
    has_own_box = shape.element.find("p:spPr/a:xfrm", NS) is not None
    return PlaceholderInfo(ph.get("type", "obj"), int(ph.get("idx", "0")), shape.name,
                           _box(shape), inherited=not has_own_box)


def _kind(shape) -> str:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    kinds = {MSO_SHAPE_TYPE.PICTURE: "picture", MSO_SHAPE_TYPE.GROUP: "group",
             MSO_SHAPE_TYPE.LINE: "connector", MSO_SHAPE_TYPE.CHART: "graphic",
             MSO_SHAPE_TYPE.TABLE: "graphic", MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT: "graphic"}
    try:
        return kinds.get(shape.shape_type, "shape")
    except NotImplementedError:  # python-pptx cannot name every graphic frame's type
        return "graphic"


def _hidden(shape) -> bool:
    properties = shape.element.find(".//p:cNvPr", NS)
    return properties is not None and properties.get("hidden") in ("1", "true")


def _shape_fill(shape, scheme: dict[str, str], theme: Theme) -> str | None:
    """A shape's own solid, gradient or pattern fill colour, or its style's
    (``fillRef``)."""
    element = shape.element
    own = find_fill(element.find("p:spPr", NS))
    if own is None:
        reference = element.find("p:style/a:fillRef", NS)
        style = theme.style_fill(int(reference.get("idx", "0"))) if reference is not None \
            else None
        if style is None:
            return None
        kind, colour = fill(style, scheme, first_colour(reference, scheme))
    else:
        kind, colour = fill(own, scheme)
    return colour if kind in ("solid", "gradient", "pattern") else None


def _shapes(shapes, source: str, scheme: dict[str, str], theme: Theme
            ) -> tuple[tuple[PlaceholderInfo, ...], tuple[Obstacle, ...]]:
    placeholders, obstacles = [], []
    for shape in shapes:
        if _hidden(shape):
            continue
        if shape.is_placeholder:
            placeholders.append(_placeholder(shape))
        elif (box := _box(shape)) is not None and (box.area > 0 or _kind(shape) == "connector"):
            obstacles.append(Obstacle(_kind(shape), shape.name, box, source,
                                      _shape_fill(shape, scheme, theme),
                                      bool(shape.element.xpath(".//a:fld[@type='slidenum']"))))
    return tuple(placeholders), tuple(obstacles)


CAPS = ("all", "small")


def _title_caps(layout, master) -> bool:
    """True if ``layout`` sets its titles in capitals: the ``cap`` of the first level of
    its title placeholder's list style, else of the master's title placeholder's, else
    of the master's title style (text in capitals is wider: the deck measures it so)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    titles = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    for shapes in (layout.placeholders, master.placeholders):
        for placeholder in shapes:
            if placeholder.element.ph_type in titles:
                cap = placeholder.element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@cap")
                if cap:
                    return cap[0] in CAPS
    cap = master.element.xpath("./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/@cap")
    return bool(cap) and cap[0] in CAPS


def describe(presentation, path: str) -> TemplateInfo:
    """The TemplateInfo of an open python-pptx ``presentation``; raises TemplateError."""
    masters = presentation.slide_masters
    if len(masters) == 0:
        raise TemplateError("has no slide master")
    if len(masters[0].slide_layouts) == 0:
        raise TemplateError("has no slide layouts; save it from PowerPoint's Slide Master "
                            "view with at least a title and a content layout")
    width, height = presentation.slide_width, presentation.slide_height
    if not width or not height:
        raise TemplateError("has no slide size")
    examples: dict[int, int] = {}
    for slide in presentation.slides:
        examples[id(slide.slide_layout.element)] = \
            examples.get(id(slide.slide_layout.element), 0) + 1
    libreoffice = _made_by_libreoffice(presentation)
    read = [_master(number, master, examples, libreoffice) for number, master in
            enumerate(masters)]
    first = read[0]
    return TemplateInfo(path, int(width), int(height), first.theme.info,
                        tuple(layout for m in read for layout in m.layouts), first.background,
                        first.placeholders, first.obstacles, masters=len(masters),
                        slides=len(presentation.slides), colour_map=first.colour_map)


@dataclass(frozen=True)
class _Master:
    """One slide master as read: its theme, background, shapes and layouts."""

    theme: Theme
    background: Background
    placeholders: tuple[PlaceholderInfo, ...]
    obstacles: tuple[Obstacle, ...]
    colour_map: dict[str, str]
    layouts: tuple[LayoutInfo, ...]


def _master(number: int, master, examples: dict[int, int], libreoffice: bool) -> _Master:
    """Master ``number`` (from 0) and its layouts; ``examples``: how many of the
    template's slides use each layout (by element id)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = read_theme(master.part.part_related_by(RT.THEME).blob)
    except KeyError:
        raise TemplateError(f"has no theme on its slide master {number + 1}") from None
    colours = theme.info.colours
    master_map = _colour_map(master.element, DEFAULT_COLOUR_MAP)
    master_scheme = _scheme(colours, master_map)
    master_background = _background(master.element, master_scheme, theme, "master") or \
        Background("solid", master_scheme.get("bg1", colours["lt1"]), "default")
    master_placeholders, master_obstacles = _shapes(master.shapes, "master", master_scheme, theme)
    layouts = []
    for index, layout in enumerate(master.slide_layouts):
        scheme = _scheme(colours, _colour_map(layout.element, master_map))
        background = _background(layout.element, scheme, theme, "layout") or master_background
        placeholders, obstacles = _shapes(layout.shapes, "layout", scheme, theme)
        if libreoffice:
            placeholders = as_libreoffice_shows(placeholders, master_placeholders)
        shows_master = layout.element.get("showMasterSp", "1") not in ("0", "false")
        if shows_master:
            obstacles += master_obstacles
        layouts.append(LayoutInfo(layout.name, index, placeholders, background, obstacles,
                                  shows_master, _title_caps(layout, master), number,
                                  master_placeholders, examples.get(id(layout.element), 0)))
    return _Master(theme, master_background, master_placeholders, master_obstacles,
                   master_map, tuple(layouts))


def _made_by_libreoffice(presentation) -> bool:
    """True if the package says LibreOffice wrote it (its extended properties)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        blob = presentation.part.package.part_related_by(RT.EXTENDED_PROPERTIES).blob
    except KeyError:
        return False
    return b"<Application>LibreOffice" in blob


def as_libreoffice_shows(placeholders: tuple[PlaceholderInfo, ...],
                         master: tuple[PlaceholderInfo, ...]) -> tuple[PlaceholderInfo, ...]:
    """A layout's placeholders where LibreOffice draws them: it writes the same layouts
    under every master of a .pptx it saves, but lays a slide out in its master's title
    and body areas. So titles take the master's title box, footers the master's box of
    their kind, and the content placeholders the master's body box, mapped as the
    layout arranges them in their own union (two side by side stay side by side)."""
    own = {p.type: p.box for p in master if p.box is not None}
    body = own.get("body")
    contents = [p.box for p in placeholders if p.type in CONTENT_TYPES | {"subTitle"}
                and p.box is not None]
    union = Box.union(contents) if contents else None
    out = []
    for p in placeholders:
        box = p.box
        if p.type in TITLE_TYPES and "title" in own:
            box = own["title"]
        elif p.type in FOOTER_TYPES and p.type in own:
            box = own[p.type]
        elif box is not None and union is not None and body is not None and \
                p.type in CONTENT_TYPES | {"subTitle"}:
            box = box.mapped(union, body)
        out.append(replace(p, box=box))
    return tuple(out)
