"""The deck's acceptance briefs besides the sample: a minimal one, a multi-script one
(Latin, Cyrillic, Greek, CJK, Korean), a hostile-text one and a 25-judgment one with
figures, written to a folder and composed with the default pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from deckmaker.build import load_document
from deckmaker.synthetic import write_synthetic_brief

HOSTILE_TEXT = "{{ 7*7 }} <b>not bold</b> %(name)s R&D 5 < 6 > 4"

MINIMAL = {
    "title": "Minimal brief",
    "date": dt.date(2025, 3, 1),
    "bluf": "One sentence is the whole bottom line.",
    "key_judgments": [{"statement": "Something is likely to happen soon.",
                       "likelihood": "likely", "confidence": "low"}],
    "implications": [{"text": "Plan for it."}],
}

MULTISCRIPT = {
    "title": "Многоязычный брифинг · Πολύγλωσσο · 多语种简报 · 다국어 브리핑",
    "date": dt.date(2025, 3, 1),
    "language": "en",
    "bluf": ("Москва и Пхеньян углубляют сотрудничество; η Αθήνα παρακολουθεί. "
             "北京对平壤的影响力很可能继续缩小。 서울과 도쿄는 워싱턴과 더 가까워지고 있다. "
             "Zürich's café notes the naïve façade."),
    "key_judgments": [
        {"statement": "Москва, вероятно, продолжит поставки оружия в Пхеньян.",
         "headline": "Москва, вероятно, продолжит поставки оружия",
         "likelihood": "likely", "confidence": "moderate", "evidence": ["e1", "e2"]},
        {"statement": "中国很可能继续避免公开批评俄罗斯和朝鲜，以维持与两国的战略关系。",
         "likelihood": "very likely", "confidence": "high", "evidence": ["e2", "e3"]},
        {"statement": "한국과 일본은 미국과의 안보 협력을 더욱 강화할 가능성이 높다.",
         "likelihood": "likely", "confidence": "low", "evidence": ["e3"]},
        {"statement": "Η Αθήνα είναι πιθανό να ενισχύσει τη συνεργασία με την Ευρώπη.",
         "likelihood": "roughly even chance", "confidence": "moderate", "evidence": ["e1"]},
    ],
    "evidence": [
        {"id": "e1", "claim": "Российские поставки выросли в 2024 году, по данным источника.",
         "sources": ["s1"],
         "figure": {"type": "column", "title": "Поставки выросли в 2024 году",
                    "categories": ["2022", "2023", "2024"],
                    "series": [{"name": "Поставки", "values": [1, 2, 5]}]}},
        {"id": "e2", "claim": "中方表示不知道朝鲜军队在俄罗斯的情况，并拒绝发表评论。",
         "sources": ["s1"]},
        {"id": "e3", "claim": "2023년 캠프 데이비드 정상회의는 한미일 안보 협력의 이정표였다.",
         "sources": ["s1"]},
    ],
    "implications": [
        {"for": "Китай", "text": "Пекин теряет рычаги влияния — διπλωματική απομόνωση."},
        {"for": "中国", "text": "北京的经济生命线作用减弱，约束朝鲜的手段更少。"},
        {"for": "대한민국", "text": "서울은 3자 방위 통합을 더욱 강화할 것이다."},
    ],
    "sources": [{"id": "s1", "title": "Πηγή · Источник · 来源 · 출처", "publisher": "Example",
                 "date": dt.date(2025, 2, 5), "url": "https://example.org/s1"}],
}


def hostile_brief() -> dict:
    """Text that looks like templates, markup and format strings everywhere a brief
    puts text on a slide."""
    return {
        "title": f"Hostile {HOSTILE_TEXT}",
        "subtitle": HOSTILE_TEXT,
        "date": dt.date(2025, 3, 1),
        "marking": "TLP:AMBER",
        "bluf": f"The bottom line is {HOSTILE_TEXT} and nothing else.",
        "key_judgments": [{"statement": f"A judgment about {HOSTILE_TEXT} is likely to hold.",
                           "headline": f"Headline {HOSTILE_TEXT}", "likelihood": "likely",
                           "confidence": "moderate", "evidence": ["e1"]}],
        "evidence": [{"id": "e1", "claim": f"The claim {HOSTILE_TEXT}.",
                      "detail": f"Detail {HOSTILE_TEXT}.", "sources": ["s1"],
                      "figure": {"type": "bar", "title": f"R&D spending rose {HOSTILE_TEXT}",
                                 "categories": ["R&D", "<b>", "{{ x }}"],
                                 "series": [{"name": "%(name)s", "values": [1, 2, 3]}]}}],
        "implications": [{"for": "R&D <b>", "text": f"For them {HOSTILE_TEXT}."}],
        "recommendations": [{"text": f"Do {HOSTILE_TEXT}.", "owner": "R&D"}],
        "indicators": [f"Watch {HOSTILE_TEXT}."],
        "sources": [{"id": "s1", "title": f"Source {HOSTILE_TEXT}", "publisher": "R&D Ltd",
                     "date": dt.date(2025, 2, 5), "url": "https://example.org/a?b=1&c=2"}],
    }


def write_briefs(folder: Path) -> dict[str, Path]:
    """The four briefs as YAML files in ``folder``, by name."""
    paths = {}
    for name, data in (("minimal", MINIMAL), ("multiscript", MULTISCRIPT),
                       ("hostile", hostile_brief())):
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        paths[name] = path
    paths["judgments25"] = write_synthetic_brief(folder / "judgments25.yaml", "large",
                                                 evidence=60, figures=12)
    return paths


def load_briefs(folder: Path, pack) -> dict:
    return {name: load_document(path, pack) for name, path in write_briefs(folder).items()}
