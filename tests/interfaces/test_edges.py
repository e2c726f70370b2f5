"""Edges a review of the command layer found, each held through the doors it concerns:
moments without a zone, a year-less event day, a lower-case currency, a group whose
meetings take no time, lengths past any calendar, fields a body does not take, records
dated in the future, a prospect named by an id nobody has, a membership ended."""

from __future__ import annotations

import pytest

from netweave.services import events, groups, interactions, referrals
from tests.interfaces.conftest import Doors


def test_a_program_sends_a_moment_with_its_offset(doors: Doors) -> None:
    body = {"kind": "call", "with_ids": [doors.id_of("Anna Smith")], "at": "2026-11-02T10:00:00"}
    refused = doors.api("/api/v1/interactions", body)
    assert refused.kind == "InvalidInput"
    assert "at: give the moment with its offset" in refused.said
    assert doors.api("/api/v1/interactions", {**body, "at": "2026-11-02T06:00:00-08:00"}).ok
    [touch] = interactions.list_interactions(doors.store, doors.ws)
    assert touch.occurred_at.isoformat() == "2026-11-02T14:00:00+00:00"


def test_a_day_without_its_year_starts_an_event_on_the_nearer_one_everywhere(
    doors: Doors,
) -> None:
    assert doors.cli("event", "add", "Gala", "--at", "Jan 5 18:00").ok
    assert doors.py(doors.python.add_event, "Gala too", "Jan 5 18:00").ok
    first, second = sorted(events.list_events(doors.store, doors.ws), key=lambda e: e.name)
    assert first.starts_at == second.starts_at


def test_a_currency_is_read_in_any_case_and_lengths_past_the_calendar_are_refused(
    doors: Doors,
) -> None:
    anna = doors.id_of("Anna Smith")
    assert doors.api("/api/v1/referrals", {"receiver_id": anna, "prospect_name": "Acme"}).ok
    [given] = referrals.list_referrals(doors.store, doors.ws)
    won = {"status": "won", "value_cents": 100_00, "currency": "usd"}
    assert doors.api(f"/api/v1/referrals/{given.id}/status", won).ok
    assert referrals.get_referral(doors.store, doors.ws, given.id or 0).currency == "USD"
    huge = {"kind": "call", "with_ids": [anna], "minutes": 10**400}
    assert doors.api("/api/v1/interactions", huge).kind == "InvalidInput"
    assert doors.cli("log", "call", "Anna Smith", "--minutes", "1h" + "9" * 400).kind == (
        "InvalidInput"
    )
    late = {"name": "Late", "starts_at": "9999-12-31T23:00:00Z", "hours": 5}
    assert doors.api("/api/v1/events", late).kind == "InvalidInput"


def test_a_body_field_the_api_does_not_take_is_refused_not_dropped(doors: Doors) -> None:
    anna = doors.id_of("Anna Smith")
    assert doors.api("/api/v1/referrals", {"receiver_id": anna, "prospect_name": "Acme"}).ok
    [given] = referrals.list_referrals(doors.store, doors.ws)
    refused = doors.api(f"/api/v1/referrals/{given.id}/status", {"status": "won", "value": 1})
    assert refused.kind == "InvalidInput"
    assert "value: is not a field this takes" in refused.said


@pytest.mark.parametrize("door", ["cli", "api", "python"])
def test_a_referral_dated_in_the_future_is_refused(doors: Doors, door: str) -> None:
    anna = doors.id_of("Anna Smith")
    if door == "cli":
        refused = doors.cli(
            "referral", "give", "--to", "Anna Smith", "--prospect", "Acme", "--at", "2999-01-01"
        )
    elif door == "api":
        body = {"receiver_id": anna, "prospect_name": "Acme", "given_at": "2999-01-01T00:00:00Z"}
        refused = doors.api("/api/v1/referrals", body)
    else:
        refused = doors.py(doors.python.give_referral, "Anna Smith", "Acme", at="2999-01-01")
    assert refused.kind == "InvalidInput"
    assert "a referral is recorded once it happened" in refused.said
    assert referrals.list_referrals(doors.store, doors.ws) == []


def test_a_prospect_named_by_an_id_nobody_has_is_not_found(doors: Doors) -> None:
    refused = doors.cli("referral", "give", "--to", "Anna Smith", "--prospect", "#99")
    assert refused.kind == "NotFound"
    assert "there is no person #99" in refused.said
    assert doors.py(doors.python.give_referral, "Anna Smith", 99).kind == "NotFound"
    assert referrals.list_referrals(doors.store, doors.ws) == []


def test_a_group_without_meeting_hours_and_a_membership_ended_through_each_door(
    doors: Doors,
) -> None:
    made = doors.form("/groups", "/groups", "g", {"name": "Online Circle", "hours": "0"})
    assert made.ok, made.said
    [circle] = groups.list_groups(doors.store, doors.ws)
    assert circle.hours_per_meeting == 0
    anna, me = doors.id_of("Anna Smith"), doors.id_of("me")
    assert doors.cli("group", "join", "Online Circle", "Anna Smith").ok
    assert doors.py(doors.python.join_group, "Online Circle").ok
    assert doors.api(f"/api/v1/groups/{circle.id}/members/{anna}/leave", {}).ok
    assert doors.py(doors.python.leave_group, "Online Circle", "me").ok
    ended = {
        m.person_id: m.left_on for m, _ in groups.members(doors.store, doors.ws, circle.id or 0)
    }
    assert ended[anna] is not None
    assert ended[me] is not None
