"""Reminders: follow-ups due, people whose keep-in-touch date has come, and the plan for
tomorrow's event. Each reminder has a key that names it for good (the follow-up and its
due day, the person and the day their touch came due, the event and its day), so that it
goes out once, however often the reminders run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from netweave.analytics.wording import counted
from netweave.domain.touch import moment
from netweave.outbox.letter import Letter, Line, Section
from netweave.outbox.schedule import at_local
from netweave.services import workspaces
from netweave.services.cadence import losing_touch_in
from netweave.services.mailout.digest import day_word, short_day, upcoming_events
from netweave.services.ties import ego_ties_in, owner_or_none
from netweave.storage import Store
from netweave.storage import analytics as analytics_db
from netweave.storage import followups as followups_db

KEEP_IN_TOUCH_WINDOW = timedelta(days=7)
"""A keep-in-touch date is reminded of in the week after it came; those further past are
the digest's "losing touch" list, not a flood of reminders on the first run."""
MOST_REMINDERS = 25
"""The most reminders in one message; the rest come with the next run."""

FOLLOW_UP = "follow-up"
KEEP_IN_TOUCH = "keep-in-touch"
EVENT = "event"
_TITLES = {
    FOLLOW_UP: "Follow-ups due",
    KEEP_IN_TOUCH: "Keep in touch",
    EVENT: "Coming up",
}


@dataclass(frozen=True, slots=True)
class Reminder:
    key: str
    """What the reminder is about, for good: ``follow-up:12:2026-11-02``."""
    kind: str
    line: Line


def _follow_ups(store: Store, ws: int, today: date) -> list[Reminder]:
    with store.transaction() as conn:
        due = followups_db.list_follow_ups(conn, ws, open_only=True, due_by=today)
        names = analytics_db.names(conn, ws, [f.person_id for f in due])
    due.sort(key=lambda f: (f.due_on, f.id))
    found = []
    for f in due:
        late = (today - f.due_on).days
        when = (
            "due today"
            if late == 0
            else f"due {short_day(f.due_on, today)}, {counted(late, 'day')} late"
        )
        name = names.get(f.person_id, f"#{f.person_id}")
        found.append(
            Reminder(
                f"{FOLLOW_UP}:{f.id}:{f.due_on.isoformat()}", FOLLOW_UP, Line(name, when, f.reason)
            )
        )
    return found


def _keep_in_touch(store: Store, ws: int, now: datetime, zone: ZoneInfo) -> list[Reminder]:
    with store.transaction() as conn:
        me = owner_or_none(conn, ws)
        if me is None:
            return []
        ties, _ = ego_ties_in(conn, ws, me, now)
        late = losing_touch_in(conn, ws, ties.ties, now)
    by_id = {t.person_id: t for t in ties.ties}
    today = now.astimezone(zone).date()
    found = []
    for o in late:
        due = moment(o.due)
        if now - due > KEEP_IN_TOUCH_WINDOW:
            continue
        day = due.astimezone(zone).date()
        found.append(
            Reminder(
                f"{KEEP_IN_TOUCH}:{o.person}:{day.isoformat()}",
                KEEP_IN_TOUCH,
                Line(by_id[o.person].name, f"due {short_day(day, today)}", o.reason),
            )
        )
    return found


def _events(
    store: Store, ws: int, now: datetime, zone: ZoneInfo, *, make_plans: bool
) -> list[Reminder]:
    today = now.astimezone(zone).date()
    until = at_local(today + timedelta(days=2), time(0), zone)
    found = []
    for event in upcoming_events(store, ws, now, until, make_plans=make_plans):
        local = event.starts_at.astimezone(zone)
        when = f"{day_word(event.starts_at, today, zone)} at {local:%H:%M}"
        if event.plan is None:
            note = "No plan yet: plan it before you go."
        elif event.plan.targets:
            note = f"{event.plan.purpose}. Look for: " + "; ".join(
                f"{t.name} ({t.reason})" for t in event.plan.targets
            )
        else:
            note = f"{event.plan.purpose}."
        key = f"{EVENT}:{event.event_id}:{local.date().isoformat()}"
        found.append(Reminder(key, EVENT, Line(event.name, when, note)))
    return found


def due_reminders(
    store: Store, ws: int, now: datetime, *, make_plans: bool = True
) -> list[Reminder]:
    """Every reminder due as of ``now``: follow-ups due today or before, keep-in-touch
    dates of the past week, events today (still ahead) and tomorrow with their plans."""
    zone = workspaces.get_settings(store, ws).zone
    return [
        *_events(store, ws, now, zone, make_plans=make_plans),
        *_follow_ups(store, ws, now.astimezone(zone).date()),
        *_keep_in_touch(store, ws, now, zone),
    ]


def reminders_letter(reminders: Sequence[Reminder], now: datetime, zone_name: str) -> Letter:
    """The reminders in one letter, grouped by kind."""
    sections = []
    for kind, title in _TITLES.items():
        lines = tuple(r.line for r in reminders if r.kind == kind)
        if lines:
            sections.append(Section(title, lines))
    counts = [
        counted(sum(1 for r in reminders if r.kind == kind), one, many)
        for kind, one, many in (
            (FOLLOW_UP, "follow-up", None),
            (KEEP_IN_TOUCH, "keep-in-touch", None),
            (EVENT, "event", None),
        )
        if any(r.kind == kind for r in reminders)
    ]
    return Letter(
        subject=f"Reminders: {', '.join(counts)}",
        heading="Reminders",
        intro=f"As of {now:%A %d %B, %H:%M} ({zone_name}). Each is sent once.",
        sections=tuple(sections),
        footer="Sent by netweave. Where and when reminders go is in the settings.",
    )


__all__ = [
    "EVENT",
    "FOLLOW_UP",
    "KEEP_IN_TOUCH",
    "KEEP_IN_TOUCH_WINDOW",
    "MOST_REMINDERS",
    "Reminder",
    "due_reminders",
    "reminders_letter",
]
