"""How much one import file may hold, checked before it is parsed (docs/security.md, "Files").

A file comes from somewhere else: an export, a download, a mail attachment.
Each limit below is far above what a real export holds and stops a hostile
file (a 50 MB line, a million cards, a rule that repeats every second) early,
with a message that names the file and, where there is one, the line:

- :data:`MAX_FILE_BYTES`: the size of a file (checked from the file system
  before reading, or as it is read);
- :data:`MAX_LINE_BYTES`: one line (read in pieces: a file is refused at its
  first over-long line, without reading the rest);
- :data:`MAX_RECORDS`: cards, rows or events in one file, recurring events
  counted once per occurrence (counted before parsing);
- :data:`MAX_LOG_ROWS`: rows of a contact log, streamed a chunk at a time;
- :data:`MAX_LOG_LINES`: lines of a proximity log, which become far fewer
  conversations;
- the expansion of recurring events: :mod:`netweave.importers.recurrence`.

Each refusal is an :class:`InvalidInput` (exit 2, HTTP 422) with ``code`` and
``facts`` for programs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from netweave.errors import InvalidInput

MAX_FILE_BYTES = 100 * 1024 * 1024
"""100 MB: a LinkedIn export of 30,000 connections is about 5 MB."""

MAX_LINE_BYTES = 4 * 1024 * 1024
"""4 MB: a vCard photo written on one line stays below it; CSV rows are a few hundred bytes."""

MAX_RECORDS = 100_000
"""Cards, rows or events in one file (LinkedIn keeps 30,000 connections, iCloud 50,000 contacts)."""

MAX_LOG_ROWS = 5_000_000
"""Rows of a contact log, which is imported a chunk at a time (services.imports.stream):
what bounds its memory is the chunk, not the file; the file size limit still holds."""

MAX_LOG_LINES = 2_000_000
"""Lines of a proximity log (the SFHH conference log has 70,261)."""

CHUNK_BYTES = 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def too_large(file: str, size: int) -> InvalidInput:
    return InvalidInput(
        f"{file} is {_megabytes(size)}; netweave imports files up to {_megabytes(MAX_FILE_BYTES)}",
        hint="split the file, or export fewer contacts at a time",
        code="file-too-large",
        facts={"file": file, "bytes": size, "limit": MAX_FILE_BYTES},
    )


def _line_too_long(file: str, line: int) -> InvalidInput:
    return InvalidInput(
        f"{file}, line {line} is longer than {_megabytes(MAX_LINE_BYTES)}: this is not a "
        "contact, calendar or contact-log export (those have short lines)",
        hint="check that this is the file you meant to import",
        code="line-too-long",
        facts={"file": file, "line": line, "limit": MAX_LINE_BYTES},
    )


def too_many(file: str, count: str, what: str, limit: int, line: int | None) -> InvalidInput:
    """A file with more ``what`` ("cards") than ``limit``; ``count`` as said ("more than")."""
    where = f" (the one past the limit starts on line {line})" if line else ""
    return InvalidInput(
        f"{file} holds {count} {limit:,} {what}{where}; netweave imports at most "
        f"{limit:,} from one file",
        hint="split the file and import the parts one after the other",
        code="too-many-records",
        facts={"file": file, "what": what, "limit": limit, "line": line},
    )


class LineLengths:
    """Follows line lengths across the pieces of a file, and refuses the first too long.

    A line ends at LF, CRLF or CR (CR alone ends lines in old Mac files).
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.current = 0  # bytes of the line not yet ended
        self.line = 1
        self.after_cr = False  # the last piece ended with CR: an LF next ends no new line

    def feed(self, chunk: bytes) -> None:
        flat = chunk.replace(b"\r", b"\n") if b"\r" in chunk else chunk
        first = flat.find(b"\n")
        if first < 0:
            self.after_cr = False
            self.current += len(chunk)
            if self.current > MAX_LINE_BYTES:
                raise _line_too_long(self.file, self.line)
            return
        if self.current + first > MAX_LINE_BYTES:
            raise _line_too_long(self.file, self.line)
        last = flat.rfind(b"\n")
        # Lines between the first and the last break are shorter than a piece, so shorter
        # than the limit (CHUNK_BYTES < MAX_LINE_BYTES): only the ends need looking at.
        breaks = chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
        if self.after_cr and chunk.startswith(b"\n"):
            breaks -= 1
        self.after_cr = chunk.endswith(b"\r")
        self.line += breaks
        self.current = len(chunk) - last - 1
        if self.current > MAX_LINE_BYTES:
            raise _line_too_long(self.file, self.line)


def check_lines(file: str, data: bytes) -> None:
    """InvalidInput when a line of ``data`` is longer than :data:`MAX_LINE_BYTES`."""
    lines = LineLengths(file)
    for start in range(0, len(data), CHUNK_BYTES):
        lines.feed(data[start : start + CHUNK_BYTES])


def check_size(file: str, data: bytes) -> None:
    """InvalidInput when ``data`` is larger than a file may be, or one of its lines is."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(file, len(data))
    check_lines(file, data)


def read_stream(file: str, stream: BinaryIO, size: int | None = None) -> bytes:
    """The bytes of an open file, read in pieces and refused at the first limit it passes.

    ``size``, when known beforehand, refuses a file too large without reading it.
    """
    if size is not None and size > MAX_FILE_BYTES:
        raise too_large(file, size)
    lines = LineLengths(file)
    pieces: list[bytes] = []
    total = 0
    for chunk in _chunks(stream):
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise too_large(file, max(total, size or 0))
        lines.feed(chunk)
        pieces.append(chunk)
    return b"".join(pieces)


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK_BYTES):
        yield chunk


def read_path(path: Path) -> bytes:
    """The bytes of the file at ``path`` (:func:`read_stream`); OSError as the caller's."""
    with path.open("rb") as stream:
        return read_stream(path.name, stream, path.stat().st_size)


def check_count(
    file: str, starts: Iterable[int], what: str, data: bytes | str, limit: int = MAX_RECORDS
) -> None:
    """InvalidInput when ``starts`` (offsets of records in ``data``) holds more than ``limit``.

    Counts only up to the first record past the limit, and names its line.
    """
    for count, offset in enumerate(starts, 1):
        if count > limit:
            if isinstance(data, str):
                line = data.count("\n", 0, offset) + 1
            else:
                line = data.count(b"\n", 0, offset) + 1
            raise too_many(file, "more than", what, limit, line)


__all__ = [
    "CHUNK_BYTES",
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "MAX_LOG_LINES",
    "MAX_LOG_ROWS",
    "MAX_RECORDS",
    "LineLengths",
    "check_count",
    "check_lines",
    "check_size",
    "read_path",
    "read_stream",
    "too_large",
    "too_many",
]
