"""Colour arithmetic on "#RRGGBB" strings: WCAG contrast, mixing, and the nearest shade
of a pack colour that stays readable. Pure; every writer derives its tints from here
instead of hard-coding them."""

from __future__ import annotations

WHITE = "#FFFFFF"
AA_TEXT = 4.5  # WCAG 2 AA minimum for text under 18 pt (14 pt bold)
_DARKEN_STEP = 0.04  # darken by 4% of the remaining brightness at a time
_LIGHTEN_STEPS = 20  # lighten toward white in 5% steps


def channels(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of ``#RRGGBB`` (0-255)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(c):02X}" for c in rgb)


def luminance(colour: str) -> float:
    """The WCAG relative luminance of ``colour`` (0 black to 1 white)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mixed(colour: str, toward: str, share: float) -> str:
    """``colour`` keeping ``share`` of itself, the rest ``toward``."""
    return _hex(a * share + b * (1 - share)
                for a, b in zip(channels(colour), channels(toward), strict=True))


def readable_on(colour: str, background: str, minimum: float = AA_TEXT) -> str:
    """``colour`` itself if it reaches ``minimum`` contrast with (light) ``background``,
    else the lightest darker shade of it (same hue) that does; black at worst."""
    shade, factor = colour.upper(), 1.0
    while contrast_ratio(shade, background) < minimum and factor > 0:
        factor = max(0.0, factor - _DARKEN_STEP)
        shade = _hex(c * factor for c in channels(colour))
    return shade


def lightened(colour: str, background: str, minimum: float = AA_TEXT) -> str:
    """``colour`` mixed with white until it has ``minimum`` contrast against (dark)
    ``background``; white if nothing lighter does."""
    for step in range(_LIGHTEN_STEPS + 1):
        shade = mixed(WHITE, colour, step / _LIGHTEN_STEPS)
        if contrast_ratio(shade, background) >= minimum:
            return shade
    return WHITE
