"""People as a Google Contacts CSV (the current "Google CSV" export format).

The header is the one contacts.google.com writes today; the file is UTF-8
with a BOM and CRLF row ends, as Google writes it (and as spreadsheet programs
need to see UTF-8). Several values of one kind share a cell, joined by
``" ::: "``, in the person's order; the label ``* Other`` marks them primary,
so the first email stays the first. Where netweave keeps something Google has
no column for:

- the name, when it is not simply the given and family name ("Dr. Ann Lee",
  or a company): ``File As``, Google's display name;
- the tags: ``Labels`` (after Google's own ``* myContacts``);
- the LinkedIn profile: the first website, labelled ``LinkedIn``;
- the location as written ("Chicago, IL"): ``Address 1 - City``.

A cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a single quote in front, which
netweave's import takes off again; phone numbers stay as Google writes them
(:mod:`netweave.exporters.cells`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from netweave.domain import Person
from netweave.exporters.cells import neutralize, phone_cell
from netweave.exporters.vcard import linkedin_url

HEADER = (
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Address 1 - Label",
    "Address 1 - Formatted",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - PO Box",
    "Address 1 - Region",
    "Address 1 - Postal Code",
    "Address 1 - Country",
    "Address 1 - Extended Address",
    "Website 1 - Label",
    "Website 1 - Value",
    "Website 2 - Label",
    "Website 2 - Value",
)
MULTI_SEPARATOR = " ::: "
MY_CONTACTS = "* myContacts"


def _joined(values: Iterable[str]) -> str:
    return MULTI_SEPARATOR.join(values)


def _file_as(person: Person) -> str:
    """The name, unless Google would show the same from the first and last name anyway."""
    shown = " ".join(p for p in (person.given_name, person.family_name) if p)
    return "" if person.name == shown else person.name


def row(person: Person) -> dict[str, str]:
    """One person's cells by column name; columns left out are empty."""
    cells = {
        "First Name": person.given_name or "",
        "Last Name": person.family_name or "",
        "Nickname": person.nickname or "",
        "File As": _file_as(person),
        "Organization Name": person.company or "",
        "Organization Title": person.title or "",
        "Organization Department": person.department or "",
        "Birthday": person.birthday or "",
        "Notes": person.notes or "",
        "Labels": _joined([MY_CONTACTS, *person.tags]),
    }
    if person.emails:
        cells |= {"E-mail 1 - Label": "* Other", "E-mail 1 - Value": _joined(person.emails)}
    if person.phones:
        cells |= {"Phone 1 - Label": "* Other", "Phone 1 - Value": _joined(person.phones)}
    if person.location:
        cells |= {"Address 1 - Label": "Work", "Address 1 - City": person.location}
    websites = 0
    if person.linkedin:
        websites += 1
        cells |= {
            "Website 1 - Label": "LinkedIn",
            "Website 1 - Value": linkedin_url(person.linkedin),
        }
    if person.urls:
        websites += 1
        cells |= {
            f"Website {websites} - Label": "Other",
            f"Website {websites} - Value": _joined(person.urls),
        }
    return cells


def _safe(cells: dict[str, str]) -> dict[str, str]:
    """The row with every cell neutralized against spreadsheet formulas, phones as numbers."""
    return {
        column: phone_cell(value) if column == "Phone 1 - Value" else neutralize(value)
        for column, value in cells.items()
    }


def write(people: Iterable[Person]) -> bytes:
    """A Google Contacts CSV of ``people``: UTF-8 with a BOM, CRLF row ends."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, HEADER, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_safe(row(person)) for person in people)
    return out.getvalue().encode("utf-8-sig")


__all__ = ["HEADER", "MULTI_SEPARATOR", "MY_CONTACTS", "row", "write"]
