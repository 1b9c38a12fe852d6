"""The pack's logo as the email carries it: an inline image part, named by a Content-ID
the HTML refers to (``cid:``), shown at a size worked out from the image's own pixels.

The logo travels in the message (multipart/related), never as a remote URL: mail
clients block remote images by default, and a remote image tells its server who opened
the email.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from deckmaker.errors import InvalidInput, display_path
from deckmaker.packsafety.images import ImageRefused, check_image

# The logo's box in the email, in CSS px: a letterhead mark, never wider than a third
# of the 640 px email, never enlarged past its own pixels.
LOGO_MAX_HEIGHT = 48
LOGO_MAX_WIDTH = 200


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
    """The pack's logo in ``path``, which the pack's loading checked (a PNG or JPEG within
    its size caps); InvalidInput if it has changed into something else since."""
    data = path.read_bytes()
    try:
        kind, width, height = check_image(data)
    except ImageRefused as exc:
        raise InvalidInput(f"{display_path(path)}: the pack's logo {exc}; save it as PNG "
                           "(options.logo in pack.yaml names it)") from None
    shown_width, shown_height = _shown_size(width, height)
    digest = hashlib.sha256(data).hexdigest()[:16]
    extension = "png" if kind == "PNG" else "jpg"
    return EmailLogo(data, f"image/{kind.lower()}", f"logo.{extension}",
                     f"<logo.{digest}@deckmaker.invalid>", shown_width, shown_height)


def _shown_size(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, LOGO_MAX_HEIGHT / height, LOGO_MAX_WIDTH / width)
    return max(1, round(width * scale)), max(1, round(height * scale))
