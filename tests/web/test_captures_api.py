"""What the phone's outbox sends: every endpoint it uses takes an idempotency key and
answers a capture sent again with what the first one made (201/200, not an error), and
writes nothing twice. On SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from netweave.services import events, followups, listing, workspaces
from netweave.storage import Store
from tests.web.conftest import NOW


def _store(client: TestClient) -> Store:
    store: Store = client.app.state.netweave.store  # type: ignore[attr-defined]
    return store


def _twice(client: TestClient, method: str, url: str, body: dict[str, Any]) -> dict[str, Any]:
    """Send the same capture twice (a lost answer): one status, one answer."""
    first = client.request(method, url, json=body)
    again = client.request(method, url, json=body)
    assert first.status_code in (200, 201), first.text
    assert again.status_code == first.status_code, again.text
    assert again.json() == first.json()
    answer: dict[str, Any] = first.json()
    return answer


def test_every_capture_sent_twice_is_written_once(any_client: TestClient) -> None:
    store = _store(any_client)
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    event = events.list_events(store, ws, since=NOW)[0]
    expected = [p for a, p in events.attendees(store, ws, event.id) if not a.met]
    someone = expected[0]
    people_before = listing.people_page(store, ws, limit=1).total

    added = _twice(
        any_client,
        "POST",
        f"/api/v1/events/{event.id}/quick-add",
        {"name": "Quinn Room", "anything": "quinn@room.example", "idempotency_key": "qa-1"},
    )
    assert added["person"]["emails"] == ["quinn@room.example"]
    assert added["person"]["how_met"] == f"Met at {event.name}"
    assert added["attendance"]["met"] is True
    person = _twice(
        any_client,
        "POST",
        "/api/v1/people",
        {"name": "Pat Plain", "company": "Plain Co", "idempotency_key": "person-1"},
    )
    assert listing.people_page(store, ws, limit=1).total == people_before + 2

    met = _twice(
        any_client,
        "PUT",
        f"/api/v1/events/{event.id}/attendance/{someone.id}",
        {"status": "attended", "met": True, "source": "captured", "idempotency_key": "met-1"},
    )
    assert met["met"] is True
    attendance = events.attendees(store, ws, event.id)
    assert sum(1 for a, p in attendance if p.id == someone.id) == 1
    assert sum(1 for a, p in attendance if p.id == added["person"]["id"]) == 1

    touches_before = listing.interactions_page(store, ws, person_id=someone.id, limit=1)[1]
    note = _twice(
        any_client,
        "POST",
        "/api/v1/interactions",
        {
            "kind": "event-conversation",
            "with_ids": [someone.id],
            "event_id": event.id,
            "notes": "Wants an intro to a printer",
            "close_follow_ups": False,
            "source": "captured",
            "idempotency_key": "note-1",
        },
    )
    assert note["notes"] == "Wants an intro to a printer"
    touches = listing.interactions_page(store, ws, person_id=someone.id, limit=1)[1]
    assert touches == touches_before + 1

    follow = _twice(
        any_client,
        "POST",
        "/api/v1/follow-ups",
        {
            "person_id": person["id"],
            "reason": "Follow up after the mixer",
            "event_id": event.id,
            "source": "captured",
            "idempotency_key": "follow-1",
        },
    )
    assert follow["due_on"] > NOW.date().isoformat()
    assert len(followups.list_follow_ups(store, ws, person_id=person["id"])) == 1


def test_a_quick_add_cut_off_before_its_attendance_ends_met_once(client: TestClient) -> None:
    """The person was added under the key, the attendance never: sent again, the person
    replays and the attendance is made, once."""
    store = _store(client)
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    event = events.list_events(store, ws, since=NOW)[0]
    first = client.post(
        "/api/v1/people", json={"name": "Cut Off", "idempotency_key": "cut-1"}
    ).json()
    again = client.post(
        f"/api/v1/events/{event.id}/quick-add",
        json={"name": "Cut Off", "idempotency_key": "cut-1"},
    )
    # The key names an add-person first, so the quick add's person is that one.
    assert again.status_code == 201, again.text
    assert again.json()["person"]["id"] == first["id"]
    met = [a for a, p in events.attendees(store, ws, event.id) if p.id == first["id"]]
    assert len(met) == 1
    assert met[0].met


def test_a_quick_add_names_the_free_field_at_fault(client: TestClient) -> None:
    store = _store(client)
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    event = events.list_events(store, ws, since=NOW)[0]
    before = listing.people_page(store, ws, limit=1).total
    refused = client.post(
        f"/api/v1/events/{event.id}/quick-add", json={"name": "Ann Lee", "anything": "ann@"}
    )
    assert refused.status_code == 422
    assert refused.json()["field"] == "anything"
    assert "not an email address" in refused.json()["detail"]
    nameless = client.post(f"/api/v1/events/{event.id}/quick-add", json={"name": " "})
    assert nameless.status_code == 422
    assert nameless.json()["field"] == "name"
    missing = client.post("/api/v1/events/999999/quick-add", json={"name": "Nobody Here"})
    assert missing.status_code == 404
    assert listing.people_page(store, ws, limit=1).total == before


def test_a_quick_add_reads_a_phone_in_the_workspaces_region(client: TestClient) -> None:
    changed = client.patch("/api/v1/settings", json={"default_region": "GB"})
    assert changed.status_code == 200, changed.text
    store = _store(client)
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    event = events.list_events(store, ws, since=NOW)[0]
    added = client.post(
        f"/api/v1/events/{event.id}/quick-add",
        json={"name": "Gwen Phone", "anything": "020 7946 0958"},
    )
    assert added.status_code == 201, added.text
    assert added.json()["person"]["phones"] == ["+442079460958"]


def test_a_key_used_for_another_capture_is_a_conflict(client: TestClient) -> None:
    store = _store(client)
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    event = events.list_events(store, ws, since=NOW)[0]
    someone = events.attendees(store, ws, event.id)[0][1]
    client.post("/api/v1/people", json={"name": "Key Holder", "idempotency_key": "same"})
    reused = client.put(
        f"/api/v1/events/{event.id}/attendance/{someone.id}",
        json={"met": True, "idempotency_key": "same"},
    )
    assert reused.status_code == 409
    assert "already used" in reused.json()["detail"]
