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

from netweave.importers._contact import ContactParts, finish, full_date, parse_day
from netweave.importers._table import read_table
from netweave.importers.detect import DecodedText
from netweave.importers.model import ContactDraft, Format, ParsedFile, Problem, Source

HOW_MET = "LinkedIn connection"


def parse(decoded: DecodedText) -> ParsedFile:
    """Every connection of a LinkedIn export as a ContactDraft."""
    table = read_table(decoded, Format.LINKEDIN, "LinkedIn connections")
    contacts: list[ContactDraft] = []
    problems: list[Problem] = list(table.problems)
    for row in table.rows:
        source = Source(decoded.file, f"line {row.line}", row.line)
        parts = ContactParts(source=source, ref=f"line {row.line}")
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
            problems.append(
                Problem(source, "the connection has no name (a closed or hidden account?)")
            )
            continue
        draft, found = finish(parts)
        problems.extend(found)
        if draft is not None:
            contacts.append(draft)
    return ParsedFile(
        file=decoded.file,
        format=Format.LINKEDIN,
        encoding=decoded.encoding,
        records=len(table.rows) + sum(1 for p in table.problems if p.skipped),
        contacts=tuple(contacts),
        problems=tuple(problems),
    )


__all__ = ["HOW_MET", "parse"]
