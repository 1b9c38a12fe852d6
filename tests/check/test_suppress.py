"""Findings a reviewer accepted: silenced by a ``# deckmaker: ignore`` comment on their
line or a brief's ``check: ignore``, only with a reason (else DM000)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckmaker.check import RULES, check_brief, check_brief_report
from tests.check.conftest import edited

STATEMENT = "    statement: Beijing is likely to lose influence over Pyongyang.\n"
HEDGED = "    statement: Beijing may lose influence."
SOURCE_DATE = "    date: 2025-02-05\n"  # removing it draws DM204


@pytest.fixture
def check(tmp_path, monkeypatch):
    """``check(*edits)``: (finding lines, ignored (line, reason)) of the edited brief."""
    monkeypatch.chdir(tmp_path)

    def run(*edits: tuple[str, str]):
        Path("brief.yaml").write_text(edited(*edits), encoding="utf-8")
        report = check_brief_report(Path("brief.yaml"))
        return ([str(f) for f in report.findings],
                [(str(f), reason) for f, reason in report.ignored])

    return run


def test_a_comment_with_a_reason_silences_its_code_on_its_line(check):
    found, ignored = check((STATEMENT, f"{HEDGED}  # deckmaker: ignore DM101 -- quoted hedge\n"))
    assert found == []
    assert ignored == [("brief.yaml:6:24: DM101 'may' is a vague hedge; state how likely it is "
                        "with an ICD 203 term such as 'likely', or state it as fact",
                        "quoted hedge")]


def test_a_comment_silences_only_the_codes_it_names_and_only_its_line(check):
    found, _ = check((STATEMENT, f"{HEDGED}  # deckmaker: ignore DM102 -- not this one\n"))
    assert [f.split(": ")[1][:5] for f in found] == ["DM101"]
    found, _ = check((STATEMENT, f"{HEDGED}\n"),
                     ("    headline: Beijing loses influence\n",
                      "    headline: Beijing loses influence  # deckmaker: ignore DM101 -- x\n"))
    assert [f.split(": ")[1][:5] for f in found] == ["DM101"]


def test_several_codes_and_lower_case_codes(check):
    found, ignored = check((STATEMENT, "    statement: Beijing will probably lose influence.  "
                                       "# deckmaker: ignore dm102, DM101 -- source's words\n"))
    assert found == [] and len(ignored) == 1


def test_a_block_scalar_is_silenced_from_its_key_line(check):
    block = ("    statement: >-  # deckmaker: ignore DM101 -- the minister's own words\n"
             "      Beijing may lose influence\n      over Pyongyang.\n")
    found, ignored = check((STATEMENT, block))
    assert found == [] and ignored[0][0].startswith("brief.yaml:7:15: DM101")


@pytest.mark.parametrize("comment, message", [
    ("# deckmaker: ignore DM101", "give the reason the finding is accepted: "
     "'# deckmaker: ignore DM101 -- reason'"),
    ("# deckmaker: ignore DM101 --", "give the reason the finding is accepted: "
     "'# deckmaker: ignore DM101 -- reason'"),
    ("# deckmaker: ignore DM999 -- why", "'DM999' is not a rule that can be ignored; codes run "
     "from DM101 (see docs/checks.md)"),
    ("# deckmaker: ignore DM000 -- why", "'DM000' is not a rule that can be ignored; codes run "
     "from DM101 (see docs/checks.md)"),
    ("# deckmaker: skip DM101 -- why", "write the comment as "
     "'# deckmaker: ignore DM101 -- reason'"),
])
def test_a_suppression_without_reason_or_rule_silences_nothing_and_is_dm000(check, comment,
                                                                           message):
    found, ignored = check((STATEMENT, f"{HEDGED}  {comment}\n"))
    assert ignored == []
    assert found == ["brief.yaml:6:24: DM101 'may' is a vague hedge; state how likely it is "
                     "with an ICD 203 term such as 'likely', or state it as fact",
                     f"brief.yaml:6:45: DM000 {message}"]


def test_a_hash_inside_quoted_text_is_not_a_comment(check):
    found, ignored = check((STATEMENT, '    statement: "Beijing may lose #deckmaker: ignore '
                                       'DM101 -- x"\n'))
    assert ignored == [] and [f.split(": ")[1][:5] for f in found] == ["DM101"]


def test_the_brief_level_ignore_silences_a_rule_everywhere_with_its_reason(check):
    settings = ("date: 2025-02-10\n", "date: 2025-02-10\ncheck:\n  ignore: [DM204]\n"
                "  reason: the publisher gives no dates\n")
    found, ignored = check((SOURCE_DATE, ""), settings)
    assert found == []
    assert ignored == [("brief.yaml:21:5: DM204 source 'src1' has no date; add "
                        "'date: YYYY-MM-DD'", "the publisher gives no dates")]


def test_the_brief_level_ignore_needs_a_reason(check):
    found, ignored = check((SOURCE_DATE, ""), ("date: 2025-02-10\n",
                                              "date: 2025-02-10\ncheck: {ignore: [DM204]}\n"))
    assert ignored == []
    assert found == ["brief.yaml:3:8: DM000 give the reason the finding is accepted: 'reason:' "
                     "beside 'ignore:'",
                     "brief.yaml:19:5: DM204 source 'src1' has no date; add 'date: YYYY-MM-DD'"]


def test_check_settings_are_validated(tmp_path):
    from deckmaker.errors import InvalidInput

    path = tmp_path / "brief.yaml"
    path.write_text(edited(("date: 2025-02-10\n", "date: 2025-02-10\ncheck:\n  ignore: [204]\n"
                                                  "  why: x\n")), encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        check_brief(path, RULES)
    assert str(raised.value).endswith(
        "brief.yaml:4:12: check.ignore[1]: expected text, got number 204; put it in quotes\n"
        f"{path}:5:3: check.why: unknown field 'why'; allowed here: ignore, reason")
