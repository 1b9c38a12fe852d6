"""Checks of ``slide.layouts``: every kind the deck needs is mapped, and every mapped
name is a layout of one of the master's slide masters (a later master's layout whose
name an earlier one has is called "Name (2)": ``template.reader.unique_layout_names``)."""

from __future__ import annotations

from deckmaker.check.finding import Finding
from deckmaker.packcheck.settings import finding, master_template, settings
from deckmaker.template.mapping import REQUIRED
from deckmaker.template.opening import TemplateError

CODE_LAYOUT = "PK103"


def layout_findings(pack) -> list[Finding]:
    docs = settings(pack)
    layouts = pack.config.slide.layouts
    found = [finding(docs, ("slide", "layouts"), CODE_LAYOUT,
                     f"slide.layouts has no '{kind}' layout; the deck needs {', '.join(REQUIRED)}")
             for kind in REQUIRED if kind not in layouts]
    try:
        info = master_template(pack)
    except TemplateError as exc:
        return [*found, finding(docs, ("slide", "master"), CODE_LAYOUT,
                                f"slide.master cannot be read: it {exc}")]
    names = [layout.name for layout in info.layouts]
    for kind, name in layouts.items():
        if name not in names:
            found.append(finding(docs, ("slide", "layouts", kind), CODE_LAYOUT,
                                 f"slide.layouts.{kind}: the master has no layout '{name}'; "
                                 f"it has: {', '.join(names)}"))
    return found
