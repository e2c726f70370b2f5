"""Adding a group, and joining or leaving one."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from netweave.commands.base import Command, RecordId
from netweave.domain.base import Cents, Day, KeepInTouchDays, Name, Text, WebAddress
from netweave.domain.kinds import Cadence, GroupKind, GroupPurpose, Role

MOST_HOURS_PER_MEETING = 24.0


class AddGroup(Command):
    """A chamber, referral group, association, club or online community."""

    log_name: ClassVar[str] = "add-group"

    name: Name
    kind: GroupKind = GroupKind.OTHER
    cadence: Cadence = Cadence.IRREGULAR
    dues_cents: Cents = 0
    """Dues a year."""
    hours_per_meeting: float = Field(default=0.0, ge=0, le=MOST_HOURS_PER_MEETING)
    purpose: GroupPurpose = GroupPurpose.PROSPECTS
    website: WebAddress = None
    notes: Text = None
    keep_in_touch_days: KeepInTouchDays = None


class JoinGroup(Command):
    """``person_id`` becomes a member of ``group_id`` (as ``role``).

    ``joined_on`` None: a membership from before what netweave knows (its cost and return
    count over the whole period looked at); a date: joined then, and a group joined less
    than half a year ago is too early to judge.
    """

    log_name: ClassVar[str] = "join-group"

    group_id: RecordId
    person_id: RecordId
    role: Role = Role.MEMBER
    joined_on: Day | None = None


class LeaveGroup(Command):
    """End ``person_id``'s open membership of ``group_id``, today unless ``left_on``."""

    log_name: ClassVar[str] = "leave-group"

    group_id: RecordId
    person_id: RecordId
    left_on: Day | None = None


__all__ = ["MOST_HOURS_PER_MEETING", "AddGroup", "JoinGroup", "LeaveGroup"]
