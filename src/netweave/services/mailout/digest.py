"""The weekly digest: the review (``netweave review``) and the week's event plans, as a
letter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from netweave.analytics.wording import counted
from netweave.errors import NotFound
from netweave.outbox.letter import Letter, Line, Section
from netweave.services import events as events_service
from netweave.services import plans as plans_service
from netweave.services import workspaces
from netweave.services.plans import EventPlan
from netweave.services.review import WROTE_SINCE_HEADING, PersonNote, Review, review
from netweave.storage import Store

EVENTS_AHEAD = timedelta(days=7)
MOST_EVENTS = 5


@dataclass(frozen=True, slots=True)
class Upcoming:
    """An event ahead and its plan (None: not planned, and not planned for the mail)."""

    event_id: int
    name: str
    starts_at: datetime
    plan: EventPlan | None


def short_day(day: date, today: date) -> str:
    """ "21 May", with the year when it is not this year's ("21 May 2025")."""
    return f"{day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


def day_word(moment: datetime, today: date, zone: ZoneInfo) -> str:
    """ "Tonight" (or "Today" before 17:00), "Tomorrow", else the weekday and date."""
    local = moment.astimezone(zone)
    if local.date() == today:
        return "Tonight" if local.hour >= 17 else "Today"
    if local.date() == today + timedelta(days=1):
        return "Tomorrow"
    return f"{local:%A} {local.day} {local:%b}"


def upcoming_events(
    store: Store, ws: int, now: datetime, until: datetime, *, make_plans: bool
) -> list[Upcoming]:
    """The events starting from ``now`` until ``until``, each with its plan: the saved
    one, or (``make_plans``) one made and saved now, as ``netweave plan`` does."""
    found = events_service.list_events(store, ws, since=now, until=until, limit=MOST_EVENTS)
    ahead = []
    for event in found:
        plan = plans_service.saved_plan(store, ws, event.id)
        if plan is None and make_plans:
            try:
                plan = plans_service.make_plan(store, ws, event.id, now)
            except NotFound:  # removed meanwhile
                continue
        ahead.append(Upcoming(event.id, event.name, event.starts_at, plan))
    return ahead


def plan_section(event: Upcoming, today: date, zone: ZoneInfo) -> Section:
    """An event ahead: when, its purpose, whom to look for and why."""
    local = event.starts_at.astimezone(zone)
    title = f"{day_word(event.starts_at, today, zone)}: {event.name} at {local:%H:%M}"
    if event.plan is None:
        return Section(title, empty="No plan yet: plan it before you go.")
    lines = tuple(
        Line(
            t.name,
            t.kind.replace("_", " "),
            f"{t.reason}" + (f" Opener: {t.opener}" if t.opener else ""),
        )
        for t in event.plan.targets
    )
    return Section(
        title,
        lines,
        intro=f"{event.plan.purpose} (from {event.plan.drawn_from}).",
        empty="No one to look for in particular.",
    )


def _notes(notes: Sequence[PersonNote]) -> tuple[Line, ...]:
    return tuple(Line(n.name, n.label, "; ".join(n.reasons)) for n in notes)


def review_sections(found: Review, today: date) -> list[Section]:
    """The review's lists, as ``netweave review`` shows them."""
    return [
        Section(
            "Fading ties worth a one-on-one",
            tuple(
                Line(t.name, f"{t.layer}, strength {t.strength:.1f}", "; ".join(t.reasons))
                for t in found.fading
            ),
            empty="None: your close ties are holding.",
        ),
        Section("Losing touch (past their cadence)", _notes(found.losing_touch)),
        Section(
            "Follow-ups overdue",
            tuple(
                Line(
                    f.name,
                    f"due {short_day(f.due_on, today)}, {counted(f.days_late, 'day')} late",
                    f.reason,
                )
                for f in found.follow_ups
            ),
            intro=f"After events: {found.follow_through}" if found.follow_through else "",
        ),
        Section(
            "Follow-ups due this week",
            tuple(Line(f.name, f"due {f.due_on:%a %d %b}", f.reason) for f in found.due_soon),
        ),
        Section(
            WROTE_SINCE_HEADING,
            tuple(
                Line(w.offer, w.reason, f"to close it: {w.close_command}")
                for w in found.wrote_since
            ),
            intro="A synced email does not close a follow-up by itself."
            if found.wrote_since
            else "",
        ),
        Section("Givers to thank", _notes(found.cherish)),
        Section("Takers to stop counting on", _notes(found.stop_counting_on)),
        Section(
            "Your groups: worth it?",
            tuple(Line(g.name, g.verdict.value, "; ".join(g.reasons)) for g in found.groups),
        ),
    ]


def subject_of(found: Review, events: int, today: date) -> str:
    parts = []
    if found.follow_ups or found.due_soon:
        parts.append(counted(len(found.follow_ups) + len(found.due_soon), "follow-up") + " due")
    if found.fading:
        parts.append(counted(len(found.fading), "tie") + " fading")
    if events:
        parts.append(counted(events, "event") + " ahead")
    summary = ", ".join(parts) if parts else "nothing pressing"
    return f"Weekly review, {today.day} {today:%b}: {summary}"


def digest_letter(store: Store, ws: int, as_of: datetime, *, make_plans: bool = True) -> Letter:
    """The weekly digest as of ``as_of``: the review, then the week's events and plans."""
    settings = workspaces.get_settings(store, ws)
    zone = settings.zone
    today = as_of.astimezone(zone).date()
    found = review(store, ws, as_of, today)
    ahead = upcoming_events(store, ws, as_of, as_of + EVENTS_AHEAD, make_plans=make_plans)
    intro = (
        f"Your weekly review as of {as_of.astimezone(zone):%A %d %B %Y, %H:%M} "
        f"({settings.time_zone}), {found.rhythm}. You: {found.me.label}"
        + (f" ({'; '.join(found.me.reasons)})." if found.me.reasons else ".")
    )
    sections = review_sections(found, today)
    sections += [plan_section(event, today, zone) for event in ahead]
    if not ahead:
        sections.append(Section("Events this week", empty="No event on the calendar this week."))
    return Letter(
        subject=subject_of(found, len(ahead), today),
        heading="Your weekly review",
        intro=intro,
        sections=tuple(sections),
        footer=(
            "Sent by netweave. The same review is on the dashboard; "
            "where and when this mail goes is in the settings."
        ),
    )


__all__ = [
    "EVENTS_AHEAD",
    "Upcoming",
    "day_word",
    "digest_letter",
    "plan_section",
    "review_sections",
    "short_day",
    "subject_of",
    "upcoming_events",
]
