"""Assembling the MIME message: multipart/mixed holding multipart/alternative (text, HTML)
and the attachments, serialised byte-for-byte reproducibly with CRLF line ends.

Images the HTML shows (the pack's logo) sit beside it in multipart/related, named by
their Content-ID: mixed > alternative > (text/plain, related > (text/html, image/png)).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.generator import BytesGenerator
from email.message import EmailMessage
from io import BytesIO

from deckmaker import mailtext
from deckmaker.errors import RenderError
from deckmaker.mailtext import looks_encoded

# SMTP policy: CRLF everywhere, headers folded and RFC 2047/2231-encoded as needed.
POLICY = policy.SMTP


@dataclass(frozen=True)
class Envelope:
    """Who a message is from and to; each entry already validated (``Name <addr>`` or ``addr``)."""

    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    sender: str | None = None

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.to + self.cc + self.bcc


def build_message(*, subject: str, text: str, html: str,
                  attachments: Sequence[tuple[str, str, bytes]], envelope: Envelope,
                  draft: bool,
                  inline_images: Sequence[tuple[str, str, str, bytes]] = ()) -> EmailMessage:
    """The message; ``attachments`` are (filename, media type, bytes), ``inline_images``
    (Content-ID with its angle brackets, filename, media type, bytes) the images the HTML
    names as ``cid:``.

    A draft carries ``X-Unsent: 1`` (Outlook opens it with a Send button) and no
    Date or Message-ID; those are added only when the message is actually sent.
    """
    if looks_encoded(subject):  # the pack's subject fragment made one (the brief cannot)
        raise RenderError(f"the email's subject '{subject[:60]}' holds {mailtext.HINT}: "
                          "change the pack's email.subject fragment")
    message = EmailMessage(policy=POLICY)
    if draft:
        message["X-Unsent"] = "1"
    if envelope.sender:
        message["From"] = envelope.sender
    for header, addresses in (("To", envelope.to), ("Cc", envelope.cc), ("Bcc", envelope.bcc)):
        if addresses:
            message[header] = ", ".join(addresses)
    message["Subject"] = subject
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    html_part = message.get_body(("html",))
    for content_id, filename, media_type, data in inline_images:
        maintype, subtype = media_type.split("/", 1)
        html_part.add_related(data, maintype=maintype, subtype=subtype, cid=content_id,
                              disposition="inline", filename=filename)
    for filename, media_type, data in attachments:
        maintype, subtype = media_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    _fix_boundaries(message, _fingerprint(subject, text, html,
                                          [*attachments, *((f, m, d) for _, f, m, d
                                                           in inline_images)]))
    return message


def message_bytes(message: EmailMessage) -> bytes:
    """The message as an .eml file: CRLF line ends, the same bytes for the same message."""
    buffer = BytesIO()
    BytesGenerator(buffer, mangle_from_=False, policy=POLICY).flatten(message)
    return buffer.getvalue()


def _fingerprint(subject: str, text: str, html: str,
                 attachments: Sequence[tuple[str, str, bytes]]) -> str:
    digest = hashlib.sha256()
    for piece in (subject, text, html):
        digest.update(piece.encode("utf-8") + b"\0")
    for filename, media_type, data in attachments:
        digest.update(f"{filename}\0{media_type}\0".encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def _fix_boundaries(message: EmailMessage, fingerprint: str) -> None:
    """Name every multipart boundary after the content, instead of the library's random one."""
    for index, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_deckmaker_{fingerprint}_{index}")
