"""Outlook contacts CSV (File → Open & Export → Import/Export → Comma Separated Values).

The desktop export quotes every value and is written in the Windows code page,
Windows-1252 on Western systems (``Müller`` is the byte ``0xFC``); decoding
falls back to it when a file is not UTF-8. Outlook.com's web export has a
shorter header with the same names. Columns are read by name: ``Title`` is the
name prefix (Mr., Dr.), ``Job Title`` the job; an ``EX`` address
(``/o=ExchangeLabs/...``) is not an email and is reported; ``0/0/00`` is no
birthday; ``Categories`` (``Clients;VIP``) become tags.
"""

from __future__ import annotations

from netweave.importers._contact import ContactParts, parse_day
from netweave.importers._table import Row, parse_contact_table, stream_contact_table
from netweave.importers.detect import DecodedText
from netweave.importers.model import ContactStream, Format, ParsedFile, Problem, Source

# Phone columns in the order a person would call them; fax, pager, telex, ISDN
# and TTY numbers are not ways to talk to someone and are not imported.
_PHONES = (
    ("Mobile Phone", "mobile"),
    ("Business Phone", "work"),
    ("Business Phone 2", "work"),
    ("Primary Phone", "main"),
    ("Company Main Phone", "company"),
    ("Home Phone", "home"),
    ("Home Phone 2", "home"),
    ("Other Phone", "other"),
    ("Car Phone", "car"),
    ("Assistant's Phone", "assistant"),
    ("Callback", "callback"),
    ("Radio Phone", "radio"),
)
_EMAILS = (
    ("E-mail Address", "E-mail Type"),
    ("E-mail 2 Address", "E-mail 2 Type"),
    ("E-mail 3 Address", "E-mail 3 Type"),
)


def _location(row: Row) -> str | None:
    for prefix in ("Business", "Home", "Other"):
        place = [
            row.get(f"{prefix} City"),
            row.get(f"{prefix} State"),
            row.get(f"{prefix} Country/Region", f"{prefix} Country"),
        ]
        if any(place):
            return ", ".join(p for p in place if p)
    return row.get("Location", "Office Location")


def _contact(row: Row, source: Source, problems: list[Problem]) -> ContactParts:
    parts = ContactParts(source=source, ref=source.locator)  # "line N", one string
    parts.given_name = row.get("First Name")
    parts.middle_name = row.get("Middle Name")
    parts.family_name = row.get("Last Name")
    parts.suffix = row.get("Suffix")
    parts.nickname = row.get("Nickname")
    parts.company = row.get("Company")
    parts.department = row.get("Department")
    parts.title = row.get("Job Title")
    parts.location = _location(row)
    parts.note(row.get("Notes"))
    parts.tags = [t for t in (row.get("Categories") or "").split(";") if t.strip()]
    for address, kind in _EMAILS:
        value = row.get(address)
        if value and (row.get(kind) or "SMTP").upper() == "EX":
            problems.append(
                Problem(
                    source,
                    f"{value[:40]!r} is an Exchange account, not an email address; left out",
                    skipped=False,
                )
            )
            continue
        parts.email(value)
    for column, label in _PHONES:
        parts.phone(row.get(column), label)
    parts.url(row.get("Web Page"))
    try:
        parts.birthday = parse_day(row.get("Birthday"), month_first=True)
    except ValueError as error:
        problems.append(Problem(source, f"Birthday: {error}; left out", skipped=False))
    return parts


def parse(decoded: DecodedText) -> ParsedFile:
    """Every row of an Outlook contacts export as a ContactDraft."""
    return parse_contact_table(decoded, Format.OUTLOOK, "Outlook contacts", _contact)


def stream(decoded: DecodedText) -> ContactStream:
    """:func:`parse`, the rows read one at a time (:class:`ContactStream`)."""
    return stream_contact_table(decoded, Format.OUTLOOK, "Outlook contacts", _contact)


__all__ = ["parse", "stream"]
