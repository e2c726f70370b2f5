"""The field recognisers on lines of text, as tesseract gives them."""

from __future__ import annotations

import pytest

from netweave.cards.contacts import find_emails, find_phones, find_website
from netweave.cards.fields import (
    is_company,
    is_title,
    name_like,
    recognise,
    trim,
)
from netweave.cards.ocr import TextLine
from netweave.cards.qr import contact_of, parse_mecard


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("ann.richter@northstar.com", ["ann.richter@northstar.com"]),
        ("E: Ann.Richter @ Northstar.com", ["ann.richter@northstar.com"]),
        ("omar@lakeside.10", ["omar@lakeside.io"]),
        ("ann.richter@northstar com", ["ann.richter@northstar.com"]),
        ("Julia. bauer @riverbend.com", ["julia.bauer@riverbend.com"]),
        ("Isaac nwosu@riverbend.com", ["isaac_nwosu@riverbend.com"]),  # the _ not seen
        ("Email ann@x.com", ["ann@x.com"]),
        ("mail me: not-an-address@", []),
        ("www.northstar.com", []),
    ],
)
def test_emails(line: str, found: list[str]) -> None:
    assert find_emails(line) == found


@pytest.mark.parametrize(
    ("line", "region", "found"),
    [
        ("Tel: (612) 555-0142", "US", ["+16125550142"]),
        ("M +1 312 555 0199", "US", ["+13125550199"]),
        ("612.555.O142", "US", ["+16125550142"]),  # O read for 0
        ("Fax: 612-555-0100", "US", []),
        ("+44 20 7946 0958", "US", ["+442079460958"]),
        ("020 7946 0958", "GB", ["+442079460958"]),
        ("4158 1st Ave N, Suite 160", "US", []),
    ],
)
def test_phones(line: str, region: str, found: list[str]) -> None:
    assert find_phones(line, region) == found


def test_websites() -> None:
    assert find_website("www.northstar.com") == "www.northstar.com"
    assert find_website("wwwnorthstar.com") == "www.northstar.com"
    assert find_website("https://lakeside.io/team") == "lakeside.io/team"
    assert find_website("ann@northstar.com") is None


def test_titles_companies_and_names() -> None:
    assert is_title("Senior Software Engineer")
    assert is_title("Founder & CEO")
    assert not is_title("Northstar Marketing")
    assert is_company("Northstar Builders LLC")
    assert is_company("Lakeside Robotics Inc.")
    assert is_company("Müller GmbH")
    assert not is_company("Leah Meyer as")
    assert name_like("Ann Richter")
    assert name_like("Dr. Ann B. Richter")
    assert not name_like("Ann")
    assert not name_like("612 555 0142")
    assert not name_like("ann@x.com")
    assert trim("| Mei Andersen") == "Mei Andersen"
    assert trim("\\brahim Shah") == "Ibrahim Shah"


def _lines(*texts: tuple[str, int]) -> list[TextLine]:
    return [TextLine(text, height, 100 * n, 50) for n, (text, height) in enumerate(texts)]


def test_the_fields_of_a_card() -> None:
    fields = recognise(
        _lines(
            ("Cedar Analytics", 60),
            ("Ann Richter", 70),
            ("Head of Partnerships", 40),
            ("Your partner in growth", 40),
            ("T (612) 555-0142", 30),
            ("ann.richter@cedaranalytics.com", 30),
            ("401 Main Street, Suite 200", 30),
        ),
        "US",
    )
    assert fields.name == "Ann Richter"
    assert fields.company == "Cedar Analytics"  # spelled by the email's domain
    assert fields.title == "Head of Partnerships"
    assert fields.emails == ("ann.richter@cedaranalytics.com",)
    assert fields.phones == ("+16125550142",)


def test_the_name_spelled_by_the_email_wins_over_a_bigger_line() -> None:
    fields = recognise(
        _lines(("Granite Works", 90), ("Kofi Mensah", 50), ("kmensah@gmail.com", 30)), "US"
    )
    assert fields.name == "Kofi Mensah"
    assert fields.company == "Granite Works"


def test_mecard_and_vcard_texts() -> None:
    card = parse_mecard(r"MECARD:N:Doe,Jane;ORG:Acme\, Inc.;TEL:+16125550101;EMAIL:j@acme.com;;")
    assert (card.name, card.company, card.phones) == ("Jane Doe", "Acme, Inc.", ("+16125550101",))
    vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nTITLE:CEO\r\nEND:VCARD\r\n"
    found = contact_of(vcard)
    assert found is not None
    assert (found.name, found.title) == ("Jane Doe", "CEO")
    assert contact_of("https://example.com") is None
