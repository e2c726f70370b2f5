"""The domain: pure records and rules. No I/O, no storage.

Each record's module loads when one of its names is first asked for: a simple
command (``netweave person list``) pays only for the records it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netweave.lazy import lazy

if TYPE_CHECKING:
    from netweave.domain.ask import Ask, AskDraft
    from netweave.domain.base import build, change
    from netweave.domain.event import Attendance, Event, EventDraft
    from netweave.domain.followup import FollowUp, FollowUpDraft
    from netweave.domain.group import Group, GroupDraft, Membership, MembershipDraft
    from netweave.domain.interaction import Interaction, InteractionDraft
    from netweave.domain.kinds import (
        AskOutcome,
        AttendanceStatus,
        Cadence,
        GroupKind,
        GroupPurpose,
        InteractionKind,
        ReferralScope,
        ReferralStatus,
        Role,
    )
    from netweave.domain.person import Person, PersonDraft, PostalAddress
    from netweave.domain.plan import Plan, PlanDraft, Target, TargetKind
    from netweave.domain.referral import Referral, ReferralDraft, StatusChange, check_transition
    from netweave.domain.workspace import Settings, TargetMarket, Workspace, WorkspaceDraft

_HOMES = {
    "Ask": "netweave.domain.ask",
    "AskDraft": "netweave.domain.ask",
    "build": "netweave.domain.base",
    "change": "netweave.domain.base",
    "Attendance": "netweave.domain.event",
    "Event": "netweave.domain.event",
    "EventDraft": "netweave.domain.event",
    "FollowUp": "netweave.domain.followup",
    "FollowUpDraft": "netweave.domain.followup",
    "Group": "netweave.domain.group",
    "GroupDraft": "netweave.domain.group",
    "Membership": "netweave.domain.group",
    "MembershipDraft": "netweave.domain.group",
    "Interaction": "netweave.domain.interaction",
    "InteractionDraft": "netweave.domain.interaction",
    "AskOutcome": "netweave.domain.kinds",
    "AttendanceStatus": "netweave.domain.kinds",
    "Cadence": "netweave.domain.kinds",
    "GroupKind": "netweave.domain.kinds",
    "GroupPurpose": "netweave.domain.kinds",
    "InteractionKind": "netweave.domain.kinds",
    "ReferralScope": "netweave.domain.kinds",
    "ReferralStatus": "netweave.domain.kinds",
    "Role": "netweave.domain.kinds",
    "Person": "netweave.domain.person",
    "PersonDraft": "netweave.domain.person",
    "PostalAddress": "netweave.domain.person",
    "Plan": "netweave.domain.plan",
    "PlanDraft": "netweave.domain.plan",
    "Target": "netweave.domain.plan",
    "TargetKind": "netweave.domain.plan",
    "Referral": "netweave.domain.referral",
    "ReferralDraft": "netweave.domain.referral",
    "StatusChange": "netweave.domain.referral",
    "check_transition": "netweave.domain.referral",
    "Settings": "netweave.domain.workspace",
    "TargetMarket": "netweave.domain.workspace",
    "Workspace": "netweave.domain.workspace",
    "WorkspaceDraft": "netweave.domain.workspace",
}


__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "Ask",
    "AskDraft",
    "AskOutcome",
    "Attendance",
    "AttendanceStatus",
    "Cadence",
    "Event",
    "EventDraft",
    "FollowUp",
    "FollowUpDraft",
    "Group",
    "GroupDraft",
    "GroupKind",
    "GroupPurpose",
    "Interaction",
    "InteractionDraft",
    "InteractionKind",
    "Membership",
    "MembershipDraft",
    "Person",
    "PersonDraft",
    "Plan",
    "PlanDraft",
    "PostalAddress",
    "Referral",
    "ReferralDraft",
    "ReferralScope",
    "ReferralStatus",
    "Role",
    "Settings",
    "StatusChange",
    "Target",
    "TargetKind",
    "TargetMarket",
    "Workspace",
    "WorkspaceDraft",
    "build",
    "change",
    "check_transition",
]
