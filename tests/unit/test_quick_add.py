"""The quick add's one free field, read into the person's field it is (domain/quick_add.py),
and the command the event screen and the API build from it (commands/captures.py)."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.commands import Source
from netweave.commands.captures import quick_add
from netweave.domain.quick_add import read_anything
from netweave.errors import InvalidInput


@pytest.mark.parametrize(
    ("typed", "region", "fields"),
    [
        ("ann@acme.com", "US", {"emails": ["ann@acme.com"]}),
        ("  Ann.Lee@ACME.com ", "US", {"emails": ["ann.lee@acme.com"]}),
        ("mailto:ann@acme.com", "US", {"emails": ["ann@acme.com"]}),
        ("(415) 555-0100", "US", {"phones": ["+14155550100"]}),
        ("+44 20 7946 0958", "US", {"phones": ["+442079460958"]}),
        ("020 7946 0958", "GB", {"phones": ["+442079460958"]}),
        ("06 12 34 56 78", "FR", {"phones": ["+33612345678"]}),
        ("tel:+1 312 555 0101", "US", {"phones": ["+13125550101"]}),
        ("415 555 0100 ext 12", "US", {"phones": ["415 555 0100 ext 12"]}),
        ("Acme Corp", "US", {"company": "Acme Corp"}),
        ("3M", "US", {"company": "3M"}),
        ("7-Eleven", "US", {"company": "7-Eleven"}),
        ("Needham & Co", "US", {"company": "Needham & Co"}),
        ("looking for a bookkeeper", "US", {"looking_for": "a bookkeeper"}),
        ("Looking for: investors", "US", {"looking_for": "investors"}),
        ("she's looking for a new office", "US", {"looking_for": "a new office"}),
        ("needs a web designer", "US", {"looking_for": "a web designer"}),
        ("www.linkedin.com/in/ann-lee", "US", {"linkedin": "https://www.linkedin.com/in/ann-lee"}),
        ("https://acme.example/team", "US", {"urls": ["https://acme.example/team"]}),
        ("", "US", {}),
        ("   ", "US", {}),
    ],
)
def test_the_free_field_fills_the_field_it_is(
    typed: str, region: str, fields: dict[str, object]
) -> None:
    assert read_anything(typed, region) == fields


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("ann@", "not an email address"),
        ("ann@acme", "not an email address"),
        ("123 456 789 012 345 678", "not a phone number (read in US)"),
        ("looking for", "say what they are looking for"),
    ],
)
def test_a_free_field_meant_as_an_email_or_phone_must_be_one(typed: str, says: str) -> None:
    with pytest.raises(ValueError, match=says.replace("(", r"\(").replace(")", r"\)")):
        read_anything(typed)


def test_the_quick_add_command_names_the_free_field_at_fault() -> None:
    with pytest.raises(InvalidInput) as refused:
        quick_add("Ann Lee", "ann@", region="US")
    assert refused.value.field == "anything"
    with pytest.raises(InvalidInput) as unnamed:
        quick_add("", "ann@acme.com", region="US")
    assert unnamed.value.field == "name"


def test_the_quick_add_command_is_a_captured_person_met_at_the_event() -> None:
    command = quick_add(
        "Ann Lee",
        "020 7946 0958",
        region="GB",
        met_at="Spring mixer",
        met_on=date(2026, 11, 2),
        idempotency_key="k-1",
    )
    assert command.source == Source.CAPTURED
    assert command.idempotency_key == "k-1"
    person = command.person
    assert (person.name, person.phones, person.how_met, person.met_on) == (
        "Ann Lee",
        ["+442079460958"],
        "Met at Spring mixer",
        date(2026, 11, 2),
    )
