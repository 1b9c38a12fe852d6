"""The email's colours and font stacks, all derived from the pack so every pack keeps its look.

Mail clients cannot load the memo's font files, so each stack names the pack's
family first (used where it is installed) and then common fonts of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from deckmaker.colours import mixed, readable_on
from deckmaker.model import Theme

# Shares of the palette colour kept when mixing it into the background.
BACKDROP_SHARE = 0.06  # the page around the email: a faint cast of primary
HEADER_LABEL_SHARE = 0.35  # the kind label on the primary title bar: a light primary
HEADER_SUBTITLE_SHARE = 0.15  # the subtitle on the title bar: lighter still
SANS_FALLBACK = "Arial, Helvetica, sans-serif"
SERIF_FALLBACK = "Georgia, 'Times New Roman', serif"


def email_palette(palette: Mapping[str, Any]) -> dict[str, Any]:
    """The pack's palette plus the tints the email needs, each #RRGGBB.

    ``link`` is the accent as text (links, judgment labels): the accent itself where it
    reads at 4.5:1 on the shaded BLUF box (and so on the lighter background), else the
    nearest darker shade of it that does.
    """
    primary, background = palette["primary"], palette["background"]
    return {**palette,
            "link": readable_on(palette["accent"], palette["shade"]),
            "backdrop": mixed(primary, background, BACKDROP_SHARE),
            "on_primary": background,
            "on_primary_label": mixed(primary, background, HEADER_LABEL_SHARE),
            "on_primary_subtitle": mixed(primary, background, HEADER_SUBTITLE_SHARE)}


def font_stacks(theme: Theme) -> dict[str, str]:
    """CSS font-family lists as the memo sets type: serif body text, sans-serif headings."""
    return {"body": _stack(theme.body_font.family, SERIF_FALLBACK),
            "heading": _stack(theme.heading_font.family, SANS_FALLBACK)}


def _stack(family: str, fallback: str) -> str:
    # Only letters, digits, spaces and hyphens: a family name cannot break out of the CSS.
    name = re.sub(r"[^\w -]", "", family).strip()
    return f"'{name}', {fallback}" if name else fallback
