"""Contrast of the pack's colours on what they are drawn on (WCAG 2 AA: 4.5:1 for text,
3:1 for text of 18 pt and more: the deck's titles and the memo's headings, in the
primary colour): on the page (palette.background: the memo, the email) and on the
background of each layout ``slide.layouts`` maps, the layout's own or else its master's.
On a slide the deck writes text in palette.text or, on a dark background, in
palette.background, so either may pass there; the accent (numbers, labels, links) must
pass itself on a light background (on a dark one the writers lighten it, as
``deckmaker.colours.lightened`` does). A picture background cannot be judged and is
not. Each finding gives the nearest shade that passes (``deckmaker.colours``)."""

from __future__ import annotations

from deckmaker.check.finding import Finding
from deckmaker.colours import AA_TEXT, contrast_ratio, luminance
from deckmaker.packcheck.settings import finding, master_template, settings
from deckmaker.template.opening import TemplateError
from deckmaker.template.palette import AA_LARGE, LIGHT_PAGE, readable

CODE_CONTRAST = "PK104"
PAGE_ROLES = (("text", AA_TEXT), ("muted", AA_TEXT), ("accent", AA_TEXT), ("primary", AA_LARGE))


def _page(palette: dict, docs) -> list[Finding]:
    background = palette["background"]
    found = []
    for role, minimum in PAGE_ROLES:
        colour = palette[role]
        ratio = contrast_ratio(colour, background)
        if ratio < minimum:
            found.append(finding(docs, ("palette", role), CODE_CONTRAST,
                                 f"palette.{role} {colour} on the page ({background}) is "
                                 f"{ratio:.1f}:1, under {minimum:g}:1; "
                                 f"{readable(colour, background, minimum)} is the nearest "
                                 "shade that passes"))
    return found


def _slides(pack, palette: dict, docs) -> list[Finding]:
    try:
        info = master_template(pack)
    except TemplateError:
        return []  # layout_findings reports it
    found = []
    for kind, name in pack.config.slide.layouts.items():
        layout = info.layout(name)
        if layout is None or layout.background.colour is None:
            continue
        ground = layout.background.colour
        where = f"the '{name}' layout's background ({ground}, from the {layout.background.source})"
        for role, minimum in (("text", AA_TEXT), ("primary", AA_LARGE)):
            pair = (palette[role], palette["background"])
            if max(contrast_ratio(c, ground) for c in pair) < minimum:
                found.append(finding(
                    docs, ("slide", "layouts", kind), CODE_CONTRAST,
                    f"slide.layouts.{kind}: neither palette.{role} {pair[0]} "
                    f"({contrast_ratio(pair[0], ground):.1f}:1) nor palette.background "
                    f"{pair[1]} ({contrast_ratio(pair[1], ground):.1f}:1) reaches {minimum:g}:1 "
                    f"on {where}; {readable(pair[0], ground, minimum)} would"))
        accent = palette["accent"]
        if luminance(ground) >= LIGHT_PAGE and contrast_ratio(accent, ground) < AA_TEXT:
            found.append(finding(
                docs, ("slide", "layouts", kind), CODE_CONTRAST,
                f"slide.layouts.{kind}: palette.accent {accent} is "
                f"{contrast_ratio(accent, ground):.1f}:1 on {where}, under 4.5:1; "
                f"{readable(accent, ground)} is the nearest shade that passes"))
    return found


def contrast_findings(pack) -> list[Finding]:
    palette = pack.config.palette.model_dump()
    docs = settings(pack)
    return _page(palette, docs) + _slides(pack, palette, docs)
