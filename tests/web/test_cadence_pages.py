"""Keep-in-touch cadences on the settings page and the person page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import cadence, review
from netweave.storage import Store
from tests import writes
from tests.web.conftest import NOW, form_token


def test_tag_cadences_are_added_shown_and_removed_on_the_settings_page(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    token = form_token(client, "/settings")
    saved = client.post(
        "/settings/keep-in-touch", data={"csrf_token": token, "tag": "Client", "days": "21"}
    )
    assert saved.status_code == 200
    assert "Cadence of tag client saved." in saved.text
    assert cadence.tag_cadences(web_store, sample.id) == {"client": 21}
    page = client.get("/settings").text
    assert 'client <span class="muted">every 21 days</span>' in page
    client.post("/settings/keep-in-touch", data={"csrf_token": token, "tag": "client", "days": "0"})
    assert cadence.tag_cadences(web_store, sample.id) == {}


def test_a_bad_tag_cadence_is_refused_with_the_field(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    token = form_token(client, "/settings")
    bad = (("client", "often", "days"), ("client", "9999", "days"), ("!", "5", "tag"))
    for tag, days, field in bad:
        refused = client.post(
            "/settings/keep-in-touch",
            data={"csrf_token": token, "next": "/settings", "tag": tag, "days": days},
            follow_redirects=False,
        )
        # A failed form goes back to its page, saying which field and why.
        assert refused.status_code == 303
        assert refused.headers["location"].startswith("/settings")
        assert f"{field}: " in client.get(refused.headers["location"]).text
    assert cadence.tag_cadences(web_store, sample.id) == {}


def test_the_person_page_shows_the_cadence_and_its_rule(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    ties = review.ego_ties(web_store, sample.id, NOW)
    tie = next(t for t in ties.ties if t.layer == "close")
    page = client.get(f"/people/{tie.person_id}").text
    assert "Keep in touch every 30 days, as a close tie;" in page
    writes.edit_person(web_store, sample.id, tie.person_id, {"keep_in_touch_days": 9})
    page = client.get(f"/people/{tie.person_id}").text
    assert "Keep in touch every 9 days, set for them;" in page
