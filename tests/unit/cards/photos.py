"""Card photos for the tests, drawn with the benchmark's generator (bench/cards), smaller."""

from __future__ import annotations

import io
import random

from bench.cards.people import Contact, mecard_text, vcard_text
from bench.cards.render import Style, draw_card
from PIL import Image, ImageDraw

ANN = Contact(
    name="Ann Richter",
    title="Marketing Director",
    company="Northstar Builders LLC",
    email="ann.richter@northstarbuilders.com",
    phones=["+16125550142"],
    printed_phones=["Tel: (612) 555-0142"],
    website="www.northstarbuilders.com",
    address=["401 Main Street", "Minneapolis, MN 55401"],
    fax=None,
    tagline=None,
    initials="NB",
)
OMAR = Contact(
    name="Omar Haddad",
    title="Senior Software Engineer",
    company="Lakeside Robotics Inc.",
    email="omar@lakesiderobotics.io",
    phones=["+13125550199", "+17735550123"],
    printed_phones=["+1 312 555 0199", "Mobile: (773) 555-0123"],
    website=None,
    address=[],
    fax="Fax: 312-555-0100",
    tagline=None,
    initials="LR",
)


def card_photo(
    contact: Contact,
    *,
    font: str = "DejaVu Sans",
    layout: str = "left",
    dark: bool = False,
    qr: str | None = None,
    turn: float = 0.0,
    frame: tuple[int, int] = (2400, 1800),
    seed: int = 3,
) -> bytes:
    """A JPEG of ``contact``'s card turned by ``turn`` degrees on a busy table."""
    rng = random.Random(seed)
    qr_text = (
        None if qr is None else (vcard_text(contact) if qr == "vcard" else mecard_text(contact))
    )
    style = Style(font, "qr-right" if qr else layout, dark, qr)
    card = draw_card(contact, style, int(frame[0] * 0.62), rng, qr_text).convert("RGBA")
    turned = card.rotate(turn, resample=Image.Resampling.BICUBIC, expand=True)
    table = Image.new("RGB", frame, (122, 98, 70))
    draw = ImageDraw.Draw(table)
    for _ in range(12):
        x, y = rng.randrange(frame[0]), rng.randrange(frame[1])
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle((x, y, x + rng.randint(40, 300), y + rng.randint(20, 200)), fill=colour)
    left = (frame[0] - turned.width) // 2
    top = (frame[1] - turned.height) // 2
    table.paste(turned, (left, top), turned)
    out = io.BytesIO()
    table.save(out, "JPEG", quality=85)
    return out.getvalue()
