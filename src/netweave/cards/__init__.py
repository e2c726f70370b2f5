"""Business cards: a photo in, a person draft out (QR code first, then OCR). Pure: no DB."""

from netweave.cards.image import MAX_BYTES, MAX_PIXELS, photo_to_keep
from netweave.cards.model import CardReading, Origin
from netweave.cards.reader import read_card

__all__ = ["MAX_BYTES", "MAX_PIXELS", "CardReading", "Origin", "photo_to_keep", "read_card"]
