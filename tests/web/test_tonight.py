"""The dashboard offers the event screen of an event about to start or going on."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from netweave.services import events, workspaces
from netweave.storage import Store
from tests.web.conftest import NOW


def _screens(client: TestClient) -> list[str]:
    page = client.get("/").text
    return [line for line in page.splitlines() if 'class="tonight"' in line]


def test_an_event_within_twelve_hours_or_going_on_is_offered(
    client: TestClient, web_store: Store
) -> None:
    ws = workspaces.open_workspace(web_store).id
    shown = {e.id for e in events.happening(web_store, ws, NOW)}
    for found in events.happening(web_store, ws, NOW):
        assert found.starts_at <= NOW + timedelta(hours=12)
        assert (found.ends_at or found.starts_at + timedelta(hours=4)) > NOW
    made = []
    for hours, name in ((3, "Soon"), (11.5, "Tonight late"), (13, "Tomorrow"), (-2, "On now")):
        answer = client.post(
            "/api/v1/events",
            json={"name": name, "starts_at": (NOW + timedelta(hours=hours)).isoformat()},
        )
        assert answer.status_code == 201, answer.text
        made.append(answer.json()["id"])
    ended = client.post(
        "/api/v1/events",
        json={
            "name": "Lunch, over",
            "starts_at": (NOW - timedelta(hours=3)).isoformat(),
            "ends_at": (NOW - timedelta(hours=1)).isoformat(),
        },
    )
    assert ended.status_code == 201
    now_shown = {e.id for e in events.happening(web_store, ws, NOW)} - shown
    assert now_shown == {made[0], made[1], made[3]}
    lines = "\n".join(_screens(client))
    for event_id in (made[0], made[1], made[3]):
        assert f'href="/events/{event_id}/room"' in lines
    assert f'href="/events/{made[2]}/room"' not in lines
    assert f"/events/{ended.json()['id']}/room" not in lines
