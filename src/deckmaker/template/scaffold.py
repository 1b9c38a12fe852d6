"""The ``pack.yaml`` of a pack made from a customer's template (``deckmaker pack new``):
text, with the line of each setting a user may want to edit. Pure."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from deckmaker.template.mapping import KINDS, LayoutMapping
from deckmaker.template.model import TemplateInfo

MASTER = "deck/master.pptx"
# The deck's measuring files: the template's own font files are not in the pack.
DECK_FONT_FILES = {"regular": "fonts/NotoSans-Regular.ttf", "bold": "fonts/NotoSans-Bold.ttf",
                   "italic": "fonts/NotoSans-Italic.ttf",
                   "bold_italic": "fonts/NotoSans-BoldItalic.ttf"}


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escaping is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class PackText:
    """pack.yaml's lines, and the line (1-based) of each dotted setting written."""

    lines: list[str] = field(default_factory=list)
    where: dict[str, int] = field(default_factory=dict)

    def add(self, line: str, setting: str | None = None) -> None:
        self.lines.append(line)
        if setting:
            self.where[setting] = len(self.lines)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def pack_yaml(name: str, source_name: str, info: TemplateInfo, mapping: LayoutMapping,
              palette: dict, *, logo: str | None, memo_logo: str | None) -> PackText:
    """The pack.yaml of pack ``name`` made from the template file ``source_name``;
    ``logo`` and ``memo_logo`` are the pack-relative names of the copied logos."""
    out = PackText()
    width, height = info.slide_size_in
    theme = info.theme
    out.add(f"# Made by `deckmaker pack new` from {source_name}. Everything not set here")
    out.add("# comes from the default pack (extends: default); see docs/template-packs.md.")
    out.add(f"name: {quoted(name)}", "name")
    out.add("extends: default", "extends")
    out.add(f"description: {quoted(f'Memo, deck and email in the look of {source_name}.')}")
    out.add("")
    out.add("slide:")
    out.add(f"  width_in: {width:.3f}", "slide.width_in")
    out.add(f"  height_in: {height:.3f}", "slide.height_in")
    out.add(f"  master: {MASTER}              # the template's master, its example slides "
            "removed", "slide.master")
    out.add("  # The layout each kind of slide uses (names as in the master; a later slide "
            "master's")
    out.add("  # layout whose name an earlier one has is \"Name (2)\", \"Name (3)\"...).")
    out.add("  layouts:", "slide.layouts")
    for kind in KINDS:
        choice = mapping.chosen.get(kind)
        if choice is None:
            out.add(f"    # {kind}: no layout found; name one of the master's layouts here",
                    f"slide.layouts.{kind}")
            continue
        out.add(f"    {kind}: {quoted(choice.name)}  # {choice.how}: {choice.reason}",
                f"slide.layouts.{kind}")
    out.add("")
    out.add("# The theme's fonts are the deck's; their files are not in the pack, so the deck's")
    out.add("# text is measured with Noto Sans and the memo keeps the default pack's Noto fonts.")
    out.add(f"# Headings (theme major font): {quoted(theme.heading_font)}; "
            f"body (minor font): {quoted(theme.body_font)}.")
    out.add("fonts:")
    files = ", ".join(f"{face}: {path}" for face, path in DECK_FONT_FILES.items())
    out.add(f"  deck: {{family: {quoted(theme.body_font or 'Noto Sans')}, {files}}}",
            "fonts.deck")
    out.add("")
    out.add("# Taken from the template's theme (text dk1, background lt1, primary dk2, "
            "accent accent1,")
    out.add("# chart accent1-6), made readable on the page where needed.")
    out.add("palette:", "palette")
    for role in ("primary", "accent", "text", "muted", "shade", "rule", "background"):
        out.add(f"  {role}: {quoted(palette[role])}", f"palette.{role}")
    confidence = palette["confidence"]
    out.add("  confidence: {" + ", ".join(f"{level}: {quoted(colour)}"
                                          for level, colour in confidence.items()) + "}",
            "palette.confidence")
    out.add("  chart: [" + ", ".join(quoted(c) for c in palette["chart"]) + "]", "palette.chart")
    out.add("")
    out.add("options:")
    out.add(f"  logo: {logo or 'null'}"
            + ("" if logo else "                # a PNG or JPEG in the pack, e.g. images/logo.png"),
            "options.logo")
    if memo_logo:
        out.add("")
        out.add("memo:")
        out.add(f"  letterhead: {memo_logo}     # page 1, above the title, at the image's own DPI",
                "memo.letterhead")
        out.add("  header_logo: false               # true: a small copy in every later page's "
                "header", "memo.header_logo")
    return out
