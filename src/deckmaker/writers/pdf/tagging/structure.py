"""The post-pass: a recorder's tree written into the rendered PDF with pikepdf.

Adds objects and keys only; the page content streams are not touched. The output is
deterministic: elements are written in reading order, the parent tree in page then
link order, and qpdf derives the file ``/ID`` from the content (``deterministic_id``).
"""

from __future__ import annotations

from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from deckmaker.writers.pdf.tagging.marks import (
    LinkAnnotation, MarkedContent, Recorder, StructElement,
)
from deckmaker.writers.pdf.tagging.xmp import XmpFields, xmp_packet

PDF_VERSION = "1.7"  # PDF/UA-1 is defined on ISO 32000-1
PRINT_FLAG = 4  # annotation flags (ISO 32000-1, 12.5.3): readers get what prints
HIDDEN_FLAGS = 1 | 2 | 32  # Invisible, Hidden, NoView


class TaggingError(ValueError):
    """The recorder and the rendered PDF disagree (a writer's bug, not the user's)."""


def tag_pdf(data: bytes, recorder: Recorder, *, title: str, lang: str) -> bytes:
    """``data`` (a PDF drawn with ``recorder``'s marks) with its structure tree, parent
    tree, link structure, document language, title display and XMP metadata."""
    with pikepdf.open(BytesIO(data)) as pdf:
        _Writer(pdf, recorder).write()
        root = pdf.Root
        root.MarkInfo = Dictionary(Marked=True)
        root.Lang = String(lang)
        preferences = root.get("/ViewerPreferences", Dictionary())
        preferences.DisplayDocTitle = True
        root.ViewerPreferences = preferences
        info = pdf.docinfo
        metadata = pdf.make_stream(xmp_packet(XmpFields(
            title=title, lang=lang, author=_text(info, "/Author"),
            creator_tool=_text(info, "/Creator"), producer=_text(info, "/Producer"),
            created=_text(info, "/CreationDate"), modified=_text(info, "/ModDate"))))
        metadata.Type, metadata.Subtype = Name.Metadata, Name.XML
        root.Metadata = metadata
        info.Title = String(title)
        out = BytesIO()
        # fix_metadata_version off: pikepdf would parse and re-serialise the packet
        # reportlab's streams are copied as they are (already Flate-compressed, not
        # decoded and compressed again); the new objects go in compressed object streams.
        pdf.save(out, deterministic_id=True, min_version=PDF_VERSION,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 fix_metadata_version=False)
    return out.getvalue()


def _text(info: Dictionary, key: str) -> str:
    """An Info entry as text; "" when absent or reportlab's "(unspecified)"."""
    value = str(info.get(key, ""))
    return "" if value == "(unspecified)" else value


class _Writer:
    """Writes one recorder's tree into one open PDF."""

    def __init__(self, pdf: pikepdf.Pdf, recorder: Recorder) -> None:
        self.pdf = pdf
        self.recorder = recorder
        self.pages = [page.obj for page in pdf.pages]
        self.by_mcid: dict[int, dict[int, pikepdf.Object]] = {}  # page -> mcid -> element
        self.links = self._link_annotations()
        self.link_parents: dict[tuple[int, int], pikepdf.Object] = {}  # Link elements

    def _link_annotations(self) -> dict[tuple[int, int], pikepdf.Object]:
        """Each link annotation by (page, position among the page's links), checked
        against the links the recorder saw drawn."""
        found: dict[tuple[int, int], pikepdf.Object] = {}
        for number, page in enumerate(self.pages, 1):
            links = [a for a in page.get("/Annots", Array()) if a.get("/Subtype") == Name.Link]
            found.update(((number, index), a) for index, a in enumerate(links))
        recorded = {(link.page, link.index) for link in self.recorder.links}
        if recorded != set(found):
            raise TaggingError(f"{len(found)} link annotations in the PDF, "
                               f"{len(recorded)} drawn through the tagging canvas")
        return found

    def write(self) -> None:
        root_element = self.recorder.root
        tree_root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = self._element(root_element, tree_root)
        tree_root.K = Array([document] if document is not None else [])
        numbers = Array()
        key = 0
        for number, page in enumerate(self.pages, 1):
            mcids = self.by_mcid.get(number)
            if mcids:
                page.StructParents = key
                numbers.extend([key, self.pdf.make_indirect(
                    Array([mcids[m] for m in range(len(mcids))]))])
                key += 1
            if "/Annots" in page:
                page.Tabs = Name.S
        for link in self.recorder.links:
            annotation = self.links[link.page, link.index]
            annotation.StructParent = key
            annotation.Contents = String(link.contents)
            annotation.F = PRINT_FLAG | (annotation.get("/F", 0) & ~HIDDEN_FLAGS)
            numbers.extend([key, self.link_parents[link.page, link.index]])
            key += 1
        tree_root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=numbers))
        tree_root.ParentTreeNextKey = key
        self.pdf.Root.StructTreeRoot = tree_root

    def _element(self, element: StructElement, parent: pikepdf.Object) -> pikepdf.Object | None:
        """``element`` as an indirect StructElem under ``parent``; None when it has no
        content at all (an element whose flowable never drew)."""
        if not _has_content(element):
            return None
        made = self.pdf.make_indirect(Dictionary(
            Type=Name.StructElem, S=Name("/" + element.type), P=parent))
        first_page = next((k.page for k in element.kids if isinstance(k, MarkedContent)), None)
        if first_page is not None:
            made.Pg = self.pages[first_page - 1]
        if element.alt:
            made.Alt = String(element.alt)
        if element.lang:
            made.Lang = String(element.lang)
        if element.scope:
            made.A = Dictionary(O=Name.Table, Scope=Name("/" + element.scope))
        kids = Array()
        for kid in element.kids:
            if isinstance(kid, StructElement):
                child = self._element(kid, made)
                if child is not None:
                    kids.append(child)
            elif isinstance(kid, MarkedContent):
                self.by_mcid.setdefault(kid.page, {})[kid.mcid] = made
                kids.append(kid.mcid if kid.page == first_page else Dictionary(
                    Type=Name.MCR, Pg=self.pages[kid.page - 1], MCID=kid.mcid))
            else:
                kids.append(self._object_reference(kid, made))
        made.K = kids
        return made

    def _object_reference(self, link: LinkAnnotation, parent: pikepdf.Object) -> Dictionary:
        # The link's words are in its paragraph's marked content (reportlab draws a
        # paragraph as one text object), so the Link element says them as /Alt.
        parent.Alt = String(link.contents)
        self.link_parents[link.page, link.index] = parent
        return Dictionary(Type=Name.OBJR, Obj=self.links[link.page, link.index],
                          Pg=self.pages[link.page - 1])


def _has_content(element: StructElement) -> bool:
    return any(not isinstance(kid, StructElement) or _has_content(kid) for kid in element.kids)
