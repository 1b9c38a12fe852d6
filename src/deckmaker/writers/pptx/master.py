"""The pack's deck master, read with python-pptx once per process (per file version)
and kept as parts (``opc``) every deck copies: parsing the master's whole package for
each deck took a twentieth of its time.

Read along with it is what python-pptx would add to any deck on this master: an empty
slide's XML, each layout's title placeholder, and the notes master (with its theme)
and notes page python-pptx makes for a deck's first notes page."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.oxml.ns import namespaces
from pptx.oxml.shapes.autoshape import CT_Shape

from deckmaker.errors import RenderError
from deckmaker.writers.pptx.opc import Part, Rel

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# compiled once: element.xpath() compiles its expression on every call
_NOTES_BODY = etree.XPath("./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='body']]/p:txBody",
                          namespaces=namespaces("p"))
_NOTES_TEXT = "deckmaker notes text"  # a comment marking where a notes page's text goes


@dataclass(frozen=True)
class Master:
    """The master's parts without its slides (``package_rels``: never changed, decks
    copy them), the part names of its presentation, core properties and theme parts,
    its layouts' part names and title placeholders by layout name, and what python-pptx
    adds to every deck: the empty slide, the notes master and a notes page's XML before
    and after its paragraphs."""

    package_rels: dict[str, Rel]
    presentation: str
    core_properties: str
    theme: str
    layouts: dict[str, str]
    titles: dict[str, str | None]
    empty_slide: bytes
    notes_master: Part
    notes_page: tuple[bytes, bytes]


def open_master(path: Path) -> Master:
    """The master at ``path``, read again only when the file changes."""
    try:
        stat = os.stat(path)
        return _read(str(path), stat.st_mtime_ns, stat.st_size)
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many kinds for a damaged file
        raise RenderError(f"{path}: cannot open the deck master ({exc}); rebuild it with "
                          "scripts/make_master.py or check the pack's slide.master") from None


@lru_cache(maxsize=4)  # a watch process sees a few packs; an edited master is read again
def _read(path: str, _mtime_ns: int, _size: int) -> Master:
    prs = Presentation(path)
    _remove_slides(prs)
    core = prs.core_properties.partname  # python-pptx adds the part if the file has none
    package_rels = parts_of(prs.part.package._rels)
    layouts = {}
    for layout in prs.slide_layouts:
        layouts.setdefault(layout.name, layout)
    master = prs.slide_master.part
    # what python-pptx adds to a deck: a slide, a notes master and theme, a notes page
    _, slide = prs.part.add_slide(next(iter(layouts.values())))
    empty_slide = slide.part.blob
    notes = slide.notes_slide
    notes_master = _part_of(notes.part.part_related_by(RT.NOTES_MASTER), {})
    return Master(package_rels, str(prs.part.partname), str(core),
                  str(master.part_related_by(RT.THEME).partname),
                  {name: str(layout.part.partname) for name, layout in layouts.items()},
                  {name: _title_placeholder(layout) for name, layout in layouts.items()},
                  empty_slide, notes_master, _notes_page(notes._element))


def parts_of(pptx_rels) -> dict[str, Rel]:
    """python-pptx relationships ``pptx_rels`` (by rId) and every part they reach, as
    ``opc`` parts (bytes as python-pptx would write them)."""
    return _rels_of(pptx_rels, {})


def _rels_of(pptx_rels, made: dict[int, Part]) -> dict[str, Rel]:
    return {rId: Rel(rId, rel.reltype, rel.target_ref if rel.is_external
                     else _part_of(rel.target_part, made))
            for rId, rel in pptx_rels.items()}


def _part_of(pptx_part, made: dict[int, Part]) -> Part:
    part = made.get(id(pptx_part))
    if part is None:
        part = made[id(pptx_part)] = Part(str(pptx_part.partname), pptx_part.content_type,
                                          pptx_part.blob)
        part.rels = _rels_of(pptx_part.rels, made)
    return part


def copy_parts(package_rels: dict[str, Rel]) -> dict[str, Rel]:
    """Package relationships reaching copies of every part of ``package_rels`` (bytes
    shared, relationships each their own), for one deck to add to."""
    copies: dict[int, Part] = {}

    def copy(rels: dict[str, Rel]) -> dict[str, Rel]:
        out = {}
        for rId, rel in rels.items():
            target = rel.target
            if not isinstance(target, str):
                found = copies.get(id(target))
                if found is None:
                    found = copies[id(target)] = Part(target.partname, target.content_type,
                                                      target.blob)
                    found.rels = copy(target.rels)
                target = found
            out[rId] = Rel(rId, rel.reltype, target)
        return out

    return copy(package_rels)


def _remove_slides(prs) -> None:
    """Drop any slides the master file carries."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def _title_placeholder(layout) -> str | None:
    """The ``p:ph`` element (as XML text) a slide's title gets on ``layout``, as
    python-pptx would clone it; None if the layout has no title placeholder."""
    for placeholder in layout.iter_cloneable_placeholders():
        sp = placeholder.element
        if sp.ph_idx == 0:
            ph = CT_Shape.new_placeholder_sp(0, "", sp.ph_type, sp.ph_orient, sp.ph_sz,
                                             0).nvSpPr.nvPr.ph
            return "<p:ph" + "".join(f' {k}="{v}"' for k, v in ph.attrib.items()) + "/>"
    return None


def _notes_page(element) -> tuple[bytes, bytes]:
    """A notes page's XML before and after the paragraphs of its body."""
    body = _NOTES_BODY(element)[0]
    for paragraph in body.findall(f"{{{_A}}}p"):
        body.remove(paragraph)
    body.append(etree.Comment(_NOTES_TEXT))
    head, tail = serialize_part_xml(element).split(f"<!--{_NOTES_TEXT}-->".encode())
    return head, tail

