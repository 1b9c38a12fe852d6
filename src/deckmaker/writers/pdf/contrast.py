"""WCAG contrast of "#RRGGBB" colours, and the darker shade of a colour that is readable.

Pure: the memo derives text colours from the pack's palette instead of hard-coding them.
"""

from __future__ import annotations

PAPER = "#FFFFFF"
AA_TEXT = 4.5  # WCAG 2 AA minimum for text under 18 pt (14 pt bold)
_STEP = 0.04  # darken by 4% of the remaining brightness at a time


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    """The WCAG relative luminance of ``colour`` (0 black to 1 white)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(colour: str, background: str, minimum: float = AA_TEXT) -> str:
    """``colour`` itself if it reaches ``minimum`` contrast with ``background``, else the
    lightest darker shade of it (same hue) that does; black at worst."""
    r, g, b = _channels(colour)
    shade = colour.upper()
    factor = 1.0
    while contrast_ratio(shade, background) < minimum and factor > 0:
        factor = max(0.0, factor - _STEP)
        shade = "#" + "".join(f"{round(c * factor):02X}" for c in (r, g, b))
    return shade
