"""Atomic writes and the reproducible timestamp."""

from __future__ import annotations

import datetime as dt

import pytest

from deckmaker.outputs import atomic_path, build_timestamp


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "memo.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as temporary:
        temporary.write_bytes(b"half a fi")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.pdf"]


def test_a_successful_write_replaces_the_file(tmp_path):
    target = tmp_path / "sub" / "memo.pdf"
    with atomic_path(target) as temporary:
        temporary.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["memo.pdf"]


def test_timestamp_comes_from_the_brief_or_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_timestamp(dt.date(2025, 2, 10)) == dt.datetime(2025, 2, 10, 12, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_timestamp(dt.date(2025, 2, 10)) == dt.datetime(2023, 11, 14, 22, 13, 20,
                                                                tzinfo=dt.UTC)


def test_a_file_is_replaced_only_when_deckmaker_wrote_it(tmp_path):
    from deckmaker.outputs import (
        ABSENT, EDITED, FOREIGN, OURS, SAME, beside, plan_write, sha256_of, write_placed)

    target = tmp_path / "x.pptx"
    assert plan_write(target, b"new", [], recorded=False).state == ABSENT
    target.write_bytes(b"old")
    ours = [sha256_of(b"old")]
    assert plan_write(target, b"old", [], recorded=False).state == SAME  # taken over
    assert plan_write(target, b"new", ours, recorded=True).state == OURS
    edited = plan_write(target, b"new", [sha256_of(b"other")], recorded=True)
    assert (edited.state, edited.kept, edited.path) == (EDITED, True, beside(target))
    assert edited.attached(b"new") == b"old"  # an email carries the file as it is
    foreign = plan_write(target, b"new", [], recorded=False)
    assert foreign.state == FOREIGN and foreign.kept

    assert write_placed(edited, b"new") is None
    assert target.read_bytes() == b"old" and (tmp_path / "x.new.pptx").read_bytes() == b"new"
    replacing = plan_write(target, b"newer", [], recorded=True, overwrite=True)
    backup = write_placed(replacing, b"newer")
    assert backup is not None and backup.read_bytes() == b"old"
    assert target.read_bytes() == b"newer" and not replacing.kept
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["x.pptx", "x.new.pptx", backup.name])  # no temporary left
