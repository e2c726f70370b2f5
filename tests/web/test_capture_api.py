"""POST /api/v1/captures: a QR capture sent from the phone (now, or later by the outbox)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import people
from netweave.storage import Store

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chidi Okafor\r\nORG:Lagos Build Co.\r\n"
    "EMAIL:chidi@lagosbuild.example\r\nTEL:+234 803 555 0199\r\n"
    "URL:https://lagosbuild.example\r\nEND:VCARD\r\n"
)


def test_a_capture_sent_twice_adds_one_person(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    before = len(people.list_people(web_store, sample.id))
    body = {"text": CARD, "name": "Chidi Okafor", "title": "Engineer", "idempotency_key": "q-1"}
    first = client.post("/api/v1/captures", json=body)
    again = client.post("/api/v1/captures", json=body)
    assert first.status_code == 200, first.text
    assert first.json()["added"] is True
    assert again.json()["person"]["id"] == first.json()["person"]["id"]
    person = first.json()["person"]
    assert person["urls"] == ["https://lagosbuild.example"]  # read again from the text
    assert person["title"] == "Engineer"  # as the user typed it
    assert len(people.list_people(web_store, sample.id)) == before + 1


def test_a_capture_of_a_known_person_updates_them(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    everyone = people.list_people(web_store, sample.id)
    known = next(p for p in everyone if p.emails)
    text = f"MECARD:N:Else,Someone;EMAIL:{known.emails[0]};TEL:+1 646 555 0100;;"
    saved = client.post("/api/v1/captures", json={"text": text, "idempotency_key": "q-2"})
    assert saved.status_code == 200, saved.text
    answer = saved.json()
    assert answer["added"] is False
    assert answer["person"]["id"] == known.id
    assert "phone:+1 646 555 0100" in answer["filled"]
    assert "name" in [c["field"] for c in answer["conflicts"]]  # kept, and said
    assert len(people.list_people(web_store, sample.id)) == len(everyone)


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"text": "hello"}, "card", "neither a vCard"),
        ({"text": "MECARD:NOTE:x;;"}, "card", "no name, email or phone"),
        ({"emails": ["a@b.example"]}, "name", "at least a name"),
        ({"name": "Ann", "emails": ["not an email"]}, "emails", ""),
        ({"name": "Ann", "into": 0}, "into", ""),
    ],
)
def test_a_capture_that_is_none_says_why(
    client: TestClient, body: dict[str, object], field: str, says: str
) -> None:
    refused = client.post("/api/v1/captures", json=body)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["field"] == field
    assert says in problem["detail"]
