"""The logo's size: the pack loader refuses a logo that is not a PNG or JPEG, too big
or damaged (``deckmaker.packsafety.images``); this says when it is too small to print
sharp at the width the deck and the email show it."""

from __future__ import annotations

from deckmaker.check.finding import Finding
from deckmaker.packcheck.settings import finding, settings
from deckmaker.packsafety.files import LOGO_CAP
from deckmaker.packsafety.images import check_image

CODE_LOGO = "PK107"
MIN_LOGO_PIXELS = 300  # its long side: sharp at 1.5 in and 200 dpi, the deck's title slide


def logo_findings(pack) -> list[Finding]:
    logo = pack.config.options.logo
    if not logo:
        return []
    path = pack.file(logo)
    with open(path, "rb") as file:
        kind, width, height = check_image(file.read(LOGO_CAP))
    if max(width, height) >= MIN_LOGO_PIXELS:
        return []
    return [finding(settings(pack), ("options", "logo"), CODE_LOGO,
                    f"options.logo '{logo}' is {width} x {height} pixels; it prints blurred "
                    f"— give one at least {MIN_LOGO_PIXELS} pixels on its long side",
                    "warning")]
