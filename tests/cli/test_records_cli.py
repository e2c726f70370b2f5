"""Groups, events, touches, referrals, asks, follow-ups: each command, then the database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from netweave.domain import ReferralStatus
from netweave.services import asks, events, followups, groups, interactions, people, referrals
from tests.cli.conftest import Netweave


def _id(nw: Netweave, name: str) -> int:
    found = people.find_person(nw.store, nw.ws, name).id
    assert found is not None
    return found


def test_group_lifecycle(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok(
        "group", "add", "Downtown Chamber", "--kind", "chamber", "--cadence", "monthly",
        "--dues", "1,200.50", "--hours", "2.5", "--purpose", "prospects",
    )  # fmt: skip
    chamber = groups.find_group(nw.store, nw.ws, "downtown")
    assert (chamber.kind.value, chamber.cadence.value) == ("chamber", "monthly")
    assert chamber.dues_cents == 120050
    assert chamber.hours_per_meeting == 2.5
    assert chamber.id is not None
    nw.ok(
        "group",
        "join",
        "Downtown Chamber",
        "Anna Smith",
        "--role",
        "committee",
        "--since",
        "2025-01-15",
    )
    again = nw("group", "join", "Downtown Chamber", "Anna Smith")
    assert again.code == 5
    nw.ok("group", "role", "Downtown Chamber", "Anna Smith", "leader")
    nw.ok("group", "leave", "Downtown Chamber", "Anna Smith", "--on", "2026-02-01")
    [(membership, person)] = groups.members(nw.store, nw.ws, chamber.id)
    assert person.name == "Anna Smith"
    assert membership.role.value == "leader"
    assert membership.joined_on == date(2025, 1, 15)
    assert membership.left_on == date(2026, 2, 1)
    nw.ok("group", "edit", "Downtown Chamber", "--name", "City Chamber")
    assert groups.find_group(nw.store, nw.ws, str(chamber.id)).name == "City Chamber"
    listed = json.loads(nw.ok("group", "list", "--json").out)
    assert [g["name"] for g in listed] == ["City Chamber"]
    nw.ok("group", "remove", "City Chamber")
    assert groups.list_groups(nw.store, nw.ws) == []


def test_bad_group_kind_is_a_usage_error(nw: Netweave) -> None:
    result = nw("group", "add", "X", "--kind", "guild")
    assert result.code == 2
    assert "guild" in result.err
    assert groups.list_groups(nw.store, nw.ws) == []


def test_event_times_use_the_workspace_zone(nw: Netweave) -> None:
    nw.ok("group", "add", "Chamber")
    nw.ok(
        "event", "add", "March Mixer", "--at", "2026-03-05T18:30", "--hours", "2",
        "--group", "Chamber", "--place", "Town Hall", "--cost", "35",
    )  # fmt: skip
    mixer = events.find_event(nw.store, nw.ws, "mixer")
    # Europe/Berlin is UTC+1 in March.
    assert mixer.starts_at == datetime(2026, 3, 5, 17, 30, tzinfo=UTC)
    assert mixer.ends_at == datetime(2026, 3, 5, 19, 30, tzinfo=UTC)
    assert mixer.cost_cents == 3500
    assert mixer.place == "Town Hall"
    assert "2026-03-05 18:30" in nw.ok("event", "list").out


def test_attendance_all_or_nothing(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("event", "add", "Mixer", "--at", "2026-03-05T18:30")
    failed = nw("event", "attend", "Mixer", "Anna Smith", "Nobody Known", "--met")
    assert failed.code == 3
    mixer = events.find_event(nw.store, nw.ws, "Mixer")
    assert mixer.id is not None
    assert events.attendees(nw.store, nw.ws, mixer.id) == []
    nw.ok("event", "attend", "Mixer", "Anna Smith", "me", "--met")
    present = events.attendees(nw.store, nw.ws, mixer.id)
    assert sorted(p.name for _, p in present) == ["Anna Smith", "Robin Vale"]
    assert all(a.met for a, _ in present)
    nw.ok("event", "unattend", "Mixer", "me")
    assert [p.name for _, p in events.attendees(nw.store, nw.ws, mixer.id)] == ["Anna Smith"]


def test_log_each_kind_with_me_as_participant(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("person", "add", "Bob Jones")
    nw.ok("event", "add", "Mixer", "--at", "2026-03-05T18:30")
    nw.ok(
        "log", "event-conversation", "Anna Smith", "--at", "2026-03-05T19:00",
        "--minutes", "15", "--by", "anna smith", "--event", "Mixer",
    )  # fmt: skip
    nw.ok("log", "email", "Bob Jones", "--at", "2026-03-06")
    nw.ok("log", "call", "Anna Smith", "Bob Jones", "--without-me", "--at", "2026-03-07")
    found = interactions.list_interactions(nw.store, nw.ws)
    assert [i.kind.value for i in found] == ["call", "email", "event-conversation"]
    call, email, talk = found
    me, anna, bob = _id(nw, "me"), _id(nw, "Anna Smith"), _id(nw, "Bob Jones")
    assert call.participant_ids == sorted([anna, bob])
    assert email.participant_ids == sorted([me, bob])
    assert email.in_person is False
    assert talk.in_person is True
    assert talk.initiated_by_id == anna
    assert talk.duration_minutes == 15
    assert talk.event_id == events.find_event(nw.store, nw.ws, "Mixer").id
    listed = json.loads(nw.ok("log", "list", "Bob Jones", "--json").out)
    assert [i["kind"] for i in listed] == ["call", "email"]
    nw.ok("log", "remove", str(call.id))
    assert len(interactions.list_interactions(nw.store, nw.ws)) == 2


def test_log_rejects_an_initiator_who_was_not_there(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("person", "add", "Bob Jones")
    result = nw("log", "call", "Anna Smith", "--by", "Bob Jones")
    assert result.code == 2
    assert "participants" in result.err
    assert interactions.list_interactions(nw.store, nw.ws) == []


def test_bad_date_is_explained(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    result = nw("log", "call", "Anna Smith", "--at", "next tuesday-ish")
    assert result.code == 2
    assert "'next tuesday-ish' is not a date or time" in result.err
    assert "3 days ago" in result.err


def test_referral_path_to_won_with_value(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith", "--category", "Tax Law")
    nw.ok("person", "add", "Bob Jones")
    nw.ok("referral", "give", "--to", "Anna Smith", "--prospect", "Bob Jones", "--at", "2026-01-05")
    nw.ok("referral", "give", "--to", "Anna Smith", "--prospect", "Zed Corp", "--from", "Bob Jones")
    first, second = sorted(referrals.list_referrals(nw.store, nw.ws), key=lambda r: r.id or 0)
    assert first.id is not None
    assert first.category == "Tax Law"  # the receiver's category, as typed
    assert first.prospect_id == _id(nw, "Bob Jones")
    assert second.prospect_id is None
    assert second.prospect_name == "Zed Corp"
    nw.ok("referral", "status", str(first.id), "contacted", "--at", "2026-01-10")
    nw.ok("referral", "status", str(first.id), "won", "--at", "2026-02-01", "--value", "4,000")
    won = referrals.get_referral(nw.store, nw.ws, first.id)
    assert won.status is ReferralStatus.WON
    assert won.value_cents == 400000
    assert won.currency == "EUR"
    assert [h.status.value for h in won.history] == ["new", "contacted", "won"]
    back = nw("referral", "status", str(first.id), "meeting")
    assert back.code == 2
    assert "already won" in back.err
    assert referrals.get_referral(nw.store, nw.ws, first.id).history == won.history


def test_value_only_with_won(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("referral", "give", "--to", "Anna Smith", "--prospect", "Zed Corp")
    [referral] = referrals.list_referrals(nw.store, nw.ws)
    result = nw("referral", "status", str(referral.id), "meeting", "--value", "100")
    assert result.code == 2
    assert referrals.list_referrals(nw.store, nw.ws)[0].status is ReferralStatus.NEW


def test_asks_recorded_and_answered(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("ask", "add", "an intro to a CFO", "--to", "Anna Smith", "--at", "2026-01-05")
    nw.ok("ask", "add", "a testimonial", "--from", "Anna Smith", "--at", "2026-01-06")
    mine, theirs = sorted(asks.list_asks(nw.store, nw.ws), key=lambda a: a.id or 0)
    assert mine.asker_id == _id(nw, "me")
    assert mine.asked_id == _id(nw, "Anna Smith")
    assert theirs.asker_id == _id(nw, "Anna Smith")
    open_asks = json.loads(nw.ok("ask", "list", "--open", "--json").out)
    assert len(open_asks) == 2
    nw.ok("ask", "answer", str(mine.id), "helped", "--at", "2026-01-09")
    nw.ok("ask", "answer", str(theirs.id), "no-response")
    answered = {a.id: a for a in asks.list_asks(nw.store, nw.ws)}
    assert answered[mine.id].outcome is not None
    assert answered[mine.id].outcome.value == "helped"
    assert answered[theirs.id].answered_at is None
    early = nw("ask", "answer", str(mine.id), "declined", "--at", "2025-12-01")
    assert early.code == 2
    assert "before the ask" in early.err


def test_follow_ups(nw: Netweave) -> None:
    nw.ok("person", "add", "Anna Smith")
    nw.ok("followup", "add", "Anna Smith", "send the deck", "--due", "2026-01-10")
    nw.ok("followup", "add", "Anna Smith", "book lunch")
    first, second = followups.list_follow_ups(nw.store, nw.ws)
    assert first.due_on == date(2026, 1, 10)
    assert first.reason == "send the deck"
    assert "overdue" in nw.ok("followup", "list").out
    nw.ok("followup", "done", str(first.id))
    twice = nw("followup", "done", str(first.id))
    assert twice.code == 5
    assert [f.reason for f in followups.list_follow_ups(nw.store, nw.ws, open_only=True)] == [
        "book lunch"
    ]
    assert second.due_on > first.due_on


def test_settings_and_market(nw: Netweave) -> None:
    nw.ok("settings", "set", "--hourly-value", "150", "--currency", "usd", "--region", "de")
    settings = json.loads(nw.ok("settings", "show", "--json").out)
    assert settings == {
        "hourly_value_cents": 15000,
        "currency": "USD",
        "time_zone": "Europe/Berlin",
        "default_region": "DE",
        "pinned_today": None,
        "keep_in_touch_days_by_tag": {},
        "my_addresses": [],
    }
    bad = nw("settings", "set", "--time-zone", "Mars/Base")
    assert bad.code == 2
    assert json.loads(nw.ok("settings", "show", "--json").out)["time_zone"] == "Europe/Berlin"
    nw.ok("market", "set", "--category", "Law", "--category", "accounting", "--region", "Berlin")
    nw.ok("market", "set", "--keyword", "founders")
    market = json.loads(nw.ok("market", "show", "--json").out)
    assert market["categories"] == ["accounting", "law"]
    assert market["regions"] == ["berlin"]
    assert market["keywords"] == ["founders"]
    nw.ok("market", "clear")
    assert json.loads(nw.ok("market", "show", "--json").out)["categories"] == []


def test_company_size_is_refused_because_people_have_none(nw: Netweave) -> None:
    refused = nw("market", "set", "--category", "law", "--size", "10-50")
    assert refused.code == 2
    assert "netweave records no company size for people" in refused.err
    assert json.loads(nw.ok("market", "show", "--json").out)["categories"] == []
