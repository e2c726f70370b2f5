"""MECARD: the contact format of QR codes on business cards and phone screens.

NTT DoCoMo defined MECARD for i-mode phones ("MeCard" in *i-mode Compatible Bar Code
Specification*, NTT DoCoMo, 2004; summarised in docs/phone.md). A MECARD is one line:

    MECARD:N:Lee,Ann;TEL:+15555550100;EMAIL:ann@example.com;ORG:Acme;;

``MECARD:`` starts it; then fields ``NAME:value`` each ended by ``;``; a second ``;``
ends the card. In a value, ``\\`` escapes ``:``, ``;``, ``,`` and ``\\`` itself. The
fields, as DoCoMo defines them:

- ``N``: the name, family name first, ``Family,Given`` (a comma between the two);
- ``SOUND``: how the name is read (kana); kept as the nickname only when nothing else is;
- ``TEL``, ``TEL-AV`` (a video phone), ``EMAIL``: repeatable;
- ``NOTE``, ``BDAY`` (``YYYYMMDD``), ``URL``, ``NICKNAME``;
- ``ADR``: post office box, extended address, street, city, region, postal code,
  country, separated by commas (as vCard's ADR, with commas for semicolons).

``ORG`` and ``TITLE`` are not DoCoMo's but common (ZXing reads and writes them): they are
read too. Unknown fields are left out, not errors.
"""

from __future__ import annotations

from netweave.errors import InvalidInput
from netweave.importers._contact import ContactParts, finish, one_line, parse_day
from netweave.importers.model import ContactDraft, Problem, Source

PREFIX = "MECARD:"
MAX_LENGTH = 8_000
"""More than a QR code holds (about 4,300 characters at most): longer text is no MECARD."""
_ADR_PARTS = ("po_box", "extended", "street", "locality", "region", "postcode", "country")
_PLACE = (3, 4, 6)  # city, region, country: the location


def is_mecard(text: str) -> bool:
    """Whether ``text`` is a MECARD (its prefix, in any case, after blanks)."""
    return text.lstrip().upper().startswith(PREFIX)


def _split(text: str, separator: str) -> list[str]:
    """``text`` cut at each ``separator`` that no backslash escapes, escapes undone."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _fields(body: str) -> list[tuple[str, str]]:
    """``NAME:value`` pairs in order; the values keep their escapes for a second split."""
    found: list[tuple[str, str]] = []
    current: list[str] = []
    escaped = False
    for ch in body:
        if escaped:
            current.extend(("\\", ch))
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            text = "".join(current)
            current = []
            if text.strip():
                name, colon, value = text.partition(":")
                if not colon:
                    shown = (one_line(text) or "")[:40]
                    raise InvalidInput(
                        f"'{shown}' is not a MECARD field (NAME:value)", field="card"
                    )
                found.append((name.strip().upper(), value))
        else:
            current.append(ch)
    if "".join(current).strip():
        # A card cut short (its last field has no ';'): keep what is there.
        name, colon, value = "".join(current).partition(":")
        if colon:
            found.append((name.strip().upper(), value))
    return found


def _unescape(value: str) -> str:
    return "".join(_split(value, "\0"))


def parse_mecard(text: str, file: str = "QR code") -> ContactDraft:
    """The contact a MECARD holds, checked as every imported contact is (emails, phones,
    web addresses: a bad one is left out). InvalidInput when ``text`` is not a MECARD or
    names nobody (no name, email or phone)."""
    if len(text) > MAX_LENGTH:
        raise InvalidInput(
            f"the text is {len(text)} characters long; a MECARD is at most {MAX_LENGTH}",
            field="card",
        )
    stripped = text.strip()
    if not is_mecard(stripped):
        raise InvalidInput("this is not a MECARD: it does not start with MECARD:", field="card")
    source = Source(file, "MECARD", 1)
    parts = ContactParts(source=source, ref="card 1")
    problems: list[Problem] = []
    sound: str | None = None
    for name, raw in _fields(stripped[len(PREFIX) :]):
        value = _unescape(raw)
        if name == "N" and parts.full_name is None:
            names = _split_keep(raw)
            family, given = _unescape(names[0]), _unescape(",".join(names[1:]))
            parts.family_name, parts.given_name = one_line(family), one_line(given)
            shown = " ".join(p for p in (parts.given_name, parts.family_name) if p)
            parts.full_name = shown or None
        elif name == "SOUND":
            sound = one_line(value)
        elif name in ("TEL", "TEL-AV"):
            parts.phone(value)
        elif name == "EMAIL":
            parts.email(value)
        elif name == "URL":
            parts.url(value)
        elif name == "NOTE":
            parts.note(value)
        elif name == "NICKNAME" and parts.nickname is None:
            parts.nickname = one_line(value)
        elif name == "ORG" and parts.company is None:
            parts.company = one_line(value)
        elif name == "TITLE" and parts.title is None:
            parts.title = one_line(value)
        elif name == "ADR" and parts.address is None:
            _address(parts, raw)
        elif name == "BDAY" and parts.birthday is None:
            try:
                parts.birthday = parse_day(value)
            except ValueError as error:
                problems.append(Problem(source, f"BDAY: {error}; left out", False))
    if parts.nickname is None and sound and sound != parts.full_name:
        parts.nickname = sound
    draft, found = finish(parts)
    if draft is None:
        raise InvalidInput(
            "the MECARD has no name, email or phone number: nobody to add", field="card"
        )
    del found, problems  # a value left out is simply not offered on the confirm form
    return draft


def _split_keep(raw: str) -> list[str]:
    """``raw`` cut at unescaped commas, the escapes kept (undone by :func:`_unescape`)."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in raw:
        if escaped:
            current.extend(("\\", ch))
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _address(parts: ContactParts, raw: str) -> None:
    values = [(one_line(_unescape(p)) or "") for p in _split_keep(raw)]
    if len(values) == 1:  # one free-text line, as many generators write it
        parts.location = values[0] or None
        parts.address = {"street": values[0]} if values[0] else None
        return
    found = {name: values[i] for i, name in enumerate(_ADR_PARTS) if i < len(values)}
    parts.address = {k: v for k, v in found.items() if v} or None
    place = ", ".join(values[i] for i in _PLACE if i < len(values) and values[i])
    parts.location = place or None


__all__ = ["MAX_LENGTH", "PREFIX", "is_mecard", "parse_mecard"]
