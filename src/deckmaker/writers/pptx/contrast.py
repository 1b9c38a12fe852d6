"""Colour contrast (WCAG 2): the ratio between two colours, and a colour lightened until
it reads on a dark background (links on dark slides)."""

from __future__ import annotations

AA = 4.5  # WCAG AA for normal-size text


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """The relative luminance of ``#RRGGBB``."""
    h = colour.lstrip("#")
    r, g, b = (_channel(int(h[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    """The contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lightened(colour: str, background: str, minimum: float = AA) -> str:
    """``colour`` mixed with white in 5% steps until it has ``minimum`` contrast against
    (dark) ``background``; white if nothing lighter does."""
    h = colour.lstrip("#")
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    for step in range(21):
        mixed = "#" + "".join(f"{round(c + (255 - c) * step / 20):02X}" for c in rgb)
        if ratio(mixed, background) >= minimum:
            return mixed
    return "#FFFFFF"
