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
