"""Building a brief's outputs: load, compose once, render each format, write atomically."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from deckmaker.brief import load_brief
from deckmaker.compose import compose
from deckmaker.model import Document
from deckmaker.outputs import write_bytes_atomically
from deckmaker.pack import Pack

FORMATS = ("pdf", "pptx", "eml")
# Writers are imported only when a format is built, keeping reportlab and
# python-pptx off the start-up path of the CLI.
RENDERERS = {
    "pdf": ("deckmaker.writers.pdf", "render_pdf"),
    "pptx": ("deckmaker.writers.pptx", "render_pptx"),
}
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "eml": "message/rfc822",
}


@dataclass(frozen=True)
class Attachment:
    """A rendered file: its name, media type and bytes."""

    filename: str
    media_type: str
    data: bytes


def renderer(fmt: str):
    """The render function of ``fmt`` (``Document -> bytes``), imported on first use."""
    module, name = RENDERERS[fmt]
    return getattr(importlib.import_module(module), name)


def parse_formats(text: str) -> tuple[str, ...]:
    """``"pdf,pptx"`` -> ``("pdf", "pptx")`` in canonical order; raises ValueError on unknowns."""
    wanted = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = wanted - set(FORMATS)
    if unknown or not wanted:
        raise ValueError(f"unknown format '{', '.join(sorted(unknown)) or text}'; "
                         f"use one or more of: {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in wanted)


def load_document(brief_path: Path, pack: Pack) -> Document:
    """Read, validate and compose one brief."""
    return compose(load_brief(brief_path), pack, stem=brief_path.stem)


def render_attachments(doc: Document) -> list[Attachment]:
    """The memo and the deck of ``doc``, rendered in memory."""
    return [Attachment(f"{doc.stem}.{fmt}", MEDIA_TYPES[fmt], renderer(fmt)(doc))
            for fmt in ("pdf", "pptx")]


def render_formats(doc: Document, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Render ``formats`` of ``doc``; the email carries the memo and deck as attachments."""
    rendered: dict[str, bytes] = {}
    for fmt in formats:
        if fmt in RENDERERS:
            rendered[fmt] = renderer(fmt)(doc)
    if "eml" in formats:
        from deckmaker.writers.email import render_draft

        attachments = [Attachment(f"{doc.stem}.{fmt}", MEDIA_TYPES[fmt],
                                  rendered.get(fmt) or renderer(fmt)(doc))
                       for fmt in ("pdf", "pptx")]
        rendered["eml"] = render_draft(doc, attachments)
    return rendered


def build_brief(brief_path: Path, out_dir: Path, formats: tuple[str, ...], pack: Pack) -> list[Path]:
    """Build ``formats`` of one brief into ``out_dir``; nothing is written unless all render."""
    doc = load_document(brief_path, pack)
    rendered = render_formats(doc, formats)
    written = []
    for fmt, data in rendered.items():
        target = out_dir / f"{doc.stem}.{fmt}"
        write_bytes_atomically(target, data)
        written.append(target)
    return written
