"""Idempotency keys in the API: a DELETE carries its key in the ``Idempotency-Key`` header
(sent twice with the same key it answers 204 twice and removes once; without a key the
second is a 404); a PATCH carries it in its body, beside the fields to change."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from netweave.commands import AddMailSource, ReceiveCardPhoto
from netweave.domain import Workspace, build
from netweave.services import (
    asks,
    cards_waiting,
    events,
    followups,
    groups,
    interactions,
    mail_saved,
    referrals,
)
from netweave.storage import Store
from netweave.storage import tables as t
from tests import writes
from tests.unit.cards.photos import ANN, card_photo
from tests.web.conftest import NOW

DELETES: dict[str, Callable[[Store, int], str]] = {
    "remove-event": lambda s, ws: f"/api/v1/events/{events.list_events(s, ws)[0].id}",
    "remove-group": lambda s, ws: f"/api/v1/groups/{groups.list_groups(s, ws)[0].id}",
    "remove-touch": lambda s, ws: (
        f"/api/v1/interactions/{interactions.list_interactions(s, ws)[0].id}"
    ),
    "remove-referral": lambda s, ws: f"/api/v1/referrals/{referrals.list_referrals(s, ws)[0].id}",
    "remove-ask": lambda s, ws: f"/api/v1/asks/{asks.list_asks(s, ws)[0].id}",
    "remove-follow-up": lambda s, ws: (
        f"/api/v1/follow-ups/{followups.list_follow_ups(s, ws)[0].id}"
    ),
    "remove-person": lambda s, ws: "/api/v1/people/7",
    "dismiss-card-photo": lambda s, ws: f"/api/v1/captures/card-photos/{_waiting_card(s, ws)}",
    "remove-mail-source": lambda s, ws: f"/api/v1/mail/sources/{_saved_mailbox(s, ws)}",
}


def _waiting_card(store: Store, ws: int) -> int:
    photo = card_photo(ANN, qr="vcard", frame=(800, 600))
    return cards_waiting.receive(store, ws, build(ReceiveCardPhoto, {"content": photo})).card_id


def _saved_mailbox(store: Store, ws: int) -> int:
    box = Path(tempfile.mkdtemp()) / "empty.mbox"
    box.write_bytes(b"")
    command = AddMailSource(kind="mbox", path=str(box), name="takeout")
    return mail_saved.add_source(store, ws, command, now=NOW).id


def _logged(store: Store, command: str) -> int:
    with store.engine.connect() as conn:
        return len(
            conn.execute(select(t.command_log.c.id).where(t.command_log.c.command == command)).all()
        )


@pytest.mark.parametrize("command", list(DELETES))
def test_a_delete_sent_twice_with_its_key_answers_the_same(
    client: TestClient, web_store: Store, sample: Workspace, command: str
) -> None:
    path = DELETES[command](web_store, sample.id)
    key = {"Idempotency-Key": f"del-{command}"}
    assert client.delete(path, headers=key).status_code == 204
    assert client.delete(path, headers=key).status_code == 204
    assert _logged(web_store, command) == 1
    gone = client.delete(path, headers={"Idempotency-Key": "another"})
    assert gone.status_code == 404
    assert client.delete(path).status_code == 404


def test_attendance_taken_off_twice_with_its_key_answers_the_same(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    event = writes.add_event(
        web_store, sample.id, {"name": "Lunch", "starts_at": NOW + timedelta(days=1)}
    )
    writes.mark_attendance(web_store, sample.id, {"event_id": event.id, "person_id": 7})
    path = f"/api/v1/events/{event.id}/attendance/7"
    key = {"Idempotency-Key": "off-7"}
    assert client.delete(path, headers=key).status_code == 204
    assert client.delete(path, headers=key).status_code == 204
    assert client.delete(path).status_code == 404


def test_a_key_used_for_another_record_or_malformed_is_refused(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    first, second = asks.list_asks(web_store, sample.id)[:2]
    key = {"Idempotency-Key": "one-key"}
    assert client.delete(f"/api/v1/asks/{first.id}", headers=key).status_code == 204
    reused = client.delete(f"/api/v1/asks/{second.id}", headers=key)
    assert reused.status_code == 409
    assert reused.json()["code"] == "key-reused"
    assert asks.get_ask(web_store, sample.id, second.id) == second
    bad = client.delete(f"/api/v1/asks/{second.id}", headers={"Idempotency-Key": "two words"})
    assert bad.status_code == 422
    body: dict[str, Any] = bad.json()
    assert body["field"] == "idempotency_key"
    assert "printable ASCII" in body["detail"]
    assert asks.get_ask(web_store, sample.id, second.id) == second


def test_every_delete_documents_its_key(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    deletes = [(path, ops["delete"]) for path, ops in spec["paths"].items() if "delete" in ops]
    assert len(deletes) >= 8
    for path, operation in deletes:
        headers = [p for p in operation.get("parameters", []) if p["in"] == "header"]
        assert [h["name"] for h in headers] == ["Idempotency-Key"], path
        assert "204 again" in headers[0]["description"]


@pytest.mark.parametrize("noun", ["events", "groups"])
def test_an_event_or_group_patch_carries_its_key_in_the_body_like_the_others(
    client: TestClient, web_store: Store, sample: Workspace, noun: str
) -> None:
    record = (
        events.list_events(web_store, sample.id)[0]
        if noun == "events"
        else groups.list_groups(web_store, sample.id)[0]
    )
    path = f"/api/v1/{noun}/{record.id}"
    first = {"notes": "first", "idempotency_key": f"patch-{noun}"}
    assert client.patch(path, json=first).json()["notes"] == "first"
    assert client.patch(path, json={"notes": "later"}).is_success
    again = client.patch(path, json=first)  # sent again: changes nothing
    assert again.status_code == 200
    assert again.json()["notes"] == "later"
    assert client.get(path).json()["notes"] == "later"
