"""Reading a file's bytes as text, and telling its format from the content.

The extension says nothing reliable (a ``.csv`` may be LinkedIn's, Google's or
Outlook's; an ``.ics`` may be a vCard), so the format comes from what the file
holds: ``BEGIN:VCARD``, ``BEGIN:VCALENDAR``, the header names of a CSV, or the
``t i j`` lines of a proximity log.

Encodings (:func:`decode`, the one place where a file's bytes become text): a
byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32); without one, UTF-16 that
lost its mark, then UTF-8, then the code page that reads the file best
(:mod:`netweave.importers.encoding`: Windows-125x, ISO-8859-x, KOI8, Shift-JIS,
GB18030, Big5, EUC-KR, ...). What no code page reads as text, a file that mixes
UTF-8 with another encoding, and binary, empty or compressed files are refused
with an :class:`InvalidInput` that names the file and says why.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from netweave.errors import InvalidInput
from netweave.importers.encoding import guesses, placed, single_byte
from netweave.importers.model import Format

_HINT_ENCODING = "save or export it again as UTF-8 and retry"

_COMPRESSED = {
    b"\x1f\x8b": "gzip-compressed (unpack it first, e.g. with gunzip)",
    b"PK\x03\x04": "a ZIP archive (unzip it and import the file inside)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"BZh": "bzip2-compressed (unpack it first)",
    b"\xfd7zXZ": "xz-compressed (unpack it first)",
    b"SQLite format 3\x00": "an SQLite database",
}


VCARD_CHARSETS = "per-line CHARSET"
"""The ``encoding`` of a vCard file whose lines are in several character sets."""
_VCARD_START = re.compile(rb"\s*BEGIN:VCARD", re.IGNORECASE)
_VCARD_CHARSET = re.compile(rb";CHARSET=", re.IGNORECASE)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text and how it was read. ``data`` keeps the raw bytes.

    A long file read from disk as it is used (:mod:`netweave.importers.from_disk`) holds
    only its first block in ``text`` and ``data``; ``read_lines`` reads all its lines again
    each time it is called. :meth:`lines` gives the lines either way."""

    file: str
    text: str
    encoding: str
    data: bytes
    read_lines: Callable[[], Iterator[str]] | None = None

    def lines(self) -> Iterator[str]:
        """The file's lines with their ends (LF, CRLF or CR), one at a time."""
        return self.read_lines() if self.read_lines is not None else text_lines(self.text)


def _binary(file: str, why: str) -> InvalidInput:
    return InvalidInput(
        f"{file} is {why}, not a contact, calendar or contact-log export",
        hint="netweave reads LinkedIn, Google and Outlook CSV, vCard, iCalendar and contact logs",
    )


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text that lost its byte-order mark: every other byte is zero."""
    sample = data[:400]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / len(sample[0::2])
    odd_zero = sample[1::2].count(0) / len(sample[1::2])
    encoding = "utf-16-le" if odd_zero > 0.9 and even_zero < 0.1 else None
    if even_zero > 0.9 and odd_zero < 0.1:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        return data.decode(encoding), "utf-16"
    except UnicodeDecodeError:
        return None


def _decode_with_bom(file: str, data: bytes) -> tuple[str, str] | None:
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as error:
                raise InvalidInput(
                    f"{file} starts with a {encoding.upper()} byte-order mark but is not "
                    f"{encoding.upper()} text (byte {error.start})",
                    hint=_HINT_ENCODING,
                ) from None
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode_legacy(file: str, data: bytes, error: UnicodeDecodeError) -> tuple[str, str]:
    """Text in the code page that reads ``data`` best, or InvalidInput saying why not.

    ``error`` is why ``data`` is not UTF-8: its place is named in the message.
    """
    where = (
        f"byte 0x{data[error.start]:02X} on line {_line_of(data, error.start)} "
        f"(offset {error.start}) is not UTF-8"
    )
    found = guesses(data)
    best = next((guess for guess in found if placed(guess)), None)
    if best is not None and single_byte(best.codec):
        sample = data[: 1024 * 1024]
        if len(_UTF8_SEQUENCE.findall(sample)) >= 2:
            raise InvalidInput(
                f"{file} mixes UTF-8 with another encoding: {where}, while other lines are",
                hint=_HINT_ENCODING,
            )
    for guess in found:
        if not placed(guess):
            continue
        try:
            return data.decode(guess.codec), guess.label
        except UnicodeDecodeError:
            continue  # the sample read well, a later part does not
    raise InvalidInput(
        f"{file} is in an encoding netweave cannot tell: {where}, and no code page it knows "
        "(Windows, ISO-8859, KOI8, Shift-JIS, GB18030, Big5, EUC) reads it as text",
        hint=_HINT_ENCODING,
    )


def _too_many_controls(text: str) -> bool:
    sample = text[:20_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f\x0b\x1a")
    return controls > max(2, len(sample) // 200)


def decode(data: bytes, file: str) -> DecodedText:
    """The text of ``data`` (the content of the file named ``file``), or InvalidInput."""
    if not _BYTE_NOT_BLANK.search(data):  # data.strip() would copy the file
        raise InvalidInput(f"{file} is empty", hint="export the file again; it holds nothing")
    for magic, what in _COMPRESSED.items():
        if data.startswith(magic):
            raise _binary(file, what)
    decoded = _decode_with_bom(file, data)
    if decoded is None and b"\x00" in data[:4096]:
        decoded = _decode_utf16_without_bom(data)
        if decoded is None:
            raise _binary(file, "a binary file (it holds NUL bytes)")
    if decoded is None:
        try:
            decoded = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            if _VCARD_START.match(data) and _VCARD_CHARSET.search(data):
                # vCard 2.1 names a CHARSET per line (Shift_JIS, ISO-8859-1, ...): the
                # vCard reader decodes line by line from the bytes.
                return DecodedText(file, data.decode("latin-1"), VCARD_CHARSETS, data)
            decoded = _decode_legacy(file, data, error)
    text, encoding = decoded
    if not _NOT_BLANK.search(text):
        raise InvalidInput(f"{file} is empty", hint="export the file again; it holds nothing")
    if _too_many_controls(text):
        raise _binary(file, "a binary file (it holds control characters)")
    return DecodedText(file=file, text=text, encoding=encoding, data=data)


# --- formats ---------------------------------------------------------------------

_CONTACT_LINE = re.compile(r"^\s*\d+[ \t]+[^\s,;]+[ \t]+[^\s,;]+\s*$")
_HEADER_SCAN_ROWS = 30


_LINE_END = re.compile(r"\r\n|\r|\n")
_BYTE_NOT_BLANK = re.compile(rb"\S")
_NOT_BLANK = re.compile(r"\S")


def text_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends (LF, CRLF or CR), one at a time.

    ``io.StringIO(text)`` would first copy the whole text, four bytes a character: for
    a long contact log the largest thing an import held."""
    position = 0
    for end in _LINE_END.finditer(text):
        yield text[position : end.end()]
        position = end.end()
    if position < len(text):
        yield text[position:]


def _first_lines(text: str, count: int) -> list[str]:
    lines: list[str] = []
    for line in text_lines(text):
        if line.strip():
            lines.append(line.strip())
            if len(lines) == count:
                break
    return lines


def csv_format(header: list[str]) -> Format | None:
    """The CSV format whose header this is, or None."""
    names = {name.strip().lower() for name in header}
    if {"first name", "last name", "connected on"} <= names:
        return Format.LINKEDIN
    if {"given name", "family name"} <= names and "name" in names:
        return Format.GOOGLE
    google_current = {"e-mail 1 - value", "labels", "organization name", "phone 1 - value"}
    if {"first name", "last name"} <= names and names & google_current:
        return Format.GOOGLE
    outlook = {"e-mail address", "business phone", "mobile phone", "job title", "home phone"}
    if {"first name", "last name"} <= names and names & outlook:
        return Format.OUTLOOK
    if {"time", "participants"} <= names:
        return Format.CONTACT_LOG
    return None


def _csv_format(text: str) -> Format | None:
    reader = csv.reader(io.StringIO(text[:200_000]))
    try:
        for index, row in enumerate(reader):
            found = csv_format(row)
            if found is not None or index >= _HEADER_SCAN_ROWS:
                return found
    except csv.Error:
        return None
    return None


def detect(decoded: DecodedText) -> Format:
    """The format of a decoded file, from its content; InvalidInput when it is none we read."""
    lines = _first_lines(decoded.text, 5)
    first = lines[0].upper() if lines else ""
    if first.startswith("BEGIN:VCARD"):
        return Format.VCARD
    if first.startswith(("BEGIN:VCALENDAR", "BEGIN:VEVENT")):
        return Format.ICAL
    if lines and all(_CONTACT_LINE.match(line) for line in lines):
        return Format.SOCIOPATTERNS
    found = _csv_format(decoded.text)
    if found is not None:
        return found
    if "," in first or ";" in first or "\t" in first:
        raise InvalidInput(
            f"{decoded.file} is a table of a kind netweave does not know "
            f"(first line: {lines[0][:80]!r})",
            hint="LinkedIn, Google and Outlook contact exports and contact logs "
            "(time,participants,...) are known; or give --format",
        )
    raise InvalidInput(
        f"{decoded.file} is not a format netweave reads (it starts with {lines[0][:60]!r})",
        hint="netweave reads LinkedIn, Google and Outlook CSV, vCard (.vcf), "
        "iCalendar (.ics) and contact logs",
    )


__all__ = ["VCARD_CHARSETS", "DecodedText", "csv_format", "decode", "detect", "text_lines"]
