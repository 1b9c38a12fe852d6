"""The pack's logo: a PNG or JPEG (told by its first bytes, not its name) of at most
40 megapixels, opened with Pillow's decompression-bomb guard turned into an error."""

from __future__ import annotations

import warnings

MAX_PIXELS = 40_000_000
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


class ImageRefused(Exception):
    """The image may not be used; ``str()`` says why, without its content."""


def image_format(head: bytes) -> str | None:
    """"PNG" or "JPEG" from a file's first bytes, else None."""
    return next((kind for signature, kind in _SIGNATURES.items()
                 if head.startswith(signature)), None)


def check_image(data: bytes) -> tuple[str, int, int]:
    """(format, width, height) of the logo ``data``; raise ImageRefused."""
    import io

    from PIL import Image

    kind = image_format(data[:8])
    if kind is None:
        raise ImageRefused("is not a PNG or JPEG image (its first bytes are not an image "
                           "signature; the name's extension does not count)")
    Image.MAX_IMAGE_PIXELS = min(Image.MAX_IMAGE_PIXELS or MAX_PIXELS, MAX_PIXELS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Past MAX_IMAGE_PIXELS, Pillow warns (an error here) before reading pixels.
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                width, height = image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(f"has more than {MAX_PIXELS // 1_000_000} megapixels (a "
                           "decompression bomb?)") from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a damaged image
        raise ImageRefused(f"is not a readable {kind} image (damaged or truncated)") from None
    if width < 1 or height < 1:
        raise ImageRefused("has no pixels")
    return kind, width, height
