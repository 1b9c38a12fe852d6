"""The deck master's sanitiser (deckmaker.packsafety.master): hostile masters made from
the default one are refused, located, or built into decks that refer to nothing outside
themselves; the sanitised master is cached per file version."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deckmaker.packsafety import master as sanitiser
from tests.conftest import SAMPLE
from tests.packs.helpers import (
    DEFAULT, LAYOUT, LAYOUT_RELS, MASTER, RENDER_DEADLINE_S, add_content_type, add_hyperlink,
    add_relationship, build, child_pack, deck_parts, deckmaker, error_lines, master_members,
    write_master, zero_part_master,
)

IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
OLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject"
PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
CONTROL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/control"
VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
AT = "hostile/pack.yaml:4:11: slide.master 'deck/master.pptx' is refused: "
HINT = "; use a .pptx file inside the pack (scripts/make_master.py makes one)"


def _pack_with_master(tmp_path: Path, members) -> Path:
    folder = child_pack(tmp_path / "hostile", "slide:\n  master: deck/master.pptx\n")
    (folder / "deck").mkdir()
    write_master(folder / "deck" / "master.pptx", members)
    return folder


def _refused(tmp_path: Path, members, reason: str) -> None:
    run = build(tmp_path, _pack_with_master(tmp_path, members))
    assert run.code == 2, run.stderr
    assert error_lines(run) == [AT + reason + HINT]
    assert run.written == []


def _external(members, target, rel_type=IMAGE):
    add_relationship(members, LAYOUT_RELS, "rIdHostile", rel_type, target)
    return members


def _with_part(name, data, content_type, rel_type, rels=LAYOUT_RELS, target=None):
    members = master_members()
    members[name] = data
    add_content_type(members, part=name, content_type=content_type)
    add_relationship(members, rels, "rIdHostile", rel_type,
                     target or "../" + name.removeprefix("ppt/"), external=False)
    return members


def _doctype(part: str, doctype: str):
    members = master_members()
    members[part] = members[part].replace(b"?>", b"?>" + doctype.encode(), 1)
    return members


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
                    for i in range(1, 10)) + "]>")


REFUSED = {
    "ole object": (lambda: _with_part("ppt/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0",
                                      "application/vnd.openxmlformats-officedocument.oleObject",
                                      OLE),
                   "ppt/embeddings/oleObject1.bin: is an OLE object; remove it from the master "
                   "in PowerPoint and save it again"),
    "embedded package": (lambda: _with_part("ppt/embeddings/book.xlsx", b"PK\x03\x04",
                                            "application/vnd.openxmlformats-officedocument."
                                            "spreadsheetml.sheet", PACKAGE),
                         "ppt/embeddings/book.xlsx: is an embedded object; remove it from the "
                         "master in PowerPoint and save it again"),
    "activex control": (lambda: _with_part("ppt/activeX/activeX1.xml", b"<ax/>",
                                           "application/vnd.ms-office.activeX+xml", CONTROL),
                        "ppt/activeX/activeX1.xml: is an ActiveX control; remove it from the "
                        "master in PowerPoint and save it again"),
    "external ole link": (lambda: _external(master_members(), "file:///C:/evil.xls", OLE),
                          "ppt/slideLayouts/slideLayout1.xml: relates an OLE object; remove it "
                          "from the master in PowerPoint and save it again"),
    "xxe": (lambda: _doctype(LAYOUT, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
            f"{LAYOUT}: has a document type declaration (DTD), which Office files never have "
            "(an entity or XXE attack?)"),
    "billion laughs": (lambda: _doctype("[Content_Types].xml", LAUGHS),
                       "[Content_Types].xml: has a document type declaration (DTD), which "
                       "Office files never have (an entity or XXE attack?)"),
    "broken xml": (lambda: {**master_members(), LAYOUT: b"<p:sldLayout"},
                   f"{LAYOUT}: is not well-formed XML"),
    "dot-dot name": (lambda: [*master_members().items(), ("../evil.xml", b"<x/>")],
                     "the zip member name '../evil.xml' is absolute, has '..' or a backslash"),
    "absolute name": (lambda: [*master_members().items(), ("/etc/evil.xml", b"<x/>")],
                      "the zip member name '/etc/evil.xml' is absolute, has '..' or a "
                      "backslash"),
    "backslash name": (lambda: [*master_members().items(), ("ppt\\evil.xml", b"<x/>")],
                       "the zip member name 'ppt\\evil.xml' is absolute, has '..' or a "
                       "backslash"),
    "duplicate name": (lambda: [*master_members().items(), (LAYOUT.upper(), b"<x/>")],
                       f"the zip member '{LAYOUT.upper()}' appears twice"),
    "too many members": (lambda: [*master_members().items(),
                                  *((f"customXml/item{i}.txt", b"") for i in range(1000))],
                         "has 1018 zip members; a master may have at most 1000"),
    "zip bomb ratio": (lambda: [*master_members().items(), ("ppt/media/zeros.bin",
                                                            bytes(3 * 1024 * 1024))],
                       "ppt/media/zeros.bin: expands more than 100 times (a zip bomb?)"),
    "internal target outside": (lambda: _internal("../../../../etc/passwd"),
                                "ppt/slideLayouts/slideLayout1.xml: a relationship points to "
                                "'../../../../etc/passwd', which is not a part of the master"),
    "missing part": (lambda: _internal("../media/nothing.png"),
                     "ppt/slideLayouts/slideLayout1.xml: a relationship points to "
                     "'../media/nothing.png', which is not a part of the master"),
    "not a presentation": (lambda: {n: d for n, d in master_members().items()
                                    if n != "_rels/.rels"},
                           "is not a PowerPoint file (no [Content_Types].xml or _rels/.rels)"),
}


def _internal(target):
    members = master_members()
    add_relationship(members, LAYOUT_RELS, "rIdHostile", IMAGE, target, external=False)
    return members


@pytest.mark.parametrize("case", REFUSED)
def test_a_hostile_master_is_refused_located(tmp_path, case):
    make, reason = REFUSED[case]
    _refused(tmp_path, make(), reason)


def test_a_text_file_named_pptx_is_refused(tmp_path):
    folder = child_pack(tmp_path / "hostile", "slide:\n  master: deck/master.pptx\n",
                        files={"deck/master.pptx": b"just some text\n"})
    run = build(tmp_path, folder)
    assert (run.code, error_lines(run), run.written) == (
        2, [AT + "is not a PowerPoint file (not a zip archive)" + HINT], [])


def test_a_part_over_the_member_cap_is_refused_before_reading(tmp_path):
    folder = child_pack(tmp_path / "hostile", "slide:\n  master: deck/master.pptx\n")
    (folder / "deck").mkdir()
    zero_part_master(folder / "deck" / "master.pptx", "ppt/media/big.bin", 60 * 1024 * 1024)
    run = build(tmp_path, folder)
    assert (run.code, error_lines(run), run.written) == (
        2, [AT + "ppt/media/big.bin: is 60 MB uncompressed; a part may be at most 50 MB"
            + HINT], [])


@pytest.mark.slow
def test_a_3_gib_zero_part_is_refused_fast(tmp_path):
    folder = child_pack(tmp_path / "hostile", "slide:\n  master: deck/master.pptx\n")
    (folder / "deck").mkdir()
    started = time.monotonic()
    zero_part_master(folder / "deck" / "master.pptx", "ppt/media/zeros.bin", 3 << 30)
    if time.monotonic() - started > 10:
        pytest.skip("this host takes over 10 s to compress 3 GiB of zeros")
    assert (folder / "deck" / "master.pptx").stat().st_size < 20 * 1024 * 1024
    run = build(tmp_path, folder)
    assert (run.code, error_lines(run), run.written) == (
        2, [AT + "ppt/media/zeros.bin: is 3072 MB uncompressed; a part may be at most 50 MB"
            + HINT], [])


def _external_master():
    members = master_members()
    add_relationship(members, LAYOUT_RELS, "rIdBeacon", IMAGE, "http://beacon.example/b.png")
    add_relationship(members, LAYOUT_RELS, "rIdUnc", IMAGE, "file://\\\\host\\share\\x.png")
    add_relationship(members, LAYOUT_RELS, "rIdLink", HYPERLINK, "https://example.org/")
    add_hyperlink(members, LAYOUT, "rIdLink")
    members["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    add_content_type(members, extension="bin", content_type="application/vnd.ms-office.vbaProject")
    add_relationship(members, "ppt/_rels/presentation.xml.rels", "rIdVba", VBA, "vbaProject.bin",
                     external=False)
    ct = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    members["[Content_Types].xml"] = ct
    return members


REMOVED = [
    "ppt/vbaProject.bin: the VBA project (macros)",
    "ppt/presentation.xml: the macro-enabled content type (made a plain presentation)",
    "ppt/slideLayouts/slideLayout1.xml: an external image relationship to "
    "'http://beacon.example/b.png'",
    "ppt/slideLayouts/slideLayout1.xml: an external image relationship to "
    "'file://\\\\host\\share\\x.png'",
    "ppt/slideLayouts/slideLayout1.xml: an external hyperlink relationship to "
    "'https://example.org/'",
]


def test_pack_check_lists_every_removal_and_exits_0(tmp_path):
    folder = _pack_with_master(tmp_path, _external_master())
    run = deckmaker(tmp_path, "pack", "check", str(folder))
    assert run.code == 0, run.stderr
    lines = [line.removeprefix("warning: ") for line in run.stderr.splitlines()]
    assert sorted(lines) == sorted(f"hostile/pack.yaml:4:11: PK001 slide.master: removed {r}"
                                   for r in REMOVED)
    assert run.stdout.strip().endswith("the pack 'hostile' can be used (5 items removed from "
                                       "the master)")


def test_a_deck_built_on_a_sanitised_master_refers_to_nothing_outside(tmp_path):
    folder = _pack_with_master(tmp_path, _external_master())
    run = build(tmp_path, folder, formats="pptx", deadline=RENDER_DEADLINE_S)
    assert run.code == 0, run.stderr
    data = (tmp_path / "out" / "russia-north-korea-china.pptx").read_bytes()
    names, xml, external = deck_parts(data)
    # The only external relationships are the deck's own links to the brief's sources.
    assert external and all(target.encode() in SAMPLE.read_bytes() for target in external)
    assert b"beacon" not in xml and b"vbaProject" not in xml and b"macroEnabled" not in xml
    assert not [n for n in names if "vba" in n.lower() or "activeX" in n or "oleObject" in n]
    # Embedded files are only the workbooks python-pptx gives the deck's native charts.
    assert all(n.endswith(".xlsx") for n in names if n.startswith("ppt/embeddings/"))
    prs = Presentation(tmp_path / "out" / "russia-north-korea-china.pptx")
    assert len(prs.slides) > 3
    for layout in prs.slide_layouts:
        assert all(rel.is_external is False for rel in layout.part.rels.values())


def test_the_default_master_is_clean_and_used_as_it_is():
    info = os.stat(MASTER)
    result = sanitiser.sanitise_master(MASTER, info.st_size, info.st_mtime_ns)
    assert result.path == MASTER and result.removed == ()
    assert {"deckmaker Title", "deckmaker Section", "deckmaker Content"} <= result.layouts


def test_the_sanitised_master_is_cached_per_file_version(tmp_path):
    path = write_master(tmp_path / "m.pptx", _external_master())
    info = os.stat(path)
    first = sanitiser.sanitise_master(path, info.st_size, info.st_mtime_ns)
    assert sanitiser.sanitise_master(path, info.st_size, info.st_mtime_ns) is first
    with zipfile.ZipFile(first.path) as z:
        assert "ppt/vbaProject.bin" not in z.namelist()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1000))
    assert sanitiser.sanitise_master(path, info.st_size, info.st_mtime_ns + 1000) is not first


def test_a_missing_layout_is_located_at_load(tmp_path):
    folder = child_pack(tmp_path / "hostile", "slide:\n  layouts: {title: Nope}\n")
    run = build(tmp_path, folder)
    assert (run.code, run.written) == (2, [])
    assert error_lines(run) == [
        f"{DEFAULT}/pack.yaml:13:11: slide.master 'deck/master.pptx' has no slide layout "
        "named 'Nope' (slide.layouts.title); it has deckmaker Content, deckmaker Section, "
        "deckmaker Title" + HINT]


def test_libreoffices_core_properties_type_is_made_standard(tmp_path):
    """A master saved by LibreOffice relates docProps/core.xml by a type python-pptx does
    not know; left as it was, every deck held two zip members of that name."""
    import io
    import zipfile

    from deckmaker.build import load_document
    from deckmaker.pack import BUILTIN_PACKS, load_pack
    from deckmaker.writers.pptx import render_pptx
    from tests.conftest import SAMPLE

    pack = tmp_path / "lo"
    (pack / "deck").mkdir(parents=True)
    source = BUILTIN_PACKS / "default" / "deck" / "master.pptx"
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(pack / "deck" / "master.pptx", "w") as copy:
        for info in original.infolist():
            blob = original.read(info)
            if info.filename == "_rels/.rels":
                blob = blob.replace(b"package/2006/relationships/metadata/core-properties",
                                    b"officedocument/2006/relationships/metadata/core-properties")
                assert b"officedocument/2006/relationships/metadata/core" in blob
            copy.writestr(info, blob)
    (pack / "pack.yaml").write_text("name: lo\nextends: default\n", "utf-8")
    names = zipfile.ZipFile(io.BytesIO(render_pptx(
        load_document(SAMPLE, load_pack(pack)), print))).namelist()
    assert len(names) == len(set(names))
    assert "docProps/core.xml" in names
