"""A long file read from disk in pieces, never held whole (issue 16).

A contact log may hold millions of rows (:data:`netweave.importers.limits.MAX_LOG_ROWS`):
held whole, its bytes and their text were twice the file. :func:`open_text` reads the
first :data:`FIRST_BLOCK` bytes, tells the encoding and the format from them (the rules
of :func:`netweave.importers.detect.decode` and :func:`~netweave.importers.detect.detect`,
on that block), and gives a :class:`DecodedText` whose lines are read from the file again,
a piece at a time, each time they are asked for (:meth:`DecodedText.lines`). Other files,
and those whose first block is in an encoding that cannot be decoded piece by piece
from any point (UTF-16 and UTF-32, vCard's per-line character sets), are read whole.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from netweave.errors import InvalidInput
from netweave.importers import limits
from netweave.importers.detect import DecodedText, decode, detect
from netweave.importers.model import Format

FIRST_BLOCK = 256 * 1024
"""The start of a file its encoding and format are told from."""

STREAMED = frozenset({Format.CONTACT_LOG})
"""Formats read from disk a piece at a time (their parsers read :meth:`DecodedText.lines`)."""

_PIECE = limits.CHUNK_BYTES
_LINE_END = re.compile(r"\r\n|\r|\n")
_PIECEWISE = re.compile(r"utf-8(-sig)?|windows-125\d|iso8859-\d+|koi8-[ru]")


def digest(path: Path) -> str:
    """The SHA-256 of the file at ``path``, read in pieces within :mod:`.limits` (a file too
    large, or with a line too long, is refused)."""
    found = hashlib.sha256()
    size = path.stat().st_size
    if size > limits.MAX_FILE_BYTES:
        raise limits.too_large(path.name, size)
    lines = limits.LineLengths(path.name)
    with path.open("rb") as stream:
        while piece := stream.read(_PIECE):
            lines.feed(piece)
            found.update(piece)
    return found.hexdigest()


def _first_block(path: Path) -> bytes | None:
    """The first block of the file, cut after a line end; None for a file no longer, or
    too large, or without a line end in it (read whole, such a file is refused by the
    limits first, and so it is: :func:`netweave.importers.parse.read_bytes`)."""
    if path.stat().st_size > limits.MAX_FILE_BYTES:
        return None
    with path.open("rb") as stream:
        block = stream.read(FIRST_BLOCK + 1)
    if len(block) <= FIRST_BLOCK:
        return None
    cut = max(block.rfind(b"\n", 0, FIRST_BLOCK), block.rfind(b"\r", 0, FIRST_BLOCK))
    return block[: cut + 1] if cut > 0 else None


def open_text(path: Path, format: Format | None) -> DecodedText | None:
    """The text of the file at ``path`` read from disk as it is used, when it is of a
    :data:`STREAMED` format (``format``, else told from its first block) and its encoding
    decodes piece by piece; None when it is to be read whole."""
    block = _first_block(path)
    if block is None:
        return None  # a short file: read whole, as it always was
    first = decode(block, path.name)
    if not _PIECEWISE.fullmatch(first.encoding) or (format or detect(first)) not in STREAMED:
        return None
    encoding = first.encoding
    return DecodedText(
        file=path.name,
        text=first.text,
        encoding=encoding,
        data=block,
        read_lines=lambda: lines(path, encoding),
    )


def lines(path: Path, encoding: str, *, piece: int = _PIECE) -> Iterator[str]:
    """The lines of the file with their ends (LF, CRLF or CR), decoded ``piece`` bytes at
    a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    rest = ""
    offset = 0
    with path.open("rb") as stream:
        while True:
            read = stream.read(piece)
            try:
                text = rest + decoder.decode(read, final=not read)
            except UnicodeDecodeError as error:
                raise InvalidInput(
                    f"{path.name} is not all {encoding}: byte {offset + error.start} is not "
                    f"(its start is: a file of several encodings?)",
                    hint="save or export it again as UTF-8 and retry",
                ) from None
            offset += len(read)
            if not read:
                if text:
                    yield text
                return
            position = 0
            for end in _LINE_END.finditer(text):
                if end.end() == len(text) and text.endswith("\r"):
                    break  # a CR at the end of a piece may be the start of CRLF
                yield text[position : end.end()]
                position = end.end()
            rest = text[position:]


__all__ = ["FIRST_BLOCK", "STREAMED", "digest", "lines", "open_text"]
