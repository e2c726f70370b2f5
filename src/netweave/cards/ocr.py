"""The printed text of a card photo: find the card, straighten it, clean it, run tesseract.

1. The card: the largest four-cornered outline in the photo (edges on a small copy),
   warped to a flat rectangle, which undoes rotation and perspective at once. Without
   one (a card filling the frame, a busy table), the whole photo is straightened by the
   angle (±8°) at which its text rows line up best.
2. A dark card (white print on navy or black) is inverted, so the print is dark.
3. Uneven light is divided out (the photo over a blurred copy of itself), then the
   contrast is stretched; tesseract binarises the result.
4. tesseract (through tesserocr, the model loaded once per process) reads text lines,
   each with its height: big lines are names and companies more often than small ones.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import tesserocr
from numpy.typing import NDArray
from PIL import Image

from netweave.errors import NetweaveError

CARD_WIDTH = 1600
"""The width, in pixels, a found card is read at."""
MAX_SKEW = 8.0
TESSDATA_ENV = "NETWEAVE_TESSDATA"
_TESSDATA_PLACES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)

Gray = NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    height: int
    top: int
    left: int
    confidence: float = 100.0


class OcrUnavailable(NetweaveError):
    """tesseract's English model is not installed."""

    http_status = 503
    default_code = "ocr-unavailable"


def tessdata() -> str:
    """The folder holding ``eng.traineddata`` (``$NETWEAVE_TESSDATA`` first)."""
    places = [os.environ.get(TESSDATA_ENV, ""), *_TESSDATA_PLACES]
    for place in places:
        if place and (Path(place) / "eng.traineddata").is_file():
            return place
    raise OcrUnavailable(
        "tesseract's English model is not installed",
        hint="run scripts/ensure-tesseract (Debian's tesseract-ocr-eng)",
    )


_lock = threading.Lock()
_api: tesserocr.PyTessBaseAPI | None = None


def _tesseract() -> tesserocr.PyTessBaseAPI:
    global _api
    if _api is None:
        _api = tesserocr.PyTessBaseAPI(
            path=tessdata(), lang="eng", psm=tesserocr.PSM.SPARSE_TEXT, oem=tesserocr.OEM.LSTM_ONLY
        )
    return _api


def _order(points: NDArray[np.float32]) -> NDArray[np.float32]:
    """Four corners as top-left, top-right, bottom-right, bottom-left."""
    sums = points.sum(axis=1)
    diffs = np.diff(points, axis=1).ravel()
    return np.array(
        [points[np.argmin(sums)], points[np.argmin(diffs)], points[np.argmax(sums)],
         points[np.argmax(diffs)]],
        dtype=np.float32,
    )  # fmt: skip


def _aspect_ok(corners: NDArray[np.float32]) -> bool:
    tl, tr, br, bl = corners
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    ratio = float(max(width, height)) / max(float(min(width, height)), 1.0)
    return 1.45 <= ratio <= 2.1  # a business card is 1.75 (85 x 55 mm: 1.55), in perspective


def find_card(gray: Gray) -> NDArray[np.float32] | None:
    """The card's four corners in ``gray`` (top-left first, clockwise), or None.

    The largest four-cornered outline of card proportions; failing that, the smallest
    rectangle around the largest outline (a card whose edge is lost on one side).
    """
    scale = 640 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    area = small.shape[0] * small.shape[1]
    fallback = None
    for low, high in ((30, 90), (10, 40)):
        edges = cv2.Canny(small, low, high)
        edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
        contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        hulls = sorted((cv2.convexHull(c) for c in contours), key=cv2.contourArea, reverse=True)
        for hull in hulls[:8]:
            if cv2.contourArea(hull) < 0.12 * area:
                break
            corners = cv2.approxPolyDP(hull, 0.03 * cv2.arcLength(hull, True), True)
            if len(corners) == 4:
                found = _order(corners.reshape(4, 2).astype(np.float32) / scale)
                if _aspect_ok(found):
                    return found
            if fallback is None:
                box = cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32) / scale
                if _aspect_ok(_order(box)):
                    fallback = _order(box)
    return fallback


def flatten(gray: Gray, corners: NDArray[np.float32]) -> Gray:
    """The card inside ``corners`` as a flat rectangle :data:`CARD_WIDTH` wide."""
    tl, tr, br, bl = corners
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    if width < height:  # a card photographed standing up is read lying down
        corners = np.array([tr, br, bl, tl], dtype=np.float32)
        width, height = height, width
    out_h = max(int(CARD_WIDTH * height / width), 64)
    target = np.array(
        [[0, 0], [CARD_WIDTH - 1, 0], [CARD_WIDTH - 1, out_h - 1], [0, out_h - 1]], np.float32
    )
    matrix = cv2.getPerspectiveTransform(corners, target)
    flat = cv2.warpPerspective(
        gray, matrix, (CARD_WIDTH, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    # The card's own edge (a few pixels of table) is no text.
    margin = max(CARD_WIDTH // 100, 4)
    return np.asarray(flat[margin:-margin, margin:-margin], dtype=np.uint8)


def skew_angle(gray: Gray) -> float:
    """The angle (degrees, within ±8) that lines up the text rows of ``gray`` best."""
    scale = 500 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(
        small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10
    )
    center = (small.shape[1] / 2, small.shape[0] / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5):
        matrix = cv2.getRotationMatrix2D(center, float(angle), 1.0)
        turned = cv2.warpAffine(ink, matrix, (small.shape[1], small.shape[0]))
        rows = turned.sum(axis=1, dtype=np.float64)
        score = float(np.var(rows))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def straighten(gray: Gray, angle: float) -> Gray:
    if abs(angle) < 0.25:
        return gray
    center = (gray.shape[1] / 2, gray.shape[0] / 2)
    matrix = cv2.getRotationMatrix2D(center, angle, 1.0)
    turned = cv2.warpAffine(
        gray, matrix, (gray.shape[1], gray.shape[0]), borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(turned, dtype=np.uint8)


def _light_on_dark(card: Gray) -> Gray:
    """``card`` with light print made dark: a dark card, and dark bands or boxes on a light one.

    A stretch is dark when its typical pixel is well below the brightest print or paper
    near it, so a card in a shadow stays as it is.
    """
    if float(np.median(card)) < 110:  # a dark card
        card = np.asarray(cv2.bitwise_not(card), dtype=np.uint8)
    factor = 8
    small = cv2.resize(card, None, fx=1 / factor, fy=1 / factor, interpolation=cv2.INTER_AREA)
    reach = max(min(small.shape) // 3, 3) | 1
    bright = cv2.dilate(small, np.ones((reach, reach), np.uint8))
    bright = cv2.blur(bright, (reach, reach))
    local = cv2.medianBlur(small, max(min(small.shape) // 6, 3) | 1)
    dark = (local.astype(np.float32) < 0.6 * bright.astype(np.float32)).astype(np.uint8)
    if not dark.any():
        return card
    mask = cv2.resize(dark * 255, (card.shape[1], card.shape[0]), interpolation=cv2.INTER_LINEAR)
    mask = (mask > 127).astype(np.uint8)
    flipped: Gray = np.where(mask > 0, 255 - card, card).astype(np.uint8)
    return flipped


def clean(card: Gray) -> Gray:
    """Print dark on light, the light made even, the contrast stretched."""
    card = _light_on_dark(card)
    size = max(card.shape) // 20 | 1
    background = cv2.morphologyEx(card, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    background = cv2.GaussianBlur(background, (size, size), 0)
    even = cv2.divide(card, background, scale=255)
    low, high = np.percentile(even, (1, 99))
    if high - low < 10:
        return even.astype(np.uint8)
    stretched = np.clip((even.astype(np.float32) - low) * (255.0 / (high - low)), 0, 255)
    return np.asarray(stretched, dtype=np.uint8)


def prepare(gray: Gray, *, outline: bool = True) -> Gray:
    """The card in ``gray``, flat, upright within ±8°, dark print on even light.

    ``outline=False`` reads the whole photo, straightened, without looking for the card's
    edges (the second try when the outline found gave no email and no phone).
    """
    corners = find_card(gray) if outline else None
    if corners is not None:
        card = flatten(gray, corners)
        card = straighten(card, skew_angle(card))
    else:
        card = straighten(gray, skew_angle(gray))
        if max(card.shape) > CARD_WIDTH * 1.25:
            factor = CARD_WIDTH * 1.25 / max(card.shape)
            card = np.asarray(
                cv2.resize(card, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA),
                dtype=np.uint8,
            )
    return clean(card)


def read_lines(card: Gray) -> list[TextLine]:
    """tesseract's text lines of a prepared card, top to bottom."""
    image = Image.fromarray(card)
    lines: list[TextLine] = []
    with _lock:
        api = _tesseract()
        api.SetImage(image)
        api.Recognize()
        iterator = api.GetIterator()
        level = tesserocr.RIL.TEXTLINE
        for line in tesserocr.iterate_level(iterator, level):
            try:
                text = (line.GetUTF8Text(level) or "").strip()
            except RuntimeError:  # tesserocr's "No text returned" for an empty line
                continue
            box = line.BoundingBox(level)
            if text and box:
                left, top, _right, bottom = box
                confidence = line.Confidence(level)
                lines.append(TextLine(" ".join(text.split()), bottom - top, top, left, confidence))
        api.Clear()
    return lines
