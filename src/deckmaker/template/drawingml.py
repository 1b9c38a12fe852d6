"""DrawingML colours and fills read from lxml elements: a colour choice (``srgbClr``,
``schemeClr``, ``sysClr``, ``prstClr``, ``scrgbClr``, ``hslClr``) with its transforms,
and a fill (solid, gradient, pattern, picture, none) as the one colour text is read on.

Transforms follow ECMA-376 §20.1.2.3: ``lumMod``/``lumOff`` and ``satMod`` in HSL,
``shade`` and ``tint`` toward black and white in RGB (PowerPoint mixes in linear light;
the difference is a few units per channel, below what a contrast check can see);
``alpha`` is ignored (a background is opaque on the slide)."""

from __future__ import annotations

import colorsys

from typing import Any

from lxml import etree

Element = Any  # an lxml element (its class is private to lxml)
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A_NS, "p": P_NS}
PERCENT = 100000  # DrawingML percentages are thousandths of a percent

# The few preset colours templates use for backgrounds and text (ST_PresetColorVal).
_PRESET = {"black": "000000", "white": "FFFFFF", "gray": "808080", "grey": "808080",
           "silver": "C0C0C0", "navy": "000080", "blue": "0000FF", "red": "FF0000",
           "green": "008000", "yellow": "FFFF00", "darkGray": "A9A9A9", "ltGray": "D3D3D3"}
# How a master's colour map names the slots (bg1 is drawn with what clrMap says, lt1).
DEFAULT_COLOUR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2",
                      "accent1": "accent1", "accent2": "accent2", "accent3": "accent3",
                      "accent4": "accent4", "accent5": "accent5", "accent6": "accent6",
                      "hlink": "hlink", "folHlink": "folHlink"}


def local(element: Element) -> str:
    return etree.QName(element).localname


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02X}" for c in rgb)


def _rgb(value: str) -> tuple[float, float, float]:
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _base_colour(element: Element, scheme: dict[str, str],
                 placeholder: str | None) -> tuple[float, float, float] | None:
    kind = local(element)
    if kind == "srgbClr":
        return _rgb(element.get("val", "000000"))
    if kind == "sysClr":
        return _rgb(element.get("lastClr") or ("FFFFFF" if element.get("val") == "window"
                                                 else "000000"))
    if kind == "prstClr":
        return _rgb(_PRESET.get(element.get("val", ""), "000000"))
    if kind == "scrgbClr":
        return tuple(int(element.get(c, "0")) / PERCENT  # type: ignore[return-value]
                     for c in ("r", "g", "b"))
    if kind == "hslClr":
        hue = int(element.get("hue", "0")) / 21600000
        return colorsys.hls_to_rgb(hue, int(element.get("lum", "0")) / PERCENT,
                                   int(element.get("sat", "0")) / PERCENT)
    if kind == "schemeClr":
        name = element.get("val", "")
        colour = placeholder if name == "phClr" else scheme.get(name)
        return _rgb(colour.lstrip("#")) if colour else None
    return None


def _transformed(rgb: tuple[float, float, float], element: Element
                 ) -> tuple[float, float, float]:
    for step in element:
        name, value = local(step), int(step.get("val", "0")) / PERCENT
        if name in ("lumMod", "lumOff", "satMod"):
            hue, lum, sat = colorsys.rgb_to_hls(*rgb)
            if name == "lumMod":
                lum *= value
            elif name == "lumOff":
                lum += value
            else:
                sat *= value
            rgb = colorsys.hls_to_rgb(hue, min(max(lum, 0.0), 1.0), min(max(sat, 0.0), 1.0))
        elif name == "shade":
            rgb = tuple(c * value for c in rgb)  # type: ignore[assignment]
        elif name == "tint":
            rgb = tuple(c + (1 - c) * (1 - value) for c in rgb)  # type: ignore[assignment]
    return rgb


def colour(element: Element | None, scheme: dict[str, str],
           placeholder: str | None = None) -> str | None:
    """The ``#RRGGBB`` of a colour-choice element, or None for none or an unknown one;
    ``scheme`` maps slot names (and bg1/tx1... through the colour map) to colours,
    ``placeholder`` is what ``phClr`` stands for (a style's colour from its reference)."""
    if element is None:
        return None
    rgb = _base_colour(element, scheme, placeholder)
    return None if rgb is None else _hex(_transformed(rgb, element))


COLOUR_CHOICES = ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")


def first_colour(parent: Element | None, scheme: dict[str, str],
                 placeholder: str | None = None) -> str | None:
    """The colour of the first colour-choice child of ``parent``."""
    if parent is None:
        return None
    for child in parent:
        if isinstance(child.tag, str) and local(child) in COLOUR_CHOICES:
            return colour(child, scheme, placeholder)
    return None


def mean(colours: list[str]) -> str | None:
    """The channel-wise mean of ``colours`` (a gradient's stops), or None for none."""
    if not colours:
        return None
    rgbs = [_rgb(c.lstrip("#")) for c in colours]
    return _hex(tuple(sum(c[i] for c in rgbs) / len(rgbs) for i in range(3)))  # type: ignore[arg-type]


FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")


def find_fill(parent: Element | None) -> Element | None:
    """The fill element among ``parent``'s children (e.g. a ``bgPr`` or ``spPr``)."""
    if parent is None:
        return None
    return next((c for c in parent if isinstance(c.tag, str) and local(c) in FILLS), None)


def fill(element: Element, scheme: dict[str, str], placeholder: str | None = None
         ) -> tuple[str, str | None]:
    """(kind, colour) of a fill element: "solid", "gradient" (the mean of its stops),
    "pattern" (the mean of its two colours: text lies on both), "picture" (None) or
    "none" (None)."""
    kind = local(element)
    if kind == "solidFill":
        return "solid", first_colour(element, scheme, placeholder)
    if kind == "gradFill":
        stops = [first_colour(stop, scheme, placeholder)
                 for stop in element.iterfind("a:gsLst/a:gs", NS)]
        return "gradient", mean([s for s in stops if s])
    if kind == "pattFill":
        colours = [first_colour(element.find(f"a:{part}", NS), scheme, placeholder)
                   for part in ("fgClr", "bgClr")]
        return "pattern", mean([c for c in colours if c])
    if kind == "blipFill":
        return "picture", None
    return "none", None
