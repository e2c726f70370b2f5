"""The calendar feed: planned events and due follow-ups as iCalendar (RFC 5545).

Every component has the properties RFC 5545 requires (UID, DTSTAMP, DTSTART)
and the calendar its VERSION and PRODID. UIDs are stable (``event-12.ws1@netweave``),
so a calendar client that subscribes updates the entries instead of duplicating
them. Follow-ups are all-day entries, marked free (TRANSP:TRANSPARENT).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from netweave.domain.event import Event
from netweave.domain.followup import FollowUp
from netweave.domain.plan import PlanDraft

PRODID = "-//netweave//netweave plans and follow-ups//EN"
DEFAULT_HOURS = 2


def _plan_text(plan: PlanDraft, names: Mapping[int, str]) -> str:
    lines = [plan.purpose, ""]
    for target in plan.targets:
        name = names.get(target.person_id, f"#{target.person_id}")
        lines.append(f"- {name} ({target.kind.value}): {target.reason}")
        if target.opener:
            lines.append(f"  Opener: {target.opener}")
    return "\n".join(lines)


def calendar_feed(
    ws: int,
    name: str,
    events: Sequence[Event],
    plans: Mapping[int, PlanDraft],
    follow_ups: Sequence[FollowUp],
    names: Mapping[int, str],
    now: datetime,
) -> bytes:
    """The feed as iCalendar bytes: ``events`` (with their plans) and open ``follow_ups``."""
    feed = Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", PRODID)
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", f"netweave: {name}")
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.id}.ws{ws}@netweave")
        entry.add("dtstamp", now)
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at or event.starts_at + timedelta(hours=DEFAULT_HOURS))
        entry.add("summary", event.name)
        if event.place:
            entry.add("location", event.place)
        plan = plans.get(event.id)
        if plan is not None:
            entry.add("description", _plan_text(plan, names))
        feed.add_component(entry)
    for follow_up in follow_ups:
        person = names.get(follow_up.person_id, f"#{follow_up.person_id}")
        entry = CalendarEvent()
        entry.add("uid", f"follow-up-{follow_up.id}.ws{ws}@netweave")
        entry.add("dtstamp", now)
        entry.add("dtstart", follow_up.due_on)
        entry.add("dtend", follow_up.due_on + timedelta(days=1))
        entry.add("summary", f"Follow up with {person}")
        entry.add("description", follow_up.reason)
        entry.add("transp", "TRANSPARENT")
        feed.add_component(entry)
    return bytes(feed.to_ical())


__all__ = ["DEFAULT_HOURS", "PRODID", "calendar_feed"]
