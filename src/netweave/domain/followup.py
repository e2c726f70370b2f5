"""Follow-ups: a dated next action with a person."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from netweave.domain.base import Id, Record, UtcDateTime


class FollowUp(Record):
    id: Id | None = None
    person_id: Id
    due_on: date
    reason: str = Field(min_length=1, max_length=2000)
    done_at: UtcDateTime | None = None
    event_id: Id | None = None
    """The event whose plan or debrief created it, if any."""

    def overdue_on(self, day: date) -> bool:
        return self.done_at is None and self.due_on < day


__all__ = ["FollowUp"]
