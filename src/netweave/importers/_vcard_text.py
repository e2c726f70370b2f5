"""Real vCard files made regular, card by card, before vobject reads them.

vobject reads clean vCard 3.0, but real exports are not clean, and one bad line
makes it drop the whole file. This pass works on the bytes and gives one tidy
vCard 3.0 text per card:

- line endings: CRLF, LF, CR and the iPhone's CR CR LF;
- folded lines (a leading space or tab) and vCard 2.1 quoted-printable soft
  line breaks (a line ending in ``=``) joined;
- quoted-printable decoded here, and every value read in its ``CHARSET`` (or
  UTF-8, else Windows-1252), so values become plain Unicode;
- vCard 2.1 values (no escaping, literal commas) escaped as 3.0 wants, and the
  commas that Gmail and others leave unescaped in single values (``FN:Doe,
  John``) escaped, so that vobject does not cut the value at the comma;
- ``PROFILE:VCard`` (Lotus Notes) dropped: vobject takes it for a component;
- photos, logos, sounds and keys dropped after noting that a photo was there:
  netweave keeps no binary data, and broken base64 cannot fail a card.

A line that is not a property is reported and left out; the card goes on.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

from netweave.errors import InvalidInput
from netweave.importers.model import Problem, Source

_LINE_BREAK = re.compile(rb"\r*\n|\r")
_PROPERTY = re.compile(
    rb"^(?:(?P<group>[A-Za-z0-9_\-]+)\.)?(?P<name>[A-Za-z0-9_\-]+)"
    rb'(?P<params>(?:;(?:[^";:]|"[^"]*")*)*):(?P<value>.*)$',
    re.S,
)
_PARAM = re.compile(rb';((?:[^";]|"[^"]*")*)')
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")

_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_STRUCTURED = frozenset({"N", "ADR", "ORG"})
_LISTS = frozenset({"CATEGORIES", "NICKNAME"})
_DROPPED = frozenset({"PROFILE", "BEGIN", "END", "VERSION"})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})


@dataclass
class CardText:
    """One card as clean vCard 3.0 text, with where it was and what was odd in it."""

    number: int
    line: int
    version: str = "3.0"
    lines: list[str] = field(default_factory=list)
    has_photo: bool = False
    problems: list[Problem] = field(default_factory=list)
    source: Source = field(default_factory=lambda: Source("", ""))

    def text(self) -> str:
        body = "".join(f"{line}\r\n" for line in self.lines)
        return f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n"


@dataclass
class _Raw:
    number: int
    line: int
    logical: list[tuple[int, bytearray]] = field(default_factory=list)


def _is_quoted_printable(line: bytes | bytearray) -> bool:
    head = line.split(b":", 1)[0].upper()
    return b"QUOTED-PRINTABLE" in head


def _split_cards(data: bytes, file: str) -> tuple[list[_Raw], list[Problem]]:
    cards: list[_Raw] = []
    problems: list[Problem] = []
    current: _Raw | None = None
    soft_break = False
    for number, line in enumerate(_LINE_BREAK.split(data), 1):
        stripped = line.strip().upper()
        if soft_break and current is not None and stripped != b"END:VCARD":
            logical = current.logical[-1][1]
            del logical[-1:]  # the "=" of the soft line break
            logical.extend(line)
            soft_break = logical.endswith(b"=")
            continue
        if stripped == b"BEGIN:VCARD":
            if current is not None:
                problems.append(_unended(file, current))
            current = _Raw(number=len(cards) + len(problems) + 1, line=number)
            continue
        if current is None:
            continue  # text between cards
        if stripped == b"END:VCARD":
            cards.append(current)
            current = None
            continue
        if line[:1] in (b" ", b"\t") and current.logical:
            current.logical[-1][1].extend(line[1:])
        elif stripped:
            current.logical.append((number, bytearray(line)))
        else:
            continue
        last = current.logical[-1][1]
        soft_break = last.endswith(b"=") and _is_quoted_printable(last)
    if current is not None:
        raise InvalidInput(
            f"{file} looks cut off: card {current.number}, which starts on line "
            f"{current.line}, has no END:VCARD",
            hint="export or download the file again",
        )
    return cards, problems


def _unended(file: str, raw: _Raw) -> Problem:
    return Problem(
        Source(file, f"card {raw.number} (line {raw.line})", raw.line),
        "the card has no END:VCARD before the next card begins; card left out",
    )


def _params(raw: bytes) -> list[tuple[str, str]]:
    """``(NAME, value)`` pairs; vCard 2.1's bare ``;CELL`` is ``TYPE=CELL``."""
    found: list[tuple[str, str]] = []
    for match in _PARAM.finditer(raw):
        text = match[1].decode("utf-8", "replace").strip()
        if not text:
            continue
        name, equals, value = text.partition("=")
        if not equals:
            name, value = ("ENCODING" if text.upper() in _ENCODINGS else "TYPE"), text
        for part in value.split(","):
            part = part.strip().strip('"')
            if part:
                found.append((name.strip().upper(), part))
    return found


def _decode_value(raw: bytes, charset: str | None, source: Source, problems: list[Problem]) -> str:
    """Bytes of a value as text: the declared charset, else UTF-8, else Windows-1252."""
    encoding = (charset or "utf-8").lower()
    try:
        return raw.decode(encoding)
    except LookupError:
        problems.append(
            Problem(source, f"unknown character set {charset!r}; read as UTF-8", skipped=False)
        )
        encoding = "utf-8"
    except UnicodeDecodeError:
        pass
    if encoding.replace("-", "") == "utf8":
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            if _UTF8_SEQUENCE.search(raw):
                problems.append(
                    Problem(
                        source,
                        "a value holds bytes that are not UTF-8; they were left out",
                        skipped=False,
                    )
                )
                return raw.decode("utf-8", "replace").replace("\ufffd", "")
    return raw.decode("cp1252", "replace")


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _as_version_3(name: str, value: str, raw_21: bool) -> str:
    """``value`` escaped as vCard 3.0 wants it for a property called ``name``."""
    if raw_21:
        # vCard 2.1: no escaping but ``\\;`` inside structured values, literal commas.
        if name in _STRUCTURED:
            parts = re.split(r"(?<!\\);", value)
            return ";".join(_escape(p.replace("\\;", ";")) for p in parts)
        if name in _LISTS:
            return ",".join(_escape(p) for p in value.split(","))
        return _escape(value.replace("\\;", ";"))
    # Gmail and Apple escape colons in URLs (``http\\://``), which 3.0 does not know.
    value = value.replace("\\:", ":")
    if name in _STRUCTURED or name in _LISTS:
        return value.replace("\r\n", "\\n").replace("\n", "\\n")
    return _UNESCAPED_COMMA.sub(r"\\,", value).replace("\r\n", "\\n").replace("\n", "\\n")


def _serialize_params(params: list[tuple[str, str]]) -> str:
    grouped: dict[str, list[str]] = {}
    for name, value in params:
        if name not in ("ENCODING", "CHARSET"):
            grouped.setdefault(name, []).append(value.replace('"', "'"))
    return "".join(
        f";{name}=" + ",".join(f'"{v}"' if re.search(r"[:;,]", v) else v for v in values)
        for name, values in grouped.items()
    )


def _card(raw: _Raw, file: str) -> CardText:
    card = CardText(number=raw.number, line=raw.line)
    card.source = Source(file, f"card {raw.number} (line {raw.line})", raw.line)
    for _, logical in raw.logical:
        if logical.upper().startswith(b"VERSION:"):
            card.version = logical[8:].decode("ascii", "replace").strip()
    for number, logical in raw.logical:
        match = _PROPERTY.match(bytes(logical))
        if match is None:
            shown = bytes(logical[:40]).decode("utf-8", "replace")
            card.problems.append(
                Problem(
                    card.source,
                    f"line {number} is not a vCard property and was ignored: {shown!r}",
                    skipped=False,
                )
            )
            continue
        name = match["name"].decode("ascii").upper()
        if name in _DROPPED:
            continue
        params = _params(match["params"])
        encodings = {v.upper() for k, v in params if k == "ENCODING"}
        if name in _BINARY or encodings & {"BASE64", "B"}:
            card.has_photo |= name == "PHOTO" and bool(match["value"].strip())
            continue
        quoted = "QUOTED-PRINTABLE" in encodings
        value_bytes = quopri.decodestring(match["value"]) if quoted else match["value"]
        charset = next((v for k, v in params if k == "CHARSET"), None)
        value = _decode_value(value_bytes, charset, card.source, card.problems)
        escaped = _as_version_3(name, value, raw_21=quoted or card.version.startswith("2"))
        group = match["group"].decode("ascii") + "." if match["group"] else ""
        card.lines.append(f"{group}{name}{_serialize_params(params)}:{escaped}")
    return card


def read_cards(data: bytes, file: str) -> tuple[list[CardText], list[Problem]]:
    """Each complete card of a vCard file as clean 3.0 text, and cards that had no end.

    InvalidInput when the file ends inside a card: it was cut off.
    """
    raws, problems = _split_cards(data, file)
    return [_card(raw, file) for raw in raws], problems


__all__ = ["CardText", "read_cards"]
