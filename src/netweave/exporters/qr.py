"""A text as a QR code in SVG, drawn on the server (segno): no script on the page.

Byte mode in UTF-8 (phones' scanners read vCards as UTF-8), error correction at level M
(15% of the code may be smudged or glared by a screen and still read), a quiet zone of
four modules as ISO/IEC 18004 asks, dark modules on white whatever the page's colours.
"""

from __future__ import annotations

import io

from netweave.errors import InvalidInput

MAX_BYTES = 2_300
"""The most a card's QR code holds at level M (version 40 holds 2,331 bytes)."""


def svg(text: str, *, title: str = "QR code") -> str:
    """``text`` as an SVG QR code that scales to its box (a viewBox, no fixed size)."""
    import segno

    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"the text is {len(data)} bytes; a QR code holds at most {MAX_BYTES}",
            field="card",
        )
    code = segno.make(data, error="m", micro=False, boost_error=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        title=title,
        border=4,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="qr",
    )
    return out.getvalue().decode("utf-8")


def png(text: str, *, scale: int = 8) -> bytes:
    """``text`` as a PNG QR code (``scale`` pixels per module), for files and tests."""
    import segno

    code = segno.make(text.encode("utf-8"), error="m", micro=False, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=4, dark="#000", light="#fff")
    return out.getvalue()


__all__ = ["MAX_BYTES", "png", "svg"]
