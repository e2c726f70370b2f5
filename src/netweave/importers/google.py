"""Google Contacts CSV (contacts.google.com → Export → Google CSV), both eras.

- current (since 2020): ``First Name,Middle Name,Last Name,Phonetic First Name,
  ...,Organization Name,Organization Title,Organization Department,Birthday,
  Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,...``, UTF-8 with a BOM;
- legacy: ``Name,Given Name,Additional Name,Family Name,Yomi Name,...,Group
  Membership,E-mail 1 - Type,E-mail 1 - Value,...,Organization 1 - Name,...``,
  which Google wrote as UTF-16 with a BOM.

Columns are read by name. One cell may hold several values joined by ``:::``
(``a@x.com ::: b@y.com``); a label starting with ``*`` marks the primary value
and is listed first. Notes may span lines. Labels (group memberships) become
tags, without Google's own ``* myContacts``.
"""

from __future__ import annotations

import re

from netweave.importers._contact import ContactParts, parse_day
from netweave.importers._table import Row, parse_contact_table, split_multi, stream_contact_table
from netweave.importers.detect import DecodedText
from netweave.importers.model import ContactStream, Format, ParsedFile, Problem, Source

_EMAIL = re.compile(r"^e-mail (\d+) - value$")
_PHONE = re.compile(r"^phone (\d+) - value$")
_WEBSITE = re.compile(r"^website (\d+) - value$")
_SYSTEM_LABELS = {"mycontacts", "my contacts", "other contacts"}  # Google's own groups


def _label(row: Row, column: str) -> str | None:
    """The label of ``E-mail 2 - Value``: its ``- Label`` (current) or ``- Type`` (legacy)."""
    stem = column.rsplit(" - ", 1)[0]
    return row.get(f"{stem} - label", f"{stem} - type")


def _labelled(row: Row, pattern: re.Pattern[str]) -> list[tuple[str, str | None]]:
    """Values of numbered columns with their labels, primary ones (``* Work``) first."""
    primary: list[tuple[str, str | None]] = []
    others: list[tuple[str, str | None]] = []
    for _, column, cell in row.numbered(pattern):
        label = _label(row, column)
        is_primary = bool(label and label.startswith("*"))
        plain = label.lstrip("* ").strip().lower() if label else None
        for value in split_multi(cell):
            (primary if is_primary else others).append((value, plain or None))
    return primary + others


def _tags(row: Row) -> list[str]:
    tags = []
    for label in split_multi(row.get("Labels", "Group Membership")):
        name = label.lstrip("* ").strip()
        if name.lower() not in _SYSTEM_LABELS:
            tags.append(name)
    return tags


def _location(row: Row) -> str | None:
    place = [
        row.get("Address 1 - City"),
        row.get("Address 1 - Region"),
        row.get("Address 1 - Country"),
    ]
    joined = ", ".join(p for p in place if p)
    return joined or row.get("Location")


def _contact(row: Row, source: Source, problems: list[Problem]) -> ContactParts:
    parts = ContactParts(source=source, ref=source.locator)  # "line N", one string
    parts.full_name = row.get("Name", "File As")  # "File As" is the current format's display name
    parts.given_name = row.get("First Name", "Given Name")
    parts.middle_name = row.get("Middle Name", "Additional Name")
    parts.family_name = row.get("Last Name", "Family Name")
    parts.suffix = row.get("Name Suffix")
    parts.nickname = row.get("Nickname")
    parts.company = row.get("Organization Name", "Organization 1 - Name")
    parts.title = row.get("Organization Title", "Organization 1 - Title")
    parts.department = row.get("Organization Department", "Organization 1 - Department")
    parts.location = _location(row)
    parts.note(row.get("Notes"))
    parts.tags = _tags(row)
    parts.has_photo = bool(row.get("Photo"))
    for value, label in _labelled(row, _EMAIL):
        parts.email(value, label)
    for value, label in _labelled(row, _PHONE):
        parts.phone(value, label)
    for value, label in _labelled(row, _WEBSITE):
        parts.url(value, label)
    try:
        parts.birthday = parse_day(row.get("Birthday"))
    except ValueError as error:
        problems.append(Problem(source, f"Birthday: {error}; left out", skipped=False))
    return parts


def parse(decoded: DecodedText) -> ParsedFile:
    """Every row of a Google Contacts export as a ContactDraft."""
    return parse_contact_table(decoded, Format.GOOGLE, "Google Contacts", _contact)


def stream(decoded: DecodedText) -> ContactStream:
    """:func:`parse`, the rows read one at a time (:class:`ContactStream`)."""
    return stream_contact_table(decoded, Format.GOOGLE, "Google Contacts", _contact)


__all__ = ["parse", "stream"]
