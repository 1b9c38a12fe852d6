"""Fonts the template's theme names that this machine does not have (``fc-list``): the
deck names them, so PowerPoint shows them where they are installed and LibreOffice
substitutes; the memo never uses them (it embeds the pack's own font files). A warning,
saying what the memo and the deck's measuring use instead."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

from deckmaker.check.finding import Finding
from deckmaker.packcheck.settings import finding, master_template, settings
from deckmaker.template.opening import TemplateError

CODE_FONT = "PK106"
FC_LIST_SECONDS = 10


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """The font families fontconfig knows (lower case), or None without fontconfig."""
    if shutil.which("fc-list") is None:
        return None
    try:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                                timeout=FC_LIST_SECONDS, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return frozenset(name.strip().lower() for line in listed.splitlines()
                     for name in line.split(",") if name.strip())


def substitute(family: str) -> str:
    """The family fontconfig shows instead of ``family`` (what LibreOffice uses)."""
    try:
        return subprocess.run(["fc-match", "-f", "%{family[0]}", family], capture_output=True,
                              text=True, timeout=FC_LIST_SECONDS, check=False).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def font_findings(pack) -> list[Finding]:
    families = installed_families()
    try:
        info = master_template(pack)
    except TemplateError:
        return []
    if families is None:
        return []
    fonts = pack.config.fonts
    # The memo's families come with their files in the pack (the deck's family is a name).
    families = families | {fonts.body.family.lower(), fonts.heading.family.lower()}
    named = {"headings (the theme's major font)": info.theme.heading_font,
             "body text (the theme's minor font)": info.theme.body_font}
    found = []
    for role, family in named.items():
        if family and family.lower() not in families:
            found.append(finding(
                settings(pack), ("fonts", "deck"), CODE_FONT,
                f"the template's theme names '{family}' for {role}, which is not installed "
                f"here: PowerPoint shows it where it is, LibreOffice substitutes "
                f"{substitute(family) or 'a similar font'}; the memo prints in "
                f"{fonts.body.family} and {fonts.heading.family}, "
                f"and the deck is measured with {fonts.deck.regular}", "warning"))
    return found
