"""The jinja2 loader of a pack: templates by name from the pack's own folders (the
pack, then the packs it extends), each confined and capped as every pack file is.
``{% include %}``, ``{% import %}``, ``{% from %}`` and ``{% extends %}`` go through it,
so a name outside the pack (``/etc/passwd``, ``../x``) is refused before anything opens."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import jinja2

from deckmaker.errors import display_path
from deckmaker.packsafety.files import TEXT_CAP, Refused, check_file, read_checked


class TemplateRefused(jinja2.TemplateNotFound):
    """A template name the pack may not load; the message says why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, f"'{name}' {reason}")
        self.reason = reason


def safe_name(name: str) -> bool:
    """Whether ``name`` is a relative, forward-slash path without '..' or empty parts."""
    if not name or "\\" in name or "\0" in name or ":" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and all(part not in ("", ".", "..") for part in name.split("/"))


class PackLoader(jinja2.BaseLoader):
    """Templates of ``folders`` (child first) by their names relative to a folder."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = list(folders)

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        if not safe_name(template):
            raise TemplateRefused(template, "is not a name of a pack file (write a path "
                                            "relative to the pack, without '..')")
        for folder in self.folders:
            candidate = folder / template
            if not os.path.lexists(candidate):
                continue
            try:
                checked = check_file(candidate, folders=[folder], cap=TEXT_CAP,
                                     where="the pack folder")
                source = read_checked(checked, TEXT_CAP).decode("utf-8")
            except (Refused, OSError) as exc:
                raise TemplateRefused(template, str(exc) if isinstance(exc, Refused)
                                      else "cannot be read") from None
            except UnicodeDecodeError:
                raise TemplateRefused(template, "is not UTF-8 text") from None
            version = (checked.size, os.stat(checked.path).st_mtime_ns)

            def uptodate(path: Path = checked.path, seen: tuple = version) -> bool:
                try:
                    info = os.stat(path)
                except OSError:
                    return False
                return (info.st_size, info.st_mtime_ns) == seen

            return source, display_path(candidate), uptodate
        raise jinja2.TemplateNotFound(template)
