"""LinkedIn's ``Connections.csv`` (Settings → Data privacy → Get a copy of your data).

Three eras are known, all read the same way because columns are found by name:

- no preamble, header ``First Name,Last Name,Email Address,Company,Position,Connected On``;
- a ``Notes:`` preamble of a few lines (a quoted paragraph about missing email
  addresses, then a blank line) above that header;
- the current export: the preamble, and a ``URL`` column after ``Last Name``.

``Connected On`` (``05 Mar 2024``) becomes the date we met; the profile URL is
an identity key (its slug); empty emails are normal (members choose whether
connections see their address).
"""

from __future__ import annotations

from netweave.importers._contact import ContactParts, full_date, parse_day
from netweave.importers._table import Row, parse_contact_table, stream_contact_table
from netweave.importers.detect import DecodedText
from netweave.importers.model import ContactStream, Format, ParsedFile, Problem, Source

HOW_MET = "LinkedIn connection"
_DESCRIPTION = "LinkedIn connections"
"""What the header is called in messages."""


def parse(decoded: DecodedText) -> ParsedFile:
    """Every connection of a LinkedIn export as a ContactDraft."""
    return parse_contact_table(decoded, Format.LINKEDIN, _DESCRIPTION, _connection)


def stream(decoded: DecodedText) -> ContactStream:
    """:func:`parse`, the connections read one at a time (:class:`ContactStream`)."""
    return stream_contact_table(decoded, Format.LINKEDIN, _DESCRIPTION, _connection)


def _connection(row: Row, source: Source, problems: list[Problem]) -> ContactParts | None:
    """One connection's parts; None for a connection without a name (the problem said)."""
    parts = ContactParts(source=source, ref=source.locator)  # "line N", one string
    parts.given_name = row.get("First Name")
    parts.family_name = row.get("Last Name")
    parts.email(row.get("Email Address", "E-mail Address"))
    parts.company = row.get("Company")
    parts.title = row.get("Position")
    parts.linkedin_url = row.get("URL", "Profile URL")
    parts.how_met = HOW_MET
    connected = row.get("Connected On")
    try:
        parts.met_on = full_date(parse_day(connected, month_first=True))
    except ValueError as error:
        problems.append(
            Problem(source, f"Connected On: {error}; the date is left out", skipped=False)
        )
    if not (parts.given_name or parts.family_name):
        # LinkedIn lists members who left or hid their name with blank names.
        problems.append(Problem(source, "the connection has no name (a closed or hidden account?)"))
        return None
    return parts


__all__ = ["HOW_MET", "parse", "stream"]
