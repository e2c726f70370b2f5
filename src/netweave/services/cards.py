"""Reading a business-card photo for a new person: the fields, and the copy kept of it."""

from __future__ import annotations

from dataclasses import dataclass

from netweave.cards import MAX_BYTES, CardReading, Origin, photo_to_keep, read_card

KEPT_MEDIA_TYPE = "image/jpeg"


@dataclass(frozen=True, slots=True)
class CardCapture:
    reading: CardReading
    kept: bytes
    """The photo as kept with the person (a JPEG, 1600 px on its long side at most)."""

    @property
    def note(self) -> str:
        """What the person should do with the fields, in a sentence."""
        origins = self.reading.origins
        if not origins:
            return "Nothing could be read off this photo: fill in the person by hand."
        if all(origin is Origin.QR for origin in origins.values()):
            return "Read from the card's QR code. Check the fields, then add the person."
        return "Read from the printed card: check every field before you add the person."


def read_card_photo(data: bytes, *, region: str) -> CardCapture:
    """The card on the photo in ``data`` (InvalidInput for a file that is no readable photo)."""
    reading = read_card(data, region=region)
    return CardCapture(reading, photo_to_keep(data))


__all__ = ["KEPT_MEDIA_TYPE", "MAX_BYTES", "CardCapture", "read_card_photo"]
