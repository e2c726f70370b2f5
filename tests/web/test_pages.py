"""The HTML pages: every one answers, forms need their token, text is escaped, headers are set."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import asks, interactions, workspaces
from netweave.storage import Store
from netweave.web import create_app
from tests import writes
from tests.local import LOCAL
from tests.web.conftest import NOW, form_token

PAGES = [
    "/",
    "/people",
    "/people?q=an&sort=recent&page=2",
    "/people/new",
    "/groups",
    "/events",
    "/referrals",
    "/asks",
    "/follow-ups",
    "/settings",
    "/import",
    "/login",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_with_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in response.text  # no inline script anywhere


def test_record_pages_answer(client: TestClient, sample: Workspace) -> None:
    group = client.get("/api/v1/groups").json()["items"][0]["id"]
    event = client.get("/api/v1/events").json()["items"][0]["id"]
    for path in (
        f"/people/{sample.owner_id}",
        f"/people/{sample.owner_id}/edit",
        f"/groups/{group}",
        f"/events/{event}",
    ):
        assert client.get(path).status_code == 200, path


def test_unknown_records_get_a_page_that_says_so(client: TestClient) -> None:
    response = client.get("/people/999999")
    assert response.status_code == 404
    assert "there is no person #999999" in response.text
    assert client.get("/no/such/page").status_code == 404


def test_user_text_is_escaped(client: TestClient, web_store: Store, sample: Workspace) -> None:
    assert sample.id is not None
    evil = writes.add_person(
        web_store,
        sample.id,
        {"name": "<script>alert(1)</script>", "notes": '"><img src=x onerror=alert(2)>'},
    )
    page = client.get(f"/people/{evil.id}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    listed = client.get("/people", params={"q": "<script>"}).text
    assert "&lt;script&gt;" in listed
    assert "<script>alert" not in listed


def test_a_form_without_its_token_changes_nothing(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    before = len(interactions.list_interactions(web_store, sample.id))
    forged = client.post(
        f"/people/{sample.owner_id}/interactions", data={"kind": "call", "when": "now"}
    )
    assert forged.status_code == 403
    assert "expired or came from another site" in forged.text
    client.get("/")
    wrong = client.post("/follow-ups", data={"person": "me", "reason": "x", "csrf_token": "A" * 43})
    assert wrong.status_code == 403
    assert len(interactions.list_interactions(web_store, sample.id)) == before


def test_logging_a_touch_from_a_person_page(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    assert sample.owner_id is not None
    other = sample.owner_id + 5
    token = form_token(client, f"/people/{other}")
    response = client.post(
        f"/people/{other}/interactions",
        data={
            "csrf_token": token,
            "kind": "meal",
            "when": "2026-11-02 08:30",
            "minutes": "60",
            "started_by": "them",
            "notes": "lunch at Hennepin",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/people/{other}#timeline"
    newest = interactions.list_interactions(web_store, sample.id, person_id=other, limit=1)[0]
    assert (newest.kind.value, newest.duration_minutes, newest.initiated_by_id) == (
        "meal",
        60,
        other,
    )
    # 08:30 in the sample's zone (America/Chicago) is 14:30 UTC (the app's clock: 15:00).
    assert newest.occurred_at.isoformat() == "2026-11-02T14:30:00+00:00"
    page = client.get(f"/people/{other}")
    assert "lunch at Hennepin" in page.text
    assert "Logged a meal." in page.text
    newest_entry = page.text.split('<ol class="timeline">', 1)[1].split("</li>", 1)[0]
    assert "Meal</span>" in newest_entry
    assert "60 min</span>" in newest_entry
    assert "· started by them</span>" in newest_entry
    assert '<p class="with">with you</p>' in newest_entry  # you, not your own name
    client.post(
        f"/people/{other}/interactions",
        data={"csrf_token": token, "kind": "call", "when": "2026-11-02 08:45", "started_by": "me"},
    )
    mine = client.get(f"/people/{other}").text.split('<ol class="timeline">', 1)[1]
    assert "· started by you</span>" in mine.split("</li>", 1)[0]


def test_a_failed_form_returns_to_its_page_with_the_reason(client: TestClient) -> None:
    token = form_token(client, "/follow-ups")
    response = client.post(
        "/follow-ups",
        data={"csrf_token": token, "person": "Nobody Whatsoever", "reason": "x", "next": "/asks"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/asks"
    page = client.get("/asks").text
    assert "nobody called &#39;Nobody Whatsoever&#39;" in page


def test_settings_and_target_market_are_edited_in_forms(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    token = form_token(client, "/settings")
    saved = client.post(
        "/settings",
        data={
            "csrf_token": token,
            "hourly_value": "175",
            "currency": "usd",
            "time_zone": "America/New_York",
            "default_region": "us",
        },
    )
    assert saved.status_code == 200
    assert "Settings saved." in saved.text
    settings = workspaces.get_settings(web_store, sample.id)
    assert (settings.hourly_value_cents, settings.time_zone) == (17_500, "America/New_York")
    client.post(
        "/settings/target-market",
        data={"csrf_token": token, "categories": "Dental\nlegal, accounting", "keywords": ""},
    )
    market = workspaces.get_target_market(web_store, sample.id)
    assert market.categories == ["accounting", "dental", "legal"]
    assert market.keywords == []


def test_a_redirect_target_never_leaves_the_site(client: TestClient) -> None:
    token = form_token(client, "/follow-ups")
    response = client.post(
        "/follow-ups",
        data={
            "csrf_token": token,
            "person": "nobody at all",
            "reason": "x",
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/follow-ups"


def test_with_a_secret_every_page_needs_it(web_store: Store) -> None:
    app = create_app(web_store, secret="correct horse battery", clock=lambda: NOW)
    with TestClient(app, base_url=LOCAL) as visitor:
        assert visitor.get("/people", follow_redirects=False).headers["location"] == "/login"
        api = visitor.get("/api/v1/people")
        assert api.status_code == 401
        assert "access secret" in api.json()["detail"]
        bearer = {"Authorization": "Bearer correct horse battery"}
        assert visitor.get("/api/v1/people", headers=bearer).status_code == 200
        token = form_token(visitor, "/login")
        refused = visitor.post("/login", data={"csrf_token": token, "secret": "guess"})
        assert refused.status_code == 403
        assert visitor.get("/people", follow_redirects=False).status_code == 303
        visitor.post("/login", data={"csrf_token": token, "secret": "correct horse battery"})
        assert visitor.get("/people").status_code == 200
        assert "correct horse" not in (visitor.cookies.get("nw_access") or "")


def test_answered_asks_are_paged_newest_first_after_every_open_one(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    everything = asks.list_asks(web_store, sample.id)  # newest first
    answered = [a.id for a in everything if a.outcome is not None]
    still_open = [a.id for a in everything if a.outcome is None]
    assert len(answered) > 50, "the sample should fill more than a page"
    shown: list[int] = []
    for page in range(1, -(-len(answered) // 50) + 1):
        html = client.get("/asks", params={"page": page}).text
        table = html.split('id="answered"', 1)[1].split("</section>", 1)[0]
        shown += [int(found) for found in re.findall(r'data-ask="(\d+)"', table)]
        open_part = html.split('id="open-h"', 1)[1].split("</section>", 1)[0]
        assert [int(f) for f in re.findall(r'action="/asks/(\d+)/answer"', open_part)] == still_open
        assert f"of {len(answered):,}" in table
    assert shown == answered
    assert client.get("/asks", params={"page": 0}).status_code == 422


def _pages(client: TestClient, url: str) -> int:
    """How many pages the list at ``url`` has, as its first page's pager says."""
    found = re.search(r"<span>Page 1 of (\d+)</span>", client.get(url).text)
    return int(found[1]) if found else 1


def test_a_page_past_the_end_of_a_list_goes_to_its_last_page(client: TestClient) -> None:
    for first, past, last in (
        ("/people?q=a", "/people?q=a&page=999", "/people?q=a&page={n}"),
        ("/asks", "/asks?page=999", "/asks?page={n}#answered"),
        (
            "/referrals?status=lost",
            "/referrals?status=lost&page=999",
            "/referrals?status=lost&page={n}",
        ),
    ):
        pages = _pages(client, first)
        assert pages > 1, f"{first} should fill more than a page in the sample"
        moved = client.get(past, follow_redirects=False)
        assert moved.status_code == 303, past
        assert moved.headers["location"] == last.format(n=pages)
        landed = client.get(moved.headers["location"])
        assert f"Page {pages} of {pages}" in landed.text
        assert 'rel="next"' not in landed.text


def test_a_page_number_no_list_could_reach_is_refused_by_name(client: TestClient) -> None:
    for url in ("/asks", "/referrals?status=won", "/people"):
        refused = client.get(url, params={"page": 10**21})
        assert refused.status_code == 422, url
        assert "page: must be at most 100000" in refused.text
    assert client.get("/groups").status_code == 200  # and the app goes on answering
