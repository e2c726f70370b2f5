"""The owner's card: what a business card holds, read back as the importer reads it."""

from __future__ import annotations

import pytest

from netweave.domain import Person, build
from netweave.exporters.vcard import business_card
from netweave.importers import parse_bytes
from netweave.importers.model import Format


def _me(**fields: object) -> Person:
    return build(Person, {"id": 1, "name": "Dr. Robin de Vale, PhD", **fields})


def test_the_card_holds_what_a_business_card_does_and_reads_back() -> None:
    me = _me(
        company="Vale; Sons, Ltd",
        department="Advisory",
        title="Partner",
        emails=["robin@vale.example", "r@home.example"],
        phones=["+49 30 555 0100"],
        urls=["https://vale.example"],
        linkedin="robin-vale",
        notes="private: wants a new job",
        tags=["vip"],
        birthday="1980-03-22",
        location="Berlin",
    )
    text = business_card(me)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    for kept in ("private", "vip", "BDAY", "ADR", "Berlin", "NOTE", "CATEGORIES", "UID"):
        assert kept not in text
    read = parse_bytes(text.encode(), "me.vcf", format=Format.VCARD).contacts[0]
    assert read.name == "Dr. Robin de Vale, PhD"
    assert (read.given_name, read.family_name) == ("Robin", "Vale")
    assert read.company == "Vale; Sons, Ltd"
    assert read.department == "Advisory"
    assert read.title == "Partner"
    assert read.emails == ("robin@vale.example", "r@home.example")
    assert read.phones == ("+49 30 555 0100",)
    assert read.urls == ("https://vale.example",)
    assert read.linkedin_slug == "robin-vale"


def test_version_four_and_no_other() -> None:
    text = business_card(_me(emails=["robin@vale.example"]), version="4.0")
    assert "VERSION:4.0\r\n" in text
    assert "EMAIL;PREF=1:robin@vale.example\r\n" in text
    with pytest.raises(ValueError, match=r"2\.1"):
        business_card(_me(), version="2.1")
