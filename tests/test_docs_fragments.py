"""docs/template-packs.md holds exactly the fragment table the code generates."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_doc_table_is_generated():
    spec = importlib.util.spec_from_file_location("fragment_table",
                                                  ROOT / "scripts" / "fragment_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = (ROOT / "docs" / "template-packs.md").read_text("utf-8")
    start, end = doc.index(module.BEGIN), doc.index(module.END) + len(module.END)
    assert doc[start:end] == module.table()
