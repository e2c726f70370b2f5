"""Events (a group's meeting or a standalone one) and who attended."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import model_validator

from netweave.domain.base import Cents, Id, Name, Record, Stored, Text, UtcDateTime
from netweave.domain.kinds import AttendanceStatus

MOST_LENGTH = timedelta(days=14)
"""An event lasts at most two weeks (a conference, a trade fair): one home for the limit."""


def check_length(starts_at: datetime, ends_at: datetime | None) -> None:
    """ValueError unless an event from ``starts_at`` to ``ends_at`` can be."""
    if ends_at is not None and ends_at < starts_at:
        raise ValueError("the event ends before it starts")
    if ends_at is not None and ends_at - starts_at > MOST_LENGTH:
        raise ValueError(f"an event lasts at most {MOST_LENGTH.days} days")


class EventDraft(Record):
    """An event before it is stored: every field but the id."""

    name: Name
    group_id: Id | None = None
    starts_at: UtcDateTime
    ends_at: UtcDateTime | None = None
    place: Text = None
    cost_cents: Cents = 0
    notes: Text = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> EventDraft:
        check_length(self.starts_at, self.ends_at)
        return self

    @property
    def hours(self) -> float | None:
        if self.ends_at is None:
            return None
        return (self.ends_at - self.starts_at).total_seconds() / 3600


class Event(EventDraft, Stored):
    """An event, stored: it has its id."""


class Attendance(Record):
    """A person at an event; ``met`` marks the people I actually talked to."""

    event_id: Id
    person_id: Id
    status: AttendanceStatus = AttendanceStatus.ATTENDED
    met: bool = False


__all__ = ["MOST_LENGTH", "Attendance", "Event", "EventDraft", "check_length"]
