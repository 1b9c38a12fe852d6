"""The deck's package as parts and relationships, without python-pptx's object model.

A deck is the master's parts (read once per process, ``master``) plus slides, notes
pages, charts and workbooks whose XML we write as bytes; python-pptx's package model
(relationship collections with lazy properties, a walk of the whole package for every
new part name) took a third of a deck's time for bookkeeping alone. The rules that
decide bytes are python-pptx's, kept here: relationship ids (the highest free
``rIdN`` up to one past the count), reuse of an existing relationship to the same
target, the order parts are written in (depth first along the relationships, from
the package's) and the content types (python-pptx's defaults by extension, every
other part an override)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pptx.opc.spec import default_content_types

from deckmaker.writers.pptx.drawingml import attribute

XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_XML_TYPE = "application/xml"
_DEFAULTS = frozenset(default_content_types)


@dataclass(eq=False)
class Rel:
    """A relationship: to a ``Part``, or to an external URL."""

    rId: str
    reltype: str
    target: Part | str

    @property
    def is_external(self) -> bool:
        return isinstance(self.target, str)


@dataclass(eq=False)
class Part:
    """A named part with its content type, bytes and relationships (by rId, in the
    order they were made)."""

    partname: str
    content_type: str
    blob: bytes = b""
    rels: dict[str, Rel] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        """The folder relationship targets are relative to (``/ppt/slides``)."""
        return self.partname.rpartition("/")[0] or "/"

    def relate(self, target: Part | str, reltype: str) -> str:
        """The rId of this part's ``reltype`` relationship to ``target`` (a part or an
        external URL): an existing one, else a new one."""
        for rel in self.rels.values():
            if rel.reltype == reltype and rel.target == target:  # parts: by identity
                return rel.rId
        rId = self._next_rId()
        self.rels[rId] = Rel(rId, reltype, target)
        return rId

    def _next_rId(self) -> str:
        return next(f"rId{n}" for n in range(len(self.rels) + 1, 0, -1)
                    if f"rId{n}" not in self.rels)


def iter_parts(package_rels: dict[str, Rel]) -> Iterator[Part]:
    """Every part reachable from the package relationships, once each, depth first."""
    seen: set[int] = set()

    def walk(rels: dict[str, Rel]) -> Iterator[Part]:
        for rel in rels.values():
            part = rel.target
            if isinstance(part, str) or id(part) in seen:
                continue
            seen.add(id(part))
            yield part
            yield from walk(part.rels)

    return walk(package_rels)


def content_types_xml(parts: list[Part]) -> bytes:
    """``[Content_Types].xml`` for ``parts`` as python-pptx writes it: a Default per
    extension with its standard type, an Override per other part, each sorted."""
    defaults = {"rels": _RELATIONSHIPS_TYPE, "xml": _XML_TYPE}
    overrides = {}
    for part in parts:
        ext = part.partname.rpartition(".")[2].lower()
        if (ext, part.content_type) in _DEFAULTS:
            defaults[ext] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    items = [f'<Default Extension="{attribute(ext)}" ContentType="{attribute(ct)}"/>'
             for ext, ct in sorted(defaults.items())]
    items += [f'<Override PartName="{attribute(name)}" ContentType="{attribute(ct)}"/>'
              for name, ct in sorted(overrides.items())]
    return XML_DECLARATION + f'<Types xmlns="{_TYPES}">{"".join(items)}</Types>'.encode()
