"""A deterministic save of a python-pptx ``Presentation`` (scanny/python-pptx#702: zip
entries get the time of the save, so two saves of one deck differ).

python-pptx saves the package in a stable order (content types, package
relationships, then each part depth first along the relationships), each entry
deflated; only the entries' dates (and permissions, from the umask-free default of
``writestr``) vary. ``save`` sets them in the saved archive's headers, as the zip
format lays them out (PKWARE's APPNOTE 4.3.7 and 4.3.12), instead of decompressing and
compressing the archive again, which took a fifth of a deck's time."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from collections.abc import Iterable

ZIP_YEARS = (1980, 2107)  # what a zip entry's DOS date can hold
MODE = 0o644 << 16  # rw-r--r--, as zipfile gives a file written with writestr
LEVEL = 6


def zip_time(stamp: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``stamp`` as a zip entry's date and time (seconds dropped: DOS keeps even seconds
    only), its year clamped to what a zip can hold."""
    year = min(max(stamp.year, ZIP_YEARS[0]), ZIP_YEARS[1])
    return (year, stamp.month, stamp.day, stamp.hour, stamp.minute, 0)


def deflated_zip(entries: Iterable[tuple[str, bytes]],
                 date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of the (name, bytes) ``entries`` in order, each deflated, dated
    ``date_time`` and readable by all."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = MODE
            target.writestr(info, data, compresslevel=LEVEL)
    return out.getvalue()


_LOCAL, _CENTRAL, _END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"


def redated(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The zip archive ``data`` (no zip64, no archive comment: what ``zipfile`` writes for
    a deck) with every entry dated ``date_time`` and readable by all; nothing else
    changes."""
    year, month, day, hour, minute, second = date_time
    stamp = (hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day)
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    for entry in entries:  # each local header: its time and date at bytes 10-13
        if out[entry.header_offset:entry.header_offset + 4] != _LOCAL:
            raise ValueError("not a plain zip archive")
        struct.pack_into("<2H", out, entry.header_offset + 10, *stamp)
    end = data.rindex(_END)
    count, _size, at = struct.unpack_from("<H2L", data, end + 10)
    for _ in range(count):  # the central directory: time and date at 12-15, mode at 38
        if out[at:at + 4] != _CENTRAL:
            raise ValueError("not a plain zip archive")
        struct.pack_into("<2H", out, at + 12, *stamp)
        struct.pack_into("<L", out, at + 38, MODE)
        at += 46 + sum(struct.unpack_from("<3H", out, at + 28))
    return bytes(out)


def save(prs, stamp: dt.datetime) -> bytes:
    """``prs`` (a python-pptx ``Presentation``) as .pptx bytes with every zip entry
    dated ``stamp``."""
    saved = io.BytesIO()
    prs.save(saved)
    return redated(saved.getvalue(), zip_time(stamp))
