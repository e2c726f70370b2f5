"""Google Contacts CSV export: Google's header and encoding; the people come back in."""

from __future__ import annotations

import csv
import io

import pytest

from netweave.domain import Person, build
from netweave.exporters import cells, google
from netweave.importers import Format, parse_bytes
from netweave.sample import sample_network
from tests.unit.exporters.awkward import awkward_people, differences
from tests.unit.importers.conftest import FIXTURES


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_header_is_googles_and_the_file_utf8_with_a_bom_and_crlf() -> None:
    data = google.write([build(Person, {"id": 1, "name": "Ann Lee"})])
    assert data.startswith(b"\xef\xbb\xbfFirst Name,Middle Name,Last Name,")
    assert data.endswith(b"\r\n")
    header = data.decode("utf-8-sig").split("\r\n")[0].split(",")
    assert header == list(google.HEADER)
    # The columns Google's own export has, in its order (our fixture follows a real export).
    real = (FIXTURES / "google" / "contacts.csv").read_text("utf-8-sig").splitlines()[0]
    ours = [c for c in header if c in real.split(",")]
    assert ours == [c for c in real.split(",") if c in header]
    assert set(header) - set(real.split(",")) == {"Website 2 - Label", "Website 2 - Value"}


def test_one_row_cell_by_cell() -> None:
    person = build(
        Person,
        {
            "id": 4,
            "name": "Dr. Ann Lee",
            "given_name": "Ann",
            "family_name": "Lee",
            "nickname": "Annie",
            "company": "Northwind, Inc.",
            "department": "Sales",
            "title": "Head of Sales",
            "emails": ["ann@northwind.example", "ann.lee@home.example"],
            "phones": ["+1 415 555 0100"],
            "urls": ["https://northwind.example", "https://ann.example/blog"],
            "linkedin": "ann-lee",
            "birthday": "1985-04-12",
            "location": "San Francisco, CA",
            "notes": 'Met at the mixer.\nSays "hi".',
            "tags": ["chamber", "vip"],
        },
    )
    [row] = rows(google.write([person]))
    filled = {column: value for column, value in row.items() if value}
    assert filled == {
        "First Name": "Ann",
        "Last Name": "Lee",
        "Nickname": "Annie",
        "File As": "Dr. Ann Lee",
        "Organization Name": "Northwind, Inc.",
        "Organization Title": "Head of Sales",
        "Organization Department": "Sales",
        "Birthday": "1985-04-12",
        "Notes": 'Met at the mixer.\nSays "hi".',
        "Labels": "* myContacts ::: chamber ::: vip",
        "E-mail 1 - Label": "* Other",
        "E-mail 1 - Value": "ann@northwind.example ::: ann.lee@home.example",
        "Phone 1 - Label": "* Other",
        "Phone 1 - Value": "+1 415 555 0100",
        "Address 1 - Label": "Work",
        "Address 1 - City": "San Francisco, CA",
        "Website 1 - Label": "LinkedIn",
        "Website 1 - Value": "https://www.linkedin.com/in/ann-lee",
        "Website 2 - Label": "Other",
        "Website 2 - Value": "https://northwind.example ::: https://ann.example/blog",
    }


def test_file_as_is_left_empty_when_first_and_last_name_say_it() -> None:
    person = build(Person, {"id": 1, "name": "Ann Lee", "given_name": "Ann", "family_name": "Lee"})
    [row] = rows(google.write([person]))
    assert row["File As"] == ""
    [alone] = rows(google.write([build(Person, {"id": 2, "name": "Acme Plumbing"})]))
    assert (alone["File As"], alone["First Name"], alone["Last Name"]) == ("Acme Plumbing", "", "")


def round_trip(people: list[Person]) -> list[str]:
    parsed = parse_bytes(google.write(people), "contacts.csv")
    assert parsed.format is Format.GOOGLE
    assert parsed.encoding == "utf-8-sig"
    assert parsed.problems == ()
    assert len(parsed.contacts) == len(people)
    return [d for p, c in zip(people, parsed.contacts, strict=True) for d in differences(p, c)]


def test_awkward_people_come_back_field_for_field() -> None:
    assert round_trip(awkward_people()) == []


def test_the_sample_network_comes_back_field_for_field() -> None:
    assert round_trip(list(sample_network(7, 300).people)) == []


FORMULAS = {
    "name": '=HYPERLINK("https://evil.example","click")',
    "company": "+cmd|' /C calc'!A0",
    "title": "-2+3",
    "department": "@SUM(A1:A9)",
    "nickname": "'=already quoted once",
    "notes": "'Tis a note that starts with a quote",
    "location": "Chicago, IL",
    "phones": ["+1 312 555 0100", "+44 (20) 7946-0958"],
    "emails": ["ann@example.com"],
}


def test_formula_cells_are_quoted_and_come_back_unquoted() -> None:
    # Issue 13 (OWASP CSV injection): these cells were written as a spreadsheet runs them.
    person = build(Person, {"id": 1, **FORMULAS})
    [row] = rows(google.write([person]))
    assert row["File As"] == "'" + FORMULAS["name"]
    assert row["Organization Name"] == "'+cmd|' /C calc'!A0"
    assert row["Organization Title"] == "'-2+3"
    assert row["Organization Department"] == "'@SUM(A1:A9)"
    assert row["Nickname"] == "''=already quoted once"  # one more quote, so reading is exact
    assert row["Notes"] == "'Tis a note that starts with a quote"  # not a formula: as it is
    # Phone numbers stay as Google writes and reads them: digits cannot call a function.
    assert row["Phone 1 - Value"] == "+1 312 555 0100 ::: +44 (20) 7946-0958"
    assert [c for c in row.values() if c.startswith(cells.TRIGGERS)] == [row["Phone 1 - Value"]]
    assert round_trip([person]) == []


def test_a_phone_cell_that_is_not_only_a_number_is_quoted() -> None:
    assert cells.phone_cell("+1 312 555 0100") == "+1 312 555 0100"
    assert cells.phone_cell("+1 312 555 0100 ext. 5") == "'+1 312 555 0100 ext. 5"
    assert cells.phone_cell("-1-1") == "'-1-1"
    assert cells.phone_cell("=1+1") == "'=1+1"


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-", "@x", "\tx", "\rx", "'=x", "''+x", "'", "''", "'Tis", "plain", "", "a=b"],
)
def test_reading_a_neutralized_cell_gives_back_the_value(value: str) -> None:
    written = cells.neutralize(value)
    assert not written.startswith(cells.TRIGGERS)
    assert cells.read_cell(written) == value
