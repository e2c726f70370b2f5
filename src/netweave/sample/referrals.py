"""Referrals: who passes leads to whom, how they go, and what they are worth.

How often someone gives depends on their hidden profile (givers often,
takers rarely) and on their groups (a referral group multiplies it). The
owner receives referrals from the members of their groups at rates that make
one chamber pay off and the other not. A few careless referrals hand the same
lead to two people in one business category, for conflict checks to find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from netweave.domain import GroupKind, Referral, ReferralScope, ReferralStatus, StatusChange
from netweave.sample import vocabulary as words
from netweave.sample.clock import HISTORY_DAYS, TODAY_SECONDS, as_datetime, moment
from netweave.sample.groups import Roster
from netweave.sample.network import Profile
from netweave.sample.people import OWNER_ID, Cast
from netweave.sample.ties import Ties

CURRENCY = "USD"
_DAY = 86_400
_S = ReferralStatus

# Referrals given per month, by profile: in general, and to the owner from each group.
_GIVING = {Profile.GIVER: 0.07, Profile.MATCHER: 0.03, Profile.TAKER: 0.006}
_TO_OWNER = {  # (rates, chance a referral that reaches a meeting is won, worth)
    "paying": ({Profile.GIVER: 0.22, Profile.MATCHER: 0.11, Profile.TAKER: 0.02}, 0.55, 1.0),
    "costly": ({Profile.GIVER: 0.03, Profile.MATCHER: 0.015, Profile.TAKER: 0.008}, 0.08, 0.3),
    "referral": ({Profile.GIVER: 0.12, Profile.MATCHER: 0.07, Profile.TAKER: 0.015}, 0.3, 0.8),
}
# Only so many people in a group think of the owner: past a dozen members, each sends less.
_THINKING_OF_OWNER = 12
# How good a giver's leads are: the chance a referral that reaches a meeting is won.
_QUALITY = {Profile.GIVER: 0.45, Profile.MATCHER: 0.35, Profile.TAKER: 0.15}

Row = tuple[
    int, int, int, str | None, ReferralScope, str, int, tuple[tuple[_S, int], ...], int | None
]
"""(giver, receiver, prospect or 0, prospect name, scope, category, given, history, value)."""


@dataclass
class _Lead:
    prospect: int
    name: str | None
    scope: ReferralScope


def _progress(
    rng: random.Random, given: int, win: float
) -> tuple[tuple[tuple[_S, int], ...], bool]:
    """A status history from ``given`` on, and whether it was won; it stops at today."""
    history = [(_S.NEW, given)]
    at = given

    def step(status: _S, low: int, high: int) -> bool:
        nonlocal at
        next_at = at + rng.randint(low, high) * _DAY + 60 * rng.randrange(60, 8 * 60)
        if next_at >= TODAY_SECONDS:
            return False
        at = next_at
        history.append((status, at))
        return True

    won = False
    if rng.random() < 0.85:
        if step(_S.CONTACTED, 1, 10):
            if rng.random() < 0.7:
                if step(_S.MEETING, 3, 30):
                    won = rng.random() < win
                    if not step(_S.WON if won else _S.LOST, 7, 60):
                        won = False
            elif rng.random() < 0.5:
                step(_S.LOST, 10, 60)
    elif rng.random() < 0.4:
        step(_S.LOST, 20, 90)
    return tuple(history), won


class _ReferralWriter:
    def __init__(self, rng: random.Random, cast: Cast) -> None:
        self.rng = rng
        self.cast = cast
        self.rows: list[Row] = []
        self.by_category: dict[str, list[int]] = {}
        for pid in range(2, cast.count + 1):
            self.by_category.setdefault(cast.line[pid].category, []).append(pid)

    def lead(self, giver: int, receiver: int, contacts: list[int]) -> _Lead:
        rng, cast = self.rng, self.cast
        roll = rng.random()
        if roll < 0.15:
            return _Lead(0, cast.company[giver], ReferralScope.INSIDE)
        if roll < 0.45 and contacts:
            prospect = rng.choice(contacts)
            if prospect not in (giver, receiver):
                return _Lead(prospect, None, ReferralScope.OUTSIDE)
        if rng.random() < 0.6:
            name = f"{rng.choice(words.COMPANY_PREFIXES)} {rng.choice(words.PROSPECT_KINDS)}"
        else:
            name = f"{rng.choice(words.GIVEN_NAMES)} {rng.choice(words.FAMILY_NAMES)}"
        return _Lead(0, name, ReferralScope.OUTSIDE)

    def give(
        self, giver: int, receiver: int, day: float, lead: _Lead, win: float, worth: float
    ) -> None:
        rng = self.rng
        given = moment(int(day), rng.randrange(8 * 60, 18 * 60))
        history, won = _progress(rng, given, win)
        value = None
        if won:
            dollars = self.cast.line[receiver].deal_dollars * worth * rng.uniform(0.5, 1.6)
            value = max(1, round(dollars / 50)) * 50 * 100
        category = self.cast.line[receiver].category
        self.rows.append(
            (giver, receiver, lead.prospect, lead.name, lead.scope, category, given, history, value)
        )

    def stream(self, per_month: float, start: int, end: int) -> list[float]:
        """Days of a Poisson process at ``per_month`` events a month, from ``start`` to ``end``."""
        days: list[float] = []
        if per_month <= 0:
            return days
        t = start + self.rng.expovariate(per_month / 30.4)
        while t < end:
            days.append(t)
            t += self.rng.expovariate(per_month / 30.4)
        return days


def _everyone(writer: _ReferralWriter, roster: Roster, ties: Ties) -> None:
    rng, cast = writer.rng, writer.cast
    in_referral_group = {
        pid
        for plan in roster.plans
        if plan.kind is GroupKind.REFERRAL_GROUP
        for pid, _, _ in plan.members
    }
    for giver in range(2, cast.count + 1):
        contacts = [pid for pid in ties.contacts[giver] if pid not in (giver, OWNER_ID)]
        if not contacts:
            continue
        profile = cast.profile[giver]
        rate = _GIVING[profile] * (3.0 if giver in in_referral_group else 1.0)
        for day in writer.stream(rate, 0, HISTORY_DAYS):
            receiver = rng.choice(contacts)
            lead = writer.lead(giver, receiver, contacts)
            writer.give(giver, receiver, day, lead, _QUALITY[profile], 1.0)
            category = cast.line[receiver].category
            if profile is not Profile.GIVER and lead.name and rng.random() < 0.15:
                # The same lead to a competitor of the first receiver: a conflict.
                rivals = [
                    pid for pid in writer.by_category[category] if pid not in (receiver, giver)
                ]
                later = day + rng.uniform(0, 5)
                if rivals and later < HISTORY_DAYS:
                    writer.give(giver, rng.choice(rivals), later, lead, 0.2, 1.0)


def _to_owner(writer: _ReferralWriter, roster: Roster, ties: Ties) -> None:
    cast = writer.cast
    core = roster.core
    for key, group in (
        ("paying", core.paying_chamber),
        ("costly", core.costly_chamber),
        ("referral", core.referral_group),
    ):
        rates, win, worth = _TO_OWNER[key]
        members = roster.plans[group - 1].members
        share = min(1.0, _THINKING_OF_OWNER / len(members))
        for giver, joined, left in members:
            if giver == OWNER_ID:
                continue
            start, end = (
                max(joined or 0, 0),
                min(left if left is not None else HISTORY_DAYS, HISTORY_DAYS),
            )
            rate = rates[cast.profile[giver]] * share
            for day in writer.stream(rate, start, end):
                lead = writer.lead(giver, OWNER_ID, ties.contacts[giver])
                quality = win * (_QUALITY[cast.profile[giver]] / _QUALITY[Profile.MATCHER])
                writer.give(giver, OWNER_ID, day, lead, min(0.9, quality), worth)


def _from_owner(writer: _ReferralWriter, roster: Roster, ties: Ties) -> None:
    rng = writer.rng
    core = roster.core
    partners = [
        pid
        for group in (core.referral_group, core.paying_chamber)
        for pid, _, left in roster.plans[group - 1].members
        if pid != OWNER_ID and left is None
    ]
    pool = partners + ties.owner_layers["inner"] + ties.owner_layers["close"]
    mine = ties.contacts[OWNER_ID]
    for day in writer.stream(2.5, 0, HISTORY_DAYS):
        receiver = rng.choice(pool)
        writer.give(OWNER_ID, receiver, day, writer.lead(OWNER_ID, receiver, mine), 0.4, 1.0)


def pass_referrals(rng: random.Random, cast: Cast, roster: Roster, ties: Ties) -> list[Row]:
    """Every referral, oldest first."""
    writer = _ReferralWriter(rng, cast)
    _to_owner(writer, roster, ties)
    _from_owner(writer, roster, ties)
    _everyone(writer, roster, ties)
    writer.rows.sort(key=lambda row: row[6])
    return writer.rows


def referral_record(rows: list[Row], number: int) -> Referral:
    giver, receiver, prospect, name, scope, category, given, history, value = rows[number - 1]
    return Referral.model_validate(
        {
            "id": number,
            "giver_id": giver,
            "receiver_id": receiver,
            "prospect_id": prospect or None,
            "prospect_name": name,
            "scope": scope,
            "category": category,
            "given_at": as_datetime(given),
            "status": history[-1][0],
            "history": [
                StatusChange(status=status, changed_at=as_datetime(at)) for status, at in history
            ],
            "value_cents": value,
            "currency": CURRENCY if value is not None else None,
        }
    )


__all__ = ["CURRENCY", "Row", "pass_referrals", "referral_record"]
