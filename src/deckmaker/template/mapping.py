"""Which layout of a template each of deckmaker's slide kinds uses: by the layouts'
placeholders first (what a layout holds does not depend on its language or on who named
it), by the usual Office and LibreOffice names second (a tie-break, and the only clue
for a layout whose placeholders say nothing). Pure.

Kinds (the keys of pack.yaml's ``slide.layouts``):
- ``title``: a centred title (``ctrTitle``), or a title with a subtitle and no body;
- ``section``: a title and one small ``body`` (a section header: under a quarter of the
  slide); without one, the title-only layout, else the title layout;
- ``content``: a title and one large content placeholder (``obj``/``body``...);
- ``two_content``: a title and exactly two large content placeholders side by side
  (``Two Content``, ``Comparison``); left out when the template has none;
- ``closing``: a title and nothing else (``Title Only``), else a blank layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckmaker.template.model import Box, LayoutInfo

KINDS = ("title", "section", "content", "two_content", "closing")
REQUIRED = ("title", "section", "content")  # the deck cannot be built without these
SMALL_BODY = 0.25    # a section header's body: under this share of the slide
LARGE_CONTENT = 0.10  # a content placeholder of a two-content layout: at least this share

# Usual names (normalised: lower case, punctuation and "and" dropped) of PowerPoint's
# English layouts and LibreOffice's (as it names them when converting to .pptx).
NAMES = {
    "title": ("title slide", "title", "cover", "title page"),
    "section": ("section header", "section title", "section", "section break", "divider",
                "title centered text"),
    "content": ("title content", "title text", "title body", "content", "title object",
                "title 1 content"),
    "two_content": ("two content", "title 2 content", "comparison", "title two content",
                    "two objects", "title text 2 content"),
    "closing": ("title only", "closing", "end", "blank", "blank slide", "thank you"),
}
_TYPE_REASONS = {
    "title": "a centred title or a title with a subtitle",
    "section": "a title and one small text placeholder",
    "content": "a title and one content placeholder",
    "two_content": "a title and two content placeholders side by side",
    "closing": "a title and nothing else",
}


def normalised(name: str) -> str:
    """``name`` in lower case without punctuation, "and" or a later master's number
    (``reader.unique_layout_names``: "Title, Content (2)" is "title content")."""
    words = re.sub(r"[^\w]+", " ", re.sub(r"\s*\(\d+\)$", "", name).lower()).split()
    return " ".join(w for w in words if w != "and")


@dataclass(frozen=True)
class LayoutChoice:
    """The layout a kind uses and why: ``how`` is "placeholders", "name" or
    "fallback"; ``reason`` says it in words for ``pack new``'s report."""

    name: str
    how: str
    reason: str


@dataclass(frozen=True)
class LayoutMapping:
    """Each mapped kind's layout, and the kinds no layout was found for."""

    chosen: dict[str, LayoutChoice]
    missing: tuple[str, ...]

    @property
    def names(self) -> dict[str, str]:
        return {kind: choice.name for kind, choice in self.chosen.items()}


def _share(box: Box | None, slide: Box) -> float:
    return box.area / slide.area if box is not None and slide.area else 0.0


def type_score(layout: LayoutInfo, kind: str, slide: Box) -> int:
    """How well the layout's placeholders fit ``kind``: 0 (not at all) to 3."""
    has_title = layout.title is not None
    centred = bool(layout.of_type("ctrTitle"))
    subtitles = layout.of_type("subTitle")
    bodies = layout.bodies
    large = [b for b in bodies if _share(b.box, slide) >= LARGE_CONTENT]
    if kind == "title":
        return 3 if centred or (has_title and subtitles and not bodies) else 0
    if not has_title or centred:
        return 1 if kind == "closing" and not (has_title or bodies or subtitles) else 0
    if kind == "section":
        return 3 if (len(bodies) == 1 and bodies[0].type == "body" and not subtitles
                     and _share(bodies[0].box, slide) < SMALL_BODY) else 0
    if kind == "content":
        return 3 if len(bodies) == 1 and _share(bodies[0].box, slide) >= SMALL_BODY else 0
    if kind == "two_content":
        return 3 if len(large) == 2 and large[0].box.beside(large[1].box) else 0
    return 2 if not bodies and not subtitles else 0  # closing: title only


def name_score(layout: LayoutInfo, kind: str) -> int:
    """1 if the layout has one of ``kind``'s usual names, else 0."""
    return 1 if normalised(layout.name) in NAMES[kind] else 0


def _extra(layout: LayoutInfo) -> int:
    """Placeholders a kind's slides would leave empty (pictures, media, extra bodies)."""
    return len(layout.of_type("pic", "media", "clipArt", "chart", "tbl", "dgm"))


def _best(layouts: tuple[LayoutInfo, ...], kind: str, slide: Box,
          master: int | None = None) -> LayoutChoice | None:
    # ties go to a layout the template's own slides use (a template with several
    # masters shows which one is for which kind), then to one on ``master`` (the
    # content layout's, for the inner slides), then to the first master's, in order
    scored = [((type_score(layout, kind, slide), name_score(layout, kind),
                min(layout.examples, 1), layout.master == master, -_extra(layout),
                -layout.master, -layout.index), layout) for layout in layouts]
    scored = [item for item in scored if item[0][0] or item[0][1]]
    if not scored:
        return None
    (by_type, by_name, *_), layout = max(scored, key=lambda item: item[0])
    if by_type:
        return LayoutChoice(layout.name, "placeholders", _TYPE_REASONS[kind])
    return LayoutChoice(layout.name, "name", f"its name is a usual {kind.replace('_', '-')} "
                                             "layout's name")


def map_layouts(layouts: tuple[LayoutInfo, ...], slide: Box) -> LayoutMapping:
    """The layout of each kind among ``layouts`` (every master's, in order) on ``slide``."""
    chosen: dict[str, LayoutChoice] = {}
    content = _best(layouts, "content", slide)
    inner = next((layout.master for layout in layouts if content
                  and layout.name == content.name), None)
    for kind in KINDS:
        choice = content if kind == "content" else _best(
            layouts, kind, slide, None if kind == "title" else inner)
        if choice is not None:
            chosen[kind] = choice
    fallbacks = {"section": ("closing", "title"), "closing": ("section", "title"),
                 "content": ("two_content", "section")}
    for kind, instead in fallbacks.items():
        if kind in chosen:
            continue
        other = next((k for k in instead if k in chosen and chosen[k].how != "fallback"), None)
        if other is not None:
            chosen[kind] = LayoutChoice(chosen[other].name, "fallback",
                                        f"no {kind} layout; the {other} layout instead")
    missing = tuple(kind for kind in KINDS if kind not in chosen)
    return LayoutMapping({kind: chosen[kind] for kind in KINDS if kind in chosen}, missing)
