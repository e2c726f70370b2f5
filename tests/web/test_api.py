"""The JSON API: status codes, problem+json errors, pagination, and the OpenAPI description."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import interactions, people, referrals, workspaces
from netweave.storage import Store
from tests.web.conftest import SAMPLE_SIZE, OpenAPI

PROBLEM = "application/problem+json"


def test_people_are_paged_and_searched_on_the_server(client: TestClient, openapi: OpenAPI) -> None:
    first = client.get("/api/v1/people", params={"limit": 10})
    assert first.status_code == 200
    openapi.check("/api/v1/people", "get", 200, first.json())
    body = first.json()
    assert body["total"] == SAMPLE_SIZE
    assert len(body["items"]) == 10
    names = [item["person"]["name"] for item in body["items"]]
    assert names == sorted(names, key=str.lower)

    second = client.get("/api/v1/people", params={"limit": 10, "offset": 10}).json()
    assert {i["person"]["id"] for i in second["items"]}.isdisjoint(
        {i["person"]["id"] for i in body["items"]}
    )

    target = body["items"][3]["person"]
    found = client.get("/api/v1/people", params={"search": target["name"].upper()}).json()
    assert target["id"] in [i["person"]["id"] for i in found["items"]]
    assert found["total"] < SAMPLE_SIZE


def test_people_sorted_by_last_touch_put_the_latest_first(client: TestClient) -> None:
    items = client.get("/api/v1/people", params={"sort": "recent", "limit": 200}).json()["items"]
    touched = [i["last_touch"] for i in items if i["last_touch"]]
    assert touched == sorted(touched, reverse=True)
    assert all(i["last_touch"] is None for i in items[len(touched) :])


def test_adding_a_person_answers_201_and_stores_them(
    client: TestClient, web_store: Store, sample: Workspace, openapi: OpenAPI
) -> None:
    response = client.post(
        "/api/v1/people",
        json={"name": "Ada Quill", "emails": ["ADA@quill.example"], "category": "Tax Law"},
    )
    assert response.status_code == 201
    openapi.check("/api/v1/people", "post", 201, response.json())
    assert sample.id is not None
    stored = people.get_person(web_store, sample.id, response.json()["id"])
    assert stored.emails == ["ada@quill.example"]
    assert stored.category == "Tax Law"


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"emails": ["x@y.example"]}, 422, "name: is required"),
        ({"name": "A", "emails": ["not an email"]}, 422, "is not an email address"),
        ({"name": "A", "introduced_by_id": 999_999}, 404, "there is no person #999999"),
    ],
)
def test_bad_people_get_problems_a_person_understands(
    client: TestClient, openapi: OpenAPI, body: dict[str, object], status: int, words: str
) -> None:
    response = client.post("/api/v1/people", json=body)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert words in problem["detail"]
    openapi.check("/api/v1/people", "post", status, problem)


def test_a_taken_email_is_a_conflict(client: TestClient) -> None:
    taken = client.get("/api/v1/people", params={"limit": 1}).json()["items"][0]["person"]
    assert taken["emails"]
    response = client.post("/api/v1/people", json={"name": "Copy", "emails": taken["emails"][:1]})
    assert response.status_code == 409
    assert "already belongs to" in response.json()["detail"]


def test_missing_records_and_pages_are_404_problems(client: TestClient) -> None:
    for path in ("/api/v1/people/999999", "/api/v1/groups/999999", "/api/v1/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["detail"]


def test_query_parameters_are_validated(client: TestClient) -> None:
    response = client.get("/api/v1/people", params={"limit": 500})
    assert response.status_code == 422
    assert response.json()["field"] == "limit"
    assert "200" in response.json()["detail"]
    assert client.get("/api/v1/people", params={"sort": "age"}).status_code == 422


def test_an_interaction_logged_through_the_api_shows_on_the_person(
    any_client: TestClient, store: Store
) -> None:
    client = any_client
    sample = workspaces.open_workspace(store)
    openapi = OpenAPI(client.get("/api/v1/openapi.json").json())
    assert sample.id is not None
    assert sample.owner_id is not None
    person = client.get("/api/v1/people", params={"limit": 1, "offset": 5}).json()["items"][0]
    person_id = person["person"]["id"]
    response = client.post(
        "/api/v1/interactions",
        json={
            "kind": "one-on-one",
            "at": "2026-11-02T14:00:00Z",
            "with_ids": [person_id],
            "notes": "coffee at the corner",
        },
    )
    assert response.status_code == 201, response.text
    openapi.check("/api/v1/interactions", "post", 201, response.json())
    listed = client.get("/api/v1/interactions", params={"person": person_id, "limit": 1}).json()
    openapi.check("/api/v1/interactions", "get", 200, listed)
    assert listed["items"][0]["notes"] == "coffee at the corner"
    newest = interactions.list_interactions(store, sample.id, person_id=person_id, limit=1)
    assert newest[0].notes == "coffee at the corner"


def test_a_referral_moves_forward_and_never_back(any_client: TestClient, store: Store) -> None:
    client = any_client
    sample = workspaces.open_workspace(store)
    openapi = OpenAPI(client.get("/api/v1/openapi.json").json())
    assert sample.id is not None
    assert sample.owner_id is not None
    other = client.get("/api/v1/people", params={"limit": 1, "offset": 7}).json()["items"][0]
    given = client.post(
        "/api/v1/referrals",
        json={
            "giver_id": sample.owner_id,
            "receiver_id": other["person"]["id"],
            "prospect_name": "Zed Corp",
            "given_at": "2026-11-01T10:00:00Z",
        },
    )
    assert given.status_code == 201, given.text
    referral_id = given.json()["id"]
    won = client.post(
        f"/api/v1/referrals/{referral_id}/status", json={"status": "won", "value_cents": 120_000}
    )
    assert won.status_code == 200
    openapi.check("/api/v1/referrals/{referral_id}/status", "post", 200, won.json())
    back = client.post(f"/api/v1/referrals/{referral_id}/status", json={"status": "meeting"})
    assert back.status_code == 422
    assert "already won" in back.json()["detail"]
    stored = referrals.get_referral(store, sample.id, referral_id)
    assert stored.status.value == "won"
    assert stored.value_cents == 120_000


def test_a_lead_given_twice_in_a_category_needs_force(
    client: TestClient, openapi: OpenAPI, sample: Workspace
) -> None:
    ids = [
        client.post("/api/v1/people", json={"name": n, "category": "law"}).json()["id"]
        for n in ("Lars Lawyer", "Lea Lawyer")
    ]
    body = {
        "giver_id": sample.owner_id,
        "prospect_name": "Acme Mills",
        "category": "law",
        "given_at": "2026-11-01T10:00:00Z",
    }
    assert client.post("/api/v1/referrals", json={**body, "receiver_id": ids[0]}).status_code == 201
    second = {**body, "receiver_id": ids[1]}
    refused = client.post("/api/v1/referrals", json=second)
    assert refused.status_code == 409
    assert refused.headers["content-type"] == PROBLEM
    assert "Acme Mills was passed to Lars Lawyer on 2026-11-01" in refused.json()["detail"]
    forced = client.post("/api/v1/referrals", json={**second, "force": True})
    assert forced.status_code == 201, forced.text
    openapi.check("/api/v1/referrals", "post", 201, forced.json())
    assert "force" not in forced.json()
    operation = openapi.spec["paths"]["/api/v1/referrals"]["post"]
    assert "409" in operation["responses"]
    listed = client.get("/api/v1/referrals", params={"category": "law"}).json()
    assert listed["total"] == 2


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/groups",
        "/api/v1/events",
        "/api/v1/referrals",
        "/api/v1/asks",
        "/api/v1/follow-ups",
        "/api/v1/interactions",
        "/api/v1/settings",
        "/api/v1/target-market",
        "/api/v1/overview",
    ],
)
def test_every_read_answers_what_the_description_says(
    client: TestClient, openapi: OpenAPI, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    openapi.check(path, "get", 200, response.json())


def test_members_and_attendance_fit_the_description(client: TestClient, openapi: OpenAPI) -> None:
    group = client.get("/api/v1/groups").json()["items"][0]
    members = client.get(f"/api/v1/groups/{group['id']}/members")
    openapi.check("/api/v1/groups/{group_id}/members", "get", 200, members.json())
    assert members.json()["total"] > 0
    event = client.get("/api/v1/events").json()["items"][0]
    attendance = client.get(f"/api/v1/events/{event['id']}/attendance")
    openapi.check("/api/v1/events/{event_id}/attendance", "get", 200, attendance.json())


def test_settings_change_through_the_api(client: TestClient, openapi: OpenAPI) -> None:
    changed = client.patch("/api/v1/settings", json={"time_zone": "Europe/Berlin"})
    assert changed.status_code == 200
    openapi.check("/api/v1/settings", "patch", 200, changed.json())
    assert client.get("/api/v1/settings").json()["time_zone"] == "Europe/Berlin"
    wrong = client.patch("/api/v1/settings", json={"time_zone": "Mars/Base"})
    assert wrong.status_code == 422
    assert "not a time zone" in wrong.json()["detail"]


def test_writes_must_be_json_from_this_origin(client: TestClient) -> None:
    as_form = client.post("/api/v1/people", data={"name": "Form Person"})
    assert as_form.status_code == 415
    foreign = client.post(
        "/api/v1/people", json={"name": "X"}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403
    assert client.get("/api/v1/people", params={"search": "Form Person"}).json()["total"] == 0


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/referrals", {}),
        ("/api/v1/referrals", {"status": "won"}),
        ("/api/v1/asks", {}),
        ("/api/v1/follow-ups", {"open": "true"}),
        ("/api/v1/groups", {}),
        ("/api/v1/groups/1/members", {}),
    ],
)
def test_lists_page_on_the_server_with_their_total(
    any_client: TestClient, path: str, params: dict[str, str]
) -> None:
    whole = any_client.get(path, params={**params, "limit": 200}).json()
    assert whole["total"] == len(whole["items"]) > 2
    ids = [item.get("id") or item["membership"]["id"] for item in whole["items"]]
    paged = []
    for offset in range(0, whole["total"], 3):
        page = any_client.get(path, params={**params, "limit": 3, "offset": offset}).json()
        assert page["total"] == whole["total"]
        assert (page["limit"], page["offset"]) == (3, offset)
        paged += [item.get("id") or item["membership"]["id"] for item in page["items"]]
    assert paged == ids
    beyond = any_client.get(path, params={**params, "offset": whole["total"]}).json()
    assert beyond["items"] == []
    assert beyond["total"] == whole["total"]
