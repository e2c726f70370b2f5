"""Text read from other programs' files, kept by the rules of :mod:`netweave.domain.base`.

A file's values are read leniently: a control character is left out rather than refusing
the record (which would lose it). What is left is what :func:`~netweave.domain.base.text_value`
keeps (:func:`read_text`), or on one line as a :data:`~netweave.domain.base.Name` is
(:func:`read_line`), so a record built of these values need not be checked again
(:data:`netweave.importers.model.RULED`). A Hypothesis test holds them to those rules.
"""

from __future__ import annotations

from functools import lru_cache

from netweave.domain.base import TEXT_MAX, fold_spaces, on_one_line, text_value, without_control


def read_text(text: str | None) -> str | None:
    """What a :data:`Text` field keeps of ``text`` read from another program's file, whose
    control characters are left out rather than refused (refusing the whole record would
    lose it): the same text :func:`text_value` gives of what is left, None when blank; a
    text longer than :data:`TEXT_MAX` is the caller's to cut (:func:`cut_text`)."""
    if text is None:
        return None
    if text.isprintable():  # no control character to leave out (most values)
        return text.strip() or None
    return without_control(text).strip() or None


def read_line(text: str | None) -> str | None:
    """:func:`read_text` on one line: runs of spaces, tabs and line breaks one space (as a
    :data:`Name` is kept)."""
    return _read_line(text) if text else None


@lru_cache(maxsize=1_024)
def _read_line(text: str) -> str | None:
    # Files repeat values (titles, "how met", given names): the most recent are read once.
    # A larger cache holds more of a file's values at the peak (8,192: +3 MB, issue 16).
    # The same value comes back as one string, held once however many records keep it.
    if on_one_line(text):  # most values are: kept at once
        return text
    return fold_spaces(without_control(text)) or None


def cut_text(text: str, limit: int = TEXT_MAX) -> str | None:
    """``text`` (from :func:`read_text` or :func:`read_line`) cut to ``limit`` characters,
    as :func:`text_value` keeps it (what the cut leaves at its end is stripped)."""
    return text_value(text[:limit])


__all__ = ["cut_text", "read_line", "read_text"]
