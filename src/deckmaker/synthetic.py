"""Synthetic briefs of chosen sizes, for tests and the benchmark.

Text mixes scripts (Latin, Greek, Cyrillic, Vietnamese, CJK) and markup-looking
strings so every writer is exercised on hostile and multilingual input.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

HOSTILE = ("AT&T <b>not bold</b> 0.1 < x {{ 7*7 }} {% if %} <img src=x> "
           "<script>alert(1)</script> \\n *stray")
SIZES = {
    "small": {"judgments": 4, "evidence": 8, "figures": 1},
    "medium": {"judgments": 10, "evidence": 30, "figures": 4},
    "large": {"judgments": 25, "evidence": 150, "figures": 20},
}
_WORDS = ("regional stability alliance leverage deterrence sanctions treaty summit "
          "escalation cooperation military exercise diplomacy pressure signals").split()
_SCRIPTS = ("Ελληνικά κείμενα", "Русский текст", "Tiếng Việt có dấu", "中文文本换行测试")
_TYPES = ("column", "bar", "line", "pie")
_LIKELIHOOD = ("almost no chance", "very unlikely", "unlikely", "roughly even chance",
               "likely", "very likely", "almost certain")


def _sentence(seed: int, words: int) -> str:
    return " ".join(_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(words)).capitalize()


def synthetic_brief(judgments: int = 4, evidence: int = 8, figures: int = 1) -> dict[str, Any]:
    """A valid brief as plain data with the given numbers of items."""
    sources = [{"id": f"s{i}", "title": f"Source report {i}: {_sentence(i, 5)}",
                "author": "Analyst Name", "publisher": "Example Institute",
                "date": dt.date(2024, 1 + i % 12, 1 + i % 28),
                "url": f"https://example.org/reports/{i}/a-very-long-path-segment-that-needs-breaking"}
               for i in range(1, max(2, evidence // 5) + 1)]
    items = []
    for i in range(1, evidence + 1):
        item: dict[str, Any] = {
            "id": f"e{i}", "claim": f"{_sentence(i, 14)} ({_SCRIPTS[i % len(_SCRIPTS)]}).",
            "detail": f"{_sentence(i + 1, 30)}. {HOSTILE if i == 1 else ''}".strip(),
            "sources": [sources[i % len(sources)]["id"]],
        }
        if i % 10 == 3:
            item["quote"] = {"text": f"{_sentence(i, 12)}.", "by": "An official"}
        if i <= figures:
            kind = _TYPES[(i - 1) % len(_TYPES)]
            categories = [str(2018 + k) for k in range(6)]
            series = [{"name": f"Series {s}", "values": [float((k + 1) * (s + 2) + i % 5)
                                                          for k in range(6)]}
                      for s in range(1 if kind == "pie" else 2)]
            item["figure"] = {"type": kind, "title": f"Chart {i}: {_sentence(i, 4)}",
                              "unit": "events", "categories": categories, "series": series}
        items.append(item)
    kjs = [{"id": f"kj{i}", "statement": f"{_sentence(i, 22)} is {_LIKELIHOOD[i % 7]} to continue.",
            "headline": _sentence(i, 8)[:90],
            "confidence": ("high", "moderate", "low")[i % 3], "likelihood": _LIKELIHOOD[i % 7],
            "evidence": [f"e{(i * k) % evidence + 1}" for k in (1, 2, 3)] if evidence else []}
           for i in range(1, judgments + 1)]
    kjs[0]["statement"] = f"{kjs[0]['statement']} **Bold** and *italic* with {HOSTILE}"
    return {
        "title": f"Synthetic brief with {judgments} judgments and {evidence} evidence items",
        "subtitle": "Generated for tests and benchmarks", "date": dt.date(2025, 2, 10),
        "author": "deckmaker test suite", "prepared_for": "Quality assurance",
        "marking": "TLP:AMBER", "tags": ["synthetic", "test"],
        "source": {"title": "A synthetic source", "author": "Nobody", "publisher": "Nowhere",
                   "date": dt.date(2025, 2, 1), "url": "https://example.org/source"},
        "bluf": f"{_sentence(1, 25)}. {_sentence(2, 20)} [with a link](https://example.org/bluf).",
        "key_judgments": kjs, "evidence": items,
        "implications": [{"text": f"{_sentence(i, 18)}.",
                          "for": ("China", "United States", None)[i % 3]} for i in range(1, 7)],
        "recommendations": [{"text": f"{_sentence(i, 15)}.", "owner": "Policy planning"}
                            for i in range(1, 4)],
        "indicators": [f"{_sentence(i, 10)}." for i in range(1, 6)],
        "sources": sources,
    }


def write_synthetic_brief(path: Path, size: str = "small", **counts: int) -> Path:
    """Write a synthetic brief of a named size (small, medium, large) to ``path``;
    ``counts`` (judgments, evidence, figures) override the size's numbers."""
    data = synthetic_brief(**{**SIZES[size], **counts})
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), "utf-8")
    return path
