"""Confinement of the files a pack names: each resolves, after following symlinks,
inside one of the pack's folders (the pack and the packs it extends) or, for fallback
fonts only, inside a system font folder; each is a regular file below its size cap,
checked with ``os.stat`` before anything opens it, so a FIFO, a device or a folder is
never opened and a large file never read."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MB = 1024 * 1024
# The size caps, by kind of file (bytes).
FONT_CAP = 50 * MB
MASTER_CAP = 50 * MB
LOGO_CAP = 10 * MB
TEXT_CAP = 256 * 1024

# Where a fallback font may live besides the pack: the system's font folders.
if sys.platform == "darwin":
    SYSTEM_FONT_FOLDERS = (Path("/System/Library/Fonts"), Path("/Library/Fonts"),
                           Path("~/Library/Fonts").expanduser())
elif sys.platform == "win32":
    SYSTEM_FONT_FOLDERS = (Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
                           Path(os.environ.get("LOCALAPPDATA", r"C:\Users\Default\AppData\Local"))
                           / "Microsoft" / "Windows" / "Fonts")
else:
    SYSTEM_FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                           Path("~/.local/share/fonts").expanduser(),
                           Path("~/.fonts").expanduser())


class Refused(Exception):
    """A file the pack may not use; ``str()`` says why, without the file's content."""


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: its real path (symlinks followed) and size."""

    path: Path
    size: int


def _megabytes(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size // 1024} KB"


def within(path: Path, folders: tuple[Path, ...] | list[Path]) -> bool:
    """Whether the real ``path`` lies inside one of the real ``folders``."""
    return any(path.is_relative_to(Path(os.path.realpath(folder))) for folder in folders)


def check_file(path: Path, *, folders: tuple[Path, ...] | list[Path], cap: int,
               where: str = "the pack") -> CheckedFile:
    """``path`` after following its symlinks, when it is inside ``folders``, a regular
    file and at most ``cap`` bytes; else raise Refused. Raises FileNotFoundError when
    nothing is there. Only ``os.stat`` touches the file."""
    real = Path(os.path.realpath(path))
    if not within(real, folders):
        raise Refused(f"is outside {where}")
    info = os.stat(real)  # FileNotFoundError when absent
    if stat.S_ISDIR(info.st_mode):
        raise Refused("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("is not a regular file (a FIFO, device or socket)")
    if info.st_size > cap:
        raise Refused(f"is {_megabytes(info.st_size)}, over the {_megabytes(cap)} cap for it")
    return CheckedFile(real, info.st_size)


@contextmanager
def open_checked(checked: CheckedFile, cap: int) -> Iterator[BinaryIO]:
    """A checked file opened for reading without blocking and checked again on the open
    descriptor, so a file swapped for a FIFO or grown since ``check_file`` is refused."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    descriptor = os.open(checked.path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("is not a regular file (a FIFO, device or socket)")
        if info.st_size > cap:
            raise Refused(f"is {_megabytes(info.st_size)}, over the {_megabytes(cap)} cap")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            yield file
    finally:
        os.close(descriptor)


def read_checked(checked: CheckedFile, cap: int) -> bytes:
    """The bytes of a checked file (see ``open_checked``), at most ``cap``."""
    with open_checked(checked, cap) as file:
        data = file.read(cap + 1)
    if len(data) > cap:
        raise Refused(f"is over the {_megabytes(cap)} cap")
    return data
