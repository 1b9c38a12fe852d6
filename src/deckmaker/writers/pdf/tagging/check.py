"""deckmaker's own PDF/UA check: reads a PDF back (pikepdf) and names what breaks the
machine-checkable conditions the memo's tagging promises.

- every text-showing operator (Tj TJ ' "), path painting, shading, image or form
  (Do, inline images) lies in marked content with an MCID or in an artifact, never in
  both, and no MCID sequence is nested in another;
- every MCID of a page is reachable from the structure tree, through the page's
  /StructParents entry of the /ParentTree, and every MCID the tree names is drawn;
- structure types are standard; headings start at H1 and never skip a level; every
  Figure has /Alt; every TH has a /Scope; a Table holds TR, a TR holds TH and TD;
- every link annotation has /Contents and a /StructParent leading to a Link element
  whose OBJR points back at it; pages with annotations have /Tabs /S;
- the catalog has /Lang, /MarkInfo /Marked true, /ViewerPreferences /DisplayDocTitle
  true; the XMP metadata has pdfuaid:part 1 and a dc:title;
- every font is embedded and has a /ToUnicode map.
"""

from __future__ import annotations

import re
from io import BytesIO

import pikepdf
from lxml import etree
from pikepdf import Array, Dictionary, Name

from deckmaker.writers.pdf.tagging.marks import STANDARD_TYPES

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
PAINT_OPERATORS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}
HEADING = re.compile(r"H([1-6])")
NAMESPACES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
              "dc": "http://purl.org/dc/elements/1.1/",
              "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}


def check_pdf(data: bytes) -> list[str]:
    """What in ``data`` breaks the conditions above, one located sentence each; [] if
    nothing does."""
    with pikepdf.open(BytesIO(data)) as pdf:
        return _Check(pdf).run()


class _Check:
    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages = list(pdf.pages)
        self.page_numbers = {page.obj.objgen: n for n, page in enumerate(self.pages, 1)}
        self.problems: list[str] = []

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def run(self) -> list[str]:
        self._catalog()
        self._metadata()
        drawn = {n: self._content(n, page) for n, page in enumerate(self.pages, 1)}
        tree = self.pdf.Root.get("/StructTreeRoot")
        if tree is None:
            self.problem("the catalog has no /StructTreeRoot: the PDF is not tagged")
        else:
            self._tree(tree, drawn)
        self._fonts()
        return self.problems

    # Catalog and metadata

    def _catalog(self) -> None:
        root = self.pdf.Root
        if not str(root.get("/Lang", "")).strip():
            self.problem("the catalog has no /Lang")
        if root.get("/MarkInfo", Dictionary()).get("/Marked") is not True:
            self.problem("the catalog's /MarkInfo does not say /Marked true")
        if root.get("/ViewerPreferences", Dictionary()).get("/DisplayDocTitle") is not True:
            self.problem("the catalog's /ViewerPreferences do not say /DisplayDocTitle true")

    def _metadata(self) -> None:
        stream = self.pdf.Root.get("/Metadata")
        if stream is None:
            self.problem("the catalog has no XMP /Metadata")
            return
        try:
            xmp = etree.fromstring(stream.read_bytes(),
                                   etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as error:
            self.problem(f"the XMP metadata is not well-formed XML ({error})")
            return
        parts = xmp.xpath("//pdfuaid:part/text() | //@pdfuaid:part", namespaces=NAMESPACES)
        if [str(p).strip() for p in parts] != ["1"]:
            self.problem("the XMP metadata does not say pdfuaid:part 1")
        titles = xmp.xpath("//dc:title//rdf:li/text()", namespaces=NAMESPACES)
        if not any(t.strip() for t in titles):
            self.problem("the XMP metadata has no dc:title")

    # Content streams

    def _content(self, number: int, page: pikepdf.Page) -> set[int]:
        """The MCIDs drawn on page ``number``; notes painting outside marked content."""
        stack: list[tuple[str, int | None]] = []  # (tag, mcid) of open sequences
        mcids: set[int] = set()
        unmarked: dict[str, int] = {}
        for index, instruction in enumerate(pikepdf.parse_content_stream(page)):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                tag = str(instruction.operands[0])
                properties = instruction.operands[1] if operator == "BDC" else None
                mcid = self._mcid(page, properties)
                if mcid is not None:
                    if any(open_tag == "/Artifact" for open_tag, _ in stack):
                        self.problem(f"page {number}: MCID {mcid} inside an artifact")
                    if any(open_mcid is not None for _, open_mcid in stack):
                        self.problem(f"page {number}: MCID {mcid} inside another MCID")
                    if mcid in mcids:
                        self.problem(f"page {number}: MCID {mcid} used twice")
                    mcids.add(mcid)
                stack.append((tag, mcid))
            elif operator == "EMC":
                if not stack:
                    self.problem(f"page {number}: EMC without a BDC (operator {index})")
                else:
                    stack.pop()
            elif operator in TEXT_OPERATORS or operator in PAINT_OPERATORS \
                    or operator == "INLINE IMAGE":
                if not any(tag == "/Artifact" or mcid is not None for tag, mcid in stack):
                    kind = "text" if operator in TEXT_OPERATORS else "painting"
                    unmarked.setdefault(f"{kind} ({operator})", index)
        for what, index in unmarked.items():
            self.problem(f"page {number}: {what} outside marked content and artifacts "
                         f"(first at operator {index})")
        if stack:
            self.problem(f"page {number}: {len(stack)} marked-content sequence(s) not ended")
        return mcids

    @staticmethod
    def _mcid(page: pikepdf.Page, properties) -> int | None:
        if isinstance(properties, Name):  # a named property list in the resources
            properties = page.obj.get("/Resources", Dictionary()).get(
                "/Properties", Dictionary()).get(str(properties))
        if isinstance(properties, Dictionary) and "/MCID" in properties:
            return int(properties.MCID)
        return None

    # The structure tree

    def _tree(self, tree: Dictionary, drawn: dict[int, set[int]]) -> None:
        reached: dict[int, dict[int, pikepdf.Object]] = {}  # page -> mcid -> element
        objrs: dict[tuple[int, int], pikepdf.Object] = {}  # annotation objgen -> Link
        headings: list[tuple[int, str]] = []
        role_map = tree.get("/RoleMap", Dictionary())
        pending = [(kid, None) for kid in _kids(tree)]
        seen: set[tuple[int, int]] = set()
        while pending:
            element, page = pending.pop(0)
            if not isinstance(element, Dictionary) or element.objgen in seen:
                continue
            seen.add(element.objgen)
            type_ = str(element.get("/S", ""))[1:]
            type_ = str(role_map.get("/" + type_, "/" + type_))[1:]
            page = element.get("/Pg", page)
            where = f"{type_} element {element.objgen[0]}"
            self._element(element, type_, where, headings)
            kids = []
            for kid in _kids(element):
                if isinstance(kid, int):
                    self._reach(reached, page, kid, element, where)
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                    self._reach(reached, kid.get("/Pg", page), int(kid.MCID), element, where)
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                    objrs[kid.Obj.objgen] = element
                elif isinstance(kid, Dictionary):
                    kids.append((kid, page))
            pending[:0] = kids  # depth first: reading order
        self._headings(headings)
        self._parent_tree(tree, drawn, reached)
        self._links(tree, objrs)

    def _reach(self, reached, page, mcid: int, element, where: str) -> None:
        number = self.page_numbers.get(page.objgen) if page is not None else None
        if number is None:
            self.problem(f"{where}: MCID {mcid} without a page")
            return
        reached.setdefault(number, {})[mcid] = element

    def _element(self, element: Dictionary, type_: str, where: str,
                 headings: list[tuple[int, str]]) -> None:
        if type_ not in STANDARD_TYPES:
            self.problem(f"{where}: not a standard structure type, and not role-mapped to one")
        if (match := HEADING.fullmatch(type_)):
            headings.append((int(match.group(1)), where))
        if type_ == "Figure" and not str(element.get("/Alt", "")).strip():
            self.problem(f"{where}: a Figure without /Alt")
        if type_ == "TH" and str(_attribute(element, "/Scope")) not in ("/Row", "/Column",
                                                                         "/Both"):
            self.problem(f"{where}: a TH without /Scope Row, Column or Both")
        expected = {"Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
                    "TR": {"TH", "TD"}}.get(type_)
        if expected:
            for kid in _kids(element):
                kid_type = str(kid.get("/S", ""))[1:] if isinstance(kid, Dictionary) else ""
                if kid_type not in expected:
                    self.problem(f"{where}: holds {kid_type or 'content'}, not "
                                 + " or ".join(sorted(expected)))

    def _headings(self, headings: list[tuple[int, str]]) -> None:
        level = 0
        for heading, where in headings:
            if heading > level + 1:
                self.problem(f"{where}: H{heading} after "
                             + (f"H{level}" if level else "no heading") + ", a skipped level")
            level = heading

    def _parent_tree(self, tree: Dictionary, drawn, reached) -> None:
        parents = _number_tree(tree.get("/ParentTree"))
        for number, page in enumerate(self.pages, 1):
            mcids = drawn[number]
            for mcid in sorted(set(reached.get(number, {})) - mcids):
                self.problem(f"page {number}: MCID {mcid} is in the structure tree but "
                             "not drawn")
            if not mcids:
                continue
            key = page.obj.get("/StructParents")
            entries = parents.get(int(key)) if key is not None else None
            if not isinstance(entries, Array):
                self.problem(f"page {number}: MCIDs drawn but no /StructParents entry in "
                             "the /ParentTree")
                continue
            for mcid in sorted(mcids):
                owner = reached.get(number, {}).get(mcid)
                listed = entries[mcid] if mcid < len(entries) else None
                if owner is None:
                    self.problem(f"page {number}: MCID {mcid} is not reachable from the "
                                 "structure tree")
                elif not isinstance(listed, Dictionary) or listed.objgen != owner.objgen:
                    self.problem(f"page {number}: the /ParentTree names another element "
                                 f"for MCID {mcid} than the tree does")

    def _links(self, tree: Dictionary, objrs) -> None:
        parents = _number_tree(tree.get("/ParentTree"))
        for number, page in enumerate(self.pages, 1):
            annotations = list(page.obj.get("/Annots", Array()))
            if annotations and page.obj.get("/Tabs") != Name.S:
                self.problem(f"page {number}: annotations, but no /Tabs /S")
            for annotation in annotations:
                if annotation.get("/Subtype") != Name.Link:
                    continue
                where = f"page {number}: link annotation {annotation.objgen[0]}"
                if not str(annotation.get("/Contents", "")).strip():
                    self.problem(f"{where} has no /Contents")
                key = annotation.get("/StructParent")
                owner = objrs.get(annotation.objgen)
                if owner is None or str(owner.get("/S")) != "/Link":
                    self.problem(f"{where} is not the OBJR of a Link element")
                elif key is None or getattr(parents.get(int(key)), "objgen", None) \
                        != owner.objgen:
                    self.problem(f"{where}: its /StructParent does not lead to its Link")

    # Fonts

    def _fonts(self) -> None:
        seen: set[tuple[int, int]] = set()
        for number, page in enumerate(self.pages, 1):
            for name, font in _fonts_of(page.obj.get("/Resources", Dictionary()), set()):
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                base = str(font.get("/BaseFont", name))
                if "/ToUnicode" not in font:
                    self.problem(f"page {number}: font {base} has no /ToUnicode map")
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                if font.get("/Subtype") == Name.Type3:
                    continue
                descriptor = descendant.get("/FontDescriptor", Dictionary())
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.problem(f"page {number}: font {base} is not embedded")


def _kids(element: Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _attribute(element: Dictionary, key: str):
    attributes = element.get("/A")
    for attribute in (attributes if isinstance(attributes, Array) else [attributes]):
        if isinstance(attribute, Dictionary) and key in attribute:
            return attribute[key]
    return None


def _number_tree(node) -> dict[int, pikepdf.Object]:
    """A number tree's entries (/Nums of the node and its /Kids)."""
    entries: dict[int, pikepdf.Object] = {}
    pending = [node] if isinstance(node, Dictionary) else []
    while pending:
        current = pending.pop()
        numbers = list(current.get("/Nums", Array()))
        entries.update((int(numbers[i]), numbers[i + 1]) for i in range(0, len(numbers) - 1, 2))
        pending += list(current.get("/Kids", Array()))
    return entries


def _fonts_of(resources: Dictionary, visited: set):
    """(name, font) of every font in ``resources`` and in the forms they hold."""
    yield from resources.get("/Font", Dictionary()).items()
    for xobject in resources.get("/XObject", Dictionary()).values():
        if xobject.get("/Subtype") == Name.Form and xobject.objgen not in visited:
            visited.add(xobject.objgen)
            yield from _fonts_of(xobject.get("/Resources", Dictionary()), visited)
