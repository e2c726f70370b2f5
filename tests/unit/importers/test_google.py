"""Google Contacts CSV: the current export (UTF-8 with a BOM) and the legacy one (UTF-16)."""

from __future__ import annotations

from netweave.importers import Format, PartialDate, parse_bytes
from tests.unit.importers.conftest import parse_fixture


def test_current_export() -> None:
    parsed = parse_fixture("google/contacts.csv")
    assert (parsed.format, parsed.encoding) == (Format.GOOGLE, "utf-8-sig")
    ann, bob, acme, eve = parsed.contacts
    assert (ann.name, ann.given_name, ann.family_name, ann.nickname) == (
        "Ann Lee",
        "Ann",
        "Lee",
        "Annie",
    )
    # " ::: " joins several values in one cell; the "* Work" label marks the primary ones.
    assert ann.emails == ("ann.lee@example.com", "ann@lee.example", "ann.home@example.org")
    assert ann.phones == ("+1 415-555-0100", "(415) 555-0111", "(415) 555-0112")
    assert ann.label_of("ann.home@example.org") == "home"
    assert ann.label_of("+1 415-555-0100") == "mobile"
    assert (ann.company, ann.department, ann.title) == (
        "Northwind Traders",
        "Sales",
        "Head of Sales",
    )
    assert ann.birthday == PartialDate(4, 12, 1985)
    assert ann.notes == "Met at the chamber mixer.\nLikes sailing; ask about the regatta."
    assert ann.tags == ("chamber", "referral partners")  # without Google's "* myContacts"
    assert ann.location == "San Francisco, CA, US"
    assert ann.linkedin_slug == "ann-lee-4b2a1c9"
    assert ann.has_photo
    assert (bob.name, bob.emails, bob.birthday) == (
        "Bob",
        ("bob@stone.example",),
        PartialDate(7, 4),
    )
    assert bob.tags == ("starred",)
    assert (acme.name, acme.company, acme.phones) == (
        "Acme Plumbing",
        "Acme Plumbing",
        ("+1 212 555 0150",),
    )
    assert (eve.emails, eve.phones) == ((), ("+33 6 12 34 56 78",))
    assert eve.birthday == PartialDate(12, 31, 1990)
    assert [(p.source.locator, p.reason, p.skipped) for p in parsed.problems] == [
        ("line 8", "'eve(at)moreau.example' is not an email address; left out", False),
        ("line 9", "no name, email or phone number; nothing to import", True),
    ]


def test_multi_line_notes_keep_their_rows_apart() -> None:
    parsed = parse_fixture("google/contacts.csv")
    # Ann's notes span two lines, so Bob's row starts on line 6, not 5.
    assert [c.source.line for c in parsed.contacts] == [2, 6, 7, 8]


def test_legacy_export_in_utf16() -> None:
    parsed = parse_fixture("google/google-legacy.csv")
    assert (parsed.format, parsed.encoding) == (Format.GOOGLE, "utf-16")
    carla, soren = parsed.contacts
    assert (carla.name, carla.given_name, carla.family_name) == ("Carla Diaz", "Carla", "Diaz")
    assert (carla.company, carla.department, carla.title) == ("Diaz Legal", "Corporate", "Partner")
    assert carla.emails == ("carla@diaz.example",)
    assert carla.phones == ("+1 305 555 0177", "+1 305 555 0178")
    assert carla.tags == ("lawyers",)
    assert carla.birthday == PartialDate(11, 2, 1979)
    assert carla.location == "Miami, FL, United States"
    assert carla.notes == "Referred Ann to us.\nSpeaks Spanish and Portuguese."
    assert (soren.name, soren.nickname, soren.location) == ("Søren Kierkegaard", "SK", "København")
    assert soren.tags == ()
    assert parsed.problems == ()


def test_file_as_names_a_row_without_first_and_last_name() -> None:
    header = "First Name,Last Name,File As,Organization Name,E-mail 1 - Value,Labels\r\n"
    data = (header + ",,Acme Plumbing,Acme Plumbing,,\r\nWang,Xiaoming,王小明,,,\r\n").encode()
    acme, wang = parse_bytes(data, "contacts.csv").contacts
    assert (acme.name, acme.given_name, acme.company) == ("Acme Plumbing", None, "Acme Plumbing")
    assert (wang.name, wang.given_name, wang.family_name) == ("王小明", "Wang", "Xiaoming")
