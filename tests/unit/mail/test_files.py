"""Reading mbox files and Maildirs: boundaries, large bodies, resuming, rewrites."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from netweave.mail import files
from tests import mailcorpus


def _messages(n: int, body_lines: int = 3) -> list[EmailMessage]:
    found = []
    for i in range(n):
        at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=i)
        message = mailcorpus.gmail(f"p{i}@x.com", mailcorpus.ROBIN, at, f"m{i}")
        # "From " at a line start inside a body is quoted by the writer as ">From ".
        message.set_content("From the desk of p\n" + "line of text\n" * body_lines * (i % 7 + 1))
        found.append(message)
    return found


@pytest.mark.parametrize("block", [files.BLOCK, 4096, 64])
def test_every_message_is_read_whatever_the_block_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(files, "BLOCK", block)
    path = mailcorpus.write_mbox(tmp_path / "box.mbox", _messages(60, body_lines=200))
    read = list(files.read_mbox(path))
    assert [m.envelope.sender.email for m in read if m.envelope.sender] == [
        f"p{i}@x.com" for i in range(60)
    ]
    assert read[-1].end == path.stat().st_size
    # The standard library agrees on the count.
    box = mailbox.mbox(path)
    try:
        assert len(box) == 60
    finally:
        box.close()


def test_reading_resumes_at_a_message_end(tmp_path: Path) -> None:
    path = mailcorpus.write_mbox(tmp_path / "box.mbox", _messages(20))
    read = list(files.read_mbox(path))
    rest = list(files.read_mbox(path, start=read[9].end))
    assert [m.envelope.key for m in rest] == [m.envelope.key for m in read[10:]]


def test_a_mark_says_whether_a_file_grew_was_rewritten_or_is_unchanged(tmp_path: Path) -> None:
    path = mailcorpus.write_mbox(tmp_path / "box.mbox", _messages(5))
    end = list(files.read_mbox(path))[-1].end
    mark = files.mark_of(path, end)
    assert files.resume_at(path, None) == 0
    assert files.resume_at(path, mark) is None  # nothing new
    mailcorpus.write_mbox(path, _messages(7)[5:])  # appended, as mail clients do
    assert files.resume_at(path, mark) == end
    path.write_bytes(path.read_bytes().replace(b"p1@x.com", b"q1@x.com"))  # rewritten
    assert files.resume_at(path, mark) == 0


def test_an_empty_or_headerless_file_gives_nothing_or_empty_envelopes(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mbox"
    empty.write_bytes(b"")
    assert list(files.read_mbox(empty)) == []
    junk = tmp_path / "junk.mbox"
    junk.write_bytes(b"not an mbox at all\nno From line here\n")
    assert list(files.read_mbox(junk)) == []
    bare = tmp_path / "bare.mbox"
    bare.write_bytes(b"From x Tue Mar  3 10:00:00 2026\nFrom: a@x.com\nTo: b@y.com")
    (only,) = files.read_mbox(bare)
    assert only.envelope.sender is not None
    assert only.envelope.sender.email == "a@x.com"
    assert only.end == bare.stat().st_size


def test_crlf_mbox_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "crlf.mbox"
    path.write_bytes(
        b"From a Tue Mar  3 10:00:00 2026\r\nFrom: a@x.com\r\nTo: r@v.net\r\n\r\nbody\r\n"
        b"From b Tue Mar  3 10:00:00 2026\r\nFrom: b@x.com\r\nTo: r@v.net\r\n\r\nbody\r\n"
    )
    assert [m.envelope.sender.email for m in files.read_mbox(path) if m.envelope.sender] == [
        "a@x.com",
        "b@x.com",
    ]


def test_a_maildir_and_its_subfolders_are_read(tmp_path: Path) -> None:
    inbox, sent = _messages(3), _messages(5)[3:]
    root = mailcorpus.write_maildir(tmp_path / "Mail", {"INBOX": inbox, "Sent": sent})
    assert files.is_maildir(root)
    assert [name for name, _ in files.maildir_folders(root)] == ["INBOX", "Sent"]
    read = list(files.read_maildir(root))
    assert sorted(e.sender.email for e in read if e.sender) == [f"p{i}@x.com" for i in range(5)]
    assert {e.where.split("/")[0] for e in read} == {"INBOX", "Sent"}
    assert not files.is_maildir(tmp_path)
