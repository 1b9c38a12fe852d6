"""The pack's logo as the email carries it: an inline image part, named by a Content-ID
the HTML refers to (``cid:``), shown at a size worked out from the image's own pixels.

The logo travels in the message (multipart/related), never as a remote URL: mail
clients block remote images by default, and a remote image tells its server who opened
the email.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

from deckmaker.errors import InvalidInput, display_path

# The logo's box in the email, in CSS px: a letterhead mark, never wider than a third
# of the 640 px email, never enlarged past its own pixels.
LOGO_MAX_HEIGHT = 48
LOGO_MAX_WIDTH = 200
# A logo is a few kilobytes; one of megabytes is a photograph by mistake and would
# weigh down every email of the pack.
LOGO_MAX_BYTES = 1024 * 1024

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8"
# JPEG start-of-frame markers, which carry the image size (not DHT C4, JPG C8, DAC CC).
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


@dataclass(frozen=True)
class EmailLogo:
    """The logo's bytes and how the HTML shows it."""

    data: bytes
    media_type: str  # image/png | image/jpeg
    filename: str  # the part's name: "logo.png" (the pack's own file name stays private)
    content_id: str  # "<logo.1a2b3c4d5e6f7a8b@deckmaker.invalid>", the part's header
    width: int  # shown size, CSS px
    height: int

    @property
    def src(self) -> str:
        """The img src naming the part: ``cid:`` and the Content-ID without brackets."""
        return "cid:" + self.content_id.strip("<>")


def email_logo(path: Path) -> EmailLogo:
    """The logo in ``path`` (a PNG or JPEG of the pack); InvalidInput when it is neither."""
    where = display_path(path)
    if path.stat().st_size > LOGO_MAX_BYTES:
        raise InvalidInput(f"{where}: the pack's logo is {path.stat().st_size // 1024} KB, over "
                           f"{LOGO_MAX_BYTES // 1024} KB; save it smaller (a logo needs a few "
                           "hundred pixels at most)")
    data = path.read_bytes()
    kind, pixels = _image_size(data)
    if kind is None or pixels is None:
        raise InvalidInput(f"{where}: the pack's logo is not a readable PNG or JPEG image; "
                           "save it as PNG (options.logo in pack.yaml names it)")
    width, height = _shown_size(*pixels)
    digest = hashlib.sha256(data).hexdigest()[:16]
    extension = "png" if kind == "png" else "jpg"
    return EmailLogo(data, f"image/{kind}", f"logo.{extension}",
                     f"<logo.{digest}@deckmaker.invalid>", width, height)


def _shown_size(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, LOGO_MAX_HEIGHT / height, LOGO_MAX_WIDTH / width)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _image_size(data: bytes) -> tuple[str | None, tuple[int, int] | None]:
    """("png" | "jpeg" | None, (width, height) in pixels or None when unreadable)."""
    if data.startswith(PNG_SIGNATURE):
        # The first chunk is IHDR: length, b"IHDR", width, height (big-endian).
        if len(data) < 24 or data[12:16] != b"IHDR":
            return "png", None
        width, height = struct.unpack(">II", data[16:24])
        return "png", (width, height) if width and height else None
    if data.startswith(JPEG_SIGNATURE):
        return "jpeg", _jpeg_size(data)
    return None, None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in the first start-of-frame segment, walking the marker segments."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        if marker in _JPEG_FRAMES:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return (width, height) if width and height else None
        at += 2 + length
    return None
