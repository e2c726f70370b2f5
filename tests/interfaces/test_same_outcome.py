"""The same request through every door gives the same outcome: the same refusal (with
the same facts) and the same stored row (issue 12: one home per rule).

Each test runs once per door (command line, web form, JSON API, Python API) on SQLite and
PostgreSQL, from the same starting workspace, and asserts one expected answer.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from netweave.domain import AskOutcome
from netweave.services import asks, events, followups, interactions, people, referrals
from netweave.services import plans as plans_service
from tests import writes
from tests.interfaces.conftest import DOORS, NOW, Doors, Outcome

pytestmark = pytest.mark.parametrize("door", DOORS)


# -- referrals: one lead, one receiver per category ---------------------------------


def _give(doors: Doors, door: str, to: str, prospect: str, *, force: bool = False) -> Outcome:
    to_id = doors.id_of(to)
    if door == "cli":
        return doors.cli(
            "referral", "give", "--to", to, "--prospect", prospect, *(["--force"] if force else [])
        )
    if door == "form":
        fields = {"receiver": to, "prospect": prospect, **({"force": "true"} if force else {})}
        return doors.form("/referrals", "/referrals", "r", fields)
    if door == "api":
        return doors.api(
            "/api/v1/referrals", {"receiver_id": to_id, "prospect_name": prospect, "force": force}
        )
    return doors.py(doors.python.give_referral, to, prospect, force=force)


def test_a_double_lead_is_refused_everywhere_unless_forced(doors: Doors, door: str) -> None:
    assert _give(doors, door, "Anna Smith", "Zed Corp").ok
    before = referrals.list_referrals(doors.store, doors.ws)
    refused = _give(doors, door, "Ben Ode", "Zed Corp")
    assert refused.kind == "Conflict"
    # The same facts in every door's words: the prospect, the first receiver, the category.
    for fact in ("Zed Corp", "Anna Smith", "tax law"):
        assert fact in refused.said
    # Only the command line names a command and its flag; the others word their own way.
    if door == "cli":
        assert "--force" in refused.said
    else:
        assert "--force" not in refused.said
        assert "netweave referral" not in refused.said
    assert referrals.list_referrals(doors.store, doors.ws) == before
    assert _give(doors, door, "Ben Ode", "Zed Corp", force=True).ok
    newest = max(referrals.list_referrals(doors.store, doors.ws), key=lambda r: r.id or 0)
    me = doors.id_of("me")
    # The category is the receiver's, whichever door gave it.
    assert (newest.giver_id, newest.receiver_id, newest.prospect_name, newest.category) == (
        me,
        doors.id_of("Ben Ode"),
        "Zed Corp",
        "tax law",
    )


# -- touches: the length as typed, and none in the future -------------------------


def _log(doors: Doors, door: str, who: str, *, minutes: str, at: str) -> Outcome:
    if door == "cli":
        return doors.cli("log", "call", who, "--minutes", minutes, "--at", at)
    if door == "form":
        person = doors.id_of(who)
        page = f"/people/{person}"
        fields = {"kind": "call", "minutes": minutes, "when": at}
        return doors.form(f"{page}/interactions", page, "log", fields)
    if door == "api":
        body = {"kind": "call", "with_ids": [doors.id_of(who)], "minutes": minutes, "at": at}
        return doors.api("/api/v1/interactions", body)
    return doors.py(doors.python.log_touch, "call", who, minutes=minutes, at=at)


@pytest.mark.parametrize(
    ("typed", "stored"), [("an hour", 60.0), ("1.5 h", 90.0), ("1:30", 90.0), ("45", 45.0)]
)
def test_a_length_is_read_the_same_everywhere(
    doors: Doors, door: str, typed: str, stored: float
) -> None:
    assert _log(doors, door, "Cleo Park", minutes=typed, at="2026-11-01T10:00:00+00:00").ok
    [touch] = interactions.list_interactions(
        doors.store, doors.ws, person_id=doors.id_of("Cleo Park")
    )
    assert touch.duration_minutes == stored
    assert touch.participant_ids == sorted([doors.id_of("me"), doors.id_of("Cleo Park")])


def test_a_length_that_is_not_one_is_refused_and_nothing_is_logged(doors: Doors, door: str) -> None:
    refused = _log(doors, door, "Cleo Park", minutes="a while", at="2026-11-01T10:00:00+00:00")
    assert refused.kind == "InvalidInput"
    assert "'a while' is not a length" in refused.said.replace("&#39;", "'")
    assert interactions.list_interactions(doors.store, doors.ws) == []


def test_a_touch_in_the_future_is_refused(doors: Doors, door: str) -> None:
    refused = _log(doors, door, "Cleo Park", minutes="30", at="2031-01-05T10:00:00+00:00")
    assert refused.kind == "InvalidInput"
    assert "a touch is something that happened" in refused.said
    assert "follow-up" in refused.said
    assert interactions.list_interactions(doors.store, doors.ws) == []


# -- people ----------------------------------------------------------------------------


def _add_person(doors: Doors, door: str, name: str, email: str) -> Outcome:
    if door == "cli":
        return doors.cli("person", "add", name, "--email", email, "--category", "Managed IT")
    if door == "form":
        fields = {"name": name, "email": email, "category": "Managed IT"}
        return doors.form("/people", "/people/new", "f", fields)
    if door == "api":
        body = {"name": name, "emails": [email], "category": "Managed IT"}
        return doors.api("/api/v1/people", body)
    return doors.py(doors.python.add_person, name, emails=[email], category="Managed IT")


def test_a_person_is_added_alike_and_a_taken_email_refused_alike(doors: Doors, door: str) -> None:
    assert _add_person(doors, door, "Dana Wu", "dana@wu.example").ok
    dana = doors.python.person("Dana Wu")
    assert (dana.emails, dana.category) == (["dana@wu.example"], "Managed IT")
    refused = _add_person(doors, door, "Dana Other", "ben@ode.example")
    assert refused.kind == "Conflict"
    assert "ben@ode.example" in refused.said
    assert _add_person(doors, door, "Eve Bad", "not-an-email").kind == "InvalidInput"


# -- events: at most two weeks --------------------------------------------------------


def _add_event(doors: Doors, door: str, name: str, hours: str) -> Outcome:
    starts = "2026-12-10T18:00:00+00:00"
    if door == "cli":
        return doors.cli("event", "add", name, "--at", starts, "--hours", hours)
    if door == "form":
        return doors.form(
            "/events", "/events", "ev", {"name": name, "starts": starts, "hours": hours}
        )
    if door == "api":
        return doors.api("/api/v1/events", {"name": name, "starts_at": starts, "hours": hours})
    return doors.py(doors.python.add_event, name, starts, hours=float(hours))


def test_an_event_lasts_at_most_two_weeks_everywhere(doors: Doors, door: str) -> None:
    refused = _add_event(doors, door, "Endless Fair", "400")
    assert refused.kind == "InvalidInput"
    assert events.list_events(doors.store, doors.ws) == []
    assert _add_event(doors, door, "Mixer", "2.5").ok
    [mixer] = events.list_events(doors.store, doors.ws)
    assert mixer.ends_at is not None
    assert mixer.ends_at - mixer.starts_at == timedelta(hours=2.5)


# -- asks and follow-ups: the same defaults ---------------------------------------------


def test_an_ask_gets_the_same_defaults(doors: Doors, door: str) -> None:
    anna = doors.id_of("Anna Smith")
    if door == "cli":
        made = doors.cli("ask", "add", "an intro to a CFO", "--to", "Anna Smith")
    elif door == "form":
        made = doors.form(
            "/asks", "/asks", "a", {"what": "an intro to a CFO", "asked": "Anna Smith"}
        )
    elif door == "api":
        made = doors.api("/api/v1/asks", {"what": "an intro to a CFO", "asked_id": anna})
    else:
        made = doors.py(doors.python.make_ask, "an intro to a CFO", to="Anna Smith")
    assert made.ok
    [ask] = asks.list_asks(doors.store, doors.ws)
    assert (ask.asker_id, ask.asked_id, ask.what, ask.outcome) == (
        doors.id_of("me"),
        anna,
        "an intro to a CFO",
        None,
    )


def test_a_follow_up_is_due_in_a_week_everywhere(doors: Doors, door: str) -> None:
    if door == "cli":
        made = doors.cli("followup", "add", "Anna Smith", "send the deck")
    elif door == "form":
        made = doors.form(
            "/follow-ups", "/follow-ups", "fu", {"person": "Anna Smith", "reason": "send the deck"}
        )
    elif door == "api":
        body = {"person_id": doors.id_of("Anna Smith"), "reason": "send the deck"}
        made = doors.api("/api/v1/follow-ups", body)
    else:
        made = doors.py(doors.python.add_follow_up, "Anna Smith", "send the deck")
    assert made.ok
    [follow_up] = followups.list_follow_ups(doors.store, doors.ws)
    # The web app (forms and API) runs on its own pinned clock; the others on the real one.
    today = NOW.date() if door in ("form", "api") else doors.python.now().date()
    assert follow_up.due_on == today + timedelta(days=7)
    assert follow_up.reason == "send the deck"


# -- debriefs: a conversation with each person met, and known people found ----------


def test_a_debrief_logs_a_conversation_and_finds_known_people(doors: Doors, door: str) -> None:
    event = writes.add_event(
        doors.store,
        doors.ws,
        {"name": "Chamber Mixer", "starts_at": NOW - timedelta(days=2), "hours": 2},
    )
    assert event.id is not None
    new = "Ben Ode <ben@ode.example>"  # known already: found by email, not added again
    if door == "cli":
        done = doors.cli("debrief", "Chamber Mixer", "--met", "Anna Smith", "--new", new)
    elif door == "form":
        page = f"/events/{event.id}"
        fields = {"others": "Anna Smith", "new": new}
        done = doors.form(f"{page}/debrief", page, "db", fields)
    elif door == "api":
        body = {"met": [doors.id_of("Anna Smith")], "new": [new]}
        done = doors.api(f"/api/v1/events/{event.id}/debrief", body)
    else:
        done = doors.py(doors.python.debrief, "Chamber Mixer", met="Anna Smith", new=new)
    assert done.ok, done.said
    names = [p.name for p in people.list_people(doors.store, doors.ws)]
    assert names.count("Ben Ode") == 1
    talks = interactions.list_interactions(doors.store, doors.ws)
    with_whom = sorted(next(p for p in t.participant_ids if p != doors.id_of("me")) for t in talks)
    assert with_whom == sorted([doors.id_of("Anna Smith"), doors.id_of("Ben Ode")])
    assert all(t.event_id == event.id and t.occurred_at == event.starts_at for t in talks)
    state = plans_service.saved_plan(doors.store, doors.ws, event.id)
    assert state is not None


def test_answering_no_response_has_no_answer_time(doors: Doors, door: str) -> None:
    ask = writes.record_ask(
        doors.store,
        doors.ws,
        {
            "what": "a quote",
            "asked_id": doors.id_of("Anna Smith"),
            "asked_at": NOW - timedelta(days=3),
        },
    )
    assert ask.id is not None
    if door == "cli":
        done = doors.cli("ask", "answer", str(ask.id), "no-response")
    elif door == "form":
        done = doors.form(f"/asks/{ask.id}/answer", "/asks", "", {"outcome": "no-response"})
    elif door == "api":
        done = doors.api(f"/api/v1/asks/{ask.id}/answer", {"outcome": "no-response"})
    else:
        done = doors.py(doors.python.answer_ask, ask.id, "no-response")
    assert done.ok
    [answered] = asks.list_asks(doors.store, doors.ws)
    assert (answered.outcome, answered.answered_at) == (AskOutcome.NO_RESPONSE, None)
