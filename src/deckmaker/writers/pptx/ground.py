"""The pack's palette as it reads on one slide's ground (the colour under its text:
``layoutgeometry.ground``), so that no text is light on light or dark on dark.

On a light ground the text colours (text, primary, accent, muted) are darkened, where
they must be, until they reach 4.5:1; on a dark one the deck writes in its light
colours (``Painter.colour`` with ``dark``): the background colour and, for muted
text, the rule colour, both lightened until they reach 4.5:1, and the chart's text and
hues likewise (charts read ``text``, ``muted`` and ``rule``). Colours that already
pass are kept, so deckmaker's own master looks as it always has. Pure."""

from __future__ import annotations

from deckmaker.colours import AA_TEXT, contrast_ratio, lightened, luminance, readable_on

# A ground of this relative luminance or more is light: dark text on it. It is where
# black and white text have the same contrast (sqrt(1.05 * 0.05) - 0.05), so text in
# the better of the two directions can always reach 4.5:1 (a mid blue takes black).
LIGHT = 0.179
GRAPHICS = 3.0  # WCAG 2 non-text contrast (chart hues)
TEXT_ROLES = ("text", "primary", "accent", "muted")


def is_dark(ground: str) -> bool:
    return luminance(ground) < LIGHT


def readable(colour: str, ground: str, minimum: float = AA_TEXT) -> str:
    """``colour``, or its nearest shade reaching ``minimum`` on ``ground`` (darker on a
    light ground, lighter on a dark one)."""
    shade = lightened(colour, ground, minimum) if is_dark(ground) else \
        readable_on(colour, ground, minimum)
    return _kept(colour, shade)


def _kept(colour: str, shade: str) -> str:
    """``colour`` itself when the shade found is the same colour (letter case aside)."""
    return colour if colour.upper() == shade.upper() else shade


def on_ground(palette: dict, ground: str) -> dict:
    """``palette`` with every colour text is drawn in readable on ``ground``."""
    out = dict(palette)
    if not is_dark(ground):
        for role in TEXT_ROLES:
            out[role] = _kept(palette[role], readable_on(palette[role], ground))
        return out
    light = _kept(palette["background"], lightened(palette["background"], ground))
    rule = _kept(palette["rule"], lightened(palette["rule"], ground))
    if contrast_ratio(rule, ground) < AA_TEXT:
        rule = light
    out.update(background=light, rule=rule, text=light, muted=rule,
               chart=[_kept(c, lightened(c, ground, GRAPHICS)) for c in palette["chart"]])
    return out
