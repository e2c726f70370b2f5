"""vCard 2.1, 3.0 and 4.0 files from phones, mail clients and card-scanner apps.

:mod:`netweave.importers._vcard_text` first reads every card's properties from
the bytes (line endings, folding, quoted-printable, charsets); the values are
then unescaped with vobject's RFC 2426/6350 helpers. Each card is read on its
own, so a bad card is one Problem and the others still import.

What a card gives: ``FN`` (else the parts of ``N``) as the name; ``N`` for
given and family names; ``ORG`` as company and department (``ORG:IBM;
Accounting``: company "IBM", department "Accounting"); ``TITLE`` (else
``ROLE``); every ``EMAIL`` and ``TEL`` (fax numbers are not phones to call),
preferred ones first, with their label (a ``TYPE`` such as "cell", or the
Apple ``itemN.X-ABLabel`` of the same group such as "AssistantPhone");
``URL`` and ``X-SOCIALPROFILE`` (a LinkedIn profile becomes the identity key);
the preferred ``ADR`` as the postal address (street, postcode, city, ...) and its
city, region and country as location; ``NOTE``;
``CATEGORIES`` as tags; ``BDAY``, possibly without a year (``--0322``, or
Apple's year 1604 with ``X-APPLE-OMIT-YEAR``); ``NICKNAME``; ``UID``; and
whether there is a ``PHOTO``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vobject.icalendar import stringToTextValues
from vobject.vcard import splitFields

from netweave.errors import InvalidInput
from netweave.importers import limits
from netweave.importers._contact import ContactParts, finish, one_line, parse_day
from netweave.importers._vcard_text import CardText, Property, read_cards
from netweave.importers.detect import VCARD_CHARSETS, DecodedText
from netweave.importers.model import (
    ContactDraft,
    ContactStream,
    Format,
    ParsedFile,
    PartialDate,
    Problem,
    collected,
)

_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_PLAIN_TYPES = frozenset({"pref", "internet", "voice", "x400", "msg"})
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")
# ADR is box;extended;street;city;region;code;country: the place is city, region, country.
_ADR_PLACE = (3, 4, 6)

_BEGIN_CARD = re.compile(rb"^[ \t]*BEGIN:VCARD", re.IGNORECASE | re.MULTILINE)


def _text(prop: Property) -> str:
    """A single value, unescaped. Commas are literal: Gmail leaves them unescaped in FN."""
    if prop.literal or "\\" not in prop.value:
        return prop.value
    # Gmail and Apple escape colons in URLs (``http\\://``), which vCard does not define.
    return ",".join(stringToTextValues(prop.value)).replace("\\:", ":")


def _list(prop: Property) -> list[str]:
    """A comma-separated list (CATEGORIES, NICKNAME)."""
    plain = prop.literal or "\\" not in prop.value
    values = prop.value.split(",") if plain else stringToTextValues(prop.value)
    return [v.strip() for v in values if v.strip()]


def _fields(prop: Property) -> list[str]:
    """The ``;``-separated parts of N, ADR or ORG, each one string."""
    if prop.literal:
        return [p.replace("\\;", ";").strip() for p in _UNESCAPED_SEMICOLON.split(prop.value)]
    if "\\" not in prop.value:
        return [p.strip() for p in prop.value.split(";")]
    # Several values of one part ("Richter,James") keep their commas.
    return [(",".join(p) if isinstance(p, list) else p).strip() for p in splitFields(prop.value)]


def _part(fields: list[str], index: int) -> str | None:
    return fields[index] or None if index < len(fields) else None


def _preferred(prop: Property) -> bool:
    return "pref" in prop.types or "PREF" in prop.params


def _label(prop: Property, labels: dict[str, str]) -> str | None:
    if prop.group and prop.group in labels:
        return labels[prop.group]
    kinds = [t for t in prop.types if t not in _PLAIN_TYPES]
    return kinds[0] if kinds else None


def _apple_labels(props: list[Property]) -> dict[str, str]:
    """``itemN`` group → its X-ABLabel, without Apple's ``_$!<...>!$_`` wrapping."""
    labels = {}
    for prop in props:
        if prop.name == "X-ABLABEL" and prop.group:
            text = _text(prop).strip()
            match = _APPLE_LABEL.match(text)
            labels[prop.group] = match[1] if match else text
    return labels


def _phone(value: str) -> str:
    """``tel:+1-418-656-9254;ext=102`` (vCard 4.0 URI) as ``+1-418-656-9254 ext. 102``."""
    number = value.strip().removeprefix("tel:")
    number, _, extension = number.partition(";ext=")
    return f"{number} ext. {extension}" if extension else number


_ADR_PARTS = ("po_box", "extended", "street", "locality", "region", "postcode", "country")


def _address(props: list[Property]) -> dict[str, str] | None:
    """The preferred ``ADR`` in its parts (street, postcode, ...), blank ones left out."""
    for prop in props:  # preferred first
        if prop.name == "ADR":
            fields = _fields(prop)
            found = {name: _part(fields, i) for i, name in enumerate(_ADR_PARTS)}
            kept = {name: value for name, value in found.items() if value}
            if kept:
                return kept
    return None


def _location(props: list[Property]) -> str | None:
    for prop in props:  # preferred first
        if prop.name == "ADR":
            fields = _fields(prop)
            joined = ", ".join(p for p in (_part(fields, i) for i in _ADR_PLACE) if p)
            if joined:
                return joined
    return None


def _birthday(prop: Property) -> PartialDate | None:
    """BDAY; Apple writes a birthday without a year as 1604 with X-APPLE-OMIT-YEAR=1604."""
    day = parse_day(_text(prop))
    omitted = prop.params.get("X-APPLE-OMIT-YEAR", [])
    if day is not None and day.year is not None and str(day.year) in omitted:
        return PartialDate(day.month, day.day)
    return day


def _fill(parts: ContactParts, card: CardText) -> None:
    props = sorted(card.properties, key=_preferred, reverse=True)  # stable: file order otherwise
    labels = _apple_labels(props)
    for prop in props:
        name = prop.name
        if name == "FN" and parts.full_name is None:
            parts.full_name = one_line(_text(prop))
        elif name == "N" and parts.given_name is None and parts.family_name is None:
            fields = _fields(prop)
            parts.family_name, parts.given_name = _part(fields, 0), _part(fields, 1)
            parts.middle_name = _part(fields, 2)
            parts.suffix = _part(fields, 4)
        elif name == "ORG" and parts.company is None:
            # ORG:;Accounting is a department of an unnamed company, not a company.
            units = _fields(prop)
            parts.company = _part(units, 0)
            parts.department = " / ".join(u for u in units[1:] if u) or None
        elif name == "TITLE" and parts.title is None:
            parts.title = one_line(_text(prop))
        elif name == "EMAIL":
            parts.email(_text(prop), _label(prop, labels))
        elif name == "TEL" and "fax" not in prop.types:
            parts.phone(_phone(_text(prop)), _label(prop, labels))
        elif name in ("URL", "X-SOCIALPROFILE"):
            parts.url(_text(prop), _label(prop, labels))
        elif name == "NOTE":
            parts.note(_text(prop))
        elif name == "CATEGORIES":
            # A tag holds no comma: "a\\, b" (Thunderbird) is a list escaped once too often.
            parts.tags.extend(t for value in _list(prop) for t in value.split(","))
        elif name == "NICKNAME" and parts.nickname is None:
            parts.nickname = next(iter(_list(prop)), None)
        elif name == "UID" and parts.external_id is None:
            parts.external_id = _text(prop)
        elif name == "BDAY" and parts.birthday is None:
            try:
                parts.birthday = _birthday(prop)
            except ValueError as error:
                card.problems.append(Problem(card.source, f"BDAY: {error}; left out", False))
    if parts.title is None:  # the role ("Counting Money") when there is no job title
        parts.title = next((one_line(_text(p)) for p in props if p.name == "ROLE"), None)
    parts.location = _location(props)
    parts.address = _address(props)
    parts.has_photo = card.has_photo


def _read(card: CardText) -> ContactDraft | None:
    parts = ContactParts(source=card.source, ref=f"card {card.number}")
    _fill(parts, card)
    draft, problems = finish(parts)
    card.problems.extend(problems)
    return draft


def parse(decoded: DecodedText) -> ParsedFile:
    """Every card of a vCard file as a ContactDraft; bad cards become Problems."""
    return collected(stream(decoded))


def stream(decoded: DecodedText) -> ContactStream:
    """:func:`parse`, the cards read one at a time (:class:`ContactStream`)."""
    data = decoded.data
    default: str | None = None  # UTF-8, else Windows-1252
    if decoded.encoding == "utf-8-sig":
        data = data[3:]
    elif decoded.encoding.startswith(("utf-16", "utf-32")):
        data = decoded.text.encode("utf-8")
    elif decoded.encoding not in ("utf-8", VCARD_CHARSETS):
        default = decoded.encoding  # a code page found for the whole file
    begins = (match.start() for match in _BEGIN_CARD.finditer(data))
    limits.check_count(decoded.file, begins, "cards", data)
    count, cards, problems = read_cards(data, decoded.file, default)
    if not count and not problems:
        raise InvalidInput(
            f"{decoded.file} is not a vCard file: it has no BEGIN:VCARD line",
            hint="is it really a .vcf export? Otherwise leave out --format",
        )
    unended = len(problems)

    def contacts() -> Iterator[ContactDraft]:
        for card in cards:
            draft = _read(card)
            problems.extend(card.problems)
            if draft is not None:
                yield draft

    file, encoding = decoded.file, decoded.encoding  # the cards hold their own bytes

    def finish() -> ParsedFile:
        return ParsedFile(
            file=file,
            format=Format.VCARD,
            encoding=encoding,
            records=count + unended,
            problems=tuple(sorted(problems, key=lambda p: p.source.line or 0)),
        )

    return ContactStream(file, Format.VCARD, contacts(), finish)


__all__ = ["parse", "stream"]
