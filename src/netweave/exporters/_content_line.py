"""vCard 3.0 content lines (RFC 2426 section 4; RFC 2425 section 5.8.1): escaping and folding.

vobject's serializer folds some lines past 75 octets and escapes URLs as if
they were text, and costs over a millisecond per card, so the few rules are
written out here.
"""

from __future__ import annotations

from collections.abc import Iterable

LINE_OCTETS = 75
"""The longest line a writer should produce, without the CRLF (RFC 2425 5.8.1)."""

CRLF = "\r\n"


def escape(text: str) -> str:
    """A text value: backslash, comma and semicolon escaped, line breaks as ``\\n``.

    Windows (CRLF) and old Mac (CR) line breaks count as one line break each.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def structured(parts: Iterable[str | None]) -> str:
    """A value of ``;``-separated parts (N, ORG, ADR), each escaped; None is empty."""
    return ";".join(escape(part or "") for part in parts)


def text_list(values: Iterable[str]) -> str:
    """A value of ``,``-separated text values (CATEGORIES, NICKNAME), each escaped."""
    return ",".join(escape(value) for value in values)


def fold(line: str) -> str:
    """``line`` cut into lines of at most 75 octets of UTF-8, each ending in CRLF.

    Continuation lines start with one space (which the reader removes), so they
    carry 74 octets of the value. A cut never falls inside the bytes of one
    character: it moves back to the start of that character.
    """
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line + CRLF
    pieces: list[bytes] = []
    start, limit = 0, LINE_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: the character began before
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, LINE_OCTETS - 1
    pieces.append(data[start:])
    return (CRLF + " ").join(piece.decode("utf-8") for piece in pieces) + CRLF


def content_line(name: str, value: str, *params: str) -> str:
    """``NAME;PARAM;PARAM:value`` folded, for a value already escaped as its type needs."""
    head = ";".join((name, *params))
    return fold(f"{head}:{value}")


__all__ = ["CRLF", "LINE_OCTETS", "content_line", "escape", "fold", "structured", "text_list"]
