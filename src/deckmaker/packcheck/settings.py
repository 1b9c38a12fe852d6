"""Where a pack's settings and wording are written, for locating findings: the
``pack.yaml`` and ``text.yaml`` of each pack of the chain, child first, and the
template read from the pack's master (once per file version)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from deckmaker.check.finding import Finding, Severity
from deckmaker.errors import display_path
from deckmaker.pack import BUILTIN_PACKS, PACK_FILE, TEXT_FILE, Pack
from deckmaker.packsafety.files import TEXT_CAP
from deckmaker.template.model import TemplateInfo
from deckmaker.yamlsource import Path_, YamlDocument, read_yaml


def documents(pack: Pack, name: str, *, builtin: bool = True) -> list[YamlDocument]:
    """The ``name`` file (pack.yaml or text.yaml) of each pack of the chain, child first;
    without the built-in packs' unless ``builtin``."""
    found = []
    for folder in pack.folders:
        if not builtin and folder.parent == BUILTIN_PACKS.resolve():
            continue
        path = folder / name
        if os.path.isfile(path):
            found.append(read_yaml(Path(display_path(path)), what="pack file",
                                   max_bytes=TEXT_CAP))
    return found


def settings(pack: Pack) -> list[YamlDocument]:
    return documents(pack, PACK_FILE)


def texts(pack: Pack) -> list[YamlDocument]:
    """The pack's own wording files (the built-in packs' are checked by the tests)."""
    return documents(pack, TEXT_FILE, builtin=False)


def finding(docs: list[YamlDocument], path: Path_, code: str, message: str,
            severity: Severity = "error") -> Finding:
    """A finding at the setting ``path`` in the first of ``docs`` that writes it."""
    doc = next((d for d in docs if tuple(path) in d.value_marks), docs[0])
    line, column = doc.position(path)
    return Finding(doc.file, line, column, code, message, severity)


@lru_cache(maxsize=8)
def _template(path: str, size: int, mtime_ns: int) -> TemplateInfo:
    from deckmaker.template.reader import read_template

    return read_template(Path(path))


def master_template(pack: Pack) -> TemplateInfo:
    """What deckmaker reads of the pack's (sanitised) master; raises TemplateError."""
    path = pack.file(pack.config.slide.master)
    info = os.stat(path)
    return _template(str(path), info.st_size, info.st_mtime_ns)
