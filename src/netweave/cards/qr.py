"""QR codes on a card, read before any OCR: vCard and MECARD contacts, decoded exactly.

A vCard goes through the vCard importer (:mod:`netweave.importers.vcard`), a MECARD
(the shorter format many card printers and phones use: ``MECARD:N:Doe,Jane;TEL:...;;``)
through the MECARD reader (:mod:`netweave.importers.mecard`), so a QR contact on a card
reads as the same contact shared from a phone would.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import zxingcpp
from numpy.typing import NDArray

from netweave.domain.identity import e164
from netweave.errors import InvalidInput
from netweave.importers import mecard, vcard
from netweave.importers._contact import email_address
from netweave.importers.detect import DecodedText
from netweave.importers.model import ContactDraft


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


def parse_vcard(text: str) -> QrContact | None:
    """The first contact of a vCard text, read by the vCard importer; None if it has none."""
    data = text.encode("utf-8")
    parsed = vcard.parse(DecodedText("QR code", text, "utf-8", data))
    if not parsed.contacts:
        return None
    return _contact(parsed.contacts[0])


def parse_mecard(text: str) -> QrContact:
    """A ``MECARD:`` text's contact, read by the MECARD importer (``N:Doe,Jane`` is family
    name, given name); InvalidInput when it is none."""
    return _contact(mecard.parse_mecard(text))


def _contact(draft: ContactDraft) -> QrContact:
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
