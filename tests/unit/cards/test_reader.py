"""read_card on generated card photos: QR codes exactly, printed cards by OCR; bad files."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from netweave.cards import CardReading, Origin, read_card
from netweave.cards.image import MAX_PIXELS
from netweave.errors import InvalidInput
from tests.unit.cards.photos import ANN, OMAR, card_photo


def _company(reading: CardReading) -> str:
    """The company as docs/cards.md counts it right: a dot at the end is not counted."""
    return (reading.company or "").rstrip(".")


def _assert_ann(reading: CardReading) -> None:
    assert reading.name == "Ann Richter"
    assert reading.emails == ("ann.richter@northstarbuilders.com",)
    assert reading.phones == ("+16125550142",)
    assert reading.company == "Northstar Builders LLC"
    assert reading.title == "Marketing Director"
    assert reading.website == "www.northstarbuilders.com"


@pytest.mark.parametrize(
    ("font", "layout", "dark"),
    [
        ("DejaVu Sans", "left", False),
        ("Liberation Serif", "centered", False),
        ("Lato", "split", True),
        ("Carlito", "banner", False),
    ],
)
def test_a_printed_card_is_read_field_by_field(font: str, layout: str, dark: bool) -> None:
    reading = read_card(card_photo(ANN, font=font, layout=layout, dark=dark), region="US")
    _assert_ann(reading)
    assert reading.origins["name"] is Origin.OCR
    assert "Ann Richter" in reading.text


def test_a_card_turned_six_degrees_is_read_and_a_fax_is_no_phone() -> None:
    reading = read_card(card_photo(OMAR, font="Open Sans", turn=6.0), region="US")
    assert reading.name == "Omar Haddad"
    assert reading.emails == ("omar@lakesiderobotics.io",)
    assert reading.phones == ("+13125550199", "+17735550123")
    assert _company(reading) == "Lakeside Robotics Inc"
    assert reading.title == "Senior Software Engineer"


@pytest.mark.parametrize("kind", ["vcard", "mecard"])
def test_a_qr_code_gives_every_field_exactly(kind: str) -> None:
    reading = read_card(card_photo(OMAR, qr=kind, font="Inter"), region="US")
    assert reading.name == "Omar Haddad"
    assert reading.emails == ("omar@lakesiderobotics.io",)
    assert reading.phones == ("+13125550199", "+17735550123")
    assert reading.company == "Lakeside Robotics Inc."
    assert reading.title == "Senior Software Engineer"
    assert set(reading.origins.values()) == {Origin.QR}
    assert reading.qr_text is not None
    assert reading.qr_text.startswith("BEGIN:VCARD" if kind == "vcard" else "MECARD:")


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width x height (a decompression bomb's header)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    data = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 200, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"BEGIN:VCARD\r\nFN:Not a photo\r\nEND:VCARD\r\n", "not an image"),
        (_jpeg()[:300], "damaged or cut short"),
        (_png_header(20_000, 20_000), f"at most {MAX_PIXELS // 1_000_000} megapixels"),
        (_jpeg((40, 30)), "too small"),
    ],
)
def test_a_bad_file_is_refused_with_a_sentence(data: bytes, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_card(data, region="US")
    assert words in refused.value.message
    assert refused.value.field == "photo"


def test_a_blank_photo_reads_as_nothing() -> None:
    reading = read_card(_jpeg(), region="US")
    assert reading.name is None
    assert reading.emails == ()
    assert reading.phones == ()
