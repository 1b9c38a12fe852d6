"""Never lose an edit: an output changed since deckmaker wrote it is kept, the new build
goes beside it, ``--overwrite-edited`` replaces it after a backup, and the email attaches
what is on disk. Real files throughout: the sample built, its deck edited with python-pptx,
its memo rewritten with pypdf."""

from __future__ import annotations

import datetime as dt
import email
import io
import json
import re
import shutil
import threading
import time
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader, PdfWriter

from deckmaker import batch
from deckmaker.batch import JOURNAL_NAME, RECORD_NAME
from deckmaker.cli import cli
from deckmaker.outputs import backup_path, move_aside

from .conftest import SAMPLE

STEM = SAMPLE.stem
SMTP_ENV = {"DECKMAKER_SMTP_USER": None, "DECKMAKER_SMTP_PASSWORD": None,
            "DECKMAKER_SMTP_HOST": None, "DECKMAKER_SMTP_PORT": None}


def run(*args) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], env=SMTP_ENV)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    """The sample built once (memo, deck and email); each test works on a copy."""
    out = tmp_path_factory.mktemp("first") / "out"
    result = run("build", SAMPLE, "--out", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def out(first_build, tmp_path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(first_build, copy)  # the record holds hashes, so a copy is current
    return copy


def edit_deck(path: Path, title: str = "Retitled by the analyst") -> bytes:
    """Change the first slide's title in PowerPoint's place, as an analyst would; the
    edited file's bytes."""
    deck = Presentation(str(path))
    deck.slides[0].shapes.title.text_frame.text = title
    deck.save(str(path))
    return path.read_bytes()


def edit_memo(path: Path) -> bytes:
    """Rewrite the memo with pypdf, a new title in its metadata; the edited file's bytes."""
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata({"/Title": "Annotated by the analyst"})
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def slide_title(path: Path) -> str:
    return Presentation(str(path)).slides[0].shapes.title.text_frame.text


def kept_message(out: Path, name: str, suffix: str) -> str:
    return (f"kept {out / name}{suffix}: edited since deckmaker wrote it (new build in "
            f"{out / name}.new{suffix}; --overwrite-edited to replace it)")


def attachments(eml: Path) -> dict[str, bytes]:
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


def test_an_edited_deck_is_kept_and_the_new_build_goes_beside_it(out):
    deck = out / f"{STEM}.pptx"
    original_title = slide_title(deck)
    edited = edit_deck(deck)

    result = run("build", SAMPLE, "--out", out)
    assert result.exit_code == 0, result.output
    assert deck.read_bytes() == edited
    new = out / f"{STEM}.new.pptx"
    assert slide_title(new) == original_title  # a valid deck: the new build
    assert kept_message(out, STEM, ".pptx") in result.stderr
    assert "0 built, 0 up to date, 1 kept, 0 failed." in result.stdout
    # The .eml build writes carries the deck on disk (the edited one), and says so.
    assert attachments(out / f"{STEM}.eml")[f"{STEM}.pptx"] == edited
    assert (f"{out / STEM}.eml: attached {deck} as edited by hand (not rebuilt)"
            in result.stderr)

    # Built again: never "up to date" while an edit is kept; the .new file is deckmaker's
    # and is written again, the edited one still left alone.
    new.unlink()
    again = run("build", SAMPLE, "--out", out)
    assert "1 kept" in again.stdout and kept_message(out, STEM, ".pptx") in again.stderr
    assert deck.read_bytes() == edited and slide_title(new) == original_title

    # Once the user deletes the edited deck, the deck is built under its own name again
    # and the .new file goes.
    deck.unlink()
    settled = run("build", SAMPLE, "--out", out)
    assert "1 built, 0 up to date, 0 failed." in settled.stdout, settled.output
    assert slide_title(deck) == original_title and not new.exists()
    assert attachments(out / f"{STEM}.eml")[f"{STEM}.pptx"] == deck.read_bytes()
    assert "0 built, 1 up to date, 0 failed." in run("build", SAMPLE, "--out", out).stdout


def test_an_edited_memo_is_kept(out):
    memo = out / f"{STEM}.pdf"
    edited = edit_memo(memo)
    result = run("build", SAMPLE, "--out", out, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert memo.read_bytes() == edited
    assert PdfReader(memo).metadata.title == "Annotated by the analyst"
    new = out / f"{STEM}.new.pdf"
    assert len(PdfReader(new).pages) == len(PdfReader(memo).pages)
    assert PdfReader(new).metadata.title != "Annotated by the analyst"
    assert kept_message(out, STEM, ".pdf") in result.stderr


def test_a_user_renaming_the_new_build_over_the_edit_settles_it(out):
    deck = out / f"{STEM}.pptx"
    edit_deck(deck)
    run("build", SAMPLE, "--out", out, "--format", "pptx")
    (out / f"{STEM}.new.pptx").replace(deck)  # "I take deckmaker's version after all"
    result = run("build", SAMPLE, "--out", out, "--format", "pptx")
    assert "1 built, 0 up to date, 0 failed." in result.stdout and "kept" not in result.stderr


def test_overwrite_edited_backs_the_edit_up_then_replaces_it(out):
    memo = out / f"{STEM}.pdf"
    built = memo.read_bytes()
    edited = edit_memo(memo)
    result = run("build", SAMPLE, "--out", out, "--format", "pdf", "--overwrite-edited")
    assert result.exit_code == 0, result.output
    (backup,) = out.glob(f"{STEM}.edited-*.pdf")
    assert re.fullmatch(rf"{re.escape(STEM)}\.edited-\d{{8}}T\d{{6}}Z\.pdf", backup.name)
    assert backup.read_bytes() == edited and memo.read_bytes() == built
    assert not (out / f"{STEM}.new.pdf").exists()
    assert (f"replaced {memo}, edited since deckmaker wrote it; the previous file is now "
            f"{backup}") in result.stderr
    assert "1 built, 0 up to date, 0 failed." in result.stdout
    assert "0 built, 1 up to date" in run("build", SAMPLE, "--out", out, "--format",
                                          "pdf").stdout


def test_backups_never_collide_and_sort_by_time(tmp_path):
    target = tmp_path / "x.pptx"
    when = dt.datetime(2025, 2, 10, 12, 0, tzinfo=dt.UTC)
    names = []
    for content in (b"one", b"two"):
        target.write_bytes(content)
        names.append(move_aside(target, when).name)
    assert names == ["x.edited-20250210T120000Z.pptx", "x.edited-20250210T120000Z-2.pptx"]
    assert (tmp_path / names[0]).read_bytes() == b"one"
    later = backup_path(target, when + dt.timedelta(seconds=1)).name
    assert sorted([later, names[0]]) == [names[0], later]


def test_a_deleted_output_is_simply_rebuilt(out):
    (out / f"{STEM}.pdf").unlink()
    result = run("build", SAMPLE, "--out", out, "--format", "pdf")
    assert "1 built, 0 up to date, 0 failed." in result.stdout
    assert (out / f"{STEM}.pdf").read_bytes().startswith(b"%PDF")
    assert "kept" not in result.stderr and not (out / f"{STEM}.new.pdf").exists()


def test_a_file_not_in_the_record_is_kept_unless_overwrite_edited(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    mine = out / f"{STEM}.pdf"
    mine.write_bytes(b"%PDF- the analyst's own memo")
    result = run("build", SAMPLE, "--out", out, "--format", "pdf")
    assert result.exit_code == 0
    assert (f"kept {mine}: already there and not in deckmaker's build record (new build in "
            f"{out / STEM}.new.pdf; --overwrite-edited to replace it)") in result.stderr
    assert mine.read_bytes() == b"%PDF- the analyst's own memo"
    assert "1 kept" in run("build", SAMPLE, "--out", out, "--format", "pdf").stdout  # still
    forced = run("build", SAMPLE, "--out", out, "--format", "pdf", "--overwrite-edited")
    assert "already there and not in deckmaker's build record; the previous file is now" \
        in forced.stderr
    assert next(out.glob(f"{STEM}.edited-*.pdf")).read_bytes() == b"%PDF- the analyst's own memo"


def test_a_lost_record_adopts_files_identical_to_the_new_build(out):
    (out / RECORD_NAME).unlink()
    result = run("build", SAMPLE, "--out", out)
    assert "1 built, 0 up to date, 0 failed." in result.stdout and "kept" not in result.stderr
    assert not list(out.glob("*.new.*"))


def test_an_interrupted_build_never_makes_its_own_files_look_edited(out, monkeypatch):
    brief = out.parent / f"{STEM}.yaml"
    brief.write_text(SAMPLE.read_text("utf-8").replace("TLP:CLEAR", "TLP:GREEN"), "utf-8")

    def interrupted(_record, _done=()):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:  # the outputs are written, the record is not
        patch.setattr(batch.BuildRecord, "save", interrupted)
        assert run("build", brief, "--out", out, "--format", "pptx").exit_code == 130
    assert list((out / JOURNAL_NAME).glob("*.json"))
    # Changed again, and the memo alone built first: the record takes the journal's deck
    # with it, so the next build of the deck knows it as its own, not as an edit.
    brief.write_text(SAMPLE.read_text("utf-8").replace("TLP:CLEAR", "TLP:AMBER"), "utf-8")
    memo_only = run("build", brief, "--out", out, "--format", "pdf")
    assert "1 built, 0 up to date, 0 failed." in memo_only.stdout, memo_only.output
    assert not (out / JOURNAL_NAME).exists()
    result = run("build", brief, "--out", out, "--format", "pdf,pptx")
    assert "1 built, 0 up to date, 0 failed." in result.stdout, result.output
    assert "kept" not in result.stderr and not list(out.glob("*.new.*"))
    record = json.loads((out / RECORD_NAME).read_text("utf-8"))
    assert set(record[STEM]["outputs"]) == {"pdf", "pptx", "eml"}


def test_a_record_of_an_older_deckmaker_still_protects_edits(out):
    record_path = out / RECORD_NAME
    record = json.loads(record_path.read_text("utf-8"))
    for fmt in ("pdf", "pptx", "eml"):  # as deckmaker 0.x wrote it: size and mtime
        st = (out / f"{STEM}.{fmt}").stat()
        record[STEM]["outputs"][fmt] = [st.st_size, st.st_mtime_ns]
    record_path.write_text(json.dumps(record), "utf-8")
    edited = edit_deck(out / f"{STEM}.pptx")
    result = run("build", SAMPLE, "--out", out)
    assert kept_message(out, STEM, ".pptx") in result.stderr
    assert (out / f"{STEM}.pptx").read_bytes() == edited


def test_email_attaches_the_edited_deck_and_never_rebuilds_over_it(out):
    deck = out / f"{STEM}.pptx"
    edited = edit_deck(deck)
    result = run("email", SAMPLE, "--out", out, "--to", "desk@example.org")
    assert result.exit_code == 0, result.output
    assert deck.read_bytes() == edited
    assert attachments(out / f"{STEM}.eml")[f"{STEM}.pptx"] == edited
    assert f"attached {deck} as edited by hand (not rebuilt)" in result.stderr
    # build's .eml and the email command's unaddressed draft agree: both carry the edit.
    run("build", SAMPLE, "--out", out)
    built_eml = (out / f"{STEM}.eml").read_bytes()
    assert attachments(out / f"{STEM}.eml")[f"{STEM}.pptx"] == edited
    unaddressed = run("email", SAMPLE, "--out", out)
    assert f"kept {out / STEM}.eml" not in unaddressed.stderr  # deckmaker's: replaced
    assert (out / f"{STEM}.eml").read_bytes() == built_eml


def test_email_keeps_a_draft_edited_by_hand(out):
    draft = out / f"{STEM}.eml"
    draft.write_bytes(draft.read_bytes() + b"\n-- my signature\n")
    edited = draft.read_bytes()
    result = run("email", SAMPLE, "--out", out, "--to", "desk@example.org")
    assert result.exit_code == 0, result.output
    assert draft.read_bytes() == edited
    assert kept_message(out, STEM, ".eml") in result.stderr
    assert f"wrote {out / STEM}.new.eml" in result.stdout


@pytest.mark.slow  # real file events and two builds of the deck: 1-3 s
def test_watch_keeps_an_edited_deck(first_build, tmp_path, capsys):
    from deckmaker.batch import BuildOptions
    from deckmaker.watch import watch_and_build

    from .test_watch import _wait_for

    briefs = tmp_path / "briefs"
    briefs.mkdir()
    brief = briefs / f"{STEM}.yaml"
    shutil.copy(SAMPLE, brief)
    out = tmp_path / "out"
    shutil.copytree(first_build, out)
    deck = out / f"{STEM}.pptx"
    edited = edit_deck(deck)
    new = out / f"{STEM}.new.pptx"
    stop = threading.Event()
    thread = threading.Thread(target=watch_and_build,
                              args=((str(briefs),), BuildOptions(out, ("pptx",))),
                              kwargs={"workers": 1, "quiet": True, "stop_event": stop})
    thread.start()
    try:
        assert _wait_for(new.exists)  # the first build already keeps the edit
        first = new.stat().st_mtime_ns
        time.sleep(0.3)  # let the watcher start before the save
        brief.write_text(brief.read_text("utf-8").replace("TLP:CLEAR", "TLP:GREEN"), "utf-8")
        assert _wait_for(lambda: new.stat().st_mtime_ns != first)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert deck.read_bytes() == edited
    assert kept_message(out, STEM, ".pptx") in capsys.readouterr().err


def test_parallel_builds_keep_edits_as_serial_ones_do(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "briefs" / sub).mkdir(parents=True)
        shutil.copy(SAMPLE, tmp_path / "briefs" / sub / "brief.yaml")
    out = tmp_path / "out"
    args = ("build", tmp_path / "briefs", "--out", out, "--format", "pdf", "-j", "2")
    assert run(*args).exit_code == 0
    edited = edit_memo(out / "a" / "brief.pdf")
    result = run(*args, "--force")  # both rebuilt, in two workers
    assert result.exit_code == 0, result.output
    assert "1 built, 0 up to date, 1 kept, 0 failed." in result.stdout
    assert kept_message(out / "a", "brief", ".pdf") in result.stderr
    assert (out / "a" / "brief.pdf").read_bytes() == edited
    assert (out / "a" / "brief.new.pdf").is_file() and not (out / JOURNAL_NAME).exists()


def changed_sample(tmp_path: Path) -> Path:
    """A copy of the sample with another title, so a build has something new to write."""
    brief = tmp_path / f"{STEM}.yaml"
    brief.write_text(SAMPLE.read_text("utf-8").replace('title: "', 'title: "New: ', 1), "utf-8")
    return brief


def test_an_edited_new_file_is_kept_aside_before_the_next_new_build(out, tmp_path):
    memo = out / f"{STEM}.pdf"
    edit_memo(memo)
    assert run("build", SAMPLE, "--out", out, "--format", "pdf").exit_code == 0
    new = out / f"{STEM}.new.pdf"
    new.write_bytes(b"the analyst's notes, saved over the new build")
    result = run("build", changed_sample(tmp_path), "--out", out, "--format", "pdf")
    assert result.exit_code == 0, result.output
    backups = list(out.glob(f"{STEM}.new.edited-*.pdf"))
    assert [b.read_bytes() for b in backups] == [b"the analyst's notes, saved over the new build"]
    assert f"replaced {new}, edited since deckmaker wrote it; the previous file is now " \
        f"{backups[0]}" in result.stderr
    assert PdfReader(new).metadata.title.startswith("New: ")


def test_an_email_built_alone_attaches_the_edited_memo(out, tmp_path):
    edited = edit_memo(out / f"{STEM}.pdf")
    result = run("build", changed_sample(tmp_path), "--out", out, "--format", "eml")
    assert result.exit_code == 0, result.output
    assert attachments(out / f"{STEM}.eml")[f"{STEM}.pdf"] == edited
    assert f"attached {out / STEM}.pdf as edited by hand (not rebuilt)" in result.stderr


@pytest.mark.parametrize("record", [
    json.dumps({STEM: {"fingerprint": "x", "outputs": []}}), json.dumps({STEM: "oops"}),
    json.dumps({STEM: {"outputs": {"pdf": {"sha256": ["a"]}}}}), "[]", "null", '"text"',
])
def test_a_record_of_the_wrong_shape_is_ignored_and_keeps_edits(out, record):
    edited = edit_memo(out / f"{STEM}.pdf")
    (out / RECORD_NAME).write_text(record, "utf-8")
    journals = out / JOURNAL_NAME
    journals.mkdir(exist_ok=True)
    (journals / "odd.json").write_text(json.dumps({"key": STEM, "outputs": {"pdf": ["x"]}}))
    result = run("build", SAMPLE, "--out", out, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert (out / f"{STEM}.pdf").read_bytes() == edited  # not deckmaker's by any record
    assert "internal error" not in result.output
