"""Mail files on this machine: an mbox (Google Takeout, Thunderbird, Apple Mail's export)
and a Maildir (with its Maildir++ subfolders, as Dovecot and offlineimap keep them).

Only headers are read. An mbox is scanned for its ``From `` lines in large blocks, so a
file of gigabytes is read once at disk speed and never held in memory; a Maildir file is
read up to the blank line that ends its headers.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from netweave.mail.envelope import Envelope, read_headers

BLOCK = 1 << 20
"""Bytes read at a time from an mbox."""
MOST_HEADER_BYTES = 256 * 1024
"""Headers longer than this are cut there (a message with 10,000 recipients is a crowd anyway)."""
FINGERPRINT_BYTES = 4096
"""Bytes before a stopping point whose digest tells an appended mbox from a rewritten one."""


@dataclass(frozen=True, slots=True)
class MboxMessage:
    envelope: Envelope
    end: int
    """The byte just after this message: where a later sync starts."""


def _header_end(buffer: bytes, start: int, stop: int) -> int:
    """Where the headers that start at ``start`` end (just past the blank line's first line
    break), or -1 when no blank line comes before ``stop``."""
    lf = buffer.find(b"\n\n", start, stop)
    crlf = buffer.find(b"\r\n\r\n", start, stop if lf == -1 else lf)
    if crlf != -1:
        return crlf + 2
    return lf + 1 if lf != -1 else -1


def read_mbox(path: Path, *, start: int = 0) -> Iterator[MboxMessage]:
    """The messages of an mbox from byte ``start`` (a message's first ``From `` line) on.

    Like Python's ``mailbox.mbox``, every line that begins with ``From `` starts a message
    (writers quote such lines in bodies as ``>From ``).
    """
    with path.open("rb") as file:
        yield from _Scan(file, start, path.name).messages()


class _Scan:
    """One pass over an mbox: a window of the file (``buffer``, whose first byte is at
    ``base``) and the place in it (``pos``)."""

    def __init__(self, file: BinaryIO, start: int, name: str) -> None:
        file.seek(start)
        self.file = file
        self.name = name
        self.buffer = b""
        self.base = start
        self.pos = 0
        self.at_end = False
        self.fill()

    def fill(self) -> None:
        """Drop what is before ``pos`` and read one more block."""
        more = self.file.read(BLOCK)
        self.at_end = len(more) < BLOCK
        self.base += self.pos
        self.buffer = self.buffer[self.pos :] + more
        self.pos = 0

    def boundary(self, start: int) -> int:
        """The next "\nFrom " at or after ``start``, reading on as needed; -1 at the end.
        Bytes before it that are not needed any more are dropped as the file is read."""
        found = self.buffer.find(b"\nFrom ", start)
        while found == -1 and not self.at_end:
            self.pos = max(self.pos, len(self.buffer) - 5)
            self.fill()
            found = self.buffer.find(b"\nFrom ", 0)
        return found

    def messages(self) -> Iterator[MboxMessage]:
        if not self.buffer.startswith(b"From "):
            first = self.boundary(0)
            if first == -1:
                return
            self.pos = first + 1
        while self.pos < len(self.buffer) or not self.at_end:
            if self.pos >= len(self.buffer):
                self.fill()
                if not self.buffer:
                    return
            yield self.one()
            if self.pos < 0:
                return

    def one(self) -> MboxMessage:
        # buffer[pos:] starts with a "From " line: read on until its headers are in the window.
        while True:
            line_end = self.buffer.find(b"\n", self.pos)
            nxt = self.buffer.find(b"\nFrom ", line_end) if line_end != -1 else -1
            stop = nxt + 1 if nxt != -1 else len(self.buffer)
            head_end = -1 if line_end == -1 else _header_end(self.buffer, line_end, stop)
            enough = head_end != -1 or nxt != -1 or self.at_end
            if enough or len(self.buffer) - self.pos >= MOST_HEADER_BYTES:
                break
            self.fill()
        where = f"{self.name}, byte {self.base + self.pos}"
        first = len(self.buffer) if line_end == -1 else line_end + 1
        last = min(stop, first + MOST_HEADER_BYTES) if head_end == -1 else head_end
        envelope = read_headers(self.buffer[first:last], where)
        if nxt == -1:
            self.pos = max(self.pos, last)
            nxt = self.boundary(self.pos)
        if nxt == -1:
            end = self.base + len(self.buffer)
            self.pos = -1
        else:
            end = self.base + nxt + 1
            self.pos = nxt + 1
        return MboxMessage(envelope, end)


@dataclass(frozen=True, slots=True)
class FileMark:
    """Where a sync of a file stopped: its size then, and a digest of the bytes just
    before that point. A file that only grew keeps that digest; one rewritten does not."""

    size: int
    offset: int
    fingerprint: str


def mark_of(path: Path, offset: int) -> FileMark:
    """The mark of ``path`` stopped at ``offset``."""
    return FileMark(path.stat().st_size, offset, _fingerprint(path, offset))


def _fingerprint(path: Path, offset: int) -> str:
    with path.open("rb") as file:
        begin = max(0, offset - FINGERPRINT_BYTES)
        file.seek(begin)
        return hashlib.sha256(file.read(offset - begin)).hexdigest()[:32]


def resume_at(path: Path, mark: FileMark | None) -> int | None:
    """Where to read ``path`` from after ``mark``: None when nothing was added since, the
    mark's offset when the file only grew, 0 when it was rewritten (seen messages are then
    recognized by their keys)."""
    if mark is None:
        return 0
    size = path.stat().st_size
    if size < mark.offset or _fingerprint(path, mark.offset) != mark.fingerprint:
        return 0
    if size == mark.size == mark.offset:
        return None
    return mark.offset


# --- Maildir ----------------------------------------------------------------------------


def maildir_folders(root: Path) -> list[tuple[str, Path]]:
    """The folders of a Maildir: itself ("INBOX") and its Maildir++ subfolders (``.Sent``)."""
    folders = [("INBOX", root)] if (root / "cur").is_dir() or (root / "new").is_dir() else []
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") and ((child / "cur").is_dir() or (child / "new").is_dir()):
            folders.append((child.name[1:], child))
    return folders


def _read_head(path: Path) -> bytes:
    with path.open("rb") as file:
        data = file.read(16 * 1024)
        while _header_end(data, 0, len(data)) == -1 and len(data) < MOST_HEADER_BYTES:
            more = file.read(64 * 1024)
            if not more:
                break
            data += more
    end = _header_end(data, 0, len(data))
    return data if end == -1 else data[:end]


def read_maildir(root: Path) -> Iterator[Envelope]:
    """Every message of a Maildir and its subfolders, in a stable order."""
    for folder, place in maildir_folders(root):
        for sub in ("cur", "new"):
            directory = place / sub
            if not directory.is_dir():
                continue
            for entry in sorted(os.scandir(directory), key=lambda e: e.name):
                if entry.name.startswith(".") or not entry.is_file():
                    continue
                try:
                    head = _read_head(Path(entry.path))
                except FileNotFoundError:
                    continue  # moved by a mail client while we read: seen in its new place
                yield read_headers(head, f"{folder}/{sub}/{entry.name}")


def is_maildir(root: Path) -> bool:
    return root.is_dir() and bool(maildir_folders(root))


MBOX_SNIFF = 64 * 1024
"""How much of a file :func:`not_an_mbox` reads to find a ``From `` line."""
_PACKED = {b"PK\x03\x04": "a zip archive", b"\x1f\x8b": "a gzip archive"}


def not_an_mbox(path: Path) -> str | None:
    """Why the file at ``path`` is no mbox (read would find no message in it), or None:
    it is empty (an mbox with nothing yet) or a line in its first :data:`MBOX_SNIFF`
    bytes begins with ``From ``."""
    with path.open("rb") as file:
        head = file.read(MBOX_SNIFF)
    if not head or head.startswith(b"From ") or b"\nFrom " in head:
        return None
    for magic, what in _PACKED.items():
        if head.startswith(magic):
            return f"it is {what}: unzip it first and name the .mbox inside"
    return (
        f"no line in its first {MBOX_SNIFF // 1024} KB begins with 'From ', as each message's does"
    )


__all__ = [
    "BLOCK",
    "FINGERPRINT_BYTES",
    "MOST_HEADER_BYTES",
    "FileMark",
    "MboxMessage",
    "is_maildir",
    "maildir_folders",
    "mark_of",
    "not_an_mbox",
    "read_maildir",
    "read_mbox",
    "resume_at",
]
