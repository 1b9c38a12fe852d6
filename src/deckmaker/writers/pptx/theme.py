"""The master's theme part in the pack's palette and deck font.

The master's layouts and text styles name palette roles only through scheme colours
(``a:schemeClr``: ``tx2`` for the primary colour, ``accent1`` for the accent...), so
rewriting the theme's colour and font schemes puts any pack's look on the one generated
master, at build time (``scripts/make_master.py``) and again at render time."""

from __future__ import annotations

from lxml import etree

from deckmaker.model import Theme

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


def themed(blob: bytes, theme: Theme) -> bytes:
    """The theme part ``blob`` with ``theme``'s colours and deck font in its schemes."""
    root = etree.fromstring(blob)
    root.set("name", SCHEME_NAME)
    scheme = root.find(f".//{{{A}}}clrScheme")
    scheme.set("name", SCHEME_NAME)
    for name, colour in colour_scheme(theme.palette).items():
        slot = scheme.find(f"{{{A}}}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=colour.lstrip("#").upper())
    fonts = root.find(f".//{{{A}}}fontScheme")
    fonts.set("name", SCHEME_NAME)
    for group in ("majorFont", "minorFont"):
        for script in ("latin", "ea", "cs"):
            fonts.find(f"{{{A}}}{group}/{{{A}}}{script}").set("typeface",
                                                               theme.deck_font.family)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
