"""The event page's plan and debrief, the printable plan, the plan badges and the feed's address."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from httpx2 import Response

from netweave.domain import Workspace
from netweave.services import debriefs, events, followups, people, plan_pages, plans
from netweave.storage import Store
from netweave.web import create_app
from netweave.web.security import FEED_PATH, feed_token
from tests import writes
from tests.local import LOCAL
from tests.web.conftest import NOW, QueryCounter, form_token


def _event(store: Store, ws: int, *, past: bool, number: int = 1) -> int:
    found = (
        events.list_events(store, ws, until=NOW)
        if past
        else events.list_events(store, ws, since=NOW)
    )
    return (found[-number] if past else found[number]).id or 0


def _send(client: TestClient, page: str, action: str, **fields: str) -> Response:
    data = {"csrf_token": form_token(client, page), "next": page, **fields}
    return client.post(action, data=data, follow_redirects=False)


def _checked(html: str, field_id: str) -> bool:
    found = re.search(rf'<input id="{field_id}"[^>]*>', html)
    assert found, f"no input #{field_id}"
    return " checked" in found[0]


def test_an_upcoming_event_gets_its_plan_from_one_button(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    event_id = _event(web_store, sample.id, past=False)
    page = f"/events/{event_id}"
    before = client.get(page).text
    assert "Make a plan" in before
    assert 'id="debrief"' not in before  # the debrief comes after the event
    made = _send(client, page, f"{page}/plan")
    assert made.status_code == 303
    assert made.headers["location"] == f"{page}#plan"
    saved = plans.saved_plan(web_store, sample.id, event_id)
    assert saved is not None
    assert saved.targets
    shown = client.get(page).text
    assert "Planned: " in shown  # the flash
    assert "Plan again" in shown
    assert saved.purpose in shown.replace("&#39;", "'")
    for target in saved.targets:
        assert f'<a href="/people/{target.person_id}"><strong>{target.name}</strong></a>' in shown
        assert plan_pages.KIND_TITLES[target.kind] in shown
        if target.opener:
            assert target.opener.replace("'", "&#39;") in shown


def test_the_printable_plan_links_its_style(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    event_id = _event(web_store, sample.id, past=False)
    missing = client.get(f"/events/{event_id}/plan")
    assert missing.status_code == 404
    assert f"event #{event_id} has no plan yet" in missing.text
    made = plans.make_plan(web_store, sample.id, event_id, NOW)
    printable = client.get(f"/events/{event_id}/plan")
    assert printable.status_code == 200
    assert printable.text.startswith("<!doctype html>")
    assert '<link rel="stylesheet" href="/events/plan.css">' in printable.text
    assert "<style>" not in printable.text  # the pages' policy forbids inline style
    assert all(t.name in printable.text for t in made.targets)
    assert "debrief it on the event&#39;s page" in printable.text
    assert f'href="/events/{event_id}#plan"' in printable.text
    style = client.get("/events/plan.css")
    assert style.status_code == 200
    assert style.headers["content-type"].startswith("text/css")
    assert style.text == plan_pages.STYLE
    # The CLI's page keeps its style inside, to be one file.
    assert "<style>" in plan_pages.html(made, "Nov 4")


def test_a_debrief_from_the_event_page_sets_follow_ups_and_shows_them(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    event_id = _event(web_store, sample.id, past=True, number=2)
    page = f"/events/{event_id}"
    html = client.get(page).text
    assert "Make a plan" not in html
    attendee = next(
        p for _, p in events.attendees(web_store, sample.id, event_id) if p.id != sample.owner_id
    )
    other = writes.add_person(web_store, sample.id, {"name": "Otto Elsewhere"})
    sent = _send(
        client,
        page,
        f"{page}/debrief",
        form_id="db",
        **{f"met-{attendee.id}": "1", f"follow-{attendee.id}": "1"},
        others="Otto Elsewhere",
        new="Wren Newly <wren@newly.example.com>\nYves Nomail",
        follow_new="1",
        due="",
        notes="crowded but good",
    )
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"] == f"{page}#debrief"
    wren = people.find_person(web_store, sample.id, "wren@newly.example.com")
    assert wren.how_met is not None
    assert "met at" in wren.how_met
    given = debriefs.debrief_state(web_store, sample.id, event_id).follow_ups
    names = {name for _, name in given}
    assert {attendee.name, "Wren Newly", "Yves Nomail"} <= names
    assert "Otto Elsewhere" not in names  # met, but not ticked for a follow-up
    due = NOW.date() + timedelta(days=7)
    assert {f.due_on for f, name in given if name in ("Wren Newly", "Yves Nomail")} == {due}
    met = {a.person_id for a, _ in events.attendees(web_store, sample.id, event_id) if a.met}
    assert {attendee.id, other.id, wren.id} <= met
    shown = client.get(page).text
    assert "Debriefed: met 4 people. Added Wren Newly, Yves Nomail. Follow-ups with" in shown
    assert "Follow-ups from this event" in shown
    assert "Wren Newly" in shown
    assert "crowded but good" in shown
    assert "Debrief again" in shown
    assert 'id="plan"' not in shown  # no plan was made: the empty one holding the debrief hides
    assert _checked(shown, f"db-met-{attendee.id}")


def test_a_failed_debrief_comes_back_as_typed_and_writes_nothing(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    event_id = _event(web_store, sample.id, past=True)
    page = f"/events/{event_id}"
    attendee = next(
        p for _, p in events.attendees(web_store, sample.id, event_id) if p.id != sample.owner_id
    )
    before = followups.list_follow_ups(web_store, sample.id)
    typed = {
        "form_id": "db",
        f"met-{attendee.id}": "1",
        f"follow-{attendee.id}": "1",
        "new": "Never Added <never@added.example.com>",
        "notes": "keep <this>",
    }
    late = _send(
        client, page, f"{page}/debrief", **typed, due=(NOW.date() + timedelta(9)).isoformat()
    )
    assert late.status_code == 422
    html = late.text
    error = re.search(r'<p class="field-error" id="db-due-error">([^<]+)</p>', html)
    assert error
    assert "due within 7 days" in error[1]
    assert "Never Added &lt;never@added.example.com&gt;</textarea>" in html
    assert "keep &lt;this&gt;</textarea>" in html
    assert _checked(html, f"db-met-{attendee.id}")
    assert _checked(html, f"db-follow-{attendee.id}")
    assert not _checked(html, "db-follow_new")  # unticked as sent, though ticked by default

    nobody = _send(client, page, f"{page}/debrief", **typed, others="Zyx Nobody Qwv")
    assert nobody.status_code == 422
    assert re.search(
        r'id="db-others-error">[^<]*nobody called &#39;Zyx Nobody Qwv&#39;', nobody.text
    )

    bad_contact = _send(client, page, f"{page}/debrief", form_id="db", new="<only@mail.example>")
    assert bad_contact.status_code == 422
    assert 'id="db-new-error"' in bad_contact.text
    assert followups.list_follow_ups(web_store, sample.id) == before
    assert not people.list_people(web_store, sample.id, search="Never Added")
    assert plans.saved_plan(web_store, sample.id, event_id) is None


def test_a_debrief_without_its_token_is_refused(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    event_id = _event(web_store, sample.id, past=True)
    client.get(f"/events/{event_id}")
    forged = client.post(
        f"/events/{event_id}/debrief", data={"new": "Forged Person", "csrf_token": "A" * 43}
    )
    assert forged.status_code == 403
    assert not people.list_people(web_store, sample.id, search="Forged Person")


def test_the_dashboard_and_the_events_list_say_which_events_are_planned(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    planned = _event(web_store, sample.id, past=False, number=0)
    unplanned = _event(web_store, sample.id, past=False, number=1)
    made = plans.make_plan(web_store, sample.id, planned, NOW)
    count = len(made.targets)
    for path in ("/", "/events"):
        html = client.get(path).text
        badge = re.search(
            rf'<a class="badge[^"]*plan-ready" href="/events/{planned}#plan"[^>]*>([^<]+)</a>', html
        )
        assert badge, path
        assert badge[1] == f"Plan · {count} {'person' if count == 1 else 'people'}"
        assert f'href="/events/{unplanned}#plan" aria-label="No plan yet' in html, path


def test_the_settings_page_gives_the_feed_address(client: TestClient) -> None:
    html = client.get("/settings").text
    assert f'value="http://localhost{FEED_PATH}"' in html
    assert f'href="webcal://localhost{FEED_PATH}"' in html
    assert "token=" not in html


def test_with_a_secret_the_feed_address_holds_its_key(web_store: Store) -> None:
    secret = "correct horse battery"
    app = create_app(web_store, secret=secret, clock=lambda: NOW)
    with TestClient(app, base_url=LOCAL, headers={"Authorization": f"Bearer {secret}"}) as client:
        html = client.get("/settings").text
    address = f"http://localhost{FEED_PATH}?token={feed_token(secret)}"
    assert f'value="{address}"' in html
    assert secret not in html
    with TestClient(app, base_url=LOCAL) as calendar_app:  # no secret, no cookie: only the address
        assert calendar_app.get(address).status_code == 200
        assert calendar_app.get(FEED_PATH).status_code == 401


def test_the_event_page_costs_a_fixed_number_of_queries(
    client: TestClient, web_store: Store, sample: Workspace, queries: QueryCounter
) -> None:
    assert sample.id is not None
    upcoming = _event(web_store, sample.id, past=False)
    plans.make_plan(web_store, sample.id, upcoming, NOW)
    past = _event(web_store, sample.id, past=True)
    counts = {}
    for event_id in (upcoming, past):
        with queries:
            assert client.get(f"/events/{event_id}").status_code == 200
        counts[event_id] = queries.count
    # The event, its group, attendees (4), the settings: 11 before plans came; then the plan
    # (the event, its head and targets, names, the zone: 5; 2 when there is none); after
    # the event, the debrief's state (me, the event's follow-ups, their names: 3).
    assert counts == {upcoming: 16, past: 16}
