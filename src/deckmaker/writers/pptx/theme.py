"""The master's theme part: the template's own unless the pack sets its own palette or
deck font.

An organisation's template keeps its theme colours and fonts: a pack made from it by
``pack new`` carries the palette ``palette_from_theme`` derives from that theme and the
theme's body font, so a pack whose palette is exactly that derivation (and whose deck
font is the theme's body font) has not set its own, and the theme part is left as it
is. A pack that sets another palette or font (the default pack and those extending it,
whose generated master names palette roles through scheme colours: ``tx2`` for the
primary colour, ``accent1`` for the accent...) has its colours or font written into the
theme's colour or font scheme, so any pack's look goes on the one generated master."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from deckmaker.model import Theme
from deckmaker.template.model import TemplateInfo
from deckmaker.template.palette import palette_from_theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SCHEME_NAME = "deckmaker"


def colour_scheme(palette: dict) -> dict[str, str]:
    """Theme colour slot -> palette colour (``#RRGGBB``). Layouts fill with ``tx2``
    (dk2, the primary colour) and ``accent1`` (the accent); charts and links take the rest."""
    chart = palette["chart"]
    return {"dk1": palette["text"], "lt1": palette["background"],
            "dk2": palette["primary"], "lt2": palette["shade"],
            "accent1": palette["accent"],
            **{f"accent{n}": chart[(n - 2) % len(chart)] for n in range(2, 7)},
            "hlink": palette["accent"], "folHlink": palette["muted"]}


def palette_is_the_themes(palette: dict, info: TemplateInfo, layout_names: Iterable[str]
                          ) -> bool:
    """True if ``palette`` is the one ``pack new`` derives from ``info``'s theme with the
    backgrounds of the layouts named ``layout_names`` (the pack did not set its own)."""
    names = set(layout_names)
    grounds = tuple(layout.background.colour for layout in info.layouts
                    if layout.name in names and layout.background.colour)
    derived = palette_from_theme(info.theme.colours, grounds).colours
    return all(_same(palette.get(role), value) for role, value in derived.items())


def _same(given, derived) -> bool:
    if isinstance(derived, dict):
        return isinstance(given, dict) and given.keys() == derived.keys() and \
            all(_same(given[k], v) for k, v in derived.items())
    if isinstance(derived, list):
        return isinstance(given, (list, tuple)) and len(given) == len(derived) and \
            all(_same(g, d) for g, d in zip(given, derived, strict=True))
    return isinstance(given, str) and given.upper() == str(derived).upper()


def deck_theme(blob: bytes, theme: Theme, info: TemplateInfo) -> bytes:
    """The theme part ``blob`` of the master ``info`` describes, for a deck in ``theme``:
    its colour scheme in the pack's palette unless that is the theme's own
    (``palette_is_the_themes``), its font scheme in the deck font unless that is the
    theme's body font; the part unchanged when both are the theme's."""
    colours = not palette_is_the_themes(theme.palette, info, theme.slide_layouts.values())
    fonts = theme.deck_font.family != info.theme.body_font
    if not (colours or fonts):
        return blob
    return themed(blob, theme, colours=colours, fonts=fonts)


def themed(blob: bytes, theme: Theme, *, colours: bool = True, fonts: bool = True) -> bytes:
    """The theme part ``blob`` with ``theme``'s colours (if ``colours``) and deck font
    (if ``fonts``) in its schemes."""
    root = etree.fromstring(blob)
    root.set("name", SCHEME_NAME)
    if colours:
        scheme = root.find(f".//{{{A}}}clrScheme")
        scheme.set("name", SCHEME_NAME)
        for name, colour in colour_scheme(theme.palette).items():
            slot = scheme.find(f"{{{A}}}{name}")
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, f"{{{A}}}srgbClr", val=colour.lstrip("#").upper())
    if fonts:
        font_scheme = root.find(f".//{{{A}}}fontScheme")
        font_scheme.set("name", SCHEME_NAME)
        for group in ("majorFont", "minorFont"):
            for script in ("latin", "ea", "cs"):
                font = font_scheme.find(f"{{{A}}}{group}/{{{A}}}{script}")
                if font is None:
                    font = etree.SubElement(font_scheme.find(f"{{{A}}}{group}"),
                                            f"{{{A}}}{script}")
                font.set("typeface", theme.deck_font.family)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
