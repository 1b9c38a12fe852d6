"""``deckmaker email`` and the .eml of ``deckmaker build``, end to end with the real memo
and deck: drafts on disk, digests, up-front validation, sending to a local server."""

from __future__ import annotations

import email
from email import policy
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckmaker.cli import cli
from deckmaker.synthetic import write_synthetic_brief
from tests.conftest import SAMPLE
from tests.smtp_server import Recorder, free_port, running_servers

STEM = SAMPLE.stem
SMTP_ENV = {"DECKMAKER_SMTP_USER": None, "DECKMAKER_SMTP_PASSWORD": None,
            "DECKMAKER_SMTP_HOST": None, "DECKMAKER_SMTP_PORT": None}


serve = pytest.fixture(running_servers)


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env={**SMTP_ENV, **(env or {})})


def parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)


def attached(message: EmailMessage) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


def files_in(folder: Path, *names: str) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in names}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = run("build", SAMPLE, "--out", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("email")
    result = run("email", SAMPLE, "--to", "Jane Doe <jane@example.org>", "--cc",
                 "a@example.org, b@example.org", "--bcc", "c@example.org", "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_an_eml_carrying_the_memo_and_deck_it_wrote(built):
    message = parse((built / f"{STEM}.eml").read_bytes())
    assert message["X-Unsent"] == "1"
    assert message["Subject"].startswith("TLP:CLEAR ")
    assert attached(message) == files_in(built, f"{STEM}.pdf", f"{STEM}.pptx")
    assert attached(message)[f"{STEM}.pdf"].startswith(b"%PDF")


def test_email_writes_a_draft_addressed_as_asked(drafted, built):
    data = (drafted / f"{STEM}.eml").read_bytes()
    message = parse(data)
    assert message["To"].addresses[0].display_name == "Jane Doe"
    assert [str(a) for a in message["Cc"].addresses] == ["a@example.org", "b@example.org"]
    assert message["Bcc"] == "c@example.org"
    assert "From" not in message and "Date" not in message
    assert attached(message) == files_in(drafted, f"{STEM}.pdf", f"{STEM}.pptx")


def test_an_unaddressed_draft_is_byte_identical_to_builds(tmp_path, built):
    result = run("email", SAMPLE, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{STEM}.eml").read_bytes() == (built / f"{STEM}.eml").read_bytes()


@pytest.mark.slow  # two briefs built and read back: 1.7-2.6 s
def test_digest_is_one_email_with_every_file(tmp_path, small_brief):
    result = run("email", SAMPLE, small_brief, "--digest", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (draft,) = (tmp_path / "out").glob("*.eml")
    assert draft.name == "digest-2025-02-10.eml"
    message = parse(draft.read_bytes())
    assert message["Subject"] == "TLP:AMBER Briefing digest - 10 February 2025 (2 briefs)"
    assert attached(message) == files_in(tmp_path / "out", f"{STEM}.pdf", f"{STEM}.pptx",
                                         "small.pdf", "small.pptx")


def test_digest_of_briefs_with_the_same_name_attaches_each_under_its_folder(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / "dd" / folder).mkdir(parents=True)
        write_synthetic_brief(tmp_path / "dd" / folder / "brief.yaml", judgments=2, evidence=2,
                              figures=0)
    out = tmp_path / "out"
    result = run("email", tmp_path / "dd", "--digest", "--out", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    message = parse(next(out.glob("digest-*.eml")).read_bytes())
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["a-brief.pdf", "a-brief.pptx", "b-brief.pdf", "b-brief.pptx"]
    assert attached(message) == {f"{folder}-{name}": (out / folder / name).read_bytes()
                                 for folder in ("a", "b") for name in ("brief.pdf", "brief.pptx")}
    text = message.get_body(("plain",)).get_content()
    assert "Files: a-brief.pdf, a-brief.pptx" in text
    assert "Files: b-brief.pdf, b-brief.pptx" in text


def test_memo_and_deck_are_built_as_build_does_and_reused_when_up_to_date(tmp_path):
    first = run("email", SAMPLE, "--out", tmp_path)
    assert first.exit_code == 0, first.output
    assert f"wrote {tmp_path / STEM}.pdf" in first.output
    assert (tmp_path / ".deckmaker-build.json").is_file()
    draft = (tmp_path / f"{STEM}.eml").read_bytes()
    (tmp_path / f"{STEM}.eml").unlink()
    again = run("email", SAMPLE, "--out", tmp_path)
    assert again.exit_code == 0, again.output
    assert f"{STEM}.pdf" not in again.output  # up to date: not rendered again
    assert (tmp_path / f"{STEM}.eml").read_bytes() == draft


def test_findings_warn_as_build_does_and_strict_writes_no_email(tmp_path):
    brief = tmp_path / "brief.yaml"
    text = SAMPLE.read_text("utf-8")
    assert "is very likely to erode" in text
    brief.write_text(text.replace("is very likely to erode", "is probably going to erode"),
                     "utf-8")
    lenient = run("email", brief, "--out", tmp_path / "lenient")
    assert lenient.exit_code == 0, lenient.output
    assert "DM102 'probably' is not an ICD 203 likelihood term" in lenient.output
    strict = run("email", brief, "--out", tmp_path / "strict", "--strict")
    assert strict.exit_code == 1
    assert "1 analytic-standards finding(s) with --strict" in strict.output
    assert "no email was written or sent: 1 of 1 brief failed to build" in strict.output
    assert not list((tmp_path / "strict").glob("*.eml"))


def test_an_invalid_brief_writes_no_email_and_exits_2(tmp_path, small_brief):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", "utf-8")
    result = run("email", small_brief, broken, "--digest", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "broken.yaml" in result.output
    assert "1 of 2 briefs failed to build" in result.output
    assert not list((tmp_path / "out").glob("*.eml"))


def test_attachment_stems_stay_distinct_when_joined_keys_meet():
    from deckmaker.commands.email import attachment_stems

    assert attachment_stems(["a/brief", "b/brief", "memo"]) == ["a-brief", "b-brief", "memo"]
    assert attachment_stems(["a-b/c", "a/b-c", "a-b-c"]) == ["a-b-c", "a-b-c-2", "a-b-c-3"]


def test_outlook_separators_and_quoted_names_are_accepted():
    from deckmaker.commands.email import parse_addresses

    assert parse_addresses("--to", ('a@x.org; "Doe, Jane" <jane@example.org>',)) == (
        "a@x.org", '"Doe, Jane" <jane@example.org>')


@pytest.mark.parametrize(("args", "wanted"), [
    (["--to", "jane@"], "--to: 'jane@' is not an email address"),
    (["--cc", "ok@example.org, bob@"], "--cc: 'bob@' is not an email address"),
    (["--to", "Doe, Jane <jane@example.org>"], "put a name that contains a comma in double quotes"),
    (["--to", ""], "--to: the address is empty"),
    (["--from", "desk@example.org\r\nBcc: spy@example.org"], "--from:"),
    (["--send", "--from", "d@example.org"], "--send needs at least one recipient"),
    (["--send", "--to", "a@example.org", "--from", "d@example.org"], "DECKMAKER_SMTP_HOST"),
    (["--send", "--to", "a@example.org"], "--send needs a sender; add --from"),
    (["--send", "--to", "a@example.org", "--from", "d@example.org", "--smtp-host", "h",
      "--smtp-ssl", "--smtp-insecure"], "contradict"),
])
def test_bad_options_fail_up_front_with_exit_2(tmp_path, args, wanted):
    result = run("email", SAMPLE, "--out", tmp_path, *args)
    assert result.exit_code == 2
    assert wanted in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_login_over_an_unencrypted_connection_is_refused_before_building(tmp_path):
    result = run("email", SAMPLE, "--out", tmp_path, "--send", "--to", "a@example.org",
                 "--from", "d@example.org", "--smtp-host", "127.0.0.1", "--smtp-insecure",
                 env={"DECKMAKER_SMTP_USER": "analyst", "DECKMAKER_SMTP_PASSWORD": "s3cret"})
    assert result.exit_code == 2
    assert "--smtp-insecure would send DECKMAKER_SMTP_PASSWORD unencrypted" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_attachments_past_the_maximum_are_refused(tmp_path):
    result = run("email", SAMPLE, "--out", tmp_path, "--max-size-mb", "0.01")
    assert result.exit_code == 1
    assert "over the 0.01 MB limit" in result.output
    assert not list(tmp_path.glob("*.eml"))


def test_send_delivers_the_built_files_once(tmp_path, serve):
    handler = Recorder()
    port = serve(handler)
    result = run("email", SAMPLE, "--out", tmp_path, "--send", "--to", "jane@example.org",
                 "--from", "desk@example.org", "--smtp-host", "127.0.0.1", "--smtp-port", port,
                 "--smtp-insecure")
    assert result.exit_code == 0, result.output
    assert "sent 'TLP:CLEAR" in result.output and "jane@example.org" in result.output
    (delivered,) = handler.delivered
    message = parse(delivered[2])
    assert "X-Unsent" not in message and message["From"] == "desk@example.org"
    assert attached(message) == files_in(tmp_path, f"{STEM}.pdf", f"{STEM}.pptx")
    assert not list(tmp_path.glob("*.eml"))


def test_send_names_the_refused_recipient_and_exits_1(tmp_path, serve):
    handler = Recorder(refuse=("bob@example.org",))
    port = serve(handler)
    # Server from the environment this time, as a desk would configure it once.
    result = run("email", SAMPLE, "--out", tmp_path, "--send", "--to", "jane@example.org",
                 "--to", "bob@example.org", "--from", "desk@example.org", "--smtp-insecure",
                 env={"DECKMAKER_SMTP_HOST": "127.0.0.1", "DECKMAKER_SMTP_PORT": str(port)})
    assert result.exit_code == 1
    assert "refused 1 recipient: bob@example.org (550 5.1.1 no such user here)" in result.output
    assert [d[1] for d in handler.delivered] == [["jane@example.org"]]


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    """The backoff waits of ``deckmaker email --send``, recorded instead of slept."""
    from deckmaker import smtp

    recorded: list[float] = []
    settings_of = smtp.smtp_settings

    def without_sleeping(**options) -> smtp.SmtpSettings:
        return replace(settings_of(**options), sleep=recorded.append)

    monkeypatch.setattr(smtp, "smtp_settings", without_sleeping)
    return recorded


def test_send_retries_a_deferral_with_backoff_and_delivers_once(tmp_path, serve, waits):
    handler = Recorder(data_replies=("451 4.3.0 try again later",))
    port = serve(handler)
    result = run("email", SAMPLE, "--out", tmp_path, "--send", "--to", "jane@example.org",
                 "--from", "desk@example.org", "--smtp-host", "127.0.0.1", "--smtp-port", port,
                 "--smtp-insecure")
    assert result.exit_code == 0, result.output
    assert waits == [2.0]  # the default schedule's first wait, recorded instead of slept
    assert handler.data_commands == 2 and len(handler.delivered) == 1


def test_send_to_a_closed_port_is_one_clear_error(tmp_path, waits):
    port = free_port()
    result = run("email", SAMPLE, "--out", tmp_path, "--send", "--to", "jane@example.org",
                 "--from", "desk@example.org", "--smtp-host", "127.0.0.1", "--smtp-port", port)
    assert result.exit_code == 1
    assert f"error: could not connect to 127.0.0.1:{port} (connection refused" in result.output
    assert "gave up after 3 attempts" in result.output
    assert "Traceback" not in result.output
    assert waits == [2.0, 4.0]
