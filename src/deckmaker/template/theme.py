"""The theme part of a master read with lxml: its colour scheme, font scheme and the
fill style lists a background's ``bgRef`` points into."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from deckmaker.template.drawingml import NS, Element, first_colour
from deckmaker.template.model import THEME_COLOUR_SLOTS, ThemeInfo

# Office files never declare entities; a template's XML is parsed with them off.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False, remove_comments=True)
FONT_SCRIPTS = ("latin", "ea", "cs")
# ECMA-376 §20.1.4.2.3 (bgRef idx): 1-999 index fillStyleLst, 1001 and up bgFillStyleLst.
BG_STYLE_BASE = 1000


def parse(blob: bytes) -> Element:
    """The root of an XML part, parsed with entities and network access off."""
    return etree.fromstring(blob, PARSER)


@dataclass(frozen=True)
class Theme:
    """A parsed theme: what deckmaker reports (``info``) and the fill styles."""

    info: ThemeInfo
    fill_styles: tuple[Element, ...]
    background_styles: tuple[Element, ...]

    def style_fill(self, idx: int) -> Element | None:
        """The fill a ``bgRef``/``fillRef`` ``idx`` names (1-based), or None (0: no fill)."""
        styles, number = ((self.background_styles, idx - BG_STYLE_BASE)
                          if idx > BG_STYLE_BASE else (self.fill_styles, idx))
        return styles[number - 1] if 1 <= number <= len(styles) else None


def _fonts(element: Element | None) -> dict[str, str]:
    if element is None:
        return {}
    return {script: font.get("typeface", "")
            for script in FONT_SCRIPTS
            if (font := element.find(f"a:{script}", NS)) is not None}


def read_theme(blob: bytes) -> Theme:
    """The theme in ``blob``; a missing slot reads as black (dk*) or white (lt*)."""
    root = parse(blob)
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    colours = {}
    for slot in THEME_COLOUR_SLOTS:
        element = scheme.find(f"a:{slot}", NS) if scheme is not None else None
        colours[slot] = first_colour(element, {}) or ("#FFFFFF" if slot.startswith("lt")
                                                      else "#000000")
    font_scheme = root.find("a:themeElements/a:fontScheme", NS)
    major = _fonts(font_scheme.find("a:majorFont", NS) if font_scheme is not None else None)
    minor = _fonts(font_scheme.find("a:minorFont", NS) if font_scheme is not None else None)
    styles = root.find("a:themeElements/a:fmtScheme", NS)

    def style_list(name: str) -> tuple[Element, ...]:
        found = styles.find(f"a:{name}", NS) if styles is not None else None
        return tuple(c for c in found if isinstance(c.tag, str)) if found is not None else ()

    info = ThemeInfo(root.get("name", ""), colours, major, minor)
    return Theme(info, style_list("fillStyleLst"), style_list("bgFillStyleLst"))
