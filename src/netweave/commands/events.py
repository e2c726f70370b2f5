"""Adding an event."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from pydantic import field_validator, model_validator

from netweave.commands.base import Command, RecordId
from netweave.domain.base import Cents, Name, Text, UtcDateTime

MOST_HOURS = 24 * 14
"""An event lasts at most two weeks (a conference, a retreat)."""


class AddEvent(Command):
    """An event at ``starts_at``, lasting ``hours`` or until ``ends_at`` (not both)."""

    log_name: ClassVar[str] = "add-event"

    name: Name
    starts_at: UtcDateTime
    hours: float | None = None
    ends_at: UtcDateTime | None = None
    group_id: RecordId | None = None
    place: Text = None
    cost_cents: Cents = 0
    notes: Text = None

    @field_validator("hours")
    @classmethod
    def _hours(cls, hours: float | None) -> float | None:
        if hours is not None and not 0 < hours <= MOST_HOURS:
            raise ValueError(
                f"an event lasts more than 0 and at most {MOST_HOURS:g} hours "
                f"({MOST_HOURS // 24} days)"
            )
        return hours

    @model_validator(mode="after")
    def _length(self) -> AddEvent:
        if self.hours is not None and self.ends_at is not None:
            raise ValueError("give the hours or the end, not both")
        end = self.end
        if end is not None and end < self.starts_at:
            raise ValueError("the event ends before it starts")
        if end is not None and end - self.starts_at > timedelta(hours=MOST_HOURS):
            raise ValueError(f"an event lasts at most {MOST_HOURS // 24} days")
        return self

    @property
    def end(self) -> UtcDateTime | None:
        if self.hours is not None:
            return self.starts_at + timedelta(hours=self.hours)
        return self.ends_at


__all__ = ["MOST_HOURS", "AddEvent"]
