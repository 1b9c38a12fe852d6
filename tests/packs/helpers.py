"""Hostile template packs for the tests: a child of the default pack in a temporary
folder, hostile masters made from the default master with zipfile and lxml, and a
build run as a user runs it (a subprocess, with a deadline)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tests.conftest import ROOT, SAMPLE

DEFAULT = ROOT / "templates" / "default"
MASTER = DEFAULT / "deck" / "master.pptx"
# A hostile case must end, not hang: each takes about a second of CPU and must end well
# within 5 s on a quiet host; the timeouts are generous so that a busy test host does not
# fail them, while a hang (which never ends) still does.
DEADLINE_S = 30
RENDER_DEADLINE_S = 90  # a build that renders the memo and deck first
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
LAYOUT = "ppt/slideLayouts/slideLayout1.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"


def child_pack(folder: Path, settings: str = "", text: str | None = None,
               files: dict[str, bytes] | None = None) -> Path:
    """A pack in ``folder`` extending the default one, with extra ``settings`` (YAML
    lines after ``name``/``extends``), its own text.yaml and files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(f"name: hostile\nextends: default\n{settings}", "utf-8")
    if text is not None:
        (folder / "text.yaml").write_text(text, "utf-8")
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    written: list[str]


def build(tmp_path: Path, pack: Path, *, formats: str = "pdf,pptx,eml",
          extra: tuple[str, ...] = (), deadline: float = DEADLINE_S) -> Run:
    """``deckmaker build`` of the sample brief with ``pack`` into tmp_path/out, in a
    subprocess that must finish within the deadline; what it wrote in --out."""
    out = tmp_path / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1",
           "COLUMNS": "1000", "DECKMAKER_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "deckmaker", "build", str(SAMPLE), "--template", str(pack),
         "--out", str(out), "--format", formats, "-j", "1", *extra],
        capture_output=True, text=True, timeout=deadline, env=env, cwd=tmp_path)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*")) if out.exists() else []
    return Run(done.returncode, done.stdout, done.stderr, written)


def deckmaker(tmp_path: Path, *args: str) -> Run:
    """Any deckmaker command in a subprocess with the deadline."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "1000",
           "DECKMAKER_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "deckmaker", *args], capture_output=True,
                          text=True, timeout=DEADLINE_S, env=env, cwd=tmp_path)
    return Run(done.returncode, done.stdout, done.stderr, [])


def error_lines(run: Run) -> list[str]:
    """The error lines of a run, without the 'error: ' prefix and the build summary."""
    lines = []
    for line in (run.stderr + run.stdout).splitlines():
        line = line.removeprefix("error: ").strip()
        if line and not line.startswith(("0 built", "✗", "1 failed")) and "built," not in line:
            lines.append(line)
    return lines


# -- masters


def master_members() -> dict[str, bytes]:
    with zipfile.ZipFile(MASTER) as z:
        return {name: z.read(name) for name in z.namelist()}


def write_master(path: Path, members: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            z.writestr(name, data)
    return path


def add_relationship(members: dict[str, bytes], rels: str, rel_id: str, rel_type: str,
                     target: str, external: bool = True) -> None:
    root = etree.fromstring(members[rels])
    rel = etree.SubElement(root, f"{{{RELS_NS}}}Relationship", Id=rel_id, Type=rel_type,
                           Target=target)
    if external:
        rel.set("TargetMode", "External")
    members[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def add_content_type(members: dict[str, bytes], *, extension: str | None = None,
                     part: str | None = None, content_type: str) -> None:
    root = etree.fromstring(members["[Content_Types].xml"])
    if extension:
        etree.SubElement(root, f"{{{CT_NS}}}Default", Extension=extension,
                         ContentType=content_type)
    else:
        etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=f"/{part}",
                         ContentType=content_type)
    members["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True,
                                                    encoding="UTF-8")


def add_hyperlink(members: dict[str, bytes], part: str, rel_id: str) -> None:
    """An a:hlinkClick using ``rel_id`` on the first run properties of ``part``."""
    root = etree.fromstring(members[part])
    props = next(root.iter(f"{{{A_NS}}}defRPr", f"{{{A_NS}}}rPr", f"{{{A_NS}}}endParaRPr"))
    etree.SubElement(props, f"{{{A_NS}}}hlinkClick").set(f"{{{R_NS}}}id", rel_id)
    members[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def zero_part_master(path: Path, name: str, size: int) -> Path:
    """The default master plus a part of ``size`` zero bytes, streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for member, data in master_members().items():
            z.writestr(member, data)
        chunk = bytes(1 << 22)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as part:
            left = size
            while left > 0:
                part.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
    return path


def deck_parts(data: bytes) -> tuple[list[str], bytes, list[str]]:
    """The member names of a deck, all of its XML joined (to search) and the targets of
    its external relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        xml = b"".join(z.read(n) for n in names if n.endswith((".xml", ".rels")))
        external = [rel.get("Target") for n in names if n.endswith(".rels")
                    for rel in etree.fromstring(z.read(n)).iter(f"{{{RELS_NS}}}Relationship")
                    if rel.get("TargetMode") == "External"]
    return names, xml, external
