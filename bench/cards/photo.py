"""A card photographed: on a cluttered table, turned, in perspective, blurred, unevenly lit,
saved as a 12-megapixel JPEG. The ranges below were fixed before the reader was tuned and
are not to be changed to suit it (docs/cards.md lists them).
"""

from __future__ import annotations

import contextlib
import io
import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from bench.cards import render
from bench.cards.people import Contact, make_contact, mecard_text, vcard_text

FRAME = (4000, 3000)
"""12 megapixels, landscape."""
CARD_SHARE = (0.45, 0.80)
"""The card's width as a share of the frame's width."""
MAX_TURN = 8.0
"""Degrees either way."""
MAX_PERSPECTIVE = 0.05
"""Each corner moves up to this share of the card's width."""
BLUR_SIGMA = (0.0, 2.5)
"""Gaussian blur, in pixels of the 12 MP frame."""
LIGHT_DROP = (0.0, 0.5)
"""How much darker the darkest side of the photo is than the brightest."""
NOISE_SIGMA = (0.0, 6.0)
JPEG_QUALITY = (60, 95)
CLUTTER_SHAPES = (15, 60)
QR_SHARE = 0.15
"""Cards with a QR code (half vCard, half MECARD)."""
DARK_SHARE = 0.3


@dataclass(frozen=True)
class Shot:
    jpeg: bytes
    truth: dict[str, object]


def _background(rng: random.Random) -> Image.Image:
    w, h = FRAME
    base = np.array([rng.randint(40, 200) for _ in range(3)], dtype=np.float32)
    gradient = np.linspace(rng.uniform(0.7, 1.0), rng.uniform(0.7, 1.0), w, dtype=np.float32)
    grain = np.random.default_rng(rng.randrange(2**32)).normal(0, 12, (h // 8, w // 8, 1))
    grain = cv2.resize(grain.astype(np.float32), (w, h))[..., None]
    image = np.clip(base[None, None, :] * gradient[None, :, None] + grain, 0, 255)
    picture = Image.fromarray(image.astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(*CLUTTER_SHAPES)):
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        x, y = rng.randrange(w), rng.randrange(h)
        size = rng.randint(40, 700)
        kind = rng.randrange(4)
        if kind == 0:
            draw.rectangle((x, y, x + size, y + rng.randint(20, 400)), fill=colour)
        elif kind == 1:
            draw.ellipse((x, y, x + size, y + size), outline=colour, width=rng.randint(3, 30))
        elif kind == 2:
            draw.line((x, y, x + rng.randint(-900, 900), y + rng.randint(-900, 900)),
                      fill=colour, width=rng.randint(2, 25))  # fmt: skip
        else:  # some print on the table: a receipt, a flyer
            font = ImageFont.truetype(
                render._F + render.FONTS["DejaVu Sans"][0], rng.randint(30, 70)
            )
            words = ("SALE 50%", "Agenda 9:30", "Room B", "Welcome!", "Wi-Fi: guest")
            draw.text((x, y), rng.choice(words), font=font, fill=colour)
    return picture


def _card(
    rng: random.Random, contact: Contact, qr: str | None, width: int
) -> tuple[Image.Image, render.Style]:
    qr_text = (
        None if qr is None else (vcard_text(contact) if qr == "vcard" else mecard_text(contact))
    )
    for _ in range(60):
        style = render.pick_style(rng, qr)
        try:
            return render.draw_card(contact, style, width, rng, qr_text), style
        except render.Overflow:
            continue
    raise RuntimeError(f"no layout fits {contact}")


def make_shot(seed: int, number: int) -> Shot:
    """Card ``number`` of ``seed``: the JPEG and the truth beside it."""
    rng = random.Random(f"cards-{seed}-{number}")
    qr = None
    if rng.random() < QR_SHARE:
        qr = rng.choice(("vcard", "mecard"))
    dark = rng.random() < DARK_SHARE
    while True:
        contact = make_contact(rng)
        card_width = int(FRAME[0] * rng.uniform(*CARD_SHARE))
        try:
            card, style = _card(rng, contact, qr, card_width)
            break
        except RuntimeError:
            continue
    if style.dark != dark:  # the colours drawn for this card, when the layout still fits
        flipped = render.Style(style.font, style.layout, dark, style.qr)
        qr_text = (
            None if qr is None else (vcard_text(contact) if qr == "vcard" else mecard_text(contact))
        )
        with contextlib.suppress(render.Overflow):
            card = render.draw_card(contact, flipped, card_width, rng, qr_text)
            style = flipped
    photo = _background(rng)
    w, h = FRAME
    cw, ch = card.size
    # Corners of the card: turned about its centre, each corner pushed a little (perspective).
    angle = np.radians(rng.uniform(-MAX_TURN, MAX_TURN))
    cx = rng.uniform(cw / 2 + 0.06 * w, w - cw / 2 - 0.06 * w)
    cy = rng.uniform(ch / 2 + 0.08 * h, h - ch / 2 - 0.08 * h)
    corners = []
    for x, y in ((-cw / 2, -ch / 2), (cw / 2, -ch / 2), (cw / 2, ch / 2), (-cw / 2, ch / 2)):
        dx = rng.uniform(-MAX_PERSPECTIVE, MAX_PERSPECTIVE) * cw
        dy = rng.uniform(-MAX_PERSPECTIVE, MAX_PERSPECTIVE) * cw
        rx = x * np.cos(angle) - y * np.sin(angle)
        ry = x * np.sin(angle) + y * np.cos(angle)
        corners.append((cx + rx + dx, cy + ry + dy))
    source = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, np.array(corners, np.float32))
    image = np.asarray(photo, dtype=np.uint8).copy()
    # A soft shadow under the card, then the card itself (only within its bounding box).
    x0, y0 = (int(max(min(c[i] for c in corners) - 120, 0)) for i in (0, 1))
    x1 = int(min(max(c[0] for c in corners) + 120, w))
    y1 = int(min(max(c[1] for c in corners) + 120, h))
    shift = np.float32([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]]) @ matrix
    size = (x1 - x0, y1 - y0)
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillConvexPoly(mask, (np.array(corners) - [x0, y0] + [15, 25]).astype(np.int32), 255)
    shade = cv2.GaussianBlur(mask, (0, 0), 25).astype(np.float32) * (rng.uniform(0.2, 0.5) / 255)
    box = image[y0:y1, x0:x1].astype(np.float32)
    box *= (1 - shade)[..., None]
    warped = cv2.warpPerspective(np.asarray(card), shift, size, flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.full((ch, cw), 255, np.uint8), shift, size)
    alpha = (inside.astype(np.float32) / 255)[..., None]
    box *= 1 - alpha
    box += warped.astype(np.float32) * alpha
    image[y0:y1, x0:x1] = np.clip(box, 0, 255).astype(np.uint8)
    # Uneven light: a slope across the frame.
    drop = rng.uniform(*LIGHT_DROP)
    direction = rng.uniform(0, 2 * np.pi)
    xs = np.linspace(-1, 1, w // 8, dtype=np.float32)[None, :]
    ys = np.linspace(-1, 1, h // 8, dtype=np.float32)[:, None]
    slope = (xs * np.cos(direction) + ys * np.sin(direction)) / np.sqrt(2)
    light = (1 - drop * (slope - slope.min()) / (slope.max() - slope.min())).astype(np.float32)
    gain = cv2.resize((light * 255).astype(np.uint8), (w, h))
    image = cv2.multiply(image, cv2.merge([gain, gain, gain]), scale=1 / 255)
    sigma = rng.uniform(*BLUR_SIGMA)
    if sigma > 0.3:
        image = cv2.GaussianBlur(image, (0, 0), sigma)
    noise = rng.uniform(*NOISE_SIGMA)
    if noise > 0.5:
        grain = np.random.default_rng(rng.randrange(2**32)).standard_normal(
            (h, w), dtype=np.float32
        )
        grain16 = (grain * noise).astype(np.int16)
        image = cv2.add(image, cv2.merge([grain16, grain16, grain16]), dtype=cv2.CV_8U)
    out = Image.fromarray(image)
    quality = rng.randint(*JPEG_QUALITY)
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=quality)
    truth = contact.truth() | {
        "qr": qr, "font": style.font, "layout": style.layout, "dark": style.dark,
        "turn": round(float(np.degrees(angle)), 2), "blur": round(sigma, 2),
        "light_drop": round(drop, 2), "jpeg_quality": quality, "card_width": card_width,
    }  # fmt: skip
    return Shot(buffer.getvalue(), truth)
