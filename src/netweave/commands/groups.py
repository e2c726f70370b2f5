"""Adding, changing and removing a group; joining and leaving one, and a member's role."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field

from netweave.commands.base import Command, Edit, RecordId
from netweave.domain.base import Cents, Day, KeepInTouchDays, Name, Text, WebAddress
from netweave.domain.group import MOST_HOURS_PER_MEETING, Group
from netweave.domain.kinds import Cadence, GroupKind, GroupPurpose, Role


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


class EditGroup(Edit):
    """Change a group: ``set`` gives fields new values (as :class:`Group` names and checks
    them: a meeting takes 24 hours at most), ``clear`` empties fields (website, notes, its
    keep-in-touch days). Its name stays its own: one taken by another group is refused."""

    log_name: ClassVar[str] = "edit-group"
    edits: ClassVar[type[BaseModel]] = Group

    group_id: RecordId


class RemoveGroup(Command):
    """Remove a group with its memberships; its events stay, without a group."""

    log_name: ClassVar[str] = "remove-group"

    group_id: RecordId


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


class SetRole(Command):
    """``person_id``'s open membership of ``group_id`` takes ``role``."""

    log_name: ClassVar[str] = "set-role"

    group_id: RecordId
    person_id: RecordId
    role: Role


__all__ = [
    "MOST_HOURS_PER_MEETING",
    "AddGroup",
    "EditGroup",
    "JoinGroup",
    "LeaveGroup",
    "RemoveGroup",
    "SetRole",
]
