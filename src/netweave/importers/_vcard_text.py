"""The lines of real vCard files, card by card, as properties with Unicode values.

Real exports are not clean, and vobject's reader drops a whole file at the
first surprise (and costs a third of a millisecond per card). This pass works
on the bytes and handles what the real files do:

- line endings: CRLF, LF, CR and the iPhone's CR CR LF;
- folded lines (a leading space or tab) and vCard 2.1 quoted-printable soft
  line breaks (a line ending in ``=``) joined;
- quoted-printable decoded, and every value read in its ``CHARSET`` (else
  UTF-8, else Windows-1252), so values become Unicode text;
- vCard 2.1's bare parameters (``TEL;CELL;PREF``) read as ``TYPE=CELL``;
- ``PROFILE:VCard`` (Lotus Notes) and binary data (photos, logos, keys,
  sounds) left out, noting only that a photo was there: netweave keeps no
  binary data, and broken base64 cannot fail a card.

Values keep their escaping (``\\,``, ``\\n``): :mod:`netweave.importers.vcard`
decodes them with vobject's RFC 2426/6350 helpers. A line that is not a
property is reported and left out; the card goes on.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from netweave.errors import InvalidInput
from netweave.importers.model import Problem, Source

_LINE_BREAK = re.compile(rb"\r*\n|\r")
# Possessive (``++``, ``*+``): a name, and a parameter's run of plain characters or its
# quoted part, can end only one way, so the match is the same without trying the others
# (a fifth quicker over a file's lines).
_PROPERTY = re.compile(
    rb"^(?:(?P<group>[A-Za-z0-9_\-]++)\.)?(?P<name>[A-Za-z0-9_\-]++)"
    rb'(?P<params>(?:;(?:[^";:]++|"[^"]*+")*+)*+):(?P<value>.*)$',
    re.S,
)
_PARAM = re.compile(rb';((?:[^";]|"[^"]*")*)')
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")

_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_DROPPED = frozenset({"PROFILE", "BEGIN", "END", "VERSION"})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_BASE64 = frozenset({"BASE64", "B"})


@dataclass(slots=True)
class Property:
    """One property of a card: ``item1.TEL;TYPE=CELL:+1 555 0100``.

    Not frozen (its ``params`` are a dict, so it could not be hashed anyway): a frozen
    record sets each field through ``object.__setattr__``, three times the cost, and a
    10,000-card file makes 80,000 of them. Nothing changes one once it is read.

    ``params`` maps upper-case names to their values (``TYPE`` lower-cased);
    ``literal`` is True for vCard 2.1 and quoted-printable values, which have
    no backslash escaping of commas and line breaks.
    """

    line: int
    group: str | None
    name: str
    params: dict[str, list[str]]
    value: str
    literal: bool

    @property
    def types(self) -> list[str]:
        return self.params.get("TYPE", [])


@dataclass
class CardText:
    """One card's properties, with where it was and what was odd in it."""

    number: int
    line: int
    source: Source
    version: str = "3.0"
    properties: list[Property] = field(default_factory=list)
    has_photo: bool = False
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Raw:
    number: int
    line: int
    logical: list[tuple[int, bytes | bytearray]] = field(default_factory=list)
    """Each property's first line number and its bytes (a bytearray once a line is joined
    to it: most are one line, kept as the file's bytes)."""

    def joined(self) -> bytearray:
        """The last property's bytes, to join a line to."""
        number, last = self.logical[-1]
        if isinstance(last, bytearray):
            return last
        joined = bytearray(last)
        self.logical[-1] = (number, joined)
        return joined


def _is_quoted_printable(line: bytes | bytearray) -> bool:
    head = line.split(b":", 1)[0].upper()
    return b"QUOTED-PRINTABLE" in head


def _lines(data: bytes) -> list[bytes]:
    """``data`` split at its line breaks (:data:`_LINE_BREAK`: CRLF, LF, CR, CR CR LF), the
    text after the last break (empty when the data ends with one) the last line.

    Without two CRs in a row, a break is a CRLF, an LF or a CR: what ``bytes.splitlines``
    splits at, six times as fast as the regular expression."""
    if b"\r\r" in data:
        return _LINE_BREAK.split(data)
    lines = data.splitlines()
    if not data or data[-1:] in (b"\n", b"\r"):
        lines.append(b"")
    return lines


def _split_cards(data: bytes, file: str) -> tuple[list[_Raw], list[Problem]]:
    cards: list[_Raw] = []
    problems: list[Problem] = []
    current: _Raw | None = None
    soft_break = False
    for number, line in enumerate(_lines(data), 1):
        stripped = line.strip().upper()
        if soft_break and current is not None and stripped != b"END:VCARD":
            logical = current.joined()
            del logical[-1:]  # the "=" of the soft line break
            logical.extend(line)
            soft_break = logical.endswith(b"=")
            continue
        if line[:1] in (b" ", b"\t") and current is not None and current.logical:
            # A folded line goes on with the value, even when it reads "END:VCARD".
            current.joined().extend(line[1:])
        elif stripped == b"BEGIN:VCARD":
            if current is not None:
                problems.append(_unended(file, current))
            current = _Raw(number=len(cards) + len(problems) + 1, line=number)
            continue
        elif current is None:
            continue  # text between cards
        elif stripped == b"END:VCARD":
            cards.append(current)
            current = None
            continue
        elif stripped:
            current.logical.append((number, line))
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


def _params(raw: bytes) -> dict[str, list[str]]:
    """Parameters by name; vCard 2.1's bare ``;CELL`` is ``TYPE=CELL``."""
    # The same few parameter lists repeat over a file's cards: each is read once.
    return {name: list(values) for name, values in _read_params(bytes(raw)).items()}


@lru_cache(maxsize=4_096)
def _read_params(raw: bytes) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for match in _PARAM.finditer(raw):
        text = match[1].decode("utf-8", "replace").strip()
        if not text:
            continue
        name, equals, value = text.partition("=")
        if not equals:
            name, value = ("ENCODING" if text.upper() in _ENCODINGS else "TYPE"), text
        name = name.strip().upper()
        for part in value.split(","):
            part = part.strip().strip('"')
            if part:
                found.setdefault(name, []).append(part.lower() if name == "TYPE" else part)
    return found


def _decode_value(
    raw: bytes, charset: str | None, source: Source, problems: list[Problem], default: str | None
) -> str:
    """Bytes of a value as text: the declared charset, else the file's (``default``, as
    :func:`netweave.importers.detect.decode` found it), else UTF-8, else Windows-1252."""
    encoding = (charset or default or "utf-8").lower()
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


@lru_cache(maxsize=1_024)
def _name(raw: bytes) -> str:
    return raw.decode("ascii").upper()


def _card(raw: _Raw, file: str, default: str | None) -> CardText:
    source = Source(file, f"card {raw.number} (line {raw.line})", raw.line)
    card = CardText(number=raw.number, line=raw.line, source=source)
    for _, logical in raw.logical:
        if logical[0] in b"Vv" and logical[:8].upper() == b"VERSION:":
            card.version = logical[8:].decode("ascii", "replace").strip()
    version_2 = card.version.startswith("2")
    properties = card.properties
    for number, logical in raw.logical:
        match = _PROPERTY.match(logical if type(logical) is bytes else bytes(logical))
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
        group, name_bytes, raw_params, value = match.groups()  # in the pattern's order
        name = _name(name_bytes)
        if name in _DROPPED:
            continue
        params = _params(raw_params) if raw_params else {}
        encodings = {v.upper() for v in params["ENCODING"]} if "ENCODING" in params else _NONE
        if name in _BINARY or not _BASE64.isdisjoint(encodings):
            card.has_photo |= name == "PHOTO" and bool(value.strip())
            continue
        quoted = "QUOTED-PRINTABLE" in encodings
        value_bytes = quopri.decodestring(value) if quoted else value
        charset = params["CHARSET"][0] if "CHARSET" in params else None
        text = _decode_value(value_bytes, charset, card.source, card.problems, default)
        # By position (line, group, name, params, value, literal): 80,000 in a 10,000-card file.
        properties.append(
            Property(
                number,
                group.decode("ascii").lower() if group else None,
                name,
                params,
                text,
                quoted or version_2,
            )
        )
    return card


_NONE: frozenset[str] = frozenset()


def read_cards(
    data: bytes, file: str, default: str | None = None
) -> tuple[int, Iterator[CardText], list[Problem]]:
    """How many complete cards a vCard file holds, each as properties (read one at a time
    as they are iterated, so that a file's cards are never all held at once), and the
    cards that had no end.

    ``default`` is the encoding of values that name no CHARSET (None: UTF-8, else
    Windows-1252). InvalidInput when the file ends inside a card: it was cut off.
    """
    raws, problems = _split_cards(data, file)
    return len(raws), _cards(raws, file, default), problems


def _cards(raws: list[_Raw], file: str, default: str | None) -> Iterator[CardText]:
    raws.reverse()  # taken from the end: each card's raw lines are freed once it is read
    while raws:
        yield _card(raws.pop(), file, default)


__all__ = ["CardText", "Property", "read_cards"]
