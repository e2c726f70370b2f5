"""The plan, debrief and calendar feed endpoints: statuses, bodies, problems, the description."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from netweave.domain import Workspace
from netweave.planning.calendar import PRODID
from netweave.services import events, followups, people, plans, workspaces
from netweave.storage import Store
from netweave.web import create_app
from netweave.web.security import FEED_PATH, feed_token
from tests import writes
from tests.local import LOCAL
from tests.web.conftest import NOW, OpenAPI, QueryCounter

PROBLEM = "application/problem+json"


def _upcoming(store: Store, ws: int, number: int = 1) -> int:
    return events.list_events(store, ws, since=NOW)[number].id or 0


def _past(store: Store, ws: int, back: int = 1) -> int:
    return events.list_events(store, ws, until=NOW)[-back].id or 0


def test_a_plan_is_made_saved_and_shown_again(
    client: TestClient, web_store: Store, sample: Workspace, openapi: OpenAPI
) -> None:
    assert sample.id is not None
    event_id = _upcoming(web_store, sample.id)
    none_yet = client.get(f"/api/v1/events/{event_id}/plan")
    assert none_yet.status_code == 404
    assert none_yet.headers["content-type"] == PROBLEM
    assert none_yet.json()["detail"] == f"event #{event_id} has no plan yet"
    assert "POST" in none_yet.json()["hint"]
    openapi.check("/api/v1/events/{event_id}/plan", "get", 404, none_yet.json())

    made = client.post(f"/api/v1/events/{event_id}/plan", json={})
    assert made.status_code == 201, made.text
    assert made.headers["location"] == f"/api/v1/events/{event_id}/plan"
    openapi.check("/api/v1/events/{event_id}/plan", "post", 201, made.json())
    body = made.json()
    assert body["event_id"] == event_id
    assert 1 <= len(body["targets"]) <= 4
    assert {t["kind"] for t in body["targets"]} <= {"reconnect", "deepen", "learn", "discover"}
    assert all(t["reason"] and t["name"] for t in body["targets"])
    saved = plans.saved_plan(web_store, sample.id, event_id)
    assert saved is not None
    assert [t.person_id for t in saved.targets] == [t["person_id"] for t in body["targets"]]

    shown = client.get(f"/api/v1/events/{event_id}/plan")
    assert shown.status_code == 200
    openapi.check("/api/v1/events/{event_id}/plan", "get", 200, shown.json())
    assert shown.json()["targets"] == body["targets"]
    assert shown.json()["purpose"] == body["purpose"]


def test_a_bodiless_post_plans_with_the_defaults(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    event_id = _upcoming(web_store, sample.id, 2)
    made = client.post(
        f"/api/v1/events/{event_id}/plan", headers={"Content-Type": "application/json"}
    )
    assert made.status_code == 201, made.text
    assert plans.saved_plan(web_store, sample.id, event_id) is not None


def test_the_plan_takes_the_clis_limits_purpose_and_expected_people(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    event_id = _upcoming(web_store, sample.id)
    newcomer = writes.add_person(
        web_store, sample.id, {"name": "Nell Newcomer", "category": "architecture"}
    )
    made = client.post(
        f"/api/v1/events/{event_id}/plan",
        json={"total": 1, "purpose": "Meet one architect.", "expect": [newcomer.id]},
    )
    assert made.status_code == 201, made.text
    assert len(made.json()["targets"]) == 1
    assert made.json()["purpose"] == "Meet one architect."
    expected = {a.person_id for a, _ in events.attendees(web_store, sample.id, event_id)}
    assert newcomer.id in expected


@pytest.mark.parametrize(
    ("body", "status", "words", "field"),
    [
        ({"total": 0}, 422, "total: must be at least 1", "total"),
        ({"per_kind": "two"}, 422, "per_kind: must be a whole number", "per_kind"),
        ({"limit": 3}, 422, "limit: is not a field this takes", "limit"),
        ({"expect": ["Nobody Called This"]}, 404, "nobody called 'Nobody Called This'", None),
        ({"expect": [999_999]}, 404, "there is no person #999999", None),
    ],
)
def test_a_bad_plan_request_is_a_problem_and_plans_nothing(
    client: TestClient,
    web_store: Store,
    sample: Workspace,
    openapi: OpenAPI,
    body: dict[str, object],
    status: int,
    words: str,
    field: str | None,
) -> None:
    assert sample.id is not None
    event_id = _upcoming(web_store, sample.id)
    refused = client.post(f"/api/v1/events/{event_id}/plan", json=body)
    assert refused.status_code == status
    assert refused.headers["content-type"] == PROBLEM
    assert words in refused.json()["detail"]
    assert refused.json().get("field") == field
    openapi.check("/api/v1/events/{event_id}/plan", "post", status, refused.json())
    assert plans.saved_plan(web_store, sample.id, event_id) is None


def test_an_unknown_event_has_no_plan_and_no_debrief(client: TestClient) -> None:
    for response in (
        client.get("/api/v1/events/999999/plan"),
        client.post("/api/v1/events/999999/plan", json={}),
        client.post("/api/v1/events/999999/debrief", json={}),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == "there is no event #999999"


def test_a_debrief_adds_people_marks_targets_and_sets_follow_ups(
    any_client: TestClient, store: Store
) -> None:
    client = any_client
    sample = workspaces.open_workspace(store)
    assert sample.id is not None
    ws = sample.id
    openapi = OpenAPI(client.get("/api/v1/openapi.json").json())
    event_id = _past(store, ws, 2)
    plan = client.post(f"/api/v1/events/{event_id}/plan", json={}).json()
    target = plan["targets"][0]
    debriefed = client.post(
        f"/api/v1/events/{event_id}/debrief",
        json={
            "met": [target["person_id"]],
            "new": ["Quinn Api <quinn@api.example.com>"],
            "follow_up": [target["person_id"]],
            "follow_up_new": True,
            "notes": "good room",
        },
    )
    assert debriefed.status_code == 200, debriefed.text
    openapi.check("/api/v1/events/{event_id}/debrief", "post", 200, debriefed.json())
    body = debriefed.json()
    assert body["added"] == ["Quinn Api"]
    assert body["reached"] == [target["name"]]
    due = (NOW.date() + timedelta(days=7)).isoformat()
    given = {f["name"]: f["due_on"] for f in body["follow_ups"]}
    assert list(given) == [target["name"], "Quinn Api"]
    assert given["Quinn Api"] == due
    # The target's is the one this event gave them already (the sample has some), or a new one.
    theirs = followups.list_follow_ups(store, ws, person_id=target["person_id"])
    assert given[target["name"]] in {f.due_on.isoformat() for f in theirs if f.event_id == event_id}
    quinn = people.find_person(store, ws, "quinn@api.example.com")
    mine = followups.list_follow_ups(store, ws, person_id=quinn.id)
    assert [(f.event_id, f.due_on) for f in mine] == [(event_id, date.fromisoformat(due))]
    saved = plans.saved_plan(store, ws, event_id)
    assert saved is not None
    assert saved.debrief_notes == "good room"
    assert saved.targets[0].reached
    # Debriefed: the plan stays as it was.
    again = client.post(f"/api/v1/events/{event_id}/plan", json={})
    assert again.status_code == 409
    assert "debriefed already" in again.json()["detail"]
    openapi.check("/api/v1/events/{event_id}/plan", "post", 409, again.json())


@pytest.mark.parametrize(
    ("body", "status", "words", "field"),
    [
        ({"met": ["Nobody Called This"]}, 404, "nobody called 'Nobody Called This'", None),
        ({"new": ["<just@mail.example>"]}, 422, "is not a contact", "new"),
        ({"met": ["me"]}, 422, "you cannot meet yourself", "met"),
        (
            {"new": ["Never Added <never@api.example.com>"], "due": "2026-12-24"},
            422,
            "due within 7 days, by 2026-11-09 at the latest",
            "due",
        ),
        ({"due": "soon"}, 422, "due: must be a date such as 2026-11-02", "due"),
    ],
)
def test_a_bad_debrief_is_a_problem_and_writes_nothing(
    client: TestClient,
    web_store: Store,
    sample: Workspace,
    openapi: OpenAPI,
    body: dict[str, object],
    status: int,
    words: str,
    field: str | None,
) -> None:
    assert sample.id is not None
    event_id = _past(web_store, sample.id)
    before = followups.list_follow_ups(web_store, sample.id)
    refused = client.post(
        f"/api/v1/events/{event_id}/debrief", json={"follow_up_new": True, **body}
    )
    assert refused.status_code == status, refused.text
    assert refused.headers["content-type"] == PROBLEM
    assert words in refused.json()["detail"]
    assert refused.json().get("field") == field
    openapi.check("/api/v1/events/{event_id}/debrief", "post", status, refused.json())
    assert followups.list_follow_ups(web_store, sample.id) == before
    assert not people.list_people(web_store, sample.id, search="Never Added")
    assert plans.saved_plan(web_store, sample.id, event_id) is None


def test_an_event_to_come_cannot_be_debriefed(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    event_id = _upcoming(web_store, sample.id)
    refused = client.post(f"/api/v1/events/{event_id}/debrief", json={"met": []})
    assert refused.status_code == 422
    assert refused.json()["field"] == "event"
    assert "has not started yet: debrief it afterwards" in refused.json()["detail"]


def _feed(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_the_feed_is_icalendar_with_what_rfc_5545_requires(
    client: TestClient, web_store: Store, sample: Workspace, openapi: OpenAPI
) -> None:
    assert sample.id is not None
    event_id = _upcoming(web_store, sample.id)
    client.post(f"/api/v1/events/{event_id}/plan", json={})
    response = client.get(FEED_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "text/calendar" in openapi.spec["paths"][FEED_PATH]["get"]["responses"]["200"]["content"]
    calendar = _feed(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    entries = list(calendar.walk("VEVENT"))
    for entry in entries:
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert required in entry, f"{required} missing in {entry.get('SUMMARY')}"
        assert entry.decoded("DTSTAMP") == NOW
    uids = [str(e["UID"]) for e in entries]
    assert len(set(uids)) == len(uids)
    planned = next(
        e for e in entries if str(e["UID"]) == f"event-{event_id}.ws{sample.id}@netweave"
    )
    saved = plans.saved_plan(web_store, sample.id, event_id)
    assert saved is not None
    assert planned.decoded("DTSTART") == saved.starts_at
    assert saved.purpose in str(planned["DESCRIPTION"])
    open_ones = followups.list_follow_ups(web_store, sample.id, open_only=True)
    assert open_ones
    assert sum(u.startswith("follow-up-") for u in uids) == len(open_ones)
    all_day = next(e for e in entries if str(e["UID"]).startswith("follow-up-"))
    assert isinstance(all_day.decoded("DTSTART"), date)
    assert not isinstance(all_day.decoded("DTSTART"), datetime)


SECRET = "correct horse battery"


def test_with_a_secret_the_feed_opens_with_its_key_and_nothing_else_does(
    web_store: Store,
) -> None:
    with TestClient(
        create_app(web_store, secret=SECRET, clock=lambda: NOW), base_url=LOCAL
    ) as client:
        assert client.get(FEED_PATH).status_code == 401
        assert client.get(FEED_PATH, params={"token": "0" * 32}).status_code == 401
        assert client.get(FEED_PATH, params={"token": SECRET}).status_code == 401
        key = feed_token(SECRET)
        assert SECRET not in key
        opened = client.get(FEED_PATH, params={"token": key})
        assert opened.status_code == 200
        assert _feed(opened.content)["PRODID"]
        # The key opens the feed only: not the API, not the pages.
        assert client.get("/api/v1/people", params={"token": key}).status_code == 401
        assert client.post(FEED_PATH, params={"token": key}, json={}).status_code == 401
        page = client.get("/settings", params={"token": key}, follow_redirects=False)
        assert page.status_code == 303
        with_bearer = client.get(FEED_PATH, headers={"Authorization": f"Bearer {SECRET}"})
        assert with_bearer.status_code == 200
    assert feed_token("another secret here") != key


def test_reading_plans_and_the_feed_costs_a_fixed_number_of_queries(
    client: TestClient, web_store: Store, sample: Workspace, queries: QueryCounter
) -> None:
    assert sample.id is not None
    event_id = _upcoming(web_store, sample.id)
    client.post(f"/api/v1/events/{event_id}/plan", json={})
    with queries:
        assert client.get(f"/api/v1/events/{event_id}/plan").status_code == 200
    assert queries.count == 5  # the event, the plan and its targets, the names, the zone
    with queries:
        assert client.get(FEED_PATH).status_code == 200
    assert queries.count == 6  # workspace, events, plans (2), open follow-ups, names
