"""Reading HTML form fields: blank means absent, lists are typed one per line or comma."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\n,;]+")


def optional(text: str) -> str | None:
    """The stripped text, or None when the field was left blank."""
    return text.strip() or None


def lines(text: str) -> list[str]:
    """Values typed one per line (or separated by commas or semicolons)."""
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def words(text: str) -> list[str]:
    """Tags typed with commas between them (a tag may hold spaces)."""
    return [part.strip() for part in re.split(r"[,\n]+", text) if part.strip()]


__all__ = ["lines", "optional", "words"]
