"""The domain: pure records and rules. No I/O, no storage."""

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
