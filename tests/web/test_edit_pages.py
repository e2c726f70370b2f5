"""Editing and removing events, groups, touches, referrals, asks and follow-ups through the
pages: a form filled with the record, the fields changed become the Edit command, a
refusal comes back next to its field with nothing written, a removal is confirmed first,
and a form sent twice changes nothing twice."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from netweave.domain import Workspace
from netweave.services import asks, events, followups, groups, interactions, people, referrals
from netweave.storage import Store
from netweave.storage import tables as t
from tests import writes
from tests.scenarios._giving_helpers import form_fields, text_of
from tests.web.conftest import NOW


def _logged(store: Store, command: str) -> list[int | None]:
    """The records ``command`` was carried out on, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.command_log.c.record_id)
            .where(t.command_log.c.command == command)
            .order_by(t.command_log.c.id)
        ).all()
    return [row.record_id for row in rows]


def _form(client: TestClient, page: str, button: str = "Save") -> dict[str, str]:
    """The form of ``page`` as the browser would send it (filled with the record)."""
    shown = client.get(page)
    assert shown.status_code == 200, shown.text
    return form_fields(shown.text, page, button)


def _send(client: TestClient, page: str, **changed: str) -> Any:
    """``page``'s form, with ``changed`` typed over what it showed."""
    return client.post(page, data={**_form(client, page), **changed}, follow_redirects=False)


def _flash(client: TestClient, response: Any) -> str:
    assert response.status_code == 303, response.text[:2000]
    shown = client.get(response.headers["location"]).text
    found = re.search(r'<div class="flash flash-ok"[^>]*>([^<]*)</div>', shown)
    assert found, "no message after the redirect"
    return found[1]


def _error(html: str, field: str) -> str:
    found = re.search(rf'<p class="field-error" id="ed-{field}-error">([^<]+)</p>', html)
    assert found, f"no error next to {field}"
    return html_lib.unescape(found[1])


# -- each noun: shown as stored, changed as typed ----------------------------------------


def _touch(store: Store, ws: int) -> int:
    anna = people.find_person(store, ws, "me").id
    other = next(p.id for p in people.list_people(store, ws) if p.id != anna)
    made = writes.log_interaction(
        store,
        ws,
        {
            "kind": "call",
            "occurred_at": NOW - timedelta(days=2),
            "participant_ids": [anna, other],
            "duration_minutes": 20,
            "notes": "about the lease",
        },
    )
    return made.id


CASES: list[tuple[str, Callable[[Store, int], int], dict[str, str], dict[str, Any]]] = [
    (
        "/events",
        lambda s, ws: events.list_events(s, ws)[0].id,
        {"name": "Renamed mixer", "place": "Town hall"},
        {"name": "Renamed mixer", "place": "Town hall"},
    ),
    (
        "/groups",
        lambda s, ws: groups.list_groups(s, ws)[0].id,
        {"hours": "1.5", "keep_in_touch_days": "30"},
        {"hours_per_meeting": 1.5, "keep_in_touch_days": 30},
    ),
    ("/interactions", _touch, {"minutes": "1.5 h"}, {"duration_minutes": 90.0}),
    (
        "/referrals",
        lambda s, ws: referrals.list_referrals(s, ws)[0].id,
        {"notes": "called them twice", "currency": "eur"},
        {"notes": "called them twice", "currency": "EUR"},
    ),
    (
        "/asks",
        lambda s, ws: asks.list_asks(s, ws)[0].id,
        {"what": "an introduction to the bank"},
        {"what": "an introduction to the bank"},
    ),
    (
        "/follow-ups",
        lambda s, ws: followups.list_follow_ups(s, ws, open_only=True)[0].id,
        {"due": "2026-12-20", "reason": "send the deck"},
        {"due_on": date(2026, 12, 20), "reason": "send the deck"},
    ),
]
LOAD: dict[str, Callable[[Store, int, int], Any]] = {
    "/events": lambda s, ws, i: events.find_event(s, ws, f"#{i}"),
    "/groups": lambda s, ws, i: groups.find_group(s, ws, f"#{i}"),
    "/interactions": interactions.get_interaction,
    "/referrals": referrals.get_referral,
    "/asks": asks.get_ask,
    "/follow-ups": followups.get_follow_up,
}


@pytest.mark.parametrize(("path", "pick", "typed", "stored"), CASES, ids=[c[0] for c in CASES])
def test_an_edit_changes_only_what_was_typed(
    client: TestClient,
    web_store: Store,
    sample: Workspace,
    path: str,
    pick: Callable[[Store, int], int],
    typed: dict[str, str],
    stored: dict[str, Any],
) -> None:
    record_id = pick(web_store, sample.id)
    before = LOAD[path](web_store, sample.id, record_id)
    page = f"{path}/{record_id}/edit"
    said = _flash(client, _send(client, page, **typed))
    assert said.startswith("Saved ")
    after = LOAD[path](web_store, sample.id, record_id)
    assert after == before.model_copy(update=stored)
    edit = {"/interactions": "edit-touch", "/follow-ups": "edit-follow-up"}.get(
        path, "edit-" + path.strip("/").rstrip("s")
    )
    assert _logged(web_store, edit) == [record_id]
    # Sent again unchanged, the form changes nothing (no field differs from the record).
    assert _send(client, page).status_code == 303
    assert LOAD[path](web_store, sample.id, record_id) == after


def test_the_form_shows_native_dates_and_the_links_lead_to_it(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    touch = _touch(web_store, sample.id)
    fields = _form(client, f"/interactions/{touch}/edit")
    stored = interactions.get_interaction(web_store, sample.id, touch).occurred_at
    assert fields["when"] == f"{stored.astimezone(sample.settings.zone):%Y-%m-%dT%H:%M}"
    assert fields["minutes"] == "20"
    assert fields["notes"] == "about the lease"
    assert fields["idempotency_key"].startswith("web-")
    html = client.get(f"/interactions/{touch}/edit").text
    assert 'type="datetime-local"' in html
    other = next(
        i for i in interactions.get_interaction(web_store, sample.id, touch).participant_ids
    )
    person_page = client.get(f"/people/{other}").text
    assert f'href="/interactions/{touch}/edit?back=/people/{other}%23timeline"' in person_page
    event = events.list_events(web_store, sample.id)[0]
    assert f'href="/events/{event.id}/remove"' in client.get(f"/events/{event.id}").text
    assert (
        'type="date"'
        in client.get(
            f"/follow-ups/{followups.list_follow_ups(web_store, sample.id)[0].id}/edit"
        ).text
    )


# -- refusals: the command's message next to its field, nothing written -------------------


def test_a_refused_edit_comes_back_next_to_its_field(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    touch = _touch(web_store, sample.id)
    before = interactions.get_interaction(web_store, sample.id, touch)
    refused = _send(client, f"/interactions/{touch}/edit", when="2031-01-05T10:00", notes="new")
    assert refused.status_code == 422
    assert "a touch is something that happened" in _error(refused.text, "when")
    assert 'value="2031-01-05T10:00"' in refused.text  # as typed
    assert interactions.get_interaction(web_store, sample.id, touch) == before
    assert _logged(web_store, "edit-touch") == []

    refused = _send(client, f"/interactions/{touch}/edit", minutes="a while")
    assert refused.status_code == 422
    assert "'a while' is not a length" in _error(refused.text, "minutes")

    group = groups.list_groups(web_store, sample.id)[0]
    refused = _send(client, f"/groups/{group.id}/edit", hours="25")
    assert refused.status_code == 422
    assert "must be at most 24" in _error(refused.text, "hours")
    assert groups.find_group(web_store, sample.id, f"#{group.id}") == group


def test_an_emptied_field_is_cleared_where_it_may_be_empty(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    event = writes.add_event(
        web_store,
        sample.id,
        {"name": "Breakfast", "starts_at": NOW + timedelta(days=3), "hours": 2, "place": "Diner"},
    )
    page = f"/events/{event.id}/edit"
    assert _send(client, page, place="", hours="").status_code == 303
    emptied = events.find_event(web_store, sample.id, f"#{event.id}")
    assert emptied == event.model_copy(update={"place": None, "ends_at": None})
    refused = _send(client, page, name="")
    assert refused.status_code == 422
    assert _error(refused.text, "name")
    group = groups.list_groups(web_store, sample.id)[0]
    assert _send(client, f"/groups/{group.id}/edit", dues="").status_code == 303
    assert groups.find_group(web_store, sample.id, f"#{group.id}").dues_cents == 0


def test_a_lead_moved_onto_a_competitor_is_a_conflict_the_form_may_override(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    ws = sample.id
    a = writes.add_person(web_store, ws, {"name": "Ada Lex", "category": "tax law"})
    b = writes.add_person(web_store, ws, {"name": "Bo Lex", "category": "tax law"})
    c = writes.add_person(web_store, ws, {"name": "Cy Cook", "category": "catering"})
    first = {"prospect_name": "Zed Corp", "given_at": NOW}
    writes.give_referral(web_store, ws, {**first, "receiver_id": a.id}, force=True)
    lead = writes.give_referral(web_store, ws, {**first, "receiver_id": c.id}, force=True)
    page = f"/referrals/{lead.id}/edit"
    refused = _send(client, page, receiver="Bo Lex")
    assert refused.status_code == 409
    assert "Zed Corp" in refused.text
    assert "Save anyway" in refused.text
    assert referrals.get_referral(web_store, ws, lead.id) == lead
    again = form_fields(refused.text, page, "Save anyway")
    assert again["force"] == "1"
    assert again["receiver"] == "Bo Lex"
    assert client.post(page, data=again, follow_redirects=False).status_code == 303
    moved = referrals.get_referral(web_store, ws, lead.id)
    assert (moved.receiver_id, moved.category) == (b.id, "tax law")


# -- twice, and forged ---------------------------------------------------------------------


def test_an_edit_form_sent_twice_changes_nothing_the_second_time(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    touch = _touch(web_store, sample.id)
    page = f"/interactions/{touch}/edit"
    sent = {**_form(client, page), "notes": "first"}
    assert client.post(page, data=sent, follow_redirects=False).status_code == 303
    # Someone changes it meanwhile; the same form resent (a double click) overwrites nothing.
    assert client.patch(f"/api/v1/interactions/{touch}", json={"notes": "later"}).is_success
    assert client.post(page, data=sent, follow_redirects=False).status_code == 303
    assert interactions.get_interaction(web_store, sample.id, touch).notes == "later"
    assert _logged(web_store, "edit-touch") == [touch, touch]  # the form's, the API's


def test_forms_without_their_token_or_from_another_site_are_refused(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    ask = asks.list_asks(web_store, sample.id)[0]
    fields = _form(client, f"/asks/{ask.id}/remove", "Remove ask")
    forged = {k: v for k, v in fields.items() if k != "csrf_token"}
    assert client.post(f"/asks/{ask.id}/remove", data=forged).status_code == 403
    other = {"origin": "http://evil.example"}
    sent = client.post(f"/asks/{ask.id}/edit", data=fields, headers=other)
    assert sent.status_code == 403
    assert asks.get_ask(web_store, sample.id, ask.id) == ask


# -- removing: what goes with it, confirmed, once ----------------------------------------


def test_an_event_is_removed_after_saying_what_goes_with_it(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    event = next(e for e in events.list_events(web_store, sample.id) if e.group_id)
    who = events.attendees(web_store, sample.id, event.id)
    assert who
    page = f"/events/{event.id}/remove"
    shown = text_of(client.get(page).text)
    assert f"Its attendance list: {len(who)} people" in shown
    assert who[0][1].name in shown
    assert "no longer linked" in shown
    assert events.find_event(web_store, sample.id, f"#{event.id}") == event  # asked only
    said = _flash(
        client, client.post(page, data=_form(client, page, "Remove event"), follow_redirects=False)
    )
    assert said == f"Removed the event {event.name}."
    assert event.id not in [e.id for e in events.list_events(web_store, sample.id)]


def test_a_removal_sent_twice_answers_the_same(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    lead = referrals.list_referrals(web_store, sample.id)[0]
    page = f"/referrals/{lead.id}/remove"
    fields = _form(client, page, "Remove referral")
    assert "its history" in text_of(client.get(page).text).lower()
    first = client.post(page, data=fields, follow_redirects=False)
    assert first.headers["location"] == "/referrals"
    second = client.post(page, data=fields, follow_redirects=False)
    assert second.status_code == 303
    assert second.headers["location"] == "/referrals"
    assert _logged(web_store, "remove-referral") == [lead.id]
    # Without the form's key, a second removal is told the referral is gone, on the list.
    fresh = {**fields, "idempotency_key": "web-another"}
    gone = client.post(page, data=fresh, follow_redirects=False)
    assert gone.headers["location"] == "/referrals"
    assert f"there is no referral #{lead.id}" in client.get("/referrals").text
    assert client.get(page).status_code == 404


def test_a_touch_edited_from_a_persons_page_goes_back_there(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    me = people.find_person(web_store, sample.id, "me").id
    first, second = [p.id for p in people.list_people(web_store, sample.id) if p.id != me][:2]
    touch = writes.log_interaction(
        web_store,
        sample.id,
        {
            "kind": "meal",
            "occurred_at": NOW - timedelta(days=1),
            "participant_ids": [me, first, second],
        },
    )
    back = f"/people/{second}#timeline"
    link = f"/interactions/{touch.id}/edit?back=/people/{second}%23timeline"
    assert f'href="{link}"' in client.get(f"/people/{second}").text
    sent = client.post(
        f"/interactions/{touch.id}/edit",
        data={
            **form_fields(client.get(link).text, f"/interactions/{touch.id}/edit", "Save"),
            "notes": "x",
        },
        follow_redirects=False,
    )
    assert sent.headers["location"] == back
    # Refused, the form keeps where to go back to.
    refused = client.post(
        f"/interactions/{touch.id}/edit",
        data={
            **form_fields(client.get(link).text, f"/interactions/{touch.id}/edit", "Save"),
            "minutes": "?",
        },
        follow_redirects=False,
    )
    assert refused.status_code == 422
    assert form_fields(refused.text, f"/interactions/{touch.id}/edit", "Save")["back"] == back
    remove = f"/interactions/{touch.id}/remove"
    fields = form_fields(
        client.get(f"{remove}?back=/people/{second}%23timeline").text, remove, "Remove touch"
    )
    gone = client.post(remove, data=fields, follow_redirects=False)
    assert gone.headers["location"] == back
    assert client.get("/api/v1/interactions/" + str(touch.id)).status_code == 404
    # A page elsewhere is no place to go back to.
    elsewhere = client.get(
        f"/events/{events.list_events(web_store, sample.id)[0].id}/edit?back=https://evil.example/"
    )
    assert 'name="back" value=""' in elsewhere.text
