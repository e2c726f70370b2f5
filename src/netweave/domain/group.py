"""Groups (chambers, referral groups, ...) and who belongs to them."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from netweave.domain.base import (
    Cents,
    Day,
    Id,
    KeepInTouchDays,
    Name,
    Record,
    Stored,
    Text,
    WebAddress,
)
from netweave.domain.kinds import Cadence, GroupKind, GroupPurpose, Role

MOST_HOURS_PER_MEETING = 24.0
"""A meeting takes at most a day of my time (travel included): one home for the limit."""


class GroupDraft(Record):
    """A group before it is stored: every field but the id."""

    name: Name
    kind: GroupKind = GroupKind.OTHER
    cadence: Cadence = Cadence.IRREGULAR
    dues_cents: Cents = 0
    """Dues per year, in the workspace currency."""
    hours_per_meeting: float = Field(default=0.0, ge=0, le=MOST_HOURS_PER_MEETING)
    purpose: GroupPurpose = GroupPurpose.PROSPECTS
    website: WebAddress = None
    notes: Text = None
    keep_in_touch_days: KeepInTouchDays = None
    """How often to be in touch with its members by default."""


class Group(GroupDraft, Stored):
    """A group, stored: it has its id."""


class MembershipDraft(Record):
    """One person's time in one group; leaving and rejoining makes a new one.

    A membership before it is stored: every field but the id."""

    group_id: Id
    person_id: Id
    role: Role = Role.MEMBER
    joined_on: Day | None = None
    left_on: Day | None = None

    @model_validator(mode="after")
    def _left_after_joined(self) -> MembershipDraft:
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValueError(f"left on {self.left_on} is before joined on {self.joined_on}")
        return self

    def active_on(self, day: date) -> bool:
        started = self.joined_on is None or self.joined_on <= day
        return started and (self.left_on is None or day <= self.left_on)


class Membership(MembershipDraft, Stored):
    """A membership, stored: it has its id."""


__all__ = ["MOST_HOURS_PER_MEETING", "Group", "GroupDraft", "Membership", "MembershipDraft"]
