"""LinkedIn Connections.csv in its three eras."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.errors import InvalidInput
from netweave.importers import Format, parse_bytes
from netweave.importers.linkedin import HOW_MET
from tests.unit.importers.conftest import parse_fixture


def test_no_preamble_era() -> None:
    parsed = parse_fixture("linkedin/Connections-2018-no-preamble.csv")
    assert parsed.format is Format.LINKEDIN
    assert parsed.records == 3
    assert parsed.problems == ()
    ann, bob, jose = parsed.contacts
    assert (ann.name, ann.given_name, ann.family_name) == ("Ann Lee", "Ann", "Lee")
    assert ann.emails == ("ann.lee@example.com",)
    assert (ann.company, ann.title) == ("Northwind Traders", "Head of Sales")
    assert ann.met_on == date(2018, 1, 12)
    assert ann.how_met == HOW_MET
    assert ann.source.locator == "line 2"
    assert bob.emails == ()  # empty emails are normal
    assert bob.company == "Stone & Sons, LLC"  # a quoted comma
    assert (jose.name, jose.company) == ("José Müller", "Café Nord")


def test_notes_preamble_era_finds_the_header_by_its_names() -> None:
    parsed = parse_fixture("linkedin/Connections-2021-notes-preamble.csv")
    carla, dmitri = parsed.contacts
    assert carla.source.line == 5  # Notes:, the quoted paragraph, a blank line, the header
    assert (carla.name, carla.company, carla.title) == ("Carla Diaz", "Diaz Legal", "Partner")
    assert carla.met_on == date(2021, 3, 5)
    assert (dmitri.company, dmitri.title) == (None, "Independent Consultant")
    assert dmitri.linkedin_slug is None


def test_current_era_with_profile_urls() -> None:
    parsed = parse_fixture("linkedin/Connections.csv")
    ann, priya, zoe, li = parsed.contacts
    assert ann.linkedin_url == "https://www.linkedin.com/in/ann-lee-4b2a1c9"
    assert ann.linkedin_slug == "ann-lee-4b2a1c9"
    assert ann.met_on == date(2024, 3, 5)
    assert priya.company == "Raman Consulting, Inc."
    assert (zoe.name, zoe.title) == ("Zoë Ångström", "Founder, CEO")
    assert zoe.linkedin_slug == "zoë-ångström"  # percent-encoded in the URL
    assert li.met_on is None
    assert [(p.source.locator, p.reason, p.skipped) for p in parsed.problems] == [
        ("line 7", "the connection has no name (a closed or hidden account?)", True),
        ("line 9", "Connected On: '31 Feb 2024' is not a real day; the date is left out", False),
    ]
    assert parsed.counts() == {
        "records": 5,
        "contacts": 4,
        "events": 0,
        "interactions": 0,
        "memberships": 0,
        "skipped": 1,
        "problems": 2,
    }


def test_columns_are_found_by_name_in_any_order() -> None:
    data = (
        b"Connected On,Position,Company,Email Address,Last Name,First Name\n"
        b"07 Jul 2022,CTO,Initech,PETER@INITECH.EXAMPLE,Gibbons,Peter\n"
    )
    (peter,) = parse_bytes(data, "reordered.csv").contacts
    assert (peter.name, peter.title, peter.company) == ("Peter Gibbons", "CTO", "Initech")
    assert peter.emails == ("peter@initech.example",)
    assert peter.met_on == date(2022, 7, 7)


def test_a_row_with_more_values_than_the_header_is_reported() -> None:
    data = (
        b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
        b"A,B,,Acme, Inc,CEO,01 Jan 2020\n"
    )
    parsed = parse_bytes(data, "broken.csv")
    assert parsed.contacts == ()
    (problem,) = parsed.problems
    assert problem.skipped
    assert "7 values but the header names 6 columns" in problem.reason


def test_a_google_file_given_as_linkedin_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"contacts\.csv has no LinkedIn connections header"):
        parse_fixture("google/contacts.csv", format=Format.LINKEDIN)
