"""Layout mapping: placeholders first, usual names second, fallbacks said."""

from __future__ import annotations

from deckmaker.template.mapping import map_layouts
from deckmaker.template.model import Background, Box, LayoutInfo, PlaceholderInfo
from deckmaker.template.reader import read_template

SLIDE = Box(0, 0, 1000, 1000)
WHITE = Background("solid", "#FFFFFF", "master")


def layout(name, index, *placeholders):
    return LayoutInfo(name, index, tuple(PlaceholderInfo(t, i, t, Box(*b))
                                         for i, (t, b) in enumerate(placeholders)), WHITE, ())


def test_placeholders_decide_before_names():
    layouts = (
        layout("Section Header", 0, ("title", (0, 0, 1000, 100)), ("obj", (0, 100, 1000, 800))),
        layout("Kapitel", 1, ("title", (0, 0, 1000, 100)), ("body", (0, 500, 1000, 100))),
        layout("Deckblatt", 2, ("ctrTitle", (0, 0, 1000, 300)), ("subTitle", (0, 300, 1000, 200))),
        layout("Zwei", 3, ("title", (0, 0, 1000, 100)), ("obj", (0, 100, 480, 800)),
               ("obj", (520, 100, 480, 800))),
        layout("Gestapelt", 4, ("title", (0, 0, 1000, 100)), ("obj", (0, 100, 1000, 400)),
               ("obj", (0, 500, 1000, 400))),
        layout("Nur Titel", 5, ("title", (0, 0, 1000, 100))),
    )
    mapping = map_layouts(layouts, SLIDE)
    assert mapping.names == {"title": "Deckblatt", "section": "Kapitel",
                             "content": "Section Header", "two_content": "Zwei",
                             "closing": "Nur Titel"}
    assert mapping.chosen["content"].how == "placeholders"


def test_no_section_layout_falls_back_to_title_only():
    top = ("title", (0, 0, 1000, 100))
    layouts = (layout("Title Slide", 0, top, ("subTitle", (0, 200, 1000, 500))),
               layout("Title, Content", 1, top, ("obj", (0, 100, 1000, 800))),
               layout("Title Only", 2, top))
    mapping = map_layouts(layouts, SLIDE)
    assert mapping.chosen["section"].name == "Title Only"
    assert mapping.chosen["section"].how == "fallback"
    assert mapping.chosen["section"].reason == "no section layout; the closing layout instead"
    assert mapping.missing == ("two_content",)


def test_names_alone_when_placeholders_say_nothing():
    layouts = (layout("Blank", 0), layout("Title Slide", 1, ("obj", (0, 0, 10, 10))))
    mapping = map_layouts(layouts, SLIDE)
    assert mapping.chosen["title"].how == "name"
    assert mapping.names["closing"] == "Blank"


def test_python_pptx_default(python_pptx_default):
    info = read_template(python_pptx_default)
    assert map_layouts(info.layouts, info.slide_box).names == {
        "title": "Title Slide", "section": "Section Header", "content": "Title and Content",
        "two_content": "Two Content", "closing": "Title Only"}


def test_corporate(corporate):
    info = read_template(corporate)
    assert map_layouts(info.layouts, info.slide_box).names == {
        "title": "ACME Cover", "section": "ACME Divider", "content": "ACME Text",
        "two_content": "ACME Split", "closing": "ACME Heading"}
