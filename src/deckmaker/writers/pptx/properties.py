"""The deck's document properties: every core property from the brief (so none of the
template's author or dates remain) and an app.xml that matches the slides."""

from __future__ import annotations

from xml.sax.saxutils import escape

from deckmaker.inline import shorten
from deckmaker.model import Document
from deckmaker.outputs import build_timestamp
from deckmaker.writers.pptx.elements import clean

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


def set_core_properties(props, doc: Document) -> None:
    """Every core property of ``props`` (python-pptx's ``CoreProperties``) from ``doc``."""
    stamp = build_timestamp(doc.date).replace(tzinfo=None)
    props.title = _core_text(doc.title)
    props.subject = _core_text(doc.bluf_text)
    props.author = _core_text(doc.author)
    props.keywords = _core_text(", ".join(doc.tags))
    props.category = _core_text(doc.kind_text)
    props.comments = _core_text(doc.source_line)
    props.language = doc.language
    props.last_modified_by = "deckmaker"
    props.content_status = ""
    props.identifier = doc.stem
    props.version = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp


def app_xml(titles: list[str]) -> bytes:
    """docProps/app.xml listing ``titles`` (one per slide, each with its notes page)."""
    items = "".join(f"<vt:lpstr>{escape(clean(t))}</vt:lpstr>" for t in titles)
    return _APP.format(slides=len(titles), notes=len(titles), titles=items).encode("utf-8")
