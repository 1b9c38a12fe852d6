"""Text that would mislead a reader never reaches an output: an RFC 2047 encoded word in a
header (title, marking, --to names, a pack's subject), controls from YAML escapes, direction
overrides in titles; and a SOURCE_DATE_EPOCH that is no date is named."""

from __future__ import annotations

import email
from email import policy

import pytest
from click.testing import CliRunner

from deckmaker.cli import cli
from deckmaker.errors import RenderError
from deckmaker.mailtext import looks_encoded
from deckmaker.writers.email.mime import Envelope, build_message, message_bytes
from tests.conftest import SAMPLE

INJECTION = "=?utf-8?q?x=0D=0ABcc:_evil@attacker.example?="
HINT = ("text of the form '=?…?=', which mail programs decode as encoded header text instead "
        "of showing it; write it differently")


@pytest.mark.parametrize("text, encoded", [
    (INJECTION, True), ("=?UTF-8?B?QmNjOiBldmls?=", True), ("a =?x?q?y?= b", True),
    ("What =? means", False), ("Costs = ?", False), ("TLP:AMBER Moscow-Pyongyang", False),
])
def test_encoded_words_are_recognised(text, encoded):
    assert looks_encoded(text) is encoded


@pytest.mark.parametrize("field, line", [("title", 5), ("marking", 10)])
def test_a_brief_cannot_put_an_encoded_word_in_the_subject(tmp_path, monkeypatch, field, line):
    monkeypatch.chdir(tmp_path)
    text = SAMPLE.read_text("utf-8").replace(f"\n{field}: ", f"\n{field}: '{INJECTION}'\n#", 1)
    (tmp_path / "brief.yaml").write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["validate", "brief.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: brief.yaml:{line}:{len(field) + 3}: {field}: '{INJECTION}' holds {HINT}"]


def test_a_recipient_name_cannot_be_an_encoded_word(tmp_path):
    result = CliRunner().invoke(cli, ["email", str(SAMPLE), "--out", str(tmp_path),
                                      "--to", f"{INJECTION} <desk@example.org>"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: --to: '{INJECTION} <desk@example.org>' holds "
                                     f"{HINT}")
    assert not list(tmp_path.iterdir())


def test_the_message_writer_refuses_one_from_a_pack_and_writes_only_its_headers():
    with pytest.raises(RenderError, match="change the pack's email.subject fragment"):
        build_message(subject=f"TLP:CLEAR {INJECTION}", text="t", html="<p>h</p>",
                      attachments=[], envelope=Envelope(to=("desk@example.org",)), draft=True)
    message = build_message(subject="Plain – subject", text="t", html="<p>h</p>",
                            attachments=[], envelope=Envelope(to=("desk@example.org",)),
                            draft=True)
    parsed = email.message_from_bytes(message_bytes(message), policy=policy.default)
    assert list(parsed.keys()) == ["X-Unsent", "To", "Subject", "MIME-Version", "Content-Type"]
    assert parsed["Subject"] == "Plain – subject"


@pytest.mark.parametrize("old, new, message", [
    ("author: Northeast Asia Desk", 'author: "Desk\\x1b[31m red"',
     "8:9: author: control character U+001B (written as an escape) is not allowed; delete it"),
    ("author: Northeast Asia Desk", 'author: "Desk\\rBcc: x"',
     "8:9: author: control character U+000D (written as an escape) is not allowed; delete it"),
    ('title: "Moscow', 'title: "\u202eMoscow',
     "5:8: title: the direction control U+202E is not allowed here (it reorders what a "
     "reader sees); delete it"),
])
def test_controls_from_escapes_and_direction_overrides_are_refused(tmp_path, monkeypatch, old,
                                                                   new, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brief.yaml").write_text(SAMPLE.read_text("utf-8").replace(old, new, 1),
                                         "utf-8")
    result = CliRunner().invoke(cli, ["validate", "brief.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: brief.yaml:{message}"]


@pytest.mark.parametrize("value", ["yesterday", "-5", "99999999999999", "4354819200"])
def test_a_bad_source_date_epoch_is_named_and_nothing_is_built(tmp_path, value):
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "--out", str(tmp_path / "out")],
                                env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: SOURCE_DATE_EPOCH: '{value}' is not a whole number of seconds since 1970 up to "
        "4354819199 (the end of 2107); unset it or give one such as 1700000000")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
