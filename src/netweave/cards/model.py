"""What reading a business card gives: a person draft, and where each field came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Origin(StrEnum):
    """Where a field was read: a QR code on the card (exact) or the printed text (OCR)."""

    QR = "qr"
    OCR = "ocr"


@dataclass(frozen=True, slots=True)
class CardReading:
    """The fields read off one card photo; None or () when the card gave none.

    ``emails`` and ``phones`` are normalised as a person stores them (addresses
    lowercased, numbers in E.164 read in the caller's region). ``origins`` maps
    each field found ("name", "emails", "phones", "company", "title", "website")
    to the :class:`Origin` it came from. ``text`` is what the OCR read, line by
    line (empty when a QR code gave everything); ``qr_text`` the QR code's content.
    """

    name: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str | None = None
    title: str | None = None
    website: str | None = None
    text: str = ""
    qr_text: str | None = None
    origins: dict[str, Origin] = field(default_factory=dict)

    @property
    def email(self) -> str | None:
        return self.emails[0] if self.emails else None

    @property
    def phone(self) -> str | None:
        return self.phones[0] if self.phones else None

    def person_fields(self) -> dict[str, object]:
        """The fields for a new person form; empty ones are left out."""
        values: dict[str, object] = {}
        for key in ("name", "company", "title"):
            value = getattr(self, key)
            if value:
                values[key] = value
        if self.emails:
            values["emails"] = list(self.emails)
        if self.phones:
            values["phones"] = list(self.phones)
        if self.website:
            values["urls"] = [self.website]
        return values
