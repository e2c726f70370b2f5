"""The calendar feed, parsed back with icalendar and checked against RFC 5545."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from netweave.domain import Event, FollowUp
from netweave.domain.plan import PlanDraft, Target, TargetKind
from netweave.planning.calendar import PRODID, calendar_feed

NOW = datetime(2026, 11, 2, 18, tzinfo=UTC)


def feed() -> Calendar:
    event = Event(
        id=12,
        name="Chamber Mixer, Nov 4",
        starts_at=datetime(2026, 11, 4, 23, tzinfo=UTC),
        place="Lakeside Grill",
    )
    plan = PlanDraft(
        event_id=12,
        purpose="Reconnect with Ana Ruiz.",
        made_at=NOW,
        targets=[
            Target(
                person_id=2,
                kind=TargetKind.RECONNECT,
                reason="close tie; quiet",
                opener="Ask about the new office",
            )
        ],
    )
    follow_up = FollowUp(
        id=7, person_id=3, due_on=date(2026, 11, 9), reason="One-on-one", event_id=12
    )
    data = calendar_feed(
        1, "Jordan", [event], {12: plan}, [follow_up], {2: "Ana Ruiz", 3: "Ben Cole"}, NOW
    )
    return Calendar.from_ical(data)


def test_the_feed_has_the_properties_rfc_5545_requires() -> None:
    calendar = feed()
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    entries = list(calendar.walk("VEVENT"))
    assert len(entries) == 2
    for entry in entries:
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert required in entry, f"{required} missing in {entry.get('SUMMARY')}"
        assert entry.decoded("DTSTAMP") == NOW
    assert len({str(e["UID"]) for e in entries}) == 2


def test_events_carry_their_plan_and_follow_ups_are_all_day() -> None:
    event, follow_up = feed().walk("VEVENT")
    assert str(event["UID"]) == "event-12.ws1@netweave"
    assert event.decoded("DTSTART") == datetime(2026, 11, 4, 23, tzinfo=UTC)
    assert str(event["LOCATION"]) == "Lakeside Grill"
    description = str(event["DESCRIPTION"])
    assert "Reconnect with Ana Ruiz." in description
    assert "- Ana Ruiz (reconnect): close tie; quiet" in description
    assert "Opener: Ask about the new office" in description
    assert follow_up.decoded("DTSTART") == date(2026, 11, 9)
    assert follow_up.decoded("DTEND") == date(2026, 11, 10)
    assert str(follow_up["SUMMARY"]) == "Follow up with Ben Cole"
    assert str(follow_up["TRANSP"]) == "TRANSPARENT"
