"""DM3xx form rules: each fires on one brief and stays quiet on another."""

from __future__ import annotations

from deckmaker.sentences import sentences

BLUF = "bluf: Beijing is losing leverage over Pyongyang.\n"
NO_HEADLINE = ("    headline: Beijing loses influence\n", "")
STATEMENT = "    statement: Beijing is likely to lose influence over Pyongyang.\n"


def test_dm301_flags_a_bluf_of_four_sentences_at_the_fourth(findings):
    assert findings("DM301", (BLUF, (
        "bluf: >-\n"
        "  Beijing is losing leverage. Moscow is the new patron. Seoul\n"
        "  and Tokyo are drifting closer to Washington. China stays silent.\n"))) == [
        "brief.yaml:5:48: DM301 the BLUF has 4 sentences; keep it to 3 and move the rest into "
        "key judgments",
    ]


def test_dm301_does_not_split_at_initials_or_inside_quotes(findings):
    assert findings("DM301", (BLUF, (
        "bluf: The U.S. and Japan agree. Beijing says \"No. Never. Not now.\" to "
        "Dr. Kim's plan. It waits.\n"))) == []


def test_sentences_split_at_end_punctuation_before_a_capital():
    text = 'One is done. "Two?" Three! 4 items. e.g. five'
    assert [text[s:e] for s, e in sentences(text)] == [
        "One is done.", '"Two?"', "Three!", "4 items. e.g. five"]


def test_sentences_split_at_a_cjk_full_stop_without_a_space():
    text = "北京保持沉默。「等待时机。」俄朝关系正在变化！结束"
    assert [text[s:e] for s, e in sentences(text)] == [
        "北京保持沉默。", "「等待时机。」", "俄朝关系正在变化！", "结束"]


def test_dm302_flags_a_long_first_sentence_without_headline(findings):
    long_sentence = ("Beijing is likely to lose much of its remaining influence over the regime "
                     "in Pyongyang to **Moscow**.")
    edit = (STATEMENT, f"    statement: {long_sentence} More.\n")
    assert findings("DM302", NO_HEADLINE, edit) == [
        "brief.yaml:6:16: DM302 key judgment 'kj1' has no headline, so slides show its first "
        "sentence (97 characters) shortened; add 'headline:' of at most 90 characters",
    ]


def test_dm302_quiet_with_a_headline_or_a_short_first_sentence(findings):
    long_statement = "    statement: " + "Beijing is likely to lose influence " * 4 + ".\n"
    assert findings("DM302", (STATEMENT, long_statement)) == []
    assert findings("DM302", NO_HEADLINE) == []
