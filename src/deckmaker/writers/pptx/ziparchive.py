"""Deflated zip archives written in one pass, byte for byte as ``zipfile`` writes them
(``ZipFile.writestr`` of a ``ZipInfo`` with a fixed time, mode 0644, deflate level 6).

``zipfile`` opens a stream, writes a placeholder header, seeks back to rewrite it and
keeps a ``ZipInfo`` per entry: for the hundred-odd small parts of a deck that
bookkeeping cost as much as compressing them. Entries here are compressed whole and
their headers packed once. Archives stay under ``zipfile``'s zip64 limits (2 GiB)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

LEVEL = 6
_VERSION = 20  # "deflate" (zipfile's DEFAULT_VERSION)
_UNIX = 3  # the "made by" system zipfile records on anything but Windows
_MODE = 0o644 << 16
_UTF8_NAME = 0x800
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


def deflated_zip(entries: Iterable[tuple[str, bytes]],
                 date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of the (name, bytes) ``entries`` in order, every one deflated and dated
    ``date_time`` (year, month, day, hour, minute, second)."""
    year, month, day, hour, minute, second = date_time
    dos_date = (year - 1980) << 9 | month << 5 | day
    dos_time = hour << 11 | minute << 5 | second // 2
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in entries:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        packed = zlib.compress(data, LEVEL, -zlib.MAX_WBITS)
        crc = zlib.crc32(data)
        fields = (flags, zlib.DEFLATED, dos_time, dos_date, crc, len(packed), len(data),
                  len(encoded))
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, *fields, 0)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, *fields,
                                     0, 0, 0, 0, _MODE, offset) + encoded)
        out += (header, encoded, packed)
        offset += len(header) + len(encoded) + len(packed)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end
