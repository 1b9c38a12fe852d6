"""The document model: numbering, cross-references and wording decided once."""

from __future__ import annotations

from deckmaker.brief import load_brief
from deckmaker.build import load_document
from deckmaker.inline import plain_text
from deckmaker.model import EstimativeLegend, ImplicationGroup
from deckmaker.pack import load_pack

from .conftest import SAMPLE


def test_sections_follow_the_pack_order(sample_doc, pack):
    assert [s.key for s in sample_doc.sections] == list(pack.config.sections)
    assert [s.title for s in sample_doc.sections][:3] == [
        "Bottom line up front", "Key judgments", "Evidence"]


def test_numbering_and_references(sample_doc):
    labels = [kj.label for kj in sample_doc.judgments]
    assert labels == [f"KJ{i}" for i in range(1, len(labels) + 1)]
    assert [e.label for e in sample_doc.evidence][:3] == ["E1", "E2", "E3"]
    anchors = {e.anchor for e in sample_doc.evidence}
    for kj in sample_doc.judgments:
        assert kj.evidence and all(ref.anchor in anchors for ref in kj.evidence)
    source_anchors = {s.anchor for s in sample_doc.sources}
    for ev in sample_doc.evidence:
        assert all(ref.anchor in source_anchors for ref in ev.sources)


def test_evidence_knows_the_judgments_it_supports(sample_doc):
    by_label = {e.label: e for e in sample_doc.evidence}
    for kj in sample_doc.judgments:
        for ref in kj.evidence:
            assert kj.label in [s.label for s in by_label[ref.label].supports]


def test_likelihood_and_confidence_are_worded_by_the_pack(sample_doc):
    kj = sample_doc.judgments[0]
    assert kj.confidence_text == f"{kj.confidence.capitalize()} confidence"
    assert kj.likelihood_text.startswith(kj.likelihood.capitalize() + " (")


def test_implications_grouped_by_actor_in_first_seen_order(sample_doc):
    actors = [imp.actor for imp in load_brief(SAMPLE).implications]
    groups = list(sample_doc.blocks_of(ImplicationGroup))
    assert [g.actor for g in groups] == list(dict.fromkeys(actors))
    assert [len(g.items) for g in groups] == [actors.count(g.actor) for g in groups]
    assert all(g.heading == f"For {g.actor}" for g in groups if g.actor)


def test_estimative_legend_shows_the_brief_scale(sample_doc):
    legend = next(sample_doc.blocks_of(EstimativeLegend))
    assert legend.scale == "ICD 203"
    assert ("roughly even chance", "45–55%") in legend.terms
    assert set(legend.used_terms) == {kj.likelihood for kj in sample_doc.judgments}


def test_a_label_changed_in_the_pack_changes_the_model(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: relabel\nextends: default\n")
    (tmp_path / "text.yaml").write_text("section:\n  key_judgments: Main findings\n"
                                        "number:\n  judgment: \"F{{ n }}\"\n")
    doc = load_document(SAMPLE, load_pack(tmp_path))
    assert doc.section("key_judgments").title == "Main findings"
    assert doc.judgments[0].label == "F1"


def test_hostile_text_stays_data(large_doc):
    statement = plain_text(large_doc.judgments[0].statement)
    assert "{{ 7*7 }}" in statement and "<script>" in statement and "AT&T" in statement


def test_tlp_marking_colours(large_doc, sample_doc):
    assert (large_doc.marking.tlp, large_doc.marking.foreground,
            large_doc.marking.background) == ("TLP:AMBER", "#FFC000", "#000000")
    assert sample_doc.marking.text == "TLP:CLEAR"


def test_fallback_headline_is_the_first_sentence_initials_included(tmp_path):
    text = SAMPLE.read_text("utf-8").replace(
        "    headline: Russia's embrace of Pyongyang is draining China's leverage over Kim\n", "", 1
    ).replace("      As Moscow becomes", "      U.S. officials agree. As Moscow becomes", 1)
    brief = tmp_path / "b.yaml"
    brief.write_text(text, "utf-8")
    doc = load_document(brief, load_pack())
    assert plain_text(doc.judgments[0].headline) == "U.S. officials agree."
    assert plain_text(doc.judgments[1].headline).startswith("Beijing is likely to stay quiet")


def test_one_confidence_mark_with_dots_word_and_meaning(sample_doc):
    marks = {kj.confidence: kj.confidence_mark for kj in sample_doc.judgments}
    assert (marks["high"].dots, marks["moderate"].dots, marks["low"].dots) == (
        "\u25cf\u25cf\u25cf", "\u25cf\u25cf\u25cb", "\u25cf\u25cb\u25cb")
    assert marks["moderate"].text == "Moderate confidence"
    assert marks["low"].meaning.startswith("Scant, questionable or fragmented information")
    # One neutral colour: red, amber and green read as threat levels.
    assert len({mark.colour for mark in marks.values()}) == 1


def test_the_likelihood_chip_in_parts(sample_doc):
    kj = sample_doc.judgments[0]
    assert (kj.likelihood_text, kj.likelihood_word, kj.likelihood_range) == (
        "Very likely (80\u201395%)", "Very likely", "80\u201395%")


def test_references_are_in_number_order(sample_doc):
    for kj in sample_doc.judgments:
        numbers = [int(r.label[1:]) for r in kj.evidence]
        assert numbers == sorted(numbers)
    for ev in sample_doc.evidence:
        assert [r.label for r in ev.sources] == sorted(r.label for r in ev.sources)


def test_brief_text_is_typeset_pack_wording_and_links_are_not(tmp_path):
    brief = tmp_path / "b.yaml"
    brief.write_text(SAMPLE.read_text("utf-8").replace(
        "bluf: >-\n", "bluf: >-\n  \"Quoted\" [a 'link'](https://example.org/it's-1) - then\n", 1),
        "utf-8")
    doc = load_document(brief, load_pack())
    first = doc.bluf[0].spans
    assert plain_text(first).startswith("\u201cQuoted\u201d a \u2018link\u2019 \u2013 then")
    assert [s.href for s in first if s.href] == ["https://example.org/it's-1"]
    assert "\u2019" in doc.title  # "Beijing's" in the title
    assert doc.section("key_judgments").title == "Key judgments"


def test_plain_typography_keeps_brief_text_as_typed(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: plain\nextends: default\n"
                                        "options: {typography: plain}\n")
    doc = load_document(SAMPLE, load_pack(tmp_path))
    assert doc.title == "Moscow-Pyongyang Alignment Erodes Beijing's Position in Northeast Asia"


def test_language_comes_from_the_brief_else_the_pack(tmp_path, sample_doc):
    assert sample_doc.language == "en"
    brief = tmp_path / "b.yaml"
    brief.write_text(SAMPLE.read_text("utf-8").replace("date:", "language: en-GB\ndate:", 1),
                     "utf-8")
    assert load_document(brief, load_pack()).language == "en-GB"


def test_bluf_short_is_kept_for_the_slides(tmp_path, sample_doc):
    assert sample_doc.bluf_short is None
    brief = tmp_path / "b.yaml"
    brief.write_text(SAMPLE.read_text("utf-8").replace(
        "date:", "bluf_short: Moscow's pact with Pyongyang costs Beijing leverage.\ndate:", 1),
        "utf-8")
    doc = load_document(brief, load_pack())
    assert plain_text(doc.bluf_short) == "Moscow\u2019s pact with Pyongyang costs Beijing leverage."


def test_the_source_title_can_be_found_in_the_source_line_to_link_it(sample_doc):
    assert sample_doc.source_title in sample_doc.source_line
