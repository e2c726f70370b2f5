"""Group return: what a group costs me against what comes back, per quarter, and a verdict.

Pure code: the service counts each quarter's cost and return (:class:`Quarter`)
and :func:`judge` turns a year of them into a verdict with its reasons and
trend. docs/analytics.md gives the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from netweave.analytics.fit import FitShare
from netweave.analytics.wording import counted
from netweave.domain.money import format_amount

LOW_FIT = 0.25
"""A prospects group where fewer members than this fit my market is the wrong pond."""
EARLY_DAYS = 182
"""A group I have belonged to for fewer days than this (two quarters) is too new to judge."""
PROMISING = 3.0
"""Referrals plus close relationships in a year that make a group worth keeping."""


class Verdict(StrEnum):
    GET_MORE_INVOLVED = "get more involved"
    KEEP = "keep"
    RECONSIDER = "reconsider"
    MOVE_ON = "move on"

    @property
    def rank(self) -> int:
        """Higher is better: move on 0 ... get more involved 3."""
        return list(reversed(Verdict)).index(self)


class Direction(StrEnum):
    RISING = "rising"
    STEADY = "steady"
    FALLING = "falling"


@dataclass(frozen=True, slots=True)
class Quarter:
    """One quarter of one group: cost, return and my contribution."""

    label: str
    """"2026 Q3"."""
    dues_cents: int
    hours: float
    fees_cents: int
    hourly_value_cents: int
    meetings: int
    """Meetings held while I was a member."""
    attended: int
    referrals_in: float
    """Referrals I received from members (shared across groups the giver and I share)."""
    won_cents: float
    """Closed business from those referrals."""
    referrals_out: float
    """Referrals I gave to members: my contribution."""
    relationships: int
    """People I met at its meetings this quarter who are now close (inner or close layer)."""

    @property
    def cost_cents(self) -> int:
        return self.dues_cents + self.fees_cents + round(self.hours * self.hourly_value_cents)

    @property
    def came_back(self) -> float:
        """Referrals and close relationships: the return that is not (yet) money."""
        return self.referrals_in + self.relationships


def pays_off(cost_cents: float, won_cents: float, came_back: float) -> bool:
    """Closed business covers the cost; for a free group, 2 referrals or close ties do."""
    return won_cents >= cost_cents if cost_cents > 0 else came_back >= 2


@dataclass(frozen=True, slots=True)
class GroupReturn:
    group_id: int
    name: str
    kind: str
    role: str
    verdict: Verdict
    trend: Direction
    cost_cents: int
    won_cents: int
    referrals_in: float
    referrals_out: float
    relationships: int
    member_fit: FitShare
    quarters: tuple[Quarter, ...]
    reasons: tuple[str, ...]
    currency: str

    @property
    def came_back(self) -> float:
        """Referrals from members and people met there who became close."""
        return self.referrals_in + self.relationships

    @property
    def pays(self) -> bool:
        return pays_off(self.cost_cents, self.won_cents, self.came_back)


def quarters_until(day: date, count: int = 4) -> list[tuple[str, date, date]]:
    """The last ``count`` calendar quarters up to ``day`` (its own, to date), oldest first:
    (label, first day, last day counted)."""
    found = []
    year, index = day.year, (day.month - 1) // 3
    last = day
    for _ in range(count):
        first = date(year, 3 * index + 1, 1)
        found.append((f"{year} Q{index + 1}", first, last))
        last = first - timedelta(days=1)
        year, index = (year, index - 1) if index else (year - 1, 3)
    return found[::-1]


def _trend(quarters: tuple[Quarter, ...]) -> Direction:
    """Referrals and relationships of the later half of the quarters against the earlier."""
    half = len(quarters) // 2
    earlier = sum(q.came_back for q in quarters[:half])
    later = sum(q.came_back for q in quarters[len(quarters) - half :])
    if later >= earlier + 2:
        return Direction.RISING
    if later <= earlier - 2:
        return Direction.FALLING
    return Direction.STEADY


def judge(
    group_id: int,
    name: str,
    role: str,
    *,
    kind: str,
    purpose: str,
    quarters: tuple[Quarter, ...],
    member_days: int,
    member_fit: FitShare,
    currency: str,
) -> GroupReturn:
    """The verdict on a group from its last quarters (oldest first).

    ``member_days`` is how many of their days I belonged to the group.
    """
    cost = sum(q.cost_cents for q in quarters)
    hours = sum(q.hours for q in quarters)
    won = round(sum(q.won_cents for q in quarters))
    received = sum(q.referrals_in for q in quarters)
    given = sum(q.referrals_out for q in quarters)
    close = sum(q.relationships for q in quarters)
    meetings = sum(q.meetings for q in quarters)
    attended = sum(q.attended for q in quarters)
    money = format_amount
    time_cents = sum(q.cost_cents - q.dues_cents - q.fees_cents for q in quarters)
    reasons = [
        f"cost {money(cost, currency)} over {counted(len(quarters), 'quarter')}: "
        f"dues {money(sum(q.dues_cents for q in quarters), currency)}, "
        f"fees {money(sum(q.fees_cents for q in quarters), currency)}, "
        f"{counted(hours, 'hour')} ({money(time_cents, currency)} of your time)"
        + (f"; {attended} of {counted(meetings, 'meeting')} attended" if meetings else ""),
        f"{counted(received, 'referral')} from members, closed business {money(won, currency)}",
        f"{counted(close, 'person', 'people')} met there became close",
        member_fit.describe("members"),
        f"you gave members {counted(given, 'referral')}; your role: {role}",
    ]
    wrong_pond = (
        purpose == "prospects"
        and member_fit.judged  # without a target market no pond is the wrong one
        and member_fit.people > 0
        and member_fit.share < LOW_FIT
    )
    pays = pays_off(cost, won, received + close)
    room = role in ("visitor", "member") or given < 1 or (meetings and attended / meetings < 0.5)
    if member_days < EARLY_DAYS:
        verdict = Verdict.KEEP
        reasons.insert(
            0, f"joined recently (a member for {counted(member_days, 'day')}): too early to judge"
        )
    elif received + close == 0 and won == 0:
        verdict = Verdict.MOVE_ON
        reasons.insert(
            0,
            f"nothing came back for {money(cost, currency)} and {counted(hours, 'hour')}: "
            "no referrals, no close relationships, no business",
        )
    elif pays:
        verdict = Verdict.GET_MORE_INVOLVED if room else Verdict.KEEP
        reasons.insert(0, "it pays off" + ("; you could do more there" if room else ""))
    elif wrong_pond:
        verdict = Verdict.RECONSIDER
        reasons.insert(0, "costs more than comes back, and few members are your market")
    elif received + close >= PROMISING:
        verdict = Verdict.KEEP
        reasons.insert(0, "referrals and relationships come, the business does not cover it yet")
    else:
        verdict = Verdict.RECONSIDER
        reasons.insert(0, "costs more than comes back")
    return GroupReturn(
        group_id=group_id,
        name=name,
        kind=kind,
        role=role,
        verdict=verdict,
        trend=_trend(quarters),
        cost_cents=cost,
        won_cents=won,
        referrals_in=round(received, 2),
        referrals_out=round(given, 2),
        relationships=close,
        member_fit=member_fit,
        quarters=quarters,
        reasons=tuple(reasons),
        currency=currency,
    )


__all__ = [
    "EARLY_DAYS",
    "LOW_FIT",
    "PROMISING",
    "Direction",
    "GroupReturn",
    "Quarter",
    "Verdict",
    "judge",
    "pays_off",
    "quarters_until",
]
