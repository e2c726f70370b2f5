"""Follow-ups: a dated next action with a person."""

from __future__ import annotations

from datetime import date

from netweave.domain.base import Day, Id, Phrase, Record, Stored, UtcDateTime


class FollowUpDraft(Record):
    """A follow-up before it is stored: every field but the id."""

    person_id: Id
    due_on: Day
    reason: Phrase
    done_at: UtcDateTime | None = None
    event_id: Id | None = None
    """The event whose plan or debrief created it, if any."""

    def overdue_on(self, day: date) -> bool:
        return self.done_at is None and self.due_on < day


class FollowUp(FollowUpDraft, Stored):
    """A stored follow-up."""


__all__ = ["FollowUp", "FollowUpDraft"]
