"""Rendering one brief: load and compose it once, then render each format in memory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deckmaker import formats as output_formats
from deckmaker.brief import load_brief
from deckmaker.compose import compose
from deckmaker.model import Document
from deckmaker.pack import Pack

# What each format is, its writer included, comes from deckmaker.formats. Writers are
# imported only when a format is built, keeping reportlab and python-pptx off the
# start-up path of the CLI.
Warn = Callable[[str], None]


@dataclass(frozen=True)
class Attachment:
    """A rendered file: its name, media type and bytes."""

    filename: str
    media_type: str
    data: bytes


def load_document(brief_path: Path, pack: Pack) -> Document:
    """Read, validate and compose one brief."""
    return compose(load_brief(brief_path), pack, stem=brief_path.stem)


def attachment(stem: str, fmt: str, data: bytes) -> Attachment:
    """The file ``data`` of the format ``fmt``, named ``<stem><suffix>``."""
    spec = output_formats.named(fmt)
    return Attachment(f"{stem}{spec.suffix}", spec.media_type, data)


def render_attachments(doc: Document, rendered: dict[str, bytes], warn: Warn
                       ) -> list[Attachment]:
    """The files the email attaches (the memo and the deck) of ``doc``, reusing any
    already ``rendered``."""
    return [attachment(doc.stem, fmt.name, rendered.get(fmt.name) or fmt.renderer()(doc, warn))
            for fmt in output_formats.FORMATS if fmt.attached]


def render_formats(doc: Document, formats: tuple[str, ...], warn: Warn,
                   attach: Callable[[str, bytes], bytes] | None = None) -> dict[str, bytes]:
    """Render ``formats`` of ``doc``; the email carries the memo and deck as attachments,
    rendered for it when they are not among ``formats``. Warnings (an email's size,
    characters the memo has no font for) go to ``warn``. ``attach(format, rendered)``
    gives the bytes the email attaches for each file it carries, built now or not (the
    batch passes the file on disk when an edited one is kept)."""
    specs = [output_formats.named(name) for name in formats]
    rendered = {fmt.name: fmt.renderer()(doc, warn) for fmt in specs if not fmt.bundles}
    for fmt in specs:
        if fmt.bundles:  # what it attaches goes through ``attach`` even when not built now
            files = {}
            for spec in output_formats.FORMATS:
                if spec.attached:
                    data = rendered.get(spec.name) or spec.renderer()(doc, warn)
                    files[spec.name] = attach(spec.name, data) if attach else data
            rendered[fmt.name] = fmt.renderer()(doc, render_attachments(doc, files, warn),
                                                warn)
    return rendered
