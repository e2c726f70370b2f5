"""The terminal's console, safe from the text it prints; light enough for ``--help``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from netweave.controls import CONTROL_BUT_LINES, visible


class SafeConsole(Console):
    """A console whose text cannot steer the terminal: every control character but tab and
    line break in what it prints is shown as ``\\xNN``. Rich's own styling is not text
    (it is added when the segments are written), so colours still work.

    Nor does it read emoji codes: Rich would print ``:ok:`` in a note, or ``:AB:`` in a
    certificate's fingerprint, as a picture."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("emoji", False)
        super().__init__(*args, **kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterator[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and CONTROL_BUT_LINES.search(segment.text):
                yield Segment(visible(segment.text), segment.style)
            else:
                yield segment


__all__ = ["SafeConsole"]
