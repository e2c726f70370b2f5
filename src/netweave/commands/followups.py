"""Adding a follow-up and finishing one."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, model_validator

from netweave.commands.base import Command, Edit, Moment, RecordId
from netweave.domain.base import Day, Phrase
from netweave.domain.followup import FollowUp

DUE_IN_DAYS = 7
"""A follow-up with no date is due in a week: the extended conversation after meeting."""


class AddFollowUp(Command):
    log_name: ClassVar[str] = "add-follow-up"

    person_id: RecordId
    reason: Phrase
    due_on: Day | None = None
    """None: in :data:`DUE_IN_DAYS` days, in the workspace's time zone."""
    event_id: RecordId | None = None


class FinishFollowUp(Command):
    """Mark a follow-up done: by its id, or by its person when they have one open."""

    log_name: ClassVar[str] = "finish-follow-up"

    follow_up_id: RecordId | None = None
    person_id: RecordId | None = None
    done_at: Moment | None = None

    @model_validator(mode="after")
    def _one(self) -> FinishFollowUp:
        if (self.follow_up_id is None) == (self.person_id is None):
            raise ValueError("name the follow-up by its id or by its person (one of the two)")
        return self


class EditFollowUp(Edit):
    """Change a follow-up as :class:`FollowUp` names its fields (due on, reason, person,
    event); clearing ``done_at`` opens it again, and one done is not done in the future."""

    log_name: ClassVar[str] = "edit-follow-up"
    edits: ClassVar[type[BaseModel]] = FollowUp
    reads: ClassVar[dict[str, Any]] = {"done_at": Moment | None}

    follow_up_id: RecordId


class RemoveFollowUp(Command):
    log_name: ClassVar[str] = "remove-follow-up"

    follow_up_id: RecordId


__all__ = ["DUE_IN_DAYS", "AddFollowUp", "EditFollowUp", "FinishFollowUp", "RemoveFollowUp"]
