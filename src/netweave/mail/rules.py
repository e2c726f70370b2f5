"""Which messages are exchanges between the owner and someone, and which are left out.

One home for each rule of docs/mail.md: a message between the owner (any of the owner's
addresses) and another person is an exchange, started by its sender; mailing lists,
bulk mail, automated senders, no-reply addresses and messages to more than
:data:`MOST_RECIPIENTS` people are left out, each with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from netweave.mail.envelope import Envelope, Party

MOST_RECIPIENTS = 10
"""A message to more people than this is a broadcast, not an exchange with each of them."""

BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})

_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply")
_SENDS_ONLY = frozenset(
    {
        "automated",
        "bounce",
        "bounces",
        "daemon",
        "newsletter",
        "newsletters",
        "notification",
        "notifications",
        "notify",
        "postmaster",
    }
)
"""Words of a local part that mark an address that only sends (``mailer-daemon``,
``calendar-notification``, ``bounces+123``)."""


class LeftOut(StrEnum):
    """Why a message makes no touch; the value is the report's wording."""

    NO_DATE = "no readable date"
    FUTURE = "dated in the future"
    LIST = "sent through a mailing list (List-Id)"
    BULK = "bulk mail or a newsletter (Precedence)"
    AUTOMATED = "sent by a program (Auto-Submitted)"
    NO_REPLY = "from a no-reply or notification address"
    CROWD = f"sent to more than {MOST_RECIPIENTS} people"
    NOT_YOURS = "neither from nor to you"
    ONLY_YOU = "only between your own addresses"
    DRAFT = "a draft, never sent"


class Direction(StrEnum):
    """Who wrote: ``out`` the owner, ``in`` the other person."""

    IN = "in"
    OUT = "out"


@dataclass(frozen=True, slots=True)
class Me:
    """How the owner shows on messages: their addresses, their LinkedIn profile, their name."""

    addresses: frozenset[str]
    linkedin: str | None = None
    name: str | None = None

    def __contains__(self, party: object) -> bool:
        if not isinstance(party, Party):
            return False
        if party.email is not None:
            return party.email in self.addresses
        if party.linkedin is not None and self.linkedin is not None:
            return party.linkedin == self.linkedin
        return (
            party.name is not None
            and self.name is not None
            and party.name.casefold() == self.name.casefold()
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one message is: left out (and why), or an exchange with ``others``."""

    left_out: LeftOut | None = None
    direction: Direction | None = None
    others: tuple[Party, ...] = ()


def is_no_reply(address: str) -> bool:
    """Whether an address only sends (``no-reply@``, ``notifications@``, ``bounces+x@``)."""
    local = address.partition("@")[0].lower()
    if _NO_REPLY.search(local):
        return True
    return any(word in _SENDS_ONLY for word in re.split(r"[-_.+]", local))


def judge(message: Envelope, me: Me, now: datetime) -> Verdict:
    """The verdict on ``message``: the first reason to leave it out, else its exchange."""
    if message.draft:
        return Verdict(LeftOut.DRAFT)
    if message.sent_at is None:
        return Verdict(LeftOut.NO_DATE)
    if message.sent_at > now:
        return Verdict(LeftOut.FUTURE)
    if message.list_id:
        return Verdict(LeftOut.LIST)
    if message.precedence in BULK_PRECEDENCE:
        return Verdict(LeftOut.BULK)
    if message.auto_submitted not in (None, "no"):
        return Verdict(LeftOut.AUTOMATED)
    sender = message.sender
    if sender is not None and sender.email and is_no_reply(sender.email):
        return Verdict(LeftOut.NO_REPLY)
    recipients = message.recipients
    if len(recipients) > MOST_RECIPIENTS:
        return Verdict(LeftOut.CROWD)
    if sender is not None and sender in me:
        others = tuple(p for p in recipients if p not in me)
        if not others:
            return Verdict(LeftOut.ONLY_YOU)
        return Verdict(direction=Direction.OUT, others=others)
    if sender is not None and any(p in me for p in recipients):
        return Verdict(direction=Direction.IN, others=(sender,))
    return Verdict(LeftOut.NOT_YOURS)


__all__ = [
    "BULK_PRECEDENCE",
    "MOST_RECIPIENTS",
    "Direction",
    "LeftOut",
    "Me",
    "Verdict",
    "is_no_reply",
    "judge",
]
