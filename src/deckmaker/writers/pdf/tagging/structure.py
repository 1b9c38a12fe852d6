"""The post-pass: a recorder's tree written into the rendered PDF.

Adds objects and keys; a page content stream is rewritten only where a CJK run inside
a paragraph of another language is marked as a span (``spans``). How: the new and
changed objects (structure elements, parent tree, catalog, Info, pages and link
annotations with their new keys) are appended to reportlab's file as an incremental
update, the way ISO 32000-1 (7.5.6) amends a file: the objects compressed in one object
stream, found through a cross-reference stream, the catalog's ``/Version`` raising the
file to PDF 1.7. pikepdf (qpdf) only reads the rendered file to find what to change.
Why not rewrite the file with qpdf: building the objects through pikepdf's object API
and saving a new file cost about 60 ms on a medium memo (most of it qpdf writing two
thousand objects), this about 15 ms.

The output is deterministic: elements are written in reading order, the parent tree in
page then link order, objects in number order; the file keeps reportlab's ``/ID``.
"""

from __future__ import annotations

import re
import struct
import tempfile
import zlib
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from itertools import accumulate, chain, count, repeat
from operator import add

import pikepdf

from deckmaker.writers.pdf.tagging.marks import (
    LinkAnnotation, MarkedContent, Recorder, StructElement,
)
from deckmaker.writers.pdf.tagging.strings import pdf_string
from deckmaker.writers.pdf.tagging.spans import content_stream, span_fonts, with_spans
from deckmaker.writers.pdf.tagging.xmp import XmpFields, xmp_packet

PDF_VERSION = "1.7"  # PDF/UA-1 is defined on ISO 32000-1
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_PLAIN_NAME = re.compile(r"/[A-Za-z0-9._-]+")
_XREF_ROW = "BII"  # a cross-reference stream row's fields, /W [ 1 4 4 ]
# zlib's fastest level: on the sample memo the tree's 50 KB of object text compress in
# 0.1 ms to 10 KB, against 0.7 ms to 8 KB at the default level (a fifth of the post-pass).
_COMPRESSION = 1


class TaggingError(ValueError):
    """The recorder and the rendered PDF disagree (a writer's bug, not the user's)."""


def tag_pdf(data: bytes, recorder: Recorder, *, title: str, lang: str,
            cjk_fonts: frozenset[str] = frozenset()) -> bytes:
    """``data`` (a PDF drawn with ``recorder``'s marks) with its structure tree, parent
    tree, link structure, document language, title display and XMP metadata; runs in
    ``cjk_fonts`` (/BaseFont names) inside an element of another language marked as
    spans of their own language (``spans``)."""
    match = _STARTXREF.search(data[-64:])
    if match is None:
        raise TaggingError("the rendered PDF does not end with startxref and %%EOF")
    with _opened(data) as pdf:
        update = _Update(pdf, recorder)
        update.tree()
        update.spans(cjk_fonts)
        update.document(title=title, lang=lang)
        return update.appended_to(data, previous_xref=int(match.group(1)))


@contextmanager
def _opened(data: bytes) -> Iterator[pikepdf.Pdf]:
    """``data`` opened with pikepdf, read through a memory map of a temporary file.
    qpdf then reads objects straight from memory, where from a ``BytesIO`` it calls back
    into Python for every read (reading the sample memo's 43 link annotations took
    0.6 ms more, as much as the rest of the post-pass's reading). Pages are read as they
    are, no inherited attribute copied into them: they are written back."""
    try:
        file = tempfile.TemporaryFile()
    except OSError:  # no writable temporary folder: read from memory, more slowly
        file = BytesIO()
    with file:
        file.write(data)
        file.flush()
        file.seek(0)
        with pikepdf.open(file, access_mode=pikepdf.AccessMode.mmap,
                          inherit_page_attributes=False) as pdf:
            yield pdf


def _ref(objgen: tuple[int, int]) -> str:
    return f"{objgen[0]} {objgen[1]} R"


def _info_text(info: pikepdf.Dictionary, key: str) -> str:
    """An Info entry as text; "" when absent or reportlab's "(unspecified)"."""
    value = str(info.get(key, ""))
    return "" if value == "(unspecified)" else value


def _dictionary(obj: pikepdf.Dictionary, changes: dict[str, str]) -> str:
    """``obj`` as PDF text with ``changes`` (key -> value text) made."""
    if not any(key in obj for key in changes):  # the usual case: keys added only
        text = obj.unparse(resolved=True).decode("latin-1")
        added = " ".join(f"{key} {value}" for key, value in changes.items())
        return f"{text[:-2]}{added} >>"
    kept = [f"{_name(key)} {value.unparse().decode('latin-1')}"
            for key, value in obj.items() if key not in changes]
    return "<< " + " ".join([*kept, *(f"{k} {v}" for k, v in changes.items())]) + " >>"


def _name(key: str) -> str:
    return key if _PLAIN_NAME.fullmatch(key) else pikepdf.Name(key).unparse().decode()


class _Update:
    """The objects one recorder's tree adds to or changes in one PDF, as text."""

    def __init__(self, pdf: pikepdf.Pdf, recorder: Recorder) -> None:
        self.pdf = pdf
        self.recorder = recorder
        self.pages = [page.obj for page in pdf.pages]
        self.page_refs = [_ref(page.objgen) for page in self.pages]
        self.first_new = self.next_number = int(pdf.trailer.Size)
        # Object number -> its text, Latin-1 only (names and strings are escaped, so
        # a character is a byte: lengths are offsets); the metadata stream apart.
        self.objects: dict[int, str] = {}
        self.streams: dict[int, bytes] = {}
        self.numbers: dict[StructElement, int] = {}  # -> its object number
        self.links = self._link_annotations()
        self.link_parents: dict[tuple[int, int], int] = {}  # -> Link element number

    def _link_annotations(self) -> dict[tuple[int, int], pikepdf.Object]:
        """Each annotation by (page, position among the page's annotations), checked
        against the links the recorder saw drawn (the memo makes no other kind of
        annotation; that each one is a link is checked where it is written)."""
        found: dict[tuple[int, int], pikepdf.Object] = {}
        for number, page in enumerate(self.pages, 1):
            found.update(((number, index), annotation)
                         for index, annotation in enumerate(page.get("/Annots", ())))
        recorded = {(link.page, link.index) for link in self.recorder.links}
        if recorded != set(found):
            raise TaggingError(f"{len(found)} annotations in the PDF, "
                               f"{len(recorded)} links drawn through the tagging canvas")
        return found

    def _new(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number

    def _put(self, number: int, text: str) -> None:
        self.objects[number] = text

    def tree(self) -> None:
        """The structure tree root, its elements and parent tree; the pages' and link
        annotations' keys pointing into it."""
        self.tree_root = self._new()
        root = self.recorder.root
        document = self._element(root, self.tree_root) if root.has_content else None
        nums: list[str] = []
        key = 0
        page_keys: dict[int, int] = {}
        numbers = self.numbers
        for number in range(1, len(self.pages) + 1):
            marked = self.recorder.marked.get(number)
            if marked:
                parents = self._new()
                self._put(parents, "[ " + " ".join(f"{numbers[element]} 0 R"
                                                   for element in marked) + " ]")
                nums.append(f"{key} {parents} 0 R")
                page_keys[number] = key
                key += 1
        for number, page in enumerate(self.pages, 1):
            changes = {}
            if number in page_keys:
                changes["/StructParents"] = str(page_keys[number])
            if "/Annots" in page:
                changes["/Tabs"] = "/S"
            if changes:
                self._put(page.objgen[0], _dictionary(page, changes))
        for link in self.recorder.links:  # /Contents and /F: written by the canvas
            annotation = self.links[link.page, link.index]
            text = _dictionary(annotation, {"/StructParent": str(key)})
            if "/Subtype /Link " not in text:
                raise TaggingError(f"annotation {link.index + 1} of page {link.page} "
                                   "is not a link")
            self._put(annotation.objgen[0], text)
            nums.append(f"{key} {self.link_parents[link.page, link.index]} 0 R")
            key += 1
        parent_tree = self._new()
        self._put(parent_tree, f"<< /Nums [ {' '.join(nums)} ] >>")
        kids = f"{document} 0 R" if document is not None else ""
        self._put(self.tree_root, f"<< /Type /StructTreeRoot /K [ {kids} ] "
                                  f"/ParentTree {parent_tree} 0 R /ParentTreeNextKey {key} >>")

    def _element(self, element: StructElement, parent: int) -> int:
        """``element`` (which has content) as a StructElem object under object number
        ``parent``: its number. Its kids without content (an element whose flowable
        never drew) are left out."""
        number = self.next_number  # _new and _put inlined: the tree's few hundred
        self.next_number = number + 1  # elements are the post-pass's hot path
        self.numbers[element] = number
        first_page = None
        alt = element.alt
        kids: list[str] = []
        for kid in element.kids:
            kind = type(kid)
            if kind is StructElement:
                if kid.has_content:
                    kids.append(f"{self._element(kid, number)} 0 R")
            elif kind is MarkedContent:
                page, mcid = kid
                if first_page is None:
                    first_page = page
                kids.append(str(mcid) if page == first_page else
                            f"<< /Type /MCR /Pg {self.page_refs[page - 1]} /MCID {mcid} >>")
            else:
                kids.append(self._object_reference(kid, number))
                # The link's words are in its paragraph's marked content (reportlab
                # draws a paragraph as one text object), so the Link says them as /Alt.
                alt = kid.contents
        text = f"<< /Type /StructElem /S /{element.type} /P {parent} 0 R"
        if first_page is not None:
            text += f" /Pg {self.page_refs[first_page - 1]}"
        if alt:
            text += f" /Alt {pdf_string(alt)}"
        if element.lang:
            text += f" /Lang {pdf_string(element.lang)}"
        if element.scope:
            text += f" /A << /O /Table /Scope /{element.scope} >>"
        self.objects[number] = f"{text} /K [ {' '.join(kids)} ] >>"
        return number

    def spans(self, cjk_fonts: frozenset[str]) -> None:
        """The content streams of the pages with a run to mark as a span, with the
        text objects holding one rewritten (``spans``)."""
        for number, runs in sorted(self.recorder.run_texts.items()):
            page = self.pages[number - 1]
            fonts = span_fonts(page, cjk_fonts)
            contents = page.get("/Contents")
            if not fonts or not isinstance(contents, pikepdf.Stream):
                continue  # reportlab writes one stream a page
            try:
                content, count = with_spans(self.pdf, contents.read_bytes(), runs, fonts)
            except ValueError as error:
                raise TaggingError(f"page {number}: {error}") from None
            if count:
                self.streams[contents.objgen[0]] = content_stream(content, _COMPRESSION)

    def _object_reference(self, link: LinkAnnotation, parent: int) -> str:
        self.link_parents[link.page, link.index] = parent
        annotation = self.links[link.page, link.index]
        return (f"<< /Type /OBJR /Obj {_ref(annotation.objgen)} "
                f"/Pg {self.page_refs[link.page - 1]} >>")

    def document(self, *, title: str, lang: str) -> None:
        """The catalog's tagging keys, the XMP metadata and the Info title."""
        pdf = self.pdf
        info = pdf.trailer.Info
        packet = xmp_packet(XmpFields(
            title=title, lang=lang, author=_info_text(info, "/Author"),
            creator_tool=_info_text(info, "/Creator"),
            producer=_info_text(info, "/Producer"),
            created=_info_text(info, "/CreationDate"),
            modified=_info_text(info, "/ModDate")))
        metadata = self._new()
        self.streams[metadata] = (
            f"<< /Type /Metadata /Subtype /XML /Length {len(packet)} >>\nstream\n"
            .encode() + packet + b"\nendstream")
        preferences = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
        self._put(pdf.Root.objgen[0], _dictionary(pdf.Root, {
            "/StructTreeRoot": f"{self.tree_root} 0 R", "/MarkInfo": "<< /Marked true >>",
            "/Lang": pdf_string(lang), "/Metadata": f"{metadata} 0 R",
            "/Version": f"/{PDF_VERSION}",
            "/ViewerPreferences": _dictionary(preferences, {"/DisplayDocTitle": "true"})}))
        self._put(info.objgen[0], _dictionary(info, {"/Title": pdf_string(title)}))

    def appended_to(self, data: bytes, *, previous_xref: int) -> bytes:
        """``data`` with these objects as an incremental update: the metadata stream
        as it is (streams cannot go in an object stream), the rest compressed in one
        object stream, then the cross-reference stream naming them all."""
        out = bytearray(data if data.endswith(b"\n") else data + b"\n")
        entries: dict[int, tuple[int, int, int]] = {}  # number -> (type, field 2, field 3)
        for number in sorted(self.streams):
            entries[number] = (1, len(out), 0)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, self.streams[number])
        object_stream = self._new()
        packed = sorted(self.objects)
        # In maps, not comprehensions: a few hundred objects, C-level loops.
        texts = list(map(self.objects.__getitem__, packed))
        # Each object's offset: the lengths of those before it, each with its newline.
        offsets = map(add, accumulate(map(len, texts), initial=0), count())
        header_text = " ".join(map("{} {}".format, packed, offsets)) + "\n"
        places = zip(repeat(2), repeat(object_stream), count())  # type 2: in the stream
        entries.update(zip(packed, places))  # noqa: B905 (places is endless)
        content = zlib.compress(f"{header_text}{chr(10).join(texts)}\n".encode("latin-1"),
                                _COMPRESSION)
        entries[object_stream] = (1, len(out), 0)
        out += (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode "
                b"/Length %d >>\nstream\n" % (object_stream, len(packed), len(header_text),
                                                len(content))
                + content + b"\nendstream\nendobj\n")
        xref = self._new()
        entries[xref] = (1, len(out), 0)
        numbers = sorted(entries)
        rows = struct.pack(">" + _XREF_ROW * len(numbers),
                           *chain.from_iterable(map(entries.__getitem__, numbers)))
        index = self._subsections(numbers)
        rows = zlib.compress(rows, _COMPRESSION)
        trailer = self.pdf.trailer
        out += (f"{xref} 0 obj\n<< /Type /XRef /Size {self.next_number} /W [ 1 4 4 ] "
                f"/Index [ {index} ] /Root {_ref(self.pdf.Root.objgen)} "
                f"/Info {_ref(trailer.Info.objgen)} /Prev {previous_xref} "
                f"/ID {trailer.ID.unparse().decode('latin-1')} /Filter /FlateDecode "
                f"/Length {len(rows)} >>\nstream\n").encode("latin-1")
        out += rows + f"\nendstream\nendobj\nstartxref\n{entries[xref][1]}\n%%EOF\n".encode()
        return bytes(out)

    def _subsections(self, numbers: list[int]) -> str:
        """The cross-reference stream's /Index for ``numbers`` (ascending): "first count"
        of each run of consecutive numbers. The objects made here are one run; only the
        changed objects of the rendered file are walked."""
        changed = numbers[:bisect_left(numbers, self.first_new)]
        made = self.next_number - self.first_new
        if len(numbers) - len(changed) != made:
            raise TaggingError(f"{made} objects made, "
                               f"{len(numbers) - len(changed)} written")
        runs: list[list[int]] = []  # [first, count]
        for number in changed:
            if runs and sum(runs[-1]) == number:
                runs[-1][1] += 1
            else:
                runs.append([number, 1])
        if runs and sum(runs[-1]) == self.first_new:
            runs[-1][1] += made
        else:
            runs.append([self.first_new, made])
        return " ".join(f"{first} {length}" for first, length in runs)

