"""A failed form comes back as typed, with the error next to the field at fault."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx2 import Response

from netweave.domain import Workspace
from netweave.services import referrals
from netweave.storage import Store
from tests import writes
from tests.web.conftest import NOW, form_token


def _post(client: TestClient, page: str, action: str, form: str, **fields: str) -> Response:
    """Send the form named ``form`` of ``page`` to ``action``, as the browser would."""
    token = form_token(client, page)
    data = {"csrf_token": token, "form_id": form, "next": page, **fields}
    return client.post(action, data=data, follow_redirects=False)


def _value(html: str, field_id: str) -> str:
    found = re.search(rf'id="{field_id}"[^>]*value="([^"]*)"', html)
    assert found, f"no input #{field_id}"
    return found[1]


def test_a_person_form_with_a_bad_email_keeps_everything_typed(client: TestClient) -> None:
    response = _post(
        client,
        "/people/new",
        "/people",
        "f",
        name="Quinn Typed",
        company="Typed & Co",
        email="not an email",
        notes="met at the <fair>",
    )
    assert response.status_code == 422
    html = response.text
    assert _value(html, "f-name") == "Quinn Typed"
    assert _value(html, "f-company") == "Typed &amp; Co"
    assert "met at the &lt;fair&gt;</textarea>" in html
    assert 'aria-invalid="true"' in html
    error = re.search(r'<p class="field-error" id="f-email-error">([^<]+)</p>', html)
    assert error, "the error is not next to the email field"
    assert "email" in html[html.index('id="f-email"') - 300 : html.index("f-email-error")]
    assert client.get("/api/v1/people", params={"search": "Quinn Typed"}).json()["total"] == 0


def test_a_missing_required_field_is_named_next_to_it(client: TestClient) -> None:
    response = _post(
        client,
        "/people/new",
        "/people",
        "f",
        name="",
        title="CFO",
    )
    assert response.status_code == 422
    assert _value(response.text, "f-title") == "CFO"
    assert 'id="f-name-error"' in response.text


def test_only_the_failed_form_on_a_page_keeps_what_was_typed(
    client: TestClient, sample: Workspace
) -> None:
    page = f"/people/{sample.owner_id + 1}"
    response = _post(
        client,
        page,
        f"{page}/follow-ups",
        "fu",
        reason="send the deck",
        due="the day after never",
    )
    assert response.status_code == 422
    html = response.text
    assert _value(html, "fu-reason") == "send the deck"
    assert _value(html, "fu-due") == "the day after never"
    assert 'id="fu-due-error"' in html
    assert _value(html, "log-when") == ""  # the touch form keeps its default (blank: now)
    assert re.search(r"<details[^>]*open>\s*<summary>Follow-up", html)


def test_a_touch_with_a_bad_date_keeps_the_kind_chosen(
    client: TestClient, sample: Workspace
) -> None:
    page = f"/people/{sample.owner_id + 1}"
    response = _post(
        client,
        page,
        f"{page}/interactions",
        "log",
        kind="call",
        when="someday",
        notes="about the lease",
    )
    assert response.status_code == 422
    assert '<option value="call" selected>' in response.text
    assert "about the lease</textarea>" in response.text
    assert 'id="log-when-error"' in response.text


def test_settings_with_a_bad_zone_keep_the_other_values(client: TestClient) -> None:
    response = _post(
        client,
        "/settings",
        "/settings",
        "s",
        hourly_value="99.00",
        currency="EUR",
        time_zone="Mars/Olympus",
        default_region="DE",
    )
    assert response.status_code == 422
    assert _value(response.text, "s-hourly_value") == "99.00"
    assert _value(response.text, "s-currency") == "EUR"
    assert "Mars/Olympus" in response.text
    assert client.get("/api/v1/settings").json()["currency"] != "EUR"


def test_a_conflicting_referral_is_explained_and_can_be_given_anyway(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    ws = sample.id
    first = writes.add_person(web_store, ws, {"name": "Ina Insurer", "category": "insurance"})
    second = writes.add_person(web_store, ws, {"name": "Otto Other", "category": "insurance"})
    lead = writes.add_person(web_store, ws, {"name": "Lena Lead"})
    writes.give_referral(
        web_store,
        ws,
        {
            "giver_id": sample.owner_id,
            "receiver_id": first.id,
            "prospect_id": lead.id,
            "category": "insurance",
            "given_at": NOW,
        },
    )
    token = form_token(client, "/referrals")
    typed = {
        "csrf_token": token,
        "form_id": "r",
        "next": "/referrals",
        "giver": "me",
        "receiver": f"#{second.id}",
        "prospect": "Lena Lead",
        "category": "insurance",
        "notes": "she asked twice",
    }
    refused = client.post("/referrals", data=typed)
    assert refused.status_code == 409
    html = refused.text
    assert "Lena Lead was passed to Ina Insurer on" in html
    assert "same business category (insurance)" in html
    assert 'name="force" value="1"' in html
    assert "she asked twice</textarea>" in html
    assert _value(html, "r-receiver") == f"#{second.id}"
    assert len(referrals.list_referrals(web_store, ws, person_id=second.id)) == 0

    given = client.post("/referrals", data={**typed, "force": "1"}, follow_redirects=False)
    assert given.status_code == 303
    assert len(referrals.list_referrals(web_store, ws, person_id=second.id)) == 1


def test_a_form_whose_page_is_gone_still_says_what_went_wrong(client: TestClient) -> None:
    token = form_token(client, "/people/new")
    response = client.post(
        "/people",
        data={"csrf_token": token, "form_id": "f", "next": "/nowhere", "name": ""},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/nowhere"


def test_a_taken_email_comes_back_without_an_offer_to_force(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    writes.add_person(
        web_store, sample.id, {"name": "Tara Taken", "emails": ["tara@taken.example"]}
    )
    response = _post(
        client, "/people/new", "/people", "f", name="Tim Other", email="tara@taken.example"
    )
    assert response.status_code == 409
    assert "Tara Taken" in response.text
    assert _value(response.text, "f-name") == "Tim Other"
    assert "Give anyway" not in response.text


def test_a_person_nobody_is_called_is_named_next_to_its_field(client: TestClient) -> None:
    response = _post(
        client, "/asks", "/asks", "a", what="an intro to a CFO", asker="me", asked="Nobody Atall"
    )
    assert response.status_code == 422
    error = re.search(r'<p class="field-error" id="a-asked-error">([^<]+)</p>', response.text)
    assert error
    assert "Nobody Atall" in error[1].replace("&#39;", "'")
    assert _value(response.text, "a-what") == "an intro to a CFO"


def _selected(html: str, select_id: str) -> str:
    block = html.split(f'id="{select_id}"', 1)[1].split("</select>", 1)[0]
    found = re.search(r'<option value="([^"]*)" selected>', block)
    assert found, f"nothing selected in #{select_id}"
    return found[1]


def test_an_event_with_hours_that_are_no_number_keeps_the_form(client: TestClient) -> None:
    group = client.get("/api/v1/groups").json()["items"][0]
    response = _post(
        client,
        "/events",
        "/events",
        "ev",
        name="Typed Mixer",
        starts="2026-11-20T18:00",
        hours="two",
        group=str(group["id"]),
        place="The Loft",
    )
    assert response.status_code == 422
    html = response.text
    assert _value(html, "ev-name") == "Typed Mixer"
    assert _value(html, "ev-place") == "The Loft"
    assert _selected(html, "ev-group") == str(group["id"])
    error = re.search(r'<p class="field-error" id="ev-hours-error">([^<]+)</p>', html)
    assert error, "the error is not next to the hours"
    assert "not a number of hours" in error[1]
    names = [e["name"] for e in client.get("/api/v1/events", params={"limit": 200}).json()["items"]]
    assert "Typed Mixer" not in names


def test_an_event_of_decimal_hours_ends_when_it_should(client: TestClient) -> None:
    response = _post(
        client,
        "/events",
        "/events",
        "ev",
        name="Short Coffee",
        starts="2026-11-20T08:00",
        hours="1,5",
    )
    assert response.status_code == 303
    added = client.get(response.headers["location"].replace("/events/", "/api/v1/events/"))
    event = added.json()
    assert event["ends_at"].startswith("2026-11-20T")
    assert event["name"] == "Short Coffee"


def test_a_group_with_too_many_hours_keeps_its_kind_and_cadence(client: TestClient) -> None:
    response = _post(
        client,
        "/groups",
        "/groups",
        "g",
        name="Typed Circle",
        kind="chamber",
        cadence="weekly",
        hours="30",
    )
    assert response.status_code == 422
    html = response.text
    assert _value(html, "g-name") == "Typed Circle"
    assert _selected(html, "g-kind") == "chamber"
    assert _selected(html, "g-cadence") == "weekly"
    assert 'id="g-hours-error"' in html
    assert all(g["name"] != "Typed Circle" for g in client.get("/api/v1/groups").json()["items"])


def test_attendance_of_nobody_by_that_name_keeps_the_form(client: TestClient) -> None:
    event = client.get("/api/v1/events", params={"limit": 1}).json()["items"][0]
    page = f"/events/{event['id']}"
    response = _post(
        client,
        page,
        f"{page}/attendance",
        "at",
        person="Nobody Byname",
        status="absent",
        met="true",
    )
    assert response.status_code == 422
    html = response.text
    assert _value(html, "at-person") == "Nobody Byname"
    assert _selected(html, "at-status") == "absent"
    assert re.search(r'id="at-met"[^>]* checked', html)
    assert 'id="at-person-error"' in html
