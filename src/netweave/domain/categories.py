"""Business categories: kept as typed, compared ignoring case.

A category is what the user wrote ("Managed IT", "Tax Law"), its spaces collapsed;
two categories are the same line of business when their :func:`category_key` is
equal. Every comparison of categories goes through that one function: in Python
directly, in the database through the ``category_key`` column the storage layer
fills with it.
"""

from __future__ import annotations


def clean_category(text: str | None) -> str | None:
    """A category as typed, spaces collapsed; None when blank."""
    if text is None:
        return None
    return " ".join(text.split()) or None


def category_key(text: str | None) -> str:
    """What a category is compared by: case folded, spaces collapsed ("" when none).

    ``category_key("Managed  IT") == category_key("managed it") == "managed it"``.
    """
    return " ".join((text or "").casefold().split())


def same_category(a: str | None, b: str | None) -> bool:
    """Whether two categories name the same line of business (two blanks are not one)."""
    key = category_key(a)
    return bool(key) and key == category_key(b)


__all__ = ["category_key", "clean_category", "same_category"]
