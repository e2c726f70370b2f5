"""A workspace nobody said they own (`netweave init` without --me), after an import.

Every page that does not need to know who "me" is answers; the pages and panels
about the owner's own network say so and offer the form that sets the owner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.errors import NoOwner
from netweave.services import workspaces
from netweave.services.imports import import_file
from netweave.storage import Store
from netweave.web import create_app
from tests import writes
from tests.local import LOCAL
from tests.web.conftest import NOW, form_token

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAY_WHO = 'action="/settings/owner"'


@pytest.fixture
def unowned(sqlite_store: Store) -> Workspace:
    """No owner; people from LinkedIn, events and attendees from a calendar, one group."""
    workspace = workspaces.init_workspace(sqlite_store)
    assert workspace.id is not None
    assert workspace.owner_id is None
    import_file(sqlite_store, workspace.id, FIXTURES / "linkedin" / "Connections.csv")
    import_file(sqlite_store, workspace.id, FIXTURES / "ics" / "netweave" / "networking-google.ics")
    writes.add_group(sqlite_store, workspace.id, {"name": "Harbor Chamber", "kind": "chamber"})
    return workspace


@pytest.fixture
def client(sqlite_store: Store, unowned: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_store, clock=lambda: NOW), base_url=LOCAL) as test_client:
        yield test_client


def _first(client: TestClient, api: str) -> int:
    items = client.get(api).json()["items"]
    assert items, f"{api} is empty"
    found: int = items[0].get("person", items[0])["id"]
    return found


def test_every_page_answers_without_an_owner(client: TestClient) -> None:
    person = _first(client, "/api/v1/people")
    group = _first(client, "/api/v1/groups")
    event = _first(client, "/api/v1/events")
    pages = [
        "/",
        "/people",
        "/people?sort=strength",
        "/people?layer=close&giving=giver&overdue=1",
        "/people/new",
        f"/people/{person}",
        f"/people/{person}/edit",
        "/people/duplicates",
        "/groups",
        f"/groups/{group}",
        "/events",
        f"/events/{event}",
        "/referrals",
        "/asks",
        "/follow-ups",
        "/settings",
        "/import",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        assert "no owner yet" not in response.text, path
    for path in (
        "/api/v1/people",
        f"/api/v1/people/{person}",
        f"/api/v1/people/{person}/scores",
        "/api/v1/groups",
        f"/api/v1/groups/{group}",
        "/api/v1/events",
        f"/api/v1/events/{event}",
        "/api/v1/overview",
        "/api/v1/settings",
    ):
        assert client.get(path).status_code == 200, path


def test_the_dashboard_asks_who_you_are_and_keeps_the_other_panels(client: TestClient) -> None:
    page = client.get("/").text
    assert "Who are you?" in page
    assert SAY_WHO in page
    assert "Coming up" in page
    assert "Follow-ups this week" in page
    assert "Fading ties worth a one-on-one" not in page


def test_a_debrief_needs_the_owner_and_offers_the_form(client: TestClient) -> None:
    event = _first(client, "/api/v1/events")  # the calendar's events are past: a debrief
    page = client.get(f"/events/{event}").text
    assert "netweave does not know who you are yet" in page
    assert SAY_WHO in page
    assert f'name="next" value="/events/{event}#debrief"' in page


def test_a_plan_needs_the_owner_and_says_how_to_set_it(client: TestClient) -> None:
    token = form_token(client, "/events")
    added = client.post(
        "/events",
        data={"csrf_token": token, "name": "Harbor mixer", "starts": "2026-11-20T18:00"},
    )
    event = re.search(r"/events/(\d+)", str(added.url))
    assert event is not None
    planned = client.post(
        f"/events/{event[1]}/plan", data={"csrf_token": token, "next": f"/events/{event[1]}"}
    )
    assert "no owner yet" in planned.text
    # The page says how in its own words: no command line on a web page.
    assert "say who you are on the settings page" in planned.text
    assert "netweave settings owner" not in planned.text


def test_a_page_that_needs_the_owner_answers_with_the_form(
    sqlite_store: Store, unowned: Workspace
) -> None:
    """The app's answer to any page that fails for want of an owner."""
    app = create_app(sqlite_store, clock=lambda: NOW)

    @app.get("/needs-me")
    def needs_me() -> None:
        raise NoOwner()

    with TestClient(app, base_url=LOCAL) as test_client:
        page = test_client.get("/needs-me")
    assert page.status_code == 409
    assert "Who are you?" in page.text
    assert SAY_WHO in page.text
    assert 'name="next" value="/needs-me"' in page.text
    assert "netweave settings owner" not in page.text


def test_the_settings_form_sets_the_owner_to_someone_already_there(
    client: TestClient, sqlite_store: Store, unowned: Workspace
) -> None:
    assert unowned.id is not None
    person = client.get("/api/v1/people").json()["items"][0]["person"]
    token = form_token(client, "/settings")
    response = client.post(
        "/settings/owner",
        data={"csrf_token": token, "who": person["name"], "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert workspaces.owner_id(sqlite_store, unowned.id) == person["id"]
    page = client.get("/").text
    assert "Who are you?" not in page
    assert "Fading ties worth a one-on-one" in page
    assert re.search(rf'You are <a href="/people/{person["id"]}">', client.get("/settings").text)


def test_the_settings_form_adds_a_new_owner(
    client: TestClient, sqlite_store: Store, unowned: Workspace
) -> None:
    assert unowned.id is not None
    token = form_token(client, "/settings")
    saved = client.post("/settings/owner", data={"csrf_token": token, "who": "Robin Vale"})
    assert "You are Robin Vale (added to your network)." in saved.text
    owner = workspaces.owner_id(sqlite_store, unowned.id)
    assert owner is not None
    assert client.get(f"/api/v1/people/{owner}").json()["name"] == "Robin Vale"
