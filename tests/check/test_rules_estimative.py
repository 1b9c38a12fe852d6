"""DM1xx estimative-language rules: each fires on one brief and stays quiet on another."""

from __future__ import annotations

STATEMENT = "    statement: Beijing is likely to lose influence over Pyongyang.\n"
HEADLINE = "    headline: Beijing loses influence\n"
BLUF = "bluf: Beijing is losing leverage over Pyongyang.\n"
PHIA = ("date: 2025-02-10\n", "date: 2025-02-10\nscale: phia\n")
NO_LIKELIHOOD = ("    likelihood: likely\n", "")
ICD_TERMS = ("almost no chance, very unlikely, unlikely, roughly even chance, likely, "
             "very likely, almost certain")


def statement(text: str) -> tuple[str, str]:
    return STATEMENT, f"    statement: {text}\n"


def test_dm101_flags_may_might_could_in_a_judgment(findings):
    hedge = "is a vague hedge; state how likely it is with an ICD 203 term such as 'likely', " \
            "or state it as fact"
    assert findings("DM101", statement(
        "Beijing may lose influence, and Moscow might step in; Seoul could too.")) == [
        f"brief.yaml:6:24: DM101 'may' {hedge}",
        f"brief.yaml:6:55: DM101 'might' {hedge}",
        f"brief.yaml:6:76: DM101 'could' {hedge}",
    ]


def test_dm101_ignores_the_month_may_and_quoted_words(findings):
    assert findings("DM101", (STATEMENT, (
        "    statement: >-\n"
        "      In May 2025 Beijing lost influence; by May it was gone, from 5 May\n"
        "      and mid-May onward, \"as officials may say\", or “it could”.\n"))) == []


def test_dm101_flags_a_capitalised_modal_may(findings):
    assert findings("DM101", statement("May Beijing regain influence? Unlikely."))[0] \
        .startswith("brief.yaml:6:16: DM101 'May' is a vague hedge")


def test_dm102_flags_non_scale_words_in_the_bluf_but_not_in_quotes(findings):
    assert findings("DM102", (BLUF, "bluf: Beijing will probably lose leverage; perhaps "
                                    "\"probably\" is quoted.\n")) == [
        f"brief.yaml:3:20: DM102 'probably' is not an ICD 203 likelihood term; use one of: "
        f"{ICD_TERMS}",
        f"brief.yaml:3:44: DM102 'perhaps' is not an ICD 203 likelihood term; use one of: "
        f"{ICD_TERMS}",
    ]


def test_dm102_finds_words_in_single_quoted_multi_line_statements(findings):
    assert findings("DM102", (STATEMENT, "    statement: 'Beijing''s influence will probably, "
                                         "chances\n      are, fade.'\n")) == [
        f"brief.yaml:6:43: DM102 'probably' is not an ICD 203 likelihood term; use one of: "
        f"{ICD_TERMS}",
        f"brief.yaml:6:53: DM102 'chances are' is not an ICD 203 likelihood term; use one of: "
        f"{ICD_TERMS}",
    ]


def test_dm102_quiet_on_scale_terms_and_lookalike_words(findings):
    assert findings("DM102", statement("Beijing is likely to lose its probable-cause "
                                       "arguments and improbably large influence.")) == []


def test_dm102_ignores_link_targets(findings):
    assert findings("DM102", statement(
        "Beijing is likely to lose influence ([report](https://example.org/probably/x)).")) == []


def test_dm103_flags_icd203_row_2_terms_in_double_quoted_text_with_escapes(findings):
    assert findings("DM103", statement(r'"Beijing\u2019s \"influence\" is\tprobable to fade"')) == [
        "brief.yaml:6:50: DM103 'probable' is from row 2 of ICD 203 but this brief uses row 1; "
        "write 'likely'",
    ]


def test_dm103_accepts_probable_on_the_phia_scale(findings):
    assert findings("DM103", PHIA, statement("Beijing's loss of influence is probable.")) == []


def test_dm104_flags_phia_terms_in_an_icd203_brief(findings):
    assert findings("DM104", statement("Beijing is highly likely to lose influence."),
                    (HEADLINE, "    headline: A remote chance of a deal\n")) == [
        "brief.yaml:6:27: DM104 'highly likely' is a PHIA probability yardstick term but this "
        "brief uses ICD 203; write 'very likely' or set 'scale: phia'",
        "brief.yaml:7:17: DM104 'remote chance' is a PHIA probability yardstick term but this "
        "brief uses ICD 203; write 'almost no chance' or set 'scale: phia'",
    ]


def test_dm104_flags_icd203_terms_in_a_phia_brief(findings):
    assert findings("DM104", PHIA, statement("Beijing is very likely to lose influence.")) == [
        "brief.yaml:7:27: DM104 'very likely' is an ICD 203 term but this brief uses PHIA "
        "probability yardstick; write 'highly likely' or set 'scale: icd203'",
    ]


def test_dm104_quiet_when_terms_match_the_scale(findings):
    assert findings("DM104", PHIA, statement("Beijing is highly likely to lose influence."),
                    ("    likelihood: likely\n", "    likelihood: highly likely\n")) == []


def test_dm105_flags_terms_that_disagree_with_the_likelihood_field(findings):
    assert findings("DM105", statement(
        "Beijing is unlikely to regain influence, and almost certainly knows it.")) == [
        "brief.yaml:6:27: DM105 'unlikely' disagrees with 'likelihood: likely'; make the "
        "statement and the field say the same",
        "brief.yaml:6:61: DM105 'almost certainly' disagrees with 'likelihood: likely'; make "
        "the statement and the field say the same",
    ]


def test_dm105_reads_very_likely_as_one_term_and_unlikely_as_its_own(findings):
    very_likely = ("    likelihood: likely\n", "    likelihood: very likely\n")
    assert findings("DM105", very_likely, statement(
        "Beijing is very likely to lose influence; a rebound is not unlikely.")) == [
        "brief.yaml:6:75: DM105 'unlikely' disagrees with 'likelihood: very likely'; make the "
        "statement and the field say the same",
    ]
    assert findings("DM105", very_likely,
                    statement("Beijing is very likely to lose influence.")) == []


def test_dm106_flags_confidence_and_likelihood_in_one_sentence(findings):
    assert findings("DM106", statement(
        "We have high confidence Beijing is likely to lose influence. It is likely.")) == [
        "brief.yaml:6:24: DM106 'high confidence' and 'likely' are in one sentence; give the "
        "confidence its own sentence or put it in the 'confidence' field",
    ]
    assert findings("DM106", (BLUF, "bluf: With moderate confidence, Beijing is very likely "
                                    "to lose leverage.\n")) == [
        "brief.yaml:3:12: DM106 'moderate confidence' and 'very likely' are in one sentence; "
        "give the confidence its own sentence or put it in the 'confidence' field",
    ]


def test_dm106_quiet_when_confidence_has_its_own_sentence(findings):
    assert findings("DM106", (BLUF, (
        "bluf: >\n"
        "  We have moderate confidence in this. Beijing is losing leverage. We are\n"
        "  highly confident of the sources. It is very likely to continue.\n"))) == []


def test_dm107_flags_a_judgment_without_confidence(findings):
    assert findings("DM107", ("    confidence: moderate\n", "")) == [
        "brief.yaml:5:5: DM107 key judgment 'kj1' has no confidence; add 'confidence: high', "
        "'moderate' or 'low'",
    ]
    assert findings("DM107") == []


def test_dm108_flags_predictions_without_likelihood(findings):
    assert findings("DM108", NO_LIKELIHOOD, statement(
        "Beijing's political will is weak and it will lose influence.")) == [
        "brief.yaml:6:56: DM108 key judgment 'kj1' makes a prediction ('will') without a "
        "likelihood; add 'likelihood:' with an ICD 203 term such as 'likely'",
    ]
    assert findings("DM108", NO_LIKELIHOOD, statement(
        "Beijing is expected to lose influence; it'll fade.")) == [
        "brief.yaml:6:24: DM108 key judgment 'kj1' makes a prediction ('is expected to') "
        "without a likelihood; add 'likelihood:' with an ICD 203 term such as 'likely'",
    ]


def test_dm108_treats_a_likelihood_word_as_a_prediction(findings):
    assert findings("DM108", NO_LIKELIHOOD)[0].startswith(
        "brief.yaml:6:27: DM108 key judgment 'kj1' makes a prediction ('likely')")


def test_dm108_quiet_on_statements_of_fact_or_with_a_likelihood(findings):
    assert findings("DM108", NO_LIKELIHOOD, statement(
        "Beijing has lost influence over Pyongyang since May 2024, and Kim's will is firm."))\
        == []
    assert findings("DM108", statement("Beijing will lose influence.")) == []
