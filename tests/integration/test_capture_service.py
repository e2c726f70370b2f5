"""Capturing a contact from a card: read, find the known person, add or update."""

from __future__ import annotations

import pytest

from netweave.domain import Workspace
from netweave.errors import InvalidInput
from netweave.services import capture, people
from netweave.storage import Store
from tests import writes

ANN_VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nORG:Acme Inc.\r\n"
    "TITLE:CFO\r\nEMAIL;TYPE=work:ann@acme.example\r\nTEL;TYPE=cell:+1 415 555 0100\r\n"
    "URL:https://acme.example/ann\r\nEND:VCARD\r\n"
)


def ws_of(workspace: Workspace) -> int:
    assert workspace.id is not None
    return workspace.id


def test_a_vcard_and_a_mecard_read_as_the_importers_read_them() -> None:
    card = capture.read_card(ANN_VCF.encode(), "ann.vcf")
    assert card.kind == "vcard"
    assert card.fields()["emails"] == ["ann@acme.example"]
    assert card.fields()["company"] == "Acme Inc."
    qr = capture.read_card("MECARD:N:Lee,Ann;EMAIL:ann@acme.example;;")
    assert (qr.kind, qr.draft.name) == ("mecard", "Ann Lee")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"hello there", "neither a vCard"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "a PNG image"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n", "cut off"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:hi\r\nEND:VCARD\r\n", "no name, email or phone"),
    ],
)
def test_a_card_that_is_none_says_why(data: bytes, says: str) -> None:
    with pytest.raises(InvalidInput, match=says) as refused:
        capture.read_card(data, "x.vcf")
    assert refused.value.field == "card"


def test_a_card_too_large_is_413() -> None:
    with pytest.raises(capture.TooLarge) as refused:
        capture.read_card(b"BEGIN:VCARD\r\n" + b"NOTE:" + b"x" * capture.MAX_CARD)
    assert refused.value.http_status == 413


def test_the_same_email_or_phone_is_the_known_person(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = writes.add_person(store, ws, {"name": "Ann Lee", "emails": ["ann@acme.example"]})
    bob = writes.add_person(store, ws, {"name": "Robert Ng", "phones": ["(415) 555-0177"]})
    writes.add_person(store, ws, {"name": "Cy Doe"})
    by_email = capture.find_known(store, ws, {"name": "A. Lee", "emails": ["ann@acme.example"]})
    assert by_email.person == ann
    assert "email" in by_email.how
    by_phone = capture.find_known(store, ws, {"name": "Bob Ng", "phones": ["+14155550177"]})
    assert by_phone.person == bob
    # A shared phone with another name is an office line, not this person.
    office = capture.find_known(store, ws, {"name": "Zed Q", "phones": ["+14155550177"]})
    assert office.person is None


def test_the_same_name_is_only_a_suggestion(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    cy = writes.add_person(store, ws, {"name": "Cy Doe", "company": "Globex"})
    found = capture.find_known(store, ws, {"name": "cy doe", "emails": ["cy@new.example"]})
    assert found.person is None
    assert found.suggested == (cy,)
    other_firm = capture.find_known(store, ws, {"name": "Cy Doe", "company": "Initech"})
    assert other_firm.suggested == ()


def test_confirming_a_known_person_adds_what_they_lack(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = writes.add_person(
        store, ws, {"name": "Ann Lee", "emails": ["ann@acme.example"], "title": "Treasurer"}
    )
    fields = capture.read_card(ANN_VCF.encode(), "ann.vcf").fields()
    known = capture.find_known(store, ws, fields)
    assert known.person == ann
    done = capture.save_capture(store, ws, fields, into=ann.id)
    assert not done.added
    stored = people.get_person(store, ws, ann.id)
    assert stored.emails == ["ann@acme.example"]
    assert stored.phones == ["+1 415 555 0100"]
    assert stored.company == "Acme Inc."
    assert stored.title == "Treasurer"  # kept, and reported
    assert [c.field for c in done.conflicts] == ["title"]
    assert "company" in done.filled
    assert len(people.list_people(store, ws)) == 2  # with the owner
    again = capture.save_capture(store, ws, fields, into=ann.id)
    assert again.filled == ()
    assert again.person == stored


def test_adding_as_new_makes_a_person_once_per_key(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    fields = capture.typed_over(
        capture.read_card(ANN_VCF.encode(), "ann.vcf").fields(),
        {"name": "Ann B. Lee", "company": None},
    )
    first = capture.save_capture(store, ws, fields, idempotency_key="cap-1")
    second = capture.save_capture(store, ws, fields, idempotency_key="cap-1")
    assert first.added
    assert first.person == second.person
    assert first.person.name == "Ann B. Lee"
    assert first.person.company is None
    assert first.person.given_name is None
    assert first.person.urls == ["https://acme.example/ann"]
    assert len(people.list_people(store, ws)) == 2  # with the owner
