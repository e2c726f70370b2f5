"""The closed vocabularies of the domain: kinds, roles, statuses, outcomes."""

from __future__ import annotations

from enum import StrEnum


class GroupKind(StrEnum):
    CHAMBER = "chamber"
    REFERRAL_GROUP = "referral-group"
    ASSOCIATION = "association"
    CLUB = "club"
    ONLINE_COMMUNITY = "online-community"
    OTHER = "other"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    IRREGULAR = "irregular"


class GroupPurpose(StrEnum):
    """Why I am in a group: to reach prospects, or to work with peers."""

    PROSPECTS = "prospects"
    PEERS = "peers"


class Role(StrEnum):
    VISITOR = "visitor"
    MEMBER = "member"
    COMMITTEE = "committee"
    LEADER = "leader"
    ORGANIZER = "organizer"


class AttendanceStatus(StrEnum):
    INVITED = "invited"
    RSVP = "rsvp"
    ATTENDED = "attended"
    ABSENT = "absent"


class InteractionKind(StrEnum):
    ONE_ON_ONE = "one-on-one"
    CALL = "call"
    MEAL = "meal"
    EVENT_CONVERSATION = "event-conversation"
    EMAIL = "email"
    MESSAGE = "message"
    OTHER = "other"

    @property
    def usually_in_person(self) -> bool:
        return self in _IN_PERSON


_IN_PERSON = frozenset(
    {InteractionKind.ONE_ON_ONE, InteractionKind.MEAL, InteractionKind.EVENT_CONVERSATION}
)


class ReferralScope(StrEnum):
    """Inside: business for the receiver themself; outside: a third-party prospect."""

    INSIDE = "inside"
    OUTSIDE = "outside"


class ReferralStatus(StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    MEETING = "meeting"
    WON = "won"
    LOST = "lost"

    @property
    def is_closed(self) -> bool:
        return self in (ReferralStatus.WON, ReferralStatus.LOST)

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self]


_STATUS_RANK = {
    ReferralStatus.NEW: 0,
    ReferralStatus.CONTACTED: 1,
    ReferralStatus.MEETING: 2,
    ReferralStatus.WON: 3,
    ReferralStatus.LOST: 3,
}


class AskOutcome(StrEnum):
    HELPED = "helped"
    PARTLY = "partly"
    DECLINED = "declined"
    TOO_BUSY = "too-busy"
    NO_RESPONSE = "no-response"


__all__ = [
    "AskOutcome",
    "AttendanceStatus",
    "Cadence",
    "GroupKind",
    "GroupPurpose",
    "InteractionKind",
    "ReferralScope",
    "ReferralStatus",
    "Role",
]
