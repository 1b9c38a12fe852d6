"""The deck master, sanitised before any deck is built on it, so that no deck refers
to anything outside itself and no master can exhaust memory.

Refused (a located pack error; fix the master in PowerPoint):
- a file that is not a zip of a PowerPoint presentation;
- a zip over the caps: more than 1000 members, a member over 50 MB or all of them over
  100 MB uncompressed, a member over 1 MB that is more than 100 times its compressed size
  (a zip bomb), a name that is absolute, has '..' or a backslash, or repeats another
  (OPC names ignore case), an encrypted member or one neither stored nor deflated;
- XML that is not well-formed or has a document type declaration (Office files never
  do: entity expansion and XXE need one); parsed with entities and network off;
- a relationship to a part outside the package or missing from it;
- OLE objects, embedded packages and ActiveX controls (their parts, relationships or
  elements): they run or open other programs, and removing them would leave holes in the
  slides that carry them.

Removed (reported by ``deckmaker pack check``; the deck is built without them):
- every external relationship (TargetMode="External": linked pictures, media and files,
  hyperlinks, UNC paths), with the attributes and link elements that use it;
- hyperlink actions that run a macro or a program;
- the VBA project (vbaProject.bin, its relationship and content types; a macro-enabled
  presentation becomes a plain one).

A clean master is handed to the deck writer as it is; a master with something removed,
as a sanitised copy in a private temporary folder of this process. Results are cached
per file version (path, size, modification time) for the life of the process.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import posixpath
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from deckmaker.packsafety.files import MASTER_CAP, MB

MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 50 * MB
MAX_TOTAL_BYTES = 100 * MB
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 * MB

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
CONTENT_TYPES = "[Content_Types].xml"
PRESENTATION_MAIN = ("application/vnd.openxmlformats-officedocument.presentationml."
                     "presentation.main+xml")
_MACRO_MAINS = {
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
}
_PLAIN_MAINS = {
    PRESENTATION_MAIN,
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
}
# Relationship types (their last path segment) and content types of refused kinds.
_REFUSED_RELS = {"oleObject": "an OLE object", "package": "an embedded package",
                 "control": "an ActiveX control", "activeXControlBinary": "an ActiveX control"}
_REFUSED_CONTENT = {"officedocument.oleObject": "an OLE object",
                    "ms-office.activeX": "an ActiveX control"}
# Embedded files (packages, OLE data) and ActiveX parts live in these folders.
_REFUSED_FOLDERS = ("ppt/embeddings/", "ppt/activeX/")
_REFUSED_ELEMENTS = {f"{{{P_NS}}}oleObj": "an OLE object",
                     f"{{{P_NS}}}control": "an ActiveX control",
                     f"{{{P_NS}}}embed": "an OLE object"}
_VBA_CONTENT = ("vbaProject", "vbaData", "ms-office.vbaPart")
# Link elements removed whole with their external relationship; media links need theirs.
_LINK_ELEMENTS = {f"{{{A_NS}}}{name}" for name in (
    "hlinkClick", "hlinkHover", "hlinkMouseOver", "videoFile", "audioFile", "quickTimeFile",
    "wavAudioFile")}


class MasterRefused(Exception):
    """The master may not be used; ``part`` is the zip member at fault (or "")."""

    def __init__(self, reason: str, part: str = "") -> None:
        super().__init__(f"{part}: {reason}" if part else reason)
        self.part = part
        self.reason = reason


@dataclass(frozen=True)
class SanitisedMaster:
    """The master the deck writer gets, what was removed and the layouts it has."""

    path: Path
    removed: tuple[str, ...] = ()
    layouts: frozenset[str] = field(default_factory=frozenset)


_CORE_PROPERTIES = ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                    "core-properties")
_LEGACY_CORE_PROPERTIES = ("http://schemas.openxmlformats.org/officedocument/2006/relationships/"
                           "metadata/core-properties")


def sanitise_master(path: Path, size: int, mtime_ns: int) -> SanitisedMaster:
    """The sanitised master at ``path`` (already confined and under the size cap),
    computed once per file version; raises MasterRefused."""
    return _sanitised(str(path), size, mtime_ns)


@lru_cache(maxsize=8)
def _sanitised(path: str, size: int, mtime_ns: int) -> SanitisedMaster:
    with open(path, "rb") as file:
        data = file.read(MASTER_CAP + 1)
    if len(data) > MASTER_CAP:
        raise MasterRefused(f"is over the {MASTER_CAP // MB} MB cap")
    package = _Package(data)
    package.sanitise()
    if not package.removed and not package.changed:
        return SanitisedMaster(Path(path), (), package.layouts)
    return SanitisedMaster(_write_copy(package.rebuilt()), tuple(package.removed),
                           package.layouts)


def _part_of_rels(rels_name: str) -> str:
    """The part a relationships member belongs to ("" for the package)."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def _kind(type_uri: str) -> str:
    return type_uri.rstrip("/").rsplit("/", 1)[-1]


def _shown(target: str) -> str:
    """A relationship target as the report shows it: printable and short."""
    text = "".join(c if c.isprintable() else "?" for c in target)
    return text if len(text) <= 60 else text[:57] + "..."


class _Package:
    """The master's zip, checked, with its XML parsed and what sanitising changes."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError):
            raise MasterRefused("is not a PowerPoint file (not a zip archive)") from None
        self.infos = self._checked_infos()
        self.blobs: dict[str, bytes] = {}
        self.trees: dict[str, object] = {}
        self.dropped: set[str] = set()
        self.changed: set[str] = set()
        self.removed: list[str] = []
        self.layouts: frozenset[str] = frozenset()

    def _checked_infos(self) -> list[zipfile.ZipInfo]:
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise MasterRefused(f"has {len(infos)} zip members; a master may have at most "
                                f"{MAX_MEMBERS}")
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            shown = _shown(name)
            if not name or name.startswith("/") or "\\" in name or ".." in name.split("/") \
                    or ":" in name or "\0" in name:
                raise MasterRefused(f"the zip member name '{shown}' is absolute, has '..' or "
                                    "a backslash")
            if name.lower() in seen:
                raise MasterRefused(f"the zip member '{shown}' appears twice")
            seen.add(name.lower())
            if info.flag_bits & 0x1:
                raise MasterRefused("is encrypted", name)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise MasterRefused("uses a compression other than deflate", name)
            if info.file_size > MAX_MEMBER_BYTES:
                raise MasterRefused(f"is {info.file_size // MB} MB uncompressed; a part may "
                                    f"be at most {MAX_MEMBER_BYTES // MB} MB", name)
            if info.file_size > RATIO_FROM_BYTES \
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise MasterRefused(f"expands more than {MAX_RATIO} times (a zip bomb?)", name)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise MasterRefused(f"its parts are over {MAX_TOTAL_BYTES // MB} MB "
                                    "uncompressed in all")
        return infos

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        chunks, size = [], 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(1 << 20):
                    size += len(chunk)
                    if size > info.file_size:
                        raise MasterRefused("is larger than its zip entry says", info.filename)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise MasterRefused(f"is damaged ({type(exc).__name__})", info.filename) from None
        return b"".join(chunks)

    def _parse(self, name: str, blob: bytes):
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 dtd_validation=False, huge_tree=False)
        try:
            tree = etree.fromstring(blob, parser).getroottree()
        except etree.XMLSyntaxError:
            raise MasterRefused("is not well-formed XML", name) from None
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            raise MasterRefused("has a document type declaration (DTD), which Office files "
                                "never have (an entity or XXE attack?)", name)
        return tree

    def sanitise(self) -> None:
        for info in self.infos:
            blob = self._read(info)
            self.blobs[info.filename] = blob
            if info.filename.endswith((".xml", ".rels")):
                self.trees[info.filename] = self._parse(info.filename, blob)
        if CONTENT_TYPES not in self.trees or "_rels/.rels" not in self.trees:
            raise MasterRefused("is not a PowerPoint file (no [Content_Types].xml or "
                                "_rels/.rels)")
        self._refuse_embedded_parts()
        self._remove_vba()
        for name in sorted(n for n in self.trees if n.endswith(".rels")):
            self._check_relationships(name)
        self._remove_macro_actions()
        self._standard_core_properties()
        self._check_main_part()
        self.layouts = frozenset(
            str(name) for part, tree in self.trees.items()
            if part.startswith("ppt/slideLayouts/") and part.endswith(".xml")
            for name in tree.getroot().xpath("./p:cSld/@name", namespaces={"p": P_NS}))

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = self.trees[CONTENT_TYPES].getroot()
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                    for d in root.iter(f"{{{CT_NS}}}Default")}
        overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                     for o in root.iter(f"{{{CT_NS}}}Override")}
        return defaults, overrides

    def _content_type(self, name: str) -> str:
        defaults, overrides = self._content_types()
        return overrides.get(name.lower()) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")

    def _refuse_embedded_parts(self) -> None:
        for name in self.blobs:
            content_type = self._content_type(name)
            what = next((what for marker, what in _REFUSED_CONTENT.items()
                         if marker.lower() in content_type.lower()), None)
            if what is None and name.startswith(_REFUSED_FOLDERS):
                what = "an embedded object"
            if what:
                raise MasterRefused(f"is {what}; remove it from the master in PowerPoint "
                                    "and save it again", name)
        for name, tree in self.trees.items():
            for tag, what in _REFUSED_ELEMENTS.items():
                if next(tree.getroot().iter(tag), None) is not None:
                    raise MasterRefused(f"holds {what}; remove it from the master in "
                                        "PowerPoint and save it again", name)

    def _is_vba(self, name: str) -> bool:
        content_type = self._content_type(name)
        return name.lower().endswith("vbaproject.bin") or any(
            marker in content_type for marker in _VBA_CONTENT)

    def _remove_vba(self) -> None:
        for name in [n for n in self.blobs if self._is_vba(n)]:
            self._drop(name)
            self.removed.append(f"{name}: the VBA project (macros)")

    def _drop(self, name: str) -> None:
        self.dropped.add(name)
        rels = posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels")
        if rels in self.blobs:
            self.dropped.add(rels)
        root = self.trees[CONTENT_TYPES].getroot()
        for override in list(root.iter(f"{{{CT_NS}}}Override")):
            if override.get("PartName", "").lstrip("/").lower() == name.lower():
                root.remove(override)
        self.changed.add(CONTENT_TYPES)

    def _check_relationships(self, rels_name: str) -> None:
        if rels_name in self.dropped:
            return
        source = _part_of_rels(rels_name)
        root = self.trees[rels_name].getroot()
        removed_ids: set[str] = set()
        for rel in list(root.iter(f"{{{PKG_RELS_NS}}}Relationship")):
            kind, target = _kind(rel.get("Type", "")), rel.get("Target", "")
            if kind in _REFUSED_RELS:
                raise MasterRefused(f"relates {_REFUSED_RELS[kind]}; remove it from the "
                                    "master in PowerPoint and save it again", source or rels_name)
            if rel.get("TargetMode") == "External":
                root.remove(rel)
                removed_ids.add(rel.get("Id", ""))
                self.removed.append(f"{source or rels_name}: an external {kind} relationship "
                                    f"to '{_shown(target)}'")
                continue
            if target.startswith("/"):
                resolved = posixpath.normpath(target.lstrip("/"))
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            if resolved in self.dropped:
                root.remove(rel)
                removed_ids.add(rel.get("Id", ""))
                continue
            if resolved.startswith("../") or resolved == ".." or "://" in target \
                    or resolved not in self.blobs:
                raise MasterRefused(f"a relationship points to '{_shown(target)}', which is not "
                                    "a part of the master", source or rels_name)
        if removed_ids:
            self.changed.add(rels_name)
            if source in self.trees:
                self._unlink(source, removed_ids)

    def _standard_core_properties(self) -> None:
        """LibreOffice relates the core properties by a type of its own (``officedocument``
        where the standard says ``package``): python-pptx then misses them, adds its own
        /docProps/core.xml and saves two zip members of that name. Use the standard type."""
        for rel in self.trees["_rels/.rels"].getroot().iter(f"{{{PKG_RELS_NS}}}Relationship"):
            if rel.get("Type") == _LEGACY_CORE_PROPERTIES:
                rel.set("Type", _CORE_PROPERTIES)
                self.changed.add("_rels/.rels")

    def _unlink(self, part: str, ids: set[str]) -> None:
        """Remove from ``part`` the link elements and relationship attributes using ``ids``."""
        tree = self.trees[part]
        for element in list(tree.getroot().iter()):
            attributes = [key for key, value in element.attrib.items()
                          if key.startswith(f"{{{R_NS}}}") and value in ids]
            if not attributes:
                continue
            if element.tag in _LINK_ELEMENTS and element.getparent() is not None:
                element.getparent().remove(element)
            else:
                for key in attributes:
                    del element.attrib[key]
        self.changed.add(part)

    def _remove_macro_actions(self) -> None:
        for name, tree in self.trees.items():
            for tag in ("hlinkClick", "hlinkHover", "hlinkMouseOver"):
                for element in list(tree.getroot().iter(f"{{{A_NS}}}{tag}")):
                    action = element.get("action", "")
                    if action.startswith(("ppaction://macro", "ppaction://program")) \
                            and element.getparent() is not None:
                        element.getparent().remove(element)
                        self.changed.add(name)
                        self.removed.append(f"{name}: a link that runs a "
                                            f"{action.split('//')[1].split('?')[0]}")

    def _check_main_part(self) -> None:
        package_rels = self.trees["_rels/.rels"].getroot()
        main = [rel.get("Target", "").lstrip("/")
                for rel in package_rels.iter(f"{{{PKG_RELS_NS}}}Relationship")
                if _kind(rel.get("Type", "")) == "officeDocument"]
        if not main or main[0] not in self.trees:
            raise MasterRefused("is not a PowerPoint presentation (it has no main part)")
        content_type = self._content_type(main[0])
        if content_type in _MACRO_MAINS:
            root = self.trees[CONTENT_TYPES].getroot()
            for override in root.iter(f"{{{CT_NS}}}Override"):
                if override.get("PartName", "").lstrip("/").lower() == main[0].lower():
                    override.set("ContentType", PRESENTATION_MAIN)
            self.changed.add(CONTENT_TYPES)
            self.removed.append(f"{main[0]}: the macro-enabled content type (made a plain "
                                "presentation)")
        elif content_type not in _PLAIN_MAINS:
            raise MasterRefused("is not a PowerPoint presentation (its main part is "
                                f"'{_shown(content_type)}')", main[0])

    def rebuilt(self) -> bytes:
        """The package with the changes made, members in their original order."""
        from lxml import etree

        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as rebuilt:
            for info in self.infos:
                if info.filename in self.dropped:
                    continue
                tree = self.trees.get(info.filename)
                blob = self.blobs[info.filename]
                if tree is not None and info.filename in self.changed:
                    blob = etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
                rebuilt.writestr(info, blob, compress_type=info.compress_type)
        return out.getvalue()


_COPIES: list[Path] = []


def _write_copy(data: bytes) -> Path:
    """``data`` as a file in this process's private temporary folder (mode 0700),
    named by its hash so the same master is written once."""
    if not _COPIES:
        folder = Path(tempfile.mkdtemp(prefix="deckmaker-master-"))
        _COPIES.append(folder)
        atexit.register(shutil.rmtree, folder, True)
    target = _COPIES[0] / f"{hashlib.sha256(data).hexdigest()[:24]}.pptx"
    if not target.is_file():
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
    return target
