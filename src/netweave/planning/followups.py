"""The 7-day rule for follow-ups from an event, and how well they are kept.

Practitioners' rule: leave an event with one or two people for an extended
conversation within the following week. A debrief's follow-up is due within
7 days of the debrief (and never before the event); by default on the 7th day.
Follow-through counts the follow-ups that came from events: done by their due
day, done late, missed (open past due) and still open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from netweave.domain.followup import FollowUpDraft

FOLLOW_UP_WITHIN = 7


def follow_up_due(event_day: date, today: date, wanted: date | None = None) -> date:
    """The due day of a debrief's follow-up; ValueError when ``wanted`` breaks the rule."""
    start = max(event_day, today)
    latest = start + timedelta(days=FOLLOW_UP_WITHIN)
    if wanted is None:
        return latest
    if wanted < start:
        raise ValueError(f"a follow-up cannot be due before {start.isoformat()}")
    if wanted > latest:
        raise ValueError(
            f"a follow-up from an event is due within {FOLLOW_UP_WITHIN} days, "
            f"by {latest.isoformat()} at the latest"
        )
    return wanted


@dataclass(frozen=True, slots=True)
class FollowThrough:
    in_time: int
    late: int
    missed: int
    open: int

    @property
    def share_in_time(self) -> float | None:
        """Share of the follow-ups that came due which were done in time."""
        due = self.in_time + self.late + self.missed
        return None if due == 0 else round(self.in_time / due, 3)

    def describe(self) -> str:
        if self.in_time + self.late + self.missed + self.open == 0:
            return "no follow-ups from events yet"
        share = self.share_in_time
        head = "none came due yet" if share is None else f"{share:.0%} done within the week"
        return (
            f"{head}: {self.in_time} in time, {self.late} late, {self.missed} missed, "
            f"{self.open} open"
        )


def follow_through(follow_ups: Iterable[FollowUpDraft], zone_today: date) -> FollowThrough:
    """How the follow-ups that came from events were kept, as of ``zone_today``."""
    in_time = late = missed = still_open = 0
    for follow_up in follow_ups:
        if follow_up.event_id is None:
            continue
        if follow_up.done_at is not None:
            if follow_up.done_at.date() <= follow_up.due_on:
                in_time += 1
            else:
                late += 1
        elif follow_up.due_on < zone_today:
            missed += 1
        else:
            still_open += 1
    return FollowThrough(in_time, late, missed, still_open)


__all__ = ["FOLLOW_UP_WITHIN", "FollowThrough", "follow_through", "follow_up_due"]
