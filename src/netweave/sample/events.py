"""Eighteen months of meetings, who came, whom the owner met, and who talked to whom.

Each group meets on its cadence (weekly, every other week, the n-th weekday
of the month, quarterly), skipping the holidays; a few standalone events
(an expo, a summit, a gala) cost an entrance fee. The three weeks after
"today" hold upcoming meetings with RSVPs, for planning.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from netweave.domain import AttendanceStatus, Cadence, Event, GroupKind, InteractionKind
from netweave.sample.clock import HISTORY_DAYS, HISTORY_START, as_datetime, day_of, moment
from netweave.sample.clock import weekday as weekday_of
from netweave.sample.groups import GroupPlan, Roster
from netweave.sample.logs import AttendanceLog, InteractionLog
from netweave.sample.people import OWNER_ID, Cast

UPCOMING_DAYS = 21
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# (name, date, start minute, hours, place, cost in cents)
_STANDALONE = (
    ("Twin Cities Business Expo 2025", "2025-09-18", 9 * 60, 7.0, "Convention Center", 7_500),
    ("Women in Business Luncheon", "2025-11-13", 11 * 60 + 30, 2.0, "Graves Hall", 6_000),
    ("Year-end Networking Gala", "2025-12-11", 18 * 60, 3.5, "Riverview Ballroom", 9_500),
    ("Minnesota Manufacturing Summit", "2026-03-12", 8 * 60, 8.0, "RiverCentre", 19_500),
    ("Small Business Week Breakfast", "2026-05-06", 7 * 60 + 30, 2.0, "Northside Hub", 2_500),
    ("Twin Cities Business Expo 2026", "2026-09-17", 9 * 60, 7.0, "Convention Center", 7_500),
)


@dataclass
class Calendar:
    """The events, and what the owner did at them."""

    rows: list[tuple[str, int, int, int, str, int]] = field(default_factory=list)
    """Events: (name, group or 0, starts, ends, place, cost in cents); times in seconds."""
    owner_meets: list[tuple[int, int, int]] = field(default_factory=list)
    """(event, day, person) for everyone the owner met at an event."""


def _holiday(day: int) -> bool:
    when = day_of(day)
    return (when.month == 12 and when.day >= 22) or (when.month == 1 and when.day <= 2)


def _meeting_days(plan: GroupPlan) -> list[int]:
    days = []
    for day in range(HISTORY_DAYS + UPCOMING_DAYS):
        if weekday_of(day) != plan.weekday or _holiday(day):
            continue
        when = day_of(day)
        nth = (when.day - 1) // 7 + 1
        cadence = plan.cadence
        if (
            cadence is Cadence.WEEKLY
            or (cadence is Cadence.BIWEEKLY and (day // 7) % 2 == 0)
            or (cadence is Cadence.MONTHLY and nth == plan.week_of_month)
            or (
                cadence is Cadence.QUARTERLY
                and nth == plan.week_of_month
                and when.month in (1, 4, 7, 10)
            )
        ):
            days.append(day)
    return days


def _plan_events(roster: Roster) -> list[tuple[int, int, int, int]]:
    """(starts, day, group, standalone) of every event, in time order.

    ``group`` is 0 for a standalone event, which is then ``_STANDALONE[standalone]``.
    """
    planned: list[tuple[int, int, int, int]] = []
    cache: dict[tuple[Cadence, int, int], list[int]] = {}
    for group_id, plan in enumerate(roster.plans, start=1):
        key = (plan.cadence, plan.weekday, plan.week_of_month)
        if key not in cache:
            cache[key] = _meeting_days(plan)
        planned.extend((moment(day, plan.start_minute), day, group_id, 0) for day in cache[key])
    for index, (_, on, minute, _, _, _) in enumerate(_STANDALONE):
        day = (date.fromisoformat(on) - HISTORY_START).days
        planned.append((moment(day, minute), day, 0, index))
    planned.sort()
    return planned


def _active(members: list[tuple[int, int | None, int | None]], day: int) -> list[int]:
    return [
        pid
        for pid, joined, left in members
        if (joined is None or joined <= day) and (left is None or day <= left)
    ]


class _EventBuilder:
    def __init__(
        self, rng: random.Random, cast: Cast, log: InteractionLog, attendance: AttendanceLog
    ) -> None:
        self.rng = rng
        self.cast = cast
        self.log = log
        self.attendance = attendance
        self.calendar = Calendar()
        self.in_person = True

    def add(self, starts: int, day: int, group: int, standalone: int, roster: Roster) -> None:
        rng, cast = self.rng, self.cast
        event_id = len(self.calendar.rows) + 1
        when = day_of(day)
        stamp = f"{_MONTHS[when.month - 1]} {when.day} {when.year}"
        if group:
            plan = roster.plans[group - 1]
            name, hours = f"{plan.name} {plan.meeting}, {stamp}", plan.hours
            place, cost = plan.place, plan.cost_cents
            self.in_person = plan.kind is not GroupKind.ONLINE_COMMUNITY
            active = _active(plan.members, day)
            scale = min(1.0, 30 / max(1, len(active)))
            mine = OWNER_ID in active and rng.random() < plan.my_attendance
            guests = [
                pid
                for pid in active
                if pid != OWNER_ID and rng.random() < cast.engagement[pid] * scale
            ]
        else:
            name, _, _, hours, place, cost = _STANDALONE[standalone]
            crowd = min(60, max(4, cast.count // 8))
            guests = rng.sample(range(2, cast.count + 1), min(crowd, cast.count - 1))
            mine, self.in_person = True, True
        ends = starts + int(hours * 3600)
        self.calendar.rows.append((name, group, starts, ends, place, cost))
        if day >= HISTORY_DAYS:
            self._upcoming(event_id, mine, guests)
        else:
            self._past(event_id, day, starts, ends, name, mine, guests)

    def _upcoming(self, event_id: int, mine: bool, guests: list[int]) -> None:
        if mine:
            self.attendance.add(event_id, OWNER_ID, AttendanceStatus.RSVP)
        for pid in guests:
            status = AttendanceStatus.RSVP if self.rng.random() < 0.6 else AttendanceStatus.INVITED
            self.attendance.add(event_id, pid, status)

    def _past(
        self,
        event_id: int,
        day: int,
        starts: int,
        ends: int,
        name: str,
        mine: bool,
        guests: list[int],
    ) -> None:
        rng, cast = self.rng, self.cast
        present = [pid for pid in guests if rng.random() >= 0.04]
        there = set(present)
        met: set[int] = set()
        if mine:
            self.attendance.add(event_id, OWNER_ID, AttendanceStatus.ATTENDED)
        if mine and present:
            new = [pid for pid in present if cast.met_day[pid] is None]
            for _ in range(min(len(present), rng.choice((1, 2, 2, 3, 3, 4)))):
                pool = new if new and rng.random() < 0.7 else present
                pid = rng.choice(pool)
                if pid in met:
                    continue
                met.add(pid)
                cast.meet(pid, day, f"Met at {name.split(',')[0]}")
                self.calendar.owner_meets.append((event_id, day, pid))
                self._talk(event_id, starts, ends, OWNER_ID, pid)
        for pid in guests:
            if pid in there:
                self.attendance.add(event_id, pid, AttendanceStatus.ATTENDED, met=pid in met)
            else:
                self.attendance.add(event_id, pid, AttendanceStatus.ABSENT)
        for _ in range(len(present) // 3):
            first, second = rng.sample(present, 2)
            third = rng.choice(present) if rng.random() < 0.15 else 0
            self._talk(
                event_id, starts, ends, first, second, 0 if third in (first, second) else third
            )

    def _talk(self, event_id: int, starts: int, ends: int, a: int, b: int, c: int = 0) -> None:
        rng = self.rng
        at = starts + 60 * rng.randrange(max(1, (ends - starts) // 60 - 10))
        self.log.add(
            InteractionKind.EVENT_CONVERSATION,
            at,
            a,
            b,
            third=c,
            minutes=rng.randint(5, 20),
            initiator=a if rng.random() < 0.55 else b,
            event=event_id,
            in_person=self.in_person,
        )


def build_calendar(
    rng: random.Random, cast: Cast, roster: Roster, log: InteractionLog, attendance: AttendanceLog
) -> Calendar:
    """Every event in time order, with attendance and the conversations held there."""
    builder = _EventBuilder(rng, cast, log, attendance)
    for starts, day, group, standalone in _plan_events(roster):
        builder.add(starts, day, group, standalone, roster)
    return builder.calendar


def event_record(calendar: Calendar, number: int) -> Event:
    name, group, starts, ends, place, cost = calendar.rows[number - 1]
    return Event.model_validate(
        {
            "id": number,
            "name": name,
            "group_id": group or None,
            "starts_at": as_datetime(starts),
            "ends_at": as_datetime(ends),
            "place": place,
            "cost_cents": cost,
        }
    )


__all__ = ["UPCOMING_DAYS", "Calendar", "build_calendar", "event_record"]
