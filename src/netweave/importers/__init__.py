"""Reading what users already have into drafts: contacts, events, interactions, groups.

This package only parses: ``parse_file(path)`` tells the format from the
content and returns a :class:`ParsedFile` of plain drafts and problems, with
no database access. Identity resolution and writing belong to the import
service. One module per format:

- :mod:`.linkedin` — LinkedIn ``Connections.csv``, every era;
- :mod:`.google` — Google Contacts CSV, current and legacy;
- :mod:`.outlook` — Outlook contacts CSV (often Windows-1252);
- :mod:`.vcard` — vCard 2.1, 3.0 and 4.0;
- :mod:`.ical` — iCalendar events, recurring series expanded;
- :mod:`.contact_log` — a CSV of interactions;
- :mod:`.sociopatterns` — badge proximity logs (``t i j``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netweave.importers.detect import DecodedText, decode, detect
from netweave.importers.model import (
    OWNER_REF,
    AttendeeDraft,
    ContactDraft,
    EventDraft,
    Format,
    InteractionDraft,
    MembershipDraft,
    ParsedFile,
    PartialDate,
    Problem,
    Source,
)

if TYPE_CHECKING:
    from netweave.importers.parse import GroupsFile, ParseOptions, parse_bytes, parse_file

_PARSE = frozenset({"GroupsFile", "ParseOptions", "parse_bytes", "parse_file"})


def __getattr__(name: str) -> Any:
    # The parsers (icalendar, vobject, every format) load when first asked for, so that a
    # command that only names a format does not pay for them.
    if name in _PARSE:
        from netweave.importers import parse

        return getattr(parse, name)
    raise AttributeError(f"module 'netweave.importers' has no attribute {name!r}")


__all__ = [
    "OWNER_REF",
    "AttendeeDraft",
    "ContactDraft",
    "DecodedText",
    "EventDraft",
    "Format",
    "GroupsFile",
    "InteractionDraft",
    "MembershipDraft",
    "ParseOptions",
    "ParsedFile",
    "PartialDate",
    "Problem",
    "Source",
    "decode",
    "detect",
    "parse_bytes",
    "parse_file",
]
