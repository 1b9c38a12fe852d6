"""The XMP metadata packet of a tagged PDF: title, language, tools, dates and the
PDF/UA identification (``pdfuaid:part`` 1), written from the document's Info values so
the two agree. No clock, no random value: the same document gives the same packet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

_PDF_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([+-])(\d\d)'(\d\d)'?|Z)?")


@dataclass(frozen=True)
class XmpFields:
    title: str
    lang: str
    author: str = ""
    creator_tool: str = ""
    producer: str = ""
    created: str = ""  # PDF dates (D:YYYYMMDDHHmmSS+HH'mm'), as in the Info dictionary
    modified: str = ""


def xmp_date(pdf_date: str) -> str:
    """A PDF date as an XMP (ISO 8601) date; "" if it is not one."""
    match = _PDF_DATE.fullmatch(pdf_date.strip())
    if not match:
        return ""
    year, month, day, hour, minute, second, sign, tz_hour, tz_minute = match.groups()
    zone = f"{sign}{tz_hour}:{tz_minute}" if sign else "Z"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"


def xmp_packet(fields: XmpFields) -> bytes:
    """The packet, UTF-8, with the padding-free ``end="r"`` trailer (read-only packet)."""
    text = escape
    properties = [
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(fields.title)}'
        "</rdf:li></rdf:Alt></dc:title>",
        f"<dc:language><rdf:Bag><rdf:li>{text(fields.lang)}</rdf:li></rdf:Bag></dc:language>",
    ]
    if fields.author:
        properties.append(f"<dc:creator><rdf:Seq><rdf:li>{text(fields.author)}</rdf:li>"
                          "</rdf:Seq></dc:creator>")
    for name, value in (("xmp:CreatorTool", fields.creator_tool),
                        ("pdf:Producer", fields.producer),
                        ("xmp:CreateDate", xmp_date(fields.created)),
                        ("xmp:ModifyDate", xmp_date(fields.modified))):
        if value:
            properties.append(f"<{name}>{text(value)}</{name}>")
    properties.append("<pdfuaid:part>1</pdfuaid:part>")
    body = "\n    ".join(properties)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f"    {body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    ).encode()
