"""A clean, reproducible .pptx package: core properties from the brief, an app.xml that
matches the slides, and a deterministic zip (fixed timestamps and entry order)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from xml.sax.saxutils import escape

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.oxml import nsmap, serialize_part_xml
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.coreprops import CorePropertiesPart

from deckmaker.inline import shorten
from deckmaker.model import Document
from deckmaker.outputs import build_timestamp
from deckmaker.writers.pptx.drawingml import attribute
from deckmaker.writers.pptx.elements import clean
from deckmaker.writers.pptx.opc import XML_DECLARATION, Rel, content_types_xml, iter_parts
from deckmaker.writers.pptx.ziparchive import deflated_zip

APP_XML = "docProps/app.xml"
_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<TotalTime>0</TotalTime><Words>0</Words><Application>deckmaker</Application>\
<PresentationFormat>Custom</PresentationFormat><Paragraphs>0</Paragraphs>\
<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>\
<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant">\
<vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>\
<vt:variant><vt:i4>{slides}</vt:i4></vt:variant></vt:vector></HeadingPairs>\
<TitlesOfParts><vt:vector size="{slides}" baseType="lpstr">{titles}</vt:vector></TitlesOfParts>\
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"""


CORE_LIMIT = 255  # python-pptx refuses longer core property values


def _core_text(text: str | None) -> str:
    return shorten(clean(text or ""), CORE_LIMIT)


def core_properties_xml(blob: bytes, doc: Document, language: str) -> bytes:
    """The master's core properties part ``blob`` with every property from the brief,
    so none of the template's remain."""
    stamp = build_timestamp(doc.date).replace(tzinfo=None)
    props = CorePropertiesPart.load(PackURI("/docProps/core.xml"), CT.OPC_CORE_PROPERTIES,
                                    None, blob)
    props.title = _core_text(doc.title)
    props.subject = _core_text(doc.bluf_text)
    props.author = _core_text(doc.author)
    props.keywords = _core_text(", ".join(doc.tags))
    props.category = _core_text(doc.kind_text)
    props.comments = _core_text(doc.source_line)
    props.language = language
    props.last_modified_by = "deckmaker"
    props.content_status = ""
    props.identifier = doc.stem
    props.version = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp
    return props.blob


def presentation_xml(blob: bytes, size: tuple[int, int],
                     slide_ids: list[tuple[int, str]]) -> bytes:
    """The master's presentation part ``blob`` with slide ``size`` (EMU) and the slides
    ``slide_ids`` ((id, rId) in order), as python-pptx writes it."""
    element = parse_xml(blob)
    slide_size = element.get_or_add_sldSz()
    slide_size.cx, slide_size.cy = size
    slides = element.get_or_add_sldIdLst()
    for slide_id, rId in slide_ids:
        slides._add_sldId(id=slide_id, rId=rId)
    return serialize_part_xml(element)


def app_xml(titles: list[str], notes: int) -> bytes:
    """docProps/app.xml listing ``titles`` (one per slide) and the notes count."""
    items = "".join(f"<vt:lpstr>{escape(clean(t))}</vt:lpstr>" for t in titles)
    return _APP.format(slides=len(titles), notes=notes, titles=items).encode("utf-8")


def _zip_time(stamp: dt.datetime) -> tuple[int, ...]:
    return (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, 0)


def _zip(entries, stamp: dt.datetime, replace: dict | None = None) -> bytes:
    """A zip of (name, bytes) ``entries`` in order, with fixed timestamps and attributes;
    ``replace`` maps names to functions of their bytes."""
    replace = replace or {}
    return deflated_zip(((name, replace[name](content) if name in replace else content)
                         for name, content in entries), _zip_time(stamp))


def rels_xml(rels: dict[str, Rel], folder: str) -> bytes:
    """The .rels file of the relationships ``rels`` of a part in ``folder`` ("/" for the
    package's), byte for byte as python-pptx's ``_Relationships.xml`` writes it
    (numerical rId order), built as a string: building it as an element tree took a
    tenth of the deck's time."""
    def order(rId: str) -> tuple[int, str]:
        return (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)

    items = "".join(
        f'<Relationship Id="{attribute(rel.rId)}" Type="{attribute(rel.reltype)}" '
        f'Target="{attribute(_target_ref(rel, folder))}"'
        + (f' TargetMode="{RTM.EXTERNAL}"' if rel.is_external else "") + "/>"
        for rel in (rels[rId] for rId in sorted(rels.keys(), key=order)))
    root = f'<Relationships xmlns="{nsmap["pr"]}"'
    body = f"{root}>{items}</Relationships>" if items else f"{root}/>"
    return XML_DECLARATION + body.encode("utf-8")


def _target_ref(rel: Rel, folder: str) -> str:
    """python-pptx's ``target_ref`` of ``rel``: a URL, or its target's part name relative
    to ``folder`` (the same few pairs recur in every deck, and posixpath.relpath is
    slow)."""
    if rel.is_external:
        return rel.target
    return _relative_ref(rel.target.partname, folder)


@lru_cache(maxsize=4096)
def _relative_ref(partname: str, folder: str) -> str:
    return PackURI(partname).relative_ref(folder)


_SHAPES_END = b"</p:spTree>"


def with_shapes(slide_xml: bytes, shapes: str) -> bytes:
    """``slide_xml`` with ``shapes`` (DrawingML text escaped as lxml writes it) after the
    shapes of its shape tree: the bytes parsing them into the slide would serialize to."""
    end = slide_xml.rindex(_SHAPES_END)
    return slide_xml[:end] + shapes.encode("utf-8") + slide_xml[end:]


def _entries(package_rels: dict[str, Rel], drawn: dict[str, str]):
    """The (zip member name, bytes) of the package ``package_rels`` reach, in the order
    python-pptx saves them: content types, package relationships, then each part and its
    relationships; the shapes ``drawn`` (by slide part name) put into their slides."""
    parts = list(iter_parts(package_rels))
    yield "[Content_Types].xml", content_types_xml(parts)
    yield "_rels/.rels", rels_xml(package_rels, "/")
    for part in parts:
        shapes = drawn.get(part.partname)
        yield part.partname[1:], with_shapes(part.blob, shapes) if shapes else part.blob
        if part.rels:
            folder, _, name = part.partname.rpartition("/")
            yield f"{folder[1:]}/_rels/{name}.rels", rels_xml(part.rels, folder)


def write(deck, doc: Document, titles: list[str], size: tuple[int, int],
          drawn: dict[str, str]) -> bytes:
    """The ``deck`` (``deck.Deck``) as reproducible .pptx bytes: slides ``size`` (EMU),
    core properties from ``doc``, app.xml listing ``titles``, the shapes ``drawn`` as text
    (by slide part name) in their slides."""
    master = deck.master
    deck.presentation.blob = presentation_xml(deck.presentation.blob, size, deck.slide_ids)
    core = deck.parts[master.core_properties]
    core.blob = core_properties_xml(core.blob, doc, doc.language)
    return _zip(_entries(deck.package_rels, drawn), build_timestamp(doc.date),
                {APP_XML: lambda _: app_xml(titles, len(titles))})
