"""Rendering one brief: load and compose it once, then render each format in memory."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deckmaker import console
from deckmaker.brief import load_brief
from deckmaker.compose import compose
from deckmaker.model import Document
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
    """The render function of ``fmt`` (``(Document, warn) -> bytes``), imported on first
    use."""
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


def render_attachments(doc: Document, rendered: dict[str, bytes] | None = None,
                       warn: Callable[[str], None] = console.warning) -> list[Attachment]:
    """The memo and the deck of ``doc`` as attachments, reusing any already ``rendered``."""
    rendered = rendered or {}
    return [Attachment(f"{doc.stem}.{fmt}", MEDIA_TYPES[fmt],
                       rendered.get(fmt) or renderer(fmt)(doc, warn))
            for fmt in ("pdf", "pptx")]


def render_formats(doc: Document, formats: tuple[str, ...],
                   warn: Callable[[str], None] = console.warning) -> dict[str, bytes]:
    """Render ``formats`` of ``doc``; the email carries the memo and deck as attachments,
    rendered for it when they are not among ``formats``. Warnings (an email's size,
    characters the memo has no font for) go to ``warn``."""
    rendered = {fmt: renderer(fmt)(doc, warn) for fmt in formats if fmt in RENDERERS}
    if "eml" in formats:
        from deckmaker.writers.email import render_draft

        rendered["eml"] = render_draft(doc, render_attachments(doc, rendered, warn), warn)
    return rendered
