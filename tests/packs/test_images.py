"""The pack's logo (deckmaker.packsafety.images): PNG or JPEG told by its bytes, at most
40 megapixels and 10 MB, Pillow's bomb guard an error; anything else is a located error."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from tests.packs.helpers import RENDER_DEADLINE_S, build, child_pack, error_lines

HINT = "; use a PNG or JPEG file inside the pack"


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height (no pixel data follows)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, kind)
    return buffer.getvalue()


def _pack(tmp_path, make):
    folder = child_pack(tmp_path / "hostile", "options:\n  logo: images/logo.png\n")
    (folder / "images").mkdir()
    make(folder / "images" / "logo.png")
    return folder


def _sparse(path):
    with path.open("wb") as file:
        file.truncate(11 * 1024 * 1024)


CASES = {
    "100000 x 100000 png": (lambda p: p.write_bytes(_png_header(100_000, 100_000)),
                            "has more than 40 megapixels (a decompression bomb?)"),
    "7000 x 7000 png": (lambda p: p.write_bytes(_png_header(7000, 7000)),
                        "has more than 40 megapixels (a decompression bomb?)"),
    "folder": (lambda p: p.mkdir(), "is a folder, not a file"),
    "text file": (lambda p: p.write_text("not an image\n"),
                  "is not a PNG or JPEG image (its first bytes are not an image signature; "
                  "the name's extension does not count)"),
    "gif": (lambda p: p.write_bytes(_image("GIF")),
            "is not a PNG or JPEG image (its first bytes are not an image signature; the "
            "name's extension does not count)"),
    "truncated png": (lambda p: p.write_bytes(_image("PNG")[:30]),
                      "is not a readable PNG image (damaged or truncated)"),
    "over 10 MB": (_sparse, "is 11 MB, over the 10 MB cap for it"),
    "symlink out": (lambda p: p.symlink_to("/etc/passwd"),
                    "is outside the pack and the packs it extends"),
    "fifo": (lambda p: __import__("os").mkfifo(p),
             "is not a regular file (a FIFO, device or socket)"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_logo_is_refused_located(tmp_path, case):
    make, reason = CASES[case]
    run = build(tmp_path, _pack(tmp_path, make), formats="pptx")
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == [f"hostile/pack.yaml:4:9: options.logo 'images/logo.png' "
                                f"{reason}{HINT}"]


def test_a_jpeg_named_png_is_used_by_its_bytes(tmp_path):
    run = build(tmp_path, _pack(tmp_path, lambda p: p.write_bytes(_image("JPEG"))),
                formats="pptx", deadline=RENDER_DEADLINE_S)
    assert run.code == 0, run.stderr
