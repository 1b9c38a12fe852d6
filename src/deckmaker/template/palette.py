"""A pack palette taken from a template's theme, the inverse of the deck's theme
rewrite (``writers.pptx.theme.colour_scheme``) so that building with it leaves the
template's colours where the theme had them:

    text <- dk1, background <- lt1, primary <- dk2, shade <- lt2, accent <- accent1,
    chart <- accent1..accent6, muted and rule mixed from text and background,
    confidence: one neutral colour (the text colour), as the default pack.

The palette also colours the memo and the email, on the page's (light) background, so
each colour is made readable there with ``deckmaker.colours``: text, muted and accent
at 4.5:1, primary (headings of 18 pt and more) at 3:1, chart hues at 3:1; what was
changed is said. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from deckmaker.colours import AA_TEXT, WHITE, contrast_ratio, lightened, luminance, mixed, \
    readable_on

AA_LARGE = 3.0  # WCAG 2 AA minimum for text of 18 pt and more (and for graphics)
LIGHT_PAGE = 0.5  # a background of this luminance or more is light (dark text on it)


def readable(colour: str, background: str, minimum: float = AA_TEXT) -> str:
    """``colour`` or its nearest shade reaching ``minimum`` on ``background``: darker
    on a light background, lighter on a dark one."""
    if luminance(background) >= LIGHT_PAGE:
        return readable_on(colour, background, minimum)
    return lightened(colour, background, minimum)


@dataclass(frozen=True)
class DerivedPalette:
    """The palette (pack.yaml's ``palette`` mapping) and a sentence per changed colour."""

    colours: dict
    changes: tuple[str, ...]


def palette_from_theme(colours: dict[str, str], slides: tuple[str, ...] = ()
                       ) -> DerivedPalette:
    """The palette for a theme's twelve ``colours`` (ThemeInfo.colours); text, primary
    and accent also readable on the light ones of ``slides`` (the mapped layouts'
    background colours; on dark ones the deck writes in the light colour)."""
    changes: list[str] = []
    background = colours["lt1"]
    if luminance(background) < LIGHT_PAGE:
        changes.append(f"background: the theme's lt1 {background} is dark; the memo and email "
                       f"print on white, so background is {WHITE}")
        background = WHITE

    light_slides = sorted({c.upper() for c in slides
                           if luminance(c) >= LIGHT_PAGE and c.upper() != background.upper()})

    def adjusted(role: str, slot: str, minimum: float) -> str:
        wanted = colours[slot].upper()
        shade = wanted
        for ground in (background, *light_slides):
            passing = readable(shade, ground, minimum)
            if passing != shade:
                was = f"the theme's {slot} {wanted}" if shade == wanted else \
                    f"{shade} (the theme's {slot} {wanted}, darkened)"
                changes.append(f"{role}: {was} reaches "
                               f"{contrast_ratio(shade, ground):.1f}:1 on {ground}; {passing} "
                               f"({contrast_ratio(passing, ground):.1f}:1) instead")
                shade = passing
        return shade

    text = adjusted("text", "dk1", AA_TEXT)
    primary = adjusted("primary", "dk2", AA_LARGE)
    # The accent colours links and labels (small text): the brand colour, darkened if need be.
    accent = adjusted("accent", "accent1", AA_TEXT)
    muted = readable(mixed(text, background, 0.7), background)
    shade = colours["lt2"].upper()
    if contrast_ratio(text, shade) < AA_TEXT:
        shade = mixed(accent, background, 0.12)
        changes.append(f"shade: the theme's lt2 {colours['lt2']} leaves text under 4.5:1; "
                       f"{shade} (a tint of the accent) instead")
    chart = []
    for slot in ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6"):
        hue = readable(colours[slot], background, AA_LARGE)
        if hue not in chart:
            chart.append(hue)
    palette = {"primary": primary, "accent": accent, "text": text, "muted": muted,
               "shade": shade, "rule": mixed(text, background, 0.25),
               "background": background.upper(),
               "confidence": {"high": text, "moderate": text, "low": text},
               "chart": chart}
    return DerivedPalette(palette, tuple(changes))
