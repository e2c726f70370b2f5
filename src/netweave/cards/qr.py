"""QR codes on a card, read before any OCR: vCard and MECARD contacts, decoded exactly.

A vCard goes through the vCard importer (:mod:`netweave.importers.vcard`), so a QR
contact reads as the same contact file would. MECARD (the shorter format many card
printers and phones use: ``MECARD:N:Doe,Jane;TEL:...;EMAIL:...;;``) is read by
:func:`parse_mecard`, a small function on its own so that a shared MECARD reader can
take its place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import zxingcpp
from numpy.typing import NDArray

from netweave.domain.identity import e164
from netweave.errors import InvalidInput
from netweave.importers import vcard
from netweave.importers._contact import email_address
from netweave.importers.detect import DecodedText


@dataclass(frozen=True, slots=True)
class QrContact:
    """The contact a QR code holds, fields as written (phones raw)."""

    name: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str | None = None
    title: str | None = None
    website: str | None = None


def find_codes(gray: NDArray[np.uint8]) -> tuple[list[str], bool]:
    """The texts of the QR codes in ``gray``, and whether a code was seen but not read."""
    found = zxingcpp.read_barcodes(
        gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode), return_errors=True
    )
    texts = [code.text for code in found if code.valid and code.text]
    return texts, any(not code.valid for code in found)


def _unescape_split(body: str, separator: str) -> list[str]:
    """``body`` split at unescaped ``separator``; ``\\x`` stands for ``x``."""
    parts, current, escaped = [], [], False
    for char in body:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _split_fields(body: str) -> list[tuple[str, str]]:
    """``KEY:value`` fields of a MECARD body, values still escaped for their commas."""
    fields, current, escaped = [], [], False
    for char in body:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    pairs = []
    for item in fields:
        key, colon, value = item.partition(":")
        if colon:
            pairs.append((key.strip().upper(), value))
    return pairs


def parse_mecard(text: str) -> QrContact:
    """A ``MECARD:`` text's contact. ``N:Doe,Jane`` is family name, given name."""
    if not text[:7].upper() == "MECARD:":
        raise InvalidInput("a MECARD code starts with 'MECARD:'", field="photo")
    name = company = title = website = None
    emails: list[str] = []
    phones: list[str] = []
    for key, raw in _split_fields(text[7:]):
        value = "".join(_unescape_split(raw, "\x00")).strip()
        if not value:
            continue
        if key == "N" and name is None:
            parts = [p.strip() for p in _unescape_split(raw, ",") if p.strip()]
            name = " ".join(reversed(parts)) if len(parts) == 2 else " ".join(parts)
        elif key == "EMAIL":
            emails.append(value)
        elif key in ("TEL", "TEL-AV"):
            phones.append(value)
        elif key == "ORG" and company is None:
            company = value
        elif key == "TITLE" and title is None:
            title = value
        elif key == "URL" and website is None:
            website = value
    return QrContact(name, tuple(emails), tuple(phones), company, title, website)


def parse_vcard(text: str) -> QrContact | None:
    """The first contact of a vCard text, read by the vCard importer; None if it has none."""
    data = text.encode("utf-8")
    parsed = vcard.parse(DecodedText("QR code", text, "utf-8", data))
    if not parsed.contacts:
        return None
    draft = parsed.contacts[0]
    return QrContact(
        draft.name,
        draft.emails,
        draft.phones,
        draft.company,
        draft.title,
        draft.urls[0] if draft.urls else None,
    )


def contact_of(text: str) -> QrContact | None:
    """The contact a QR code's text holds (vCard or MECARD), or None for other codes."""
    head = text.lstrip()[:12].upper()
    try:
        if head.startswith("BEGIN:VCARD"):
            return parse_vcard(text)
        if head.startswith("MECARD:"):
            return parse_mecard(text.lstrip())
    except InvalidInput:
        return None
    return None


def valid_emails(values: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        try:
            address = email_address(value)
        except ValueError:
            continue
        if address not in found:
            found.append(address)
    return tuple(found)


def valid_phones(values: tuple[str, ...], region: str) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        number = e164(value, region)
        if number and number not in found:
            found.append(number)
    return tuple(found)
