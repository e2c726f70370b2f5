"""Opening a card photo safely: known formats only, bounded pixels, a clear error otherwise."""

from __future__ import annotations

import io
import warnings

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from netweave.errors import InvalidInput

MAX_BYTES = 25 * 1024 * 1024
"""The largest photo file read (a 12-megapixel JPEG is 3-8 MB; a 48 MP phone photo ~20 MB)."""
MAX_PIXELS = 60_000_000
"""The most pixels a photo may have (a 48-megapixel phone photo has 48,000,000)."""
WORK_SIDE = 2000
"""The long side, in pixels, a photo is read at: enough for the small print of a card
filling a third of the frame, and four times fewer pixels to clean than 12 MP."""
FORMATS = ("JPEG", "PNG", "WEBP", "BMP", "TIFF")


KEPT_SIDE = 1600
"""The long side of the copy of a card photo kept with the person."""


def load_gray(data: bytes, *, side: int = WORK_SIDE) -> NDArray[np.uint8]:
    """The photo in ``data`` as 8-bit gray, its long side at most ``side``, upright by EXIF.

    Raises InvalidInput (with a sentence) for an empty file, a file that is no image,
    a truncated or damaged image, or one of more than :data:`MAX_PIXELS`.
    """
    gray = _open(data, side, "L")
    if min(gray.size) < 64:
        raise InvalidInput(
            f"the photo is {gray.size[0]}x{gray.size[1]} pixels: too small to read a card",
            field="photo",
        )
    return np.asarray(gray, dtype=np.uint8)


def photo_to_keep(data: bytes) -> bytes:
    """The photo as the JPEG kept with a person: upright, its long side at most 1600."""
    image = _open(data, KEPT_SIDE, "RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _open(data: bytes, side: int, mode: str) -> Image.Image:
    """The image in ``data`` in ``mode``, upright, its long side at most ``side``."""
    if not data:
        raise InvalidInput("the photo is empty", field="photo")
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"the photo is {len(data) / 1e6:.0f} MB; at most {MAX_BYTES // 2**20} MB is read",
            field="photo",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise InvalidInput(
                    f"the photo is {width}x{height} pixels; at most "
                    f"{MAX_PIXELS // 1_000_000} megapixels are read",
                    field="photo",
                )
            if image.format == "JPEG":
                # libjpeg decodes straight at 1/2, 1/4 or 1/8 scale: a 12 MP photo in a third
                # of the time.
                image.draft(mode, (side, side))
            image.load()
            upright = ImageOps.exif_transpose(image)
            converted = upright.convert(mode)
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput(
            f"the photo has too many pixels: at most {MAX_PIXELS // 1_000_000} megapixels are read",
            field="photo",
        ) from None
    except UnidentifiedImageError:
        raise InvalidInput(
            "the photo is not an image netweave reads (JPEG, PNG, WebP, BMP or TIFF)",
            field="photo",
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        raise InvalidInput(
            f"the photo could not be read: it is damaged or cut short ({error})", field="photo"
        ) from None
    if max(converted.size) > side:
        converted.thumbnail((side, side), Image.Resampling.BILINEAR)
    return converted
