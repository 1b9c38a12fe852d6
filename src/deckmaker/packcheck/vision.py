"""Confidence colours a deuteranope cannot tell apart. Each colour is simulated with
Machado, Oliveira and Fernandes (2009)'s deuteranopia matrix (severity 1.0, on linear
sRGB), and two levels whose colours differ but whose simulations are less than
``MIN_DELTA_E`` apart (CIE76 ΔE in CIELAB, D65) are reported: the mark must read without
colour anyway (dots and word), but colour that seems to carry meaning and does not for
one reader in twelve misleads. Levels sharing one colour on purpose (the default pack's
one neutral colour) are fine."""

from __future__ import annotations

from itertools import combinations

from deckmaker.check.finding import Finding
from deckmaker.colours import channels
from deckmaker.packcheck.settings import finding, settings

CODE_VISION = "PK105"
MIN_DELTA_E = 10.0  # CIE76; about 2.3 is just noticeable side by side, 10 at a glance
MACHADO_DEUTERANOPIA = ((0.367322, 0.860646, -0.227968),
                        (0.280085, 0.672501, 0.047413),
                        (-0.011820, 0.042940, 0.968881))
_D65 = (0.95047, 1.0, 1.08883)


def _linear(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = (f(v / n) for v, n in zip(xyz, _D65, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def deuteranope_lab(colour: str) -> tuple[float, float, float]:
    """How ``colour`` looks to a deuteranope, in CIELAB."""
    linear = [_linear(c / 255) for c in channels(colour)]
    simulated = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear, strict=True))))
                 for row in MACHADO_DEUTERANOPIA]
    return _lab(tuple(simulated))  # type: ignore[arg-type]


def delta_e(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    return sum((a - b) ** 2 for a, b in zip(first, second, strict=True)) ** 0.5


def confidence_findings(pack) -> list[Finding]:
    colours = pack.config.palette.confidence
    found = []
    for (one, first), (two, second) in combinations(sorted(colours.items()), 2):
        if first == second:
            continue
        distance = delta_e(deuteranope_lab(first), deuteranope_lab(second))
        if distance < MIN_DELTA_E:
            found.append(finding(settings(pack), ("palette", "confidence"), CODE_VISION,
                                 f"palette.confidence: {one} {first} and {two} {second} differ, "
                                 f"but look alike with deuteranopia (ΔE {distance:.1f}, under "
                                 f"{MIN_DELTA_E:g}); make them one colour, or differ in "
                                 "lightness"))
    return found
