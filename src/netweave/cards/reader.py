"""``read_card``: a business-card photo in, a person draft out (QR code first, then OCR)."""

from __future__ import annotations

from netweave.cards import ocr, qr
from netweave.cards.fields import Fields, recognise
from netweave.cards.image import load_gray
from netweave.cards.model import CardReading, Origin
from netweave.domain.identity import DEFAULT_REGION

_FIELDS = ("name", "emails", "phones", "company", "title", "website")


def _from_qr(contact: qr.QrContact, region: str, text: str) -> CardReading:
    values = {
        "name": contact.name,
        "emails": qr.valid_emails(contact.emails),
        "phones": qr.valid_phones(contact.phones, region),
        "company": contact.company,
        "title": contact.title,
        "website": contact.website,
    }
    origins = {key: Origin.QR for key in _FIELDS if values[key]}
    return CardReading(**values, qr_text=text, origins=origins)  # type: ignore[arg-type]


def _merge(found: CardReading, ocr_reading: CardReading) -> CardReading:
    """The QR code's fields, and the printed ones it lacks (a QR with only a name)."""
    values = {}
    origins = dict(found.origins)
    for key in _FIELDS:
        mine = getattr(found, key)
        if mine:
            values[key] = mine
        else:
            values[key] = getattr(ocr_reading, key)
            if values[key]:
                origins[key] = Origin.OCR
    return CardReading(
        **values,
        text=ocr_reading.text,
        qr_text=found.qr_text,
        origins=origins,
    )


def _found(fields: Fields) -> int:
    return sum(bool(getattr(fields, key)) for key in _FIELDS)


def read_card(data: bytes, *, region: str = DEFAULT_REGION) -> CardReading:
    """The contact on the card photo in ``data``; ``region`` reads local phone numbers.

    A vCard or MECARD QR code gives its fields exactly; the printed text is read only
    for the fields the code lacks (or when there is no such code). Raises InvalidInput
    for a file that is no readable image or one too large.
    """
    gray = load_gray(data)
    reading: CardReading | None = None
    texts, unread = qr.find_codes(gray)
    if not texts and unread:  # a code too small at the working size: the full photo
        texts, _ = qr.find_codes(load_gray(data, side=8000))
    for text in texts:
        contact = qr.contact_of(text)
        if contact is not None:
            reading = _from_qr(contact, region, text)
            break
    if reading is not None and reading.name and (reading.emails or reading.phones):
        return reading
    lines = ocr.read_lines(ocr.prepare(gray))
    fields = recognise(lines, region)
    if not fields.emails and not fields.phones:
        # The outline found may be a band of the card or more than the card: the whole photo.
        again = ocr.read_lines(ocr.prepare(gray, outline=False))
        second = recognise(again, region)
        if _found(second) > _found(fields):
            lines, fields = again, second
    ocr_reading = CardReading(
        name=fields.name,
        emails=fields.emails,
        phones=fields.phones,
        company=fields.company,
        title=fields.title,
        website=fields.website,
        text="\n".join(line.text for line in lines),
        origins={key: Origin.OCR for key in _FIELDS if getattr(fields, key)},
    )
    return ocr_reading if reading is None else _merge(reading, ocr_reading)
