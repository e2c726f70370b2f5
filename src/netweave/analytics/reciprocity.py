"""Givers, matchers and takers; and who comes through when asked.

Every referral and every answered ask is *help* from one person to another,
worth some units: a referral 1, one that reached a meeting 1.5, one that
closed business 2 (closed business is credited to the giver); an ask answered
with help 1, partly 0.5. A person's *share given* is given / (given +
received), estimated with a Beta(2, 2) prior (one data point never labels
anyone) and its 80 % credible interval (see :mod:`netweave.analytics.evidence`):

- giver when the whole interval is above ½, taker when it is below ½;
- matcher when it lies within 0.3–0.7 (enough evidence of balance);
- otherwise "not enough to tell".

Ask reliability is the share of asks a person answered with help (partly
counts half; asks unanswered after 30 days count as no response), with a
Beta(1, 1) prior: *reliable* when the interval's low end is at least 0.6,
*unreliable* when its high end is at most 0.4.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from netweave.analytics.evidence import Share, estimate
from netweave.domain.kinds import AskOutcome, ReferralStatus
from netweave.domain.touch import DAY

RECIPROCITY_PRIOR = (2.0, 2.0)
RELIABILITY_PRIOR = (1.0, 1.0)
MATCHER_BAND = (0.3, 0.7)
RELIABLE_LOW = 0.6
UNRELIABLE_HIGH = 0.4
ANSWER_WITHIN = 30 * DAY
LEAST_EVIDENCE = 3.0
"""Below 3 units of evidence no label is possible under the priors above: skip the maths."""

_REFERRAL_UNITS = {ReferralStatus.MEETING: 1.5, ReferralStatus.WON: 2.0}
_ASK_CREDIT = {AskOutcome.HELPED: 1.0, AskOutcome.PARTLY: 0.5}


@dataclass(frozen=True, slots=True)
class Help:
    """Units of help that ``giver`` gave ``receiver`` at ``at``."""

    giver: int
    receiver: int
    at: float
    units: float
    what: str


@dataclass(frozen=True, slots=True)
class AskRecord:
    asker: int
    asked: int
    at: float
    outcome: AskOutcome | None


def referral_help(
    giver: int, receiver: int, at: float, status: ReferralStatus, value_cents: int | None = None
) -> Help:
    units = _REFERRAL_UNITS.get(status, 1.0)
    what = "closed business" if status is ReferralStatus.WON else "referral"
    return Help(giver, receiver, at, units, what)


def ask_help(ask: AskRecord) -> Help | None:
    """The help an answered ask was, or None when it was not helped."""
    credit = _ASK_CREDIT.get(ask.outcome) if ask.outcome else None
    if credit is None:
        return None
    return Help(ask.asked, ask.asker, ask.at, credit, "ask answered")


class Standing(StrEnum):
    GIVER = "giver"
    MATCHER = "matcher"
    TAKER = "taker"
    UNKNOWN = "not enough to tell"


@dataclass(frozen=True, slots=True)
class Reciprocity:
    person: int
    given: float
    received: float
    share: Share
    standing: Standing
    closed: int = 0
    """Referrals this person gave that closed business."""

    @property
    def reasons(self) -> tuple[str, ...]:
        found = [f"gave {_help(self.given)}, received {_help(self.received)}"]
        if self.closed:
            found.append(f"{self.closed} referral{'s' if self.closed > 1 else ''} closed business")
        found.append(f"share given {self.share.mean:.0%} (80% interval {self.share.interval()})")
        if self.standing is Standing.UNKNOWN:
            found.append("too little evidence for a label")
        return tuple(found)


def standing_of(share: Share) -> Standing:
    if share.evidence < LEAST_EVIDENCE:
        return Standing.UNKNOWN  # under either prior no interval this wide can carry a label
    if share.surely_above(0.5):
        return Standing.GIVER
    if share.surely_below(0.5):
        return Standing.TAKER
    if share.surely_above(MATCHER_BAND[0]) and share.surely_below(MATCHER_BAND[1]):
        return Standing.MATCHER
    return Standing.UNKNOWN


def _units(value: float) -> str:
    return f"{value:g}"


def _help(value: float) -> str:
    """ "1 unit of help", "2.5 units of help" (fractions as given, not rounded)."""
    return f"{value:g} unit{'' if value == 1 else 's'} of help"


def reciprocity_of(person: int, given: float, received: float, closed: int = 0) -> Reciprocity:
    """The standing of someone who gave ``given`` and received ``received`` units of help."""
    share = estimate(given, received, prior=RECIPROCITY_PRIOR)
    return Reciprocity(person, given, received, share, standing_of(share), closed)


def reciprocity(
    person: int,
    helps: Iterable[Help],
    *,
    among: Collection[int] | None = None,
    as_of: float | None = None,
) -> Reciprocity:
    """``person``'s standing from the help they gave and got (only with ``among``, if given)."""
    given = received = 0.0
    closed = 0
    for help_ in helps:
        if as_of is not None and help_.at > as_of:
            continue
        if help_.giver == person and (among is None or help_.receiver in among):
            given += help_.units
            closed += help_.what == "closed business"
        elif help_.receiver == person and (among is None or help_.giver in among):
            received += help_.units
    return reciprocity_of(person, given, received, closed)


class Reliability(StrEnum):
    RELIABLE = "reliable"
    UNRELIABLE = "unreliable"
    UNKNOWN = "not enough to tell"


@dataclass(frozen=True, slots=True)
class AskReliability:
    person: int
    asked: int
    share: Share
    verdict: Reliability
    pending: int = 0

    @property
    def reasons(self) -> tuple[str, ...]:
        plural = "s" if self.asked != 1 else ""
        found = [
            f"came through on {_units(self.share.successes)} of {self.asked} ask{plural}",
            f"80% interval {self.share.interval()}",
        ]
        if self.pending:
            found.append(f"{self.pending} still open")
        return tuple(found)


def reliability_of(
    person: int, came_through: float, asked: int, pending: int = 0
) -> AskReliability:
    """The verdict on someone who came through on ``came_through`` of ``asked`` asks."""
    share = estimate(came_through, asked - came_through, prior=RELIABILITY_PRIOR)
    if share.evidence < LEAST_EVIDENCE:
        verdict = Reliability.UNKNOWN
    elif share.surely_above(RELIABLE_LOW):
        verdict = Reliability.RELIABLE
    elif share.surely_below(UNRELIABLE_HIGH):
        verdict = Reliability.UNRELIABLE
    else:
        verdict = Reliability.UNKNOWN
    return AskReliability(person, asked, share, verdict, pending)


def ask_reliability(person: int, asks: Iterable[AskRecord], as_of: float) -> AskReliability:
    """How often ``person`` comes through when asked, as of ``as_of``."""
    came_through = 0.0
    pending = counted = 0
    for ask in asks:
        if ask.asked != person or ask.at > as_of:
            continue
        if ask.outcome is None and as_of - ask.at <= ANSWER_WITHIN:
            pending += 1
            continue
        came_through += _ASK_CREDIT.get(ask.outcome, 0.0) if ask.outcome else 0.0
        counted += 1
    return reliability_of(person, came_through, counted, pending)


__all__ = [
    "ANSWER_WITHIN",
    "LEAST_EVIDENCE",
    "MATCHER_BAND",
    "RECIPROCITY_PRIOR",
    "RELIABILITY_PRIOR",
    "RELIABLE_LOW",
    "UNRELIABLE_HIGH",
    "AskRecord",
    "AskReliability",
    "Help",
    "Reciprocity",
    "Reliability",
    "Standing",
    "ask_help",
    "ask_reliability",
    "reciprocity",
    "reciprocity_of",
    "referral_help",
    "reliability_of",
    "standing_of",
]
