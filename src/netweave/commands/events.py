"""Adding an event."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from pydantic import field_validator, model_validator

from netweave.commands.base import Command, Moment, RecordId
from netweave.domain.base import Cents, Name, Text
from netweave.domain.event import MOST_LENGTH, check_length

MOST_HOURS = MOST_LENGTH.days * 24
"""The domain's limit (two weeks) in the hours an interface asks for."""


class AddEvent(Command):
    """An event at ``starts_at``, lasting ``hours`` or until ``ends_at`` (not both)."""

    log_name: ClassVar[str] = "add-event"

    name: Name
    starts_at: Moment
    hours: float | None = None
    ends_at: Moment | None = None
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
        check_length(self.starts_at, self.end)
        return self

    @property
    def end(self) -> Moment | None:
        if self.hours is not None:
            try:
                return self.starts_at + timedelta(hours=self.hours)
            except OverflowError:
                raise ValueError("the event would end after the calendar netweave keeps") from None
        return self.ends_at


__all__ = ["MOST_HOURS", "AddEvent"]
