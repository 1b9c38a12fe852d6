"""Room for the slides: what the template's own shapes leave of the content layout's
body placeholder. deckmaker draws nothing over a picture or shape of the layout or
master, so a template whose decoration covers most of the body (LibreOffice's Focus,
with its large triangles) leaves a narrow column: the deck reads, but every slide holds
less and the backup runs long. A warning, naming the share left."""

from __future__ import annotations

from deckmaker.check.finding import Finding
from deckmaker.packcheck.settings import finding, master_template, settings
from deckmaker.template.opening import TemplateError

CODE_ROOM = "PK108"
MIN_ROOM = 0.5  # of the body placeholder's area


def room_findings(pack) -> list[Finding]:
    from deckmaker.writers.pptx.layoutgeometry import deck_layout

    layouts = pack.config.slide.layouts
    try:
        info = master_template(pack)
    except TemplateError:
        return []  # named by the layouts' check
    names = {layout.name for layout in info.layouts}
    if layouts.get("content") not in names:
        return []  # named by the layouts' check
    room = deck_layout(info, {k: v for k, v in layouts.items() if v in names}).room
    if room >= MIN_ROOM:
        return []
    return [finding(settings(pack), ("slide", "layouts", "content"), CODE_ROOM,
                    f"slide.layouts.content: the template's own shapes leave "
                    f"{room:.0%} of the layout's body placeholder free, and deckmaker "
                    "draws nothing over them: slides will hold less and the deck run "
                    "longer; map a plainer layout or move the shapes in the master",
                    "warning")]
