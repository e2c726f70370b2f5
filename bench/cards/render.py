"""Drawing a business card: fonts from Debian's packages, layouts, light and dark colours."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from bench.cards.people import Contact

_F = "/usr/share/fonts/"
FONTS: dict[str, tuple[str, str]] = {  # family: (regular, bold); installed by ensure-tesseract
    "DejaVu Sans": ("truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf"),
    "DejaVu Serif": ("truetype/dejavu/DejaVuSerif.ttf", "truetype/dejavu/DejaVuSerif-Bold.ttf"),
    "Liberation Sans": ("truetype/liberation2/LiberationSans-Regular.ttf",
                        "truetype/liberation2/LiberationSans-Bold.ttf"),
    "Liberation Serif": ("truetype/liberation2/LiberationSerif-Regular.ttf",
                         "truetype/liberation2/LiberationSerif-Bold.ttf"),
    "Roboto": ("truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
               "truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"),
    "Open Sans": ("truetype/open-sans/OpenSans-Regular.ttf",
                  "truetype/open-sans/OpenSans-Bold.ttf"),
    "Lato": ("truetype/lato/Lato-Regular.ttf", "truetype/lato/Lato-Bold.ttf"),
    "FreeSans": ("truetype/freefont/FreeSans.ttf", "truetype/freefont/FreeSansBold.ttf"),
    "FreeSerif": ("truetype/freefont/FreeSerif.ttf", "truetype/freefont/FreeSerifBold.ttf"),
    "Carlito": ("truetype/crosextra/Carlito-Regular.ttf", "truetype/crosextra/Carlito-Bold.ttf"),
    "Caladea": ("truetype/crosextra/Caladea-Regular.ttf", "truetype/crosextra/Caladea-Bold.ttf"),
    "Nimbus Sans": ("opentype/urw-base35/NimbusSans-Regular.otf",
                    "opentype/urw-base35/NimbusSans-Bold.otf"),
    "Nimbus Roman": ("opentype/urw-base35/NimbusRoman-Regular.otf",
                     "opentype/urw-base35/NimbusRoman-Bold.otf"),
    "C059": ("opentype/urw-base35/C059-Roman.otf", "opentype/urw-base35/C059-Bold.otf"),
    "P052": ("opentype/urw-base35/P052-Roman.otf", "opentype/urw-base35/P052-Bold.otf"),
    "URW Gothic": ("opentype/urw-base35/URWGothic-Book.otf",
                   "opentype/urw-base35/URWGothic-Demi.otf"),
    "Cantarell": ("opentype/cantarell/Cantarell-Regular.otf",
                  "opentype/cantarell/Cantarell-Bold.otf"),
    "Inter": ("opentype/inter/Inter-Regular.otf", "opentype/inter/Inter-Bold.otf"),
    "Noto Sans": ("truetype/noto/NotoSans-Regular.ttf", "truetype/noto/NotoSans-Bold.ttf"),
    "Noto Serif": ("truetype/noto/NotoSerif-Regular.ttf", "truetype/noto/NotoSerif-Bold.ttf"),
}  # fmt: skip
LAYOUTS = ("left", "centered", "split", "logo-left", "banner", "right-contacts", "qr-right")

LIGHT = ((255, 255, 255), (250, 247, 238), (240, 240, 236), (236, 244, 250), (250, 240, 235))
DARK = ((20, 30, 60), (18, 18, 20), (24, 60, 44), (48, 48, 54), (70, 20, 30))
ACCENTS = ((200, 40, 40), (30, 90, 180), (20, 130, 90), (220, 140, 20), (120, 60, 160))


class Overflow(Exception):
    """The drawn card has text off the card or over other text: draw another."""


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def missing_fonts() -> list[str]:
    return [p for pair in FONTS.values() for p in pair if not Path(_F + p).is_file()]


@lru_cache(maxsize=256)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_F + path, size)


@dataclass(frozen=True)
class Style:
    font: str
    layout: str
    dark: bool
    qr: str | None  # None, "vcard" or "mecard"


def pick_style(rng: random.Random, qr: str | None) -> Style:
    layout = "qr-right" if qr else rng.choice(LAYOUTS[:-1])
    return Style(rng.choice(sorted(FONTS)), layout, rng.random() < 0.3, qr)


def _qr_image(text: str, size: int) -> Image.Image:
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
    matrix = np.asarray(code.to_image(scale=1, add_quiet_zones=True))
    image = Image.fromarray(matrix).convert("L")
    return image.resize((size, size), Image.Resampling.NEAREST)


def draw_card(contact: Contact, style: Style, width: int, rng: random.Random,
              qr_text: str | None = None) -> Image.Image:  # fmt: skip
    """The card, flat, ``width`` pixels wide (3.5 x 2 inch proportions)."""
    height = int(width / 1.75)
    paper = rng.choice(DARK if style.dark else LIGHT)
    ink = (rng.randint(225, 255),) * 3 if style.dark else (rng.randint(0, 50),) * 3
    accent = rng.choice(ACCENTS)
    card = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(card)
    regular, bold = FONTS[style.font]
    h = height
    name_font = _font(bold, int(h * rng.uniform(0.075, 0.10)))
    company_font = _font(bold if rng.random() < 0.6 else regular, int(h * rng.uniform(0.06, 0.085)))
    title_font = _font(regular, int(h * rng.uniform(0.045, 0.06)))
    small = _font(regular, int(h * rng.uniform(0.042, 0.052)))
    contacts = [*contact.printed_phones, *([contact.fax] if contact.fax else []), contact.email]
    if contact.website:
        contacts.append(contact.website)
    contacts += contact.address
    head = [(contact.name, name_font, ink), (contact.title, title_font, ink)]
    company = (
        contact.company,
        company_font,
        accent if not style.dark and rng.random() < 0.5 else ink,
    )
    margin = int(width * 0.06)
    boxes: list[tuple[float, ...]] = []

    def place(box: tuple[float, ...]) -> None:
        edge = margin / 3
        if box[0] < edge or box[1] < edge or box[2] > width - edge or box[3] > h - edge:
            raise Overflow
        if any(_overlap(box, other) for other in boxes):
            raise Overflow
        boxes.append(box)

    def block(items: list[tuple[str, ImageFont.FreeTypeFont, tuple[int, ...]]], x: int, y: int,
              align: str = "left", gap: float = 0.35) -> int:  # fmt: skip
        for text, font, colour in items:
            size = font.size
            length = draw.textlength(text, font=font)
            left = x - length / 2 if align == "center" else (x - length if align == "right" else x)
            place(draw.textbbox((left, y), text, font=font))
            draw.text((left, y), text, font=font, fill=colour)
            y += int(size * (1 + gap))
        return y

    def logo(x: int, y: int, size: int) -> None:
        shape = rng.randrange(3)
        box = (x, y, x + size, y + size)
        place(box)
        if shape == 0:
            draw.ellipse(box, fill=accent)
        elif shape == 1:
            draw.rectangle(box, fill=accent)
        else:
            draw.polygon([(x + size / 2, y), (x + size, y + size), (x, y + size)], fill=accent)
        if rng.random() < 0.5:
            font = _font(bold, size // 3)
            draw.text(
                (x + size / 2, y + size / 2), contact.initials, font=font, fill=paper, anchor="mm"
            )

    lines = [(t, small, ink) for t in contacts]
    tag = [(contact.tagline, title_font, ink)] if contact.tagline else []
    if style.layout == "left":
        y = block([company, *tag], margin, margin)
        y = block(head, margin, y + h // 20)
        block(
            lines,
            margin,
            max(y + h // 30, h - margin - len(lines) * int(small.size * 1.3)),
            gap=0.3,
        )
    elif style.layout == "centered":
        y = block([company, *head, *tag], width // 2, margin, "center")
        block(lines, width // 2, y + h // 30, "center", gap=0.25)
    elif style.layout in ("split", "right-contacts"):
        y = block([*head], margin, margin)
        block(
            [company, *tag], margin, max(y + h // 20, h - margin - 2 * company_font.size), gap=0.3
        )
        x = width - margin if style.layout == "right-contacts" else width // 2 + margin // 2
        align = "right" if style.layout == "right-contacts" else "left"
        block(lines, x, h // 2 - len(lines) * small.size * 13 // 20, align, gap=0.3)
    elif style.layout == "logo-left":
        size = int(h * 0.28)
        logo(margin, margin, size)
        x = margin + size + margin // 2
        y = block([company, *head], x, margin)
        block(lines, x, y + h // 30, gap=0.28)
    elif style.layout == "banner":
        band = int(h * 0.24)
        draw.rectangle((0, 0, width, band), fill=accent)
        block(
            [(contact.company, company_font, (255, 255, 255))],
            margin,
            (band - company_font.size) // 2,
        )
        y = block([*head, *tag], margin, band + h // 20)
        block(lines, width - margin, band + h // 20, "right", gap=0.3)
    else:  # qr-right
        y = block([company, *head], margin, margin)
        block(lines, margin, y + h // 40, gap=0.25)
    if qr_text:
        size = int(h * 0.42)
        code = _qr_image(qr_text, size)
        place((width - margin - size, h - margin - size, width - margin, h - margin))
        card.paste(code, (width - margin - size, h - margin - size))
    elif style.layout in ("left", "centered", "split") and rng.random() < 0.4:
        logo(width - margin - int(h * 0.2), margin, int(h * 0.2))
    return card
