"""vCard 2.1, 3.0 and 4.0 files from phones, mail clients and card-scanner apps.

:mod:`netweave.importers._vcard_text` first makes every card regular (line
endings, quoted-printable, charsets, escaping); vobject then reads each card on
its own, so a bad card is one Problem and the others still import.

What a card gives: ``FN`` (else the parts of ``N``) as the name; ``N`` for
given and family names; ``ORG`` as company and department (``ORG:IBM;
Accounting``: company "IBM", department "Accounting"); ``TITLE`` (else
``ROLE``); every ``EMAIL`` and ``TEL`` (fax numbers are not phones to call),
preferred ones first, with their label (a ``TYPE`` such as "cell", or the
Apple ``itemN.X-ABLabel`` of the same group such as "AssistantPhone");
``URL`` and ``X-SOCIALPROFILE`` (a LinkedIn profile becomes the identity key);
the city, region and country of the preferred ``ADR`` as location; ``NOTE``;
``CATEGORIES`` as tags; ``BDAY``, possibly without a year (``--0322``);
``NICKNAME``; ``UID``; and whether there is a ``PHOTO``.
"""

from __future__ import annotations

import re
from typing import Any, cast

import vobject
from vobject.base import ContentLine, VObjectError

from netweave.importers._contact import ContactParts, finish, one_line, parse_day
from netweave.importers._vcard_text import CardText, read_cards
from netweave.importers.detect import DecodedText
from netweave.importers.model import ContactDraft, Format, ParsedFile, PartialDate, Problem

_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_PLAIN_TYPES = frozenset({"pref", "internet", "voice", "x400", "msg"})


def _text(value: Any) -> str | None:
    """A vobject value (a string or a list of them) as one stripped string."""
    if isinstance(value, list):
        return one_line(" ".join(str(v) for v in value if v))
    return str(value).strip() or None if value is not None else None


def _types(line: ContentLine) -> list[str]:
    return [str(t).lower() for t in line.params.get("TYPE", [])]


def _preferred(line: ContentLine) -> bool:
    return "pref" in _types(line) or bool(line.params.get("PREF"))


def _label(line: ContentLine, labels: dict[str, str]) -> str | None:
    if line.group and line.group.lower() in labels:
        return labels[line.group.lower()]
    kinds = [t for t in _types(line) if t not in _PLAIN_TYPES]
    return kinds[0] if kinds else None


def _apple_labels(lines: list[ContentLine]) -> dict[str, str]:
    """``itemN`` group → its X-ABLabel, without Apple's ``_$!<...>!$_`` wrapping."""
    labels = {}
    for line in lines:
        if line.name == "X-ABLABEL" and line.group:
            text = str(line.value).strip()
            match = _APPLE_LABEL.match(text)
            labels[line.group.lower()] = match[1] if match else text
    return labels


def _phone(value: str) -> str:
    """``tel:+1-418-656-9254;ext=102`` (vCard 4.0 URI) as ``+1-418-656-9254 ext. 102``."""
    number = value.strip().removeprefix("tel:")
    number, _, extension = number.partition(";ext=")
    return f"{number} ext. {extension}" if extension else number


def _birthday(line: ContentLine) -> PartialDate | None:
    """BDAY; Apple writes a birthday without a year as 1604 with X-APPLE-OMIT-YEAR=1604."""
    day = parse_day(_text(line.value))
    omitted = line.params.get("X-APPLE-OMIT-YEAR", [])
    if day is not None and day.year is not None and str(day.year) in omitted:
        return PartialDate(day.month, day.day)
    return day


def _location(lines: list[ContentLine]) -> str | None:
    addresses = sorted((line for line in lines if line.name == "ADR"), key=_preferred, reverse=True)
    for line in addresses:
        address = line.value
        parts = [_text(getattr(address, f, None)) for f in ("city", "region", "country")]
        place = ", ".join(p for p in parts if p)
        if place:
            return place
    return None


def _fill(parts: ContactParts, card: CardText, lines: list[ContentLine]) -> None:
    labels = _apple_labels(lines)
    ordered = sorted(lines, key=_preferred, reverse=True)  # stable: file order otherwise
    for line in ordered:
        name, value = line.name, cast(Any, line.value)
        if name == "FN" and parts.full_name is None:
            parts.full_name = _text(value)
        elif name == "N" and parts.given_name is None and parts.family_name is None:
            parts.given_name = _text(value.given)
            parts.middle_name = _text(value.additional)
            parts.family_name = _text(value.family)
        elif name == "ORG" and parts.company is None:
            units = [u for u in (_text(v) for v in value) if u]
            parts.company = units[0] if units else None
            parts.department = " / ".join(units[1:]) or None
        elif name == "TITLE" and parts.title is None:
            parts.title = _text(value)
        elif name == "EMAIL":
            parts.email(_text(value), _label(line, labels))
        elif name == "TEL" and "fax" not in _types(line):
            text = _text(value)
            parts.phone(_phone(text) if text else None, _label(line, labels))
        elif name == "URL" or (name == "X-SOCIALPROFILE"):
            parts.url(_text(value), _label(line, labels))
        elif name == "NOTE":
            parts.note(str(value))
        elif name == "CATEGORIES":
            # A tag holds no comma: "a\\, b" (Thunderbird) is a list escaped once too often.
            for category in value if isinstance(value, list) else [value]:
                parts.tags.extend(str(category).split(","))
        elif name == "NICKNAME" and parts.nickname is None:
            parts.nickname = _text(value)
        elif name == "UID" and parts.external_id is None:
            parts.external_id = _text(value)
        elif name == "BDAY" and parts.birthday is None:
            try:
                parts.birthday = _birthday(line)
            except ValueError as error:
                card.problems.append(Problem(card.source, f"BDAY: {error}; left out", False))
    if parts.title is None:
        parts.title = next((_text(line.value) for line in lines if line.name == "ROLE"), None)
    parts.location = _location(lines)
    parts.has_photo = card.has_photo


def _read(card: CardText) -> ContactDraft | None:
    try:
        component = vobject.readOne(card.text())
    except (VObjectError, ValueError, UnicodeError) as error:
        card.problems.append(Problem(card.source, f"the card cannot be read: {error}; left out"))
        return None
    lines = [c for c in component.getChildren() if isinstance(c, ContentLine)]
    parts = ContactParts(source=card.source, ref=f"card {card.number}")
    _fill(parts, card, lines)
    draft, problems = finish(parts)
    card.problems.extend(problems)
    return draft


def parse(decoded: DecodedText) -> ParsedFile:
    """Every card of a vCard file as a ContactDraft; bad cards become Problems."""
    data = decoded.data
    if decoded.encoding == "utf-8-sig":
        data = data[3:]
    elif decoded.encoding.startswith("utf-16") or decoded.encoding.startswith("utf-32"):
        data = decoded.text.encode("utf-8")
    cards, problems = read_cards(data, decoded.file)
    unended = len(problems)
    contacts: list[ContactDraft] = []
    for card in cards:
        draft = _read(card)
        problems.extend(card.problems)
        if draft is not None:
            contacts.append(draft)
    return ParsedFile(
        file=decoded.file,
        format=Format.VCARD,
        encoding=decoded.encoding,
        records=len(cards) + unended,
        contacts=tuple(contacts),
        problems=tuple(sorted(problems, key=lambda p: p.source.line or 0)),
    )


__all__ = ["parse"]
