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
EARLY_QUARTERS = 2
"""A group joined less than this many quarters ago is too new to judge."""
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


@dataclass(frozen=True, slots=True)
class GroupReturn:
    group_id: int
    name: str
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
    purpose: str,
    quarters: tuple[Quarter, ...],
    member_quarters: int,
    member_fit: FitShare,
    currency: str,
) -> GroupReturn:
    """The verdict on a group from its last quarters (oldest first).

    ``member_quarters`` is how many of them I belonged to the group for.
    """
    cost = sum(q.cost_cents for q in quarters)
    won = round(sum(q.won_cents for q in quarters))
    received = sum(q.referrals_in for q in quarters)
    given = sum(q.referrals_out for q in quarters)
    close = sum(q.relationships for q in quarters)
    meetings = sum(q.meetings for q in quarters)
    attended = sum(q.attended for q in quarters)
    money = format_amount
    reasons = [
        f"cost {money(cost, currency)} over {counted(len(quarters), 'quarter')}"
        + (f" ({attended} of {counted(meetings, 'meeting')} attended)" if meetings else ""),
        f"{counted(received, 'referral')} from members, closed business {money(won, currency)}",
        f"{counted(close, 'person', 'people')} met there became close",
        member_fit.describe("members"),
        f"you gave members {counted(given, 'referral')}; your role: {role}",
    ]
    wrong_pond = purpose == "prospects" and member_fit.people > 0 and member_fit.share < LOW_FIT
    pays = won >= cost if cost > 0 else received + close >= 2
    room = role in ("visitor", "member") or given < 1 or (meetings and attended / meetings < 0.5)
    if member_quarters < EARLY_QUARTERS:
        verdict = Verdict.KEEP
        reasons.insert(0, "joined recently: too early to judge")
    elif received + close == 0 and won == 0:
        verdict = Verdict.MOVE_ON
        reasons.insert(0, "nothing came back: no referrals, no close relationships")
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
    )


__all__ = [
    "EARLY_QUARTERS",
    "LOW_FIT",
    "PROMISING",
    "Direction",
    "GroupReturn",
    "Quarter",
    "Verdict",
    "judge",
    "quarters_until",
]
