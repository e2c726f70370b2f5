"""Spreadsheet cells that cannot run: CSV injection, neutralized on export and read back.

Contact fields come from other people's files, and a CSV is opened in a
spreadsheet, which runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``); a tab or a carriage
return in front hides such a cell from a first look. Following OWASP's CSV
injection guidance, such a cell is written with a single quote in front, which
a spreadsheet shows as text and does not evaluate.

The quote comes off again when netweave reads a CSV (:func:`read_cell`), so
an export imported again gives back the value as it was. To keep that exact,
a value that already starts with quotes before such a character
(``'=x``) gets one more quote on export, and reading removes exactly one: the
two are inverse for every value. A quote before anything else (``'Tis``) is
left alone both ways.

Phone numbers are the exception: ``+1 312 555 0100`` is how Google Contacts
writes and reads a number, and a cell of digits, spaces and ``+ ( ) - . /``
(several numbers joined by ``" ::: "``) cannot call a function, so
:func:`phone_cell` writes it as it is and neutralizes anything else.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""

_PHONES = re.compile(r"\+?[\d(][\d() ./-]*(?: ::: \+?[\d(][\d() ./-]*)*")


def _runs(value: str) -> bool:
    """Whether ``value``, past any leading quotes, starts with a formula character."""
    return value.lstrip("'").startswith(TRIGGERS)


def neutralize(value: str) -> str:
    """The cell to write for ``value``: a quote in front when a spreadsheet would run it."""
    return "'" + value if _runs(value) else value


def phone_cell(value: str) -> str:
    """A phone cell: numbers as they are (``+1 312 555 0100``), anything else neutralized."""
    return value if _PHONES.fullmatch(value) else neutralize(value)


def read_cell(value: str) -> str:
    """The value of a cell read from a CSV: the quote :func:`neutralize` added comes off."""
    return value[1:] if value.startswith("'") and _runs(value[1:]) else value


__all__ = ["TRIGGERS", "neutralize", "phone_cell", "read_cell"]
