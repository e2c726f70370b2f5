"""Control characters in text: what steers a terminal instead of being read.

A leaf module (no imports of netweave's own) so that the command line's console can use
it before anything heavy is loaded; the domain's text rules build on it.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters (C0, DEL, C1): no text, and some of them steer a terminal."""
CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""The same, but for tabs and line breaks, which multi-line text keeps."""


def visible(text: str) -> str:
    """``text`` with every control character but tab and line break shown as ``\\xNN``:
    what a terminal or a message prints instead of obeying it."""
    return CONTROL_BUT_LINES.sub(lambda found: f"\\x{ord(found[0]):02x}", text)


__all__ = ["CONTROL", "CONTROL_BUT_LINES", "visible"]
