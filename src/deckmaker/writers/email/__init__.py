"""The email briefing: a MIME message with text and HTML bodies (the HTML with the pack's
logo as a related part) and the memo and deck attached.

``render_draft`` gives the .eml that ``deckmaker build`` writes; ``compose_message``
builds a draft or a message to send, for one brief or a digest of several.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from email.message import EmailMessage
from typing import Protocol

from deckmaker.model import Document
from deckmaker.writers.email.body import render_bodies
from deckmaker.writers.email.content import plan_email
from deckmaker.writers.email.logo import email_logo
from deckmaker.writers.email.mime import Envelope, build_message, message_bytes
from deckmaker.writers.email.size import attachment_size_warning

__all__ = ["Envelope", "compose_message", "message_bytes", "attachment_sizes", "render_draft"]


class AttachmentLike(Protocol):
    """A rendered file (``deckmaker.build.Attachment``)."""

    filename: str
    media_type: str
    data: bytes


def compose_message(items: Sequence[tuple[Document, Sequence[AttachmentLike]]], *,
                    envelope: Envelope | None = None, digest: bool = False,
                    draft: bool = True) -> EmailMessage:
    """One email about the briefs in ``items`` (a digest when ``digest``), files attached."""
    docs = [doc for doc, _ in items]
    logo = email_logo(docs[0].theme.logo) if docs and docs[0].theme.logo else None
    view = plan_email(docs, [[a.filename for a in files] for _, files in items], digest=digest,
                      logo=logo)
    text, html = render_bodies(docs[0], view)
    attachments = [(a.filename, a.media_type, a.data) for _, files in items for a in files]
    inline = [(logo.content_id, logo.filename, logo.media_type, logo.data)] if logo else []
    return build_message(subject=view.subject, text=text, html=html, attachments=attachments,
                         envelope=envelope or Envelope(), draft=draft, inline_images=inline)


def attachment_sizes(items: Sequence[tuple[Document, Sequence[AttachmentLike]]]) -> list[int]:
    """The size in bytes of every attachment of ``items``."""
    return [len(a.data) for _, files in items for a in files]


def render_draft(doc: Document, attachments: Sequence[AttachmentLike],
                 warn: Callable[[str], None]) -> bytes:
    """The .eml draft of ``doc`` with ``attachments``, within the pack's size limits;
    a size warning goes to ``warn`` (a batch build collects it with the brief's result)."""
    theme = doc.theme
    warning = attachment_size_warning(f"{doc.stem}.eml", [len(a.data) for a in attachments],
                                      warn_mb=theme.warn_attachment_mb,
                                      max_mb=theme.max_attachment_mb)
    if warning:
        warn(warning)
    return message_bytes(compose_message([(doc, attachments)]))
