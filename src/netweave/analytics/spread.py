"""Spread: am I in too many groups and at too many events to build anything real?

Pure code; docs/analytics.md gives the rule. Depth beats breadth (PRODUCT.md,
principle 1): one or two groups, a plan per event, a conversation within the week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from netweave.analytics.group_return import GroupReturn
from netweave.analytics.keep import Keep, groups_to_keep, keep_advice
from netweave.analytics.wording import counted
from netweave.domain.kinds import InteractionKind

FOLLOW_UP_DAYS = 7
MAX_GROUPS = 3
MAX_EVENTS_PER_WEEK = 2.0
LEAST_ONE_ON_ONES = 0.25
"""Share of people met that should lead to a one-on-one."""
LEAST_FOLLOWED_UP = 0.5
"""Share of people met that should hear from me within the week."""
_DEEP = frozenset({InteractionKind.ONE_ON_ONE.value, InteractionKind.MEAL.value})


@dataclass(frozen=True, slots=True)
class Funnel:
    """People first met at events, and how far each went."""

    met: int
    judged: int
    """Met more than a week ago: those a follow-up within 7 days can be judged for."""
    followed_up: int
    one_on_one: int
    referral: int


@dataclass(frozen=True, slots=True)
class Spread:
    weeks: float
    groups: int
    events: int
    events_per_week: float
    funnel: Funnel
    follow_ups_due: int
    follow_ups_on_time: int
    thin: bool
    warnings: tuple[str, ...]
    keep: tuple[Keep, ...]
    """When spread too thin: the one or two groups to keep (analytics/keep.py)."""
    advice: str
    """When spread too thin: which groups to keep and how many to leave, in words."""
    reasons: tuple[str, ...]


def funnel_of(
    met: dict[int, datetime],
    touches: Iterable[tuple[int, datetime, str, bool]],
    referrals: Iterable[tuple[int, datetime]],
    as_of: datetime,
) -> Funnel:
    """Met → followed up within 7 days (not at an event) → one-on-one → referral."""
    week = timedelta(days=FOLLOW_UP_DAYS)
    followed: set[int] = set()
    deep: set[int] = set()
    for pid, at, kind, at_event in touches:
        first = met.get(pid)
        if first is None or at <= first or at > as_of:  # records after as_of do not count
            continue
        if not at_event and at <= first + week:
            followed.add(pid)
        if kind in _DEEP:
            deep.add(pid)
    gave = {pid for pid, at in referrals if pid in met and met[pid] < at <= as_of}
    judged = {pid for pid, at in met.items() if at + week <= as_of}
    return Funnel(len(met), len(judged), len(followed & judged), len(deep), len(gave))


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole:.0%})" if whole else "0"


def spread_of(
    *,
    groups: int,
    events: int,
    weeks: float,
    funnel: Funnel,
    follow_ups: Sequence[tuple[date, datetime | None]],
    returns: Sequence[GroupReturn],
) -> Spread:
    """Spread over the last ``weeks``; ``returns`` are my groups' returns: what to keep."""
    per_week = events / weeks if weeks > 0 else 0.0
    on_time = sum(1 for due, done in follow_ups if done is not None and done.date() <= due)
    reasons = [
        counted(groups, "active group"),
        f"{counted(events, 'event')} in {counted(weeks, 'week')} ({per_week:.1f} a week)",
        f"met {counted(funnel.met, 'new person', 'new people')}: "
        f"followed up within {FOLLOW_UP_DAYS} days "
        f"{_share(funnel.followed_up, funnel.judged)}, one-on-one "
        f"{_share(funnel.one_on_one, funnel.met)}, referral {_share(funnel.referral, funnel.met)}",
        f"follow-ups done on time: {_share(on_time, len(follow_ups))}",
    ]
    broad = []
    if groups > MAX_GROUPS:
        broad.append(f"{groups} groups (depth comes from one or two)")
    if per_week > MAX_EVENTS_PER_WEEK:
        broad.append(f"{per_week:.1f} events a week")
    shallow = []
    if funnel.met and funnel.one_on_one / funnel.met < LEAST_ONE_ON_ONES:
        shallow.append(
            f"only {_share(funnel.one_on_one, funnel.met)} people met became a one-on-one"
        )
    if funnel.judged and funnel.followed_up / funnel.judged < LEAST_FOLLOWED_UP:
        shallow.append(
            f"only {_share(funnel.followed_up, funnel.judged)} heard from you within a week"
        )
    thin = bool(broad and shallow)
    warnings = (f"spread too thin: {', '.join(broad)}; {'; '.join(shallow)}",) if thin else ()
    keep = groups_to_keep(returns) if thin else ()
    return Spread(
        weeks=weeks,
        groups=groups,
        events=events,
        events_per_week=round(per_week, 2),
        funnel=funnel,
        follow_ups_due=len(follow_ups),
        follow_ups_on_time=on_time,
        thin=thin,
        warnings=warnings,
        keep=keep,
        advice=keep_advice(keep, max(groups, len(returns))),
        reasons=tuple(reasons),
    )


__all__ = [
    "FOLLOW_UP_DAYS",
    "LEAST_FOLLOWED_UP",
    "LEAST_ONE_ON_ONES",
    "MAX_EVENTS_PER_WEEK",
    "MAX_GROUPS",
    "Funnel",
    "Spread",
    "funnel_of",
    "spread_of",
]
