"""Opening a customer's .pptx / .potx as a presentation python-pptx accepts: the file
checked (a regular file, under the master cap, a zip of a PowerPoint package), a template
(.potx) copied with its main content type made a presentation's, and the copy passed
through the pack sanitiser (``deckmaker.packsafety.master``) before python-pptx parses it,
so a hostile file is refused here as it would be when the pack loads."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from deckmaker.packsafety.files import MASTER_CAP, MB
from deckmaker.packsafety.master import (
    CONTENT_TYPES, CT_NS, MAX_MEMBERS, MAX_TOTAL_BYTES, MasterRefused, sanitise_master,
)
from deckmaker.template.theme import parse

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
_MS = "application/vnd.ms-powerpoint."
PRESENTATION = _PML + "presentation.main+xml"
MACRO_PRESENTATION = _MS + "presentation.macroEnabled.main+xml"
# The main content types of the PowerPoint files a template may come as, and what a
# presentation of the same kind has instead (python-pptx opens only presentations).
MAIN_TYPES = {
    PRESENTATION: PRESENTATION,
    MACRO_PRESENTATION: MACRO_PRESENTATION,
    _PML + "template.main+xml": PRESENTATION,
    _MS + "template.macroEnabled.main+xml": MACRO_PRESENTATION,
    _PML + "slideshow.main+xml": PRESENTATION,
    _MS + "slideshow.macroEnabled.main+xml": MACRO_PRESENTATION,
}


class TemplateError(Exception):
    """The file cannot be read as a PowerPoint template; the message says why."""


def _checked_size(path: Path) -> int:
    if not os.path.lexists(path):
        raise TemplateError("does not exist")
    if path.is_dir():
        raise TemplateError("is a folder, not a PowerPoint file")
    if not path.is_file():
        raise TemplateError("is not a regular file")
    size = path.stat().st_size
    if size > MASTER_CAP:
        raise TemplateError(f"is over the {MASTER_CAP // MB} MB a pack's master may be")
    if not zipfile.is_zipfile(path):
        raise TemplateError("is not a PowerPoint file (.pptx or .potx): it is not a zip")
    return size


def _presentation_types(blob: bytes) -> bytes:
    """``[Content_Types].xml`` with the main part's type that of a presentation;
    raises TemplateError when no PowerPoint main part is declared."""
    root = parse(blob)
    found = False
    for override in root.iter(f"{{{CT_NS}}}Override"):
        kind = override.get("ContentType", "")
        if kind in MAIN_TYPES:
            override.set("ContentType", MAIN_TYPES[kind])
            found = True
    if not found:
        raise TemplateError("is not a PowerPoint presentation or template (its main part "
                            "is a Word, Excel or other document)")
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def presentation_copy(path: Path, folder: Path) -> tuple[Path, tuple[str, ...]]:
    """A sanitised .pptx copy of the template at ``path`` in ``folder``, and what the
    sanitiser removed from it; raises TemplateError."""
    _checked_size(path)
    target = folder / "template.pptx"
    try:
        with zipfile.ZipFile(path) as source:
            members = source.infolist()
            if len(members) > MAX_MEMBERS or \
                    sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
                raise TemplateError(f"unpacks to more than {MAX_MEMBERS} parts or "
                                    f"{MAX_TOTAL_BYTES // MB} MB")
            names = {m.filename for m in members}
            if CONTENT_TYPES not in names:
                raise TemplateError("is not a PowerPoint file: it has no [Content_Types].xml")
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
                for member in members:
                    blob = source.read(member)
                    if member.filename == CONTENT_TYPES:
                        blob = _presentation_types(blob)
                    copy.writestr(member, blob)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError) as exc:
        raise TemplateError(f"is a damaged zip ({exc})") from None
    except SyntaxError as exc:  # lxml's XMLSyntaxError
        raise TemplateError(f"has a damaged [Content_Types].xml ({exc})") from None
    info = target.stat()
    try:
        sanitised = sanitise_master(target, info.st_size, info.st_mtime_ns)
    except MasterRefused as exc:
        raise TemplateError(f"is refused: {exc}") from None
    return sanitised.path, sanitised.removed
