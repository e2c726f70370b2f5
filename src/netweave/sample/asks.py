"""Asks (requests for help and what came of them) and the owner's follow-ups.

Takers ask often; what someone does when asked follows their hidden profile,
which is how analytics can tell givers from takers. The owner asks their
circle for help now and then, and is asked in turn.

After meeting someone at an event, the owner often plans a follow-up a week
later: some are done on time (and a one-on-one follows), some late, some
never.
"""

from __future__ import annotations

import random
from itertools import accumulate

from netweave.domain import Ask, AskOutcome, FollowUp, InteractionKind
from netweave.sample import vocabulary as words
from netweave.sample.clock import (
    HISTORY_DAYS,
    TODAY_SECONDS,
    as_datetime,
    day_of,
    moment,
)
from netweave.sample.events import Calendar
from netweave.sample.groups import Roster
from netweave.sample.logs import InteractionLog
from netweave.sample.network import Profile
from netweave.sample.people import OWNER_ID, Cast
from netweave.sample.ties import Ties

_O = AskOutcome
_OUTCOMES = (_O.HELPED, _O.PARTLY, _O.DECLINED, _O.TOO_BUSY, _O.NO_RESPONSE)
# Cumulative chances of each outcome above, by the hidden profile of the one asked.
_ANSWERS = {
    Profile.GIVER: list(accumulate((0.72, 0.14, 0.04, 0.05, 0.05))),
    Profile.MATCHER: list(accumulate((0.45, 0.22, 0.10, 0.12, 0.11))),
    Profile.TAKER: list(accumulate((0.12, 0.13, 0.20, 0.25, 0.30))),
}
# Asks made per month, by the asker's profile: to their contacts, and to the owner.
_ASKING = {Profile.GIVER: 0.02, Profile.MATCHER: 0.03, Profile.TAKER: 0.07}
_ASKING_OWNER = {Profile.GIVER: 0.01, Profile.MATCHER: 0.02, Profile.TAKER: 0.06}
# How often the owner asks someone in each layer, per month.
_OWNER_ASKS = {"inner": 0.15, "close": 0.1, "active": 0.04, "fading": 0.05}

AskRow = tuple[int, int, str, int, AskOutcome | None, int | None]
"""(asker, asked, what, asked at, outcome, answered at)."""
FollowUpRow = tuple[int, int, str, int | None, int]
"""(person, due day, reason, done at, event or 0)."""


def _days(rng: random.Random, per_month: float, start: int = 0) -> list[float]:
    days: list[float] = []
    t = start + rng.expovariate(per_month / 30.4)
    while t < HISTORY_DAYS:
        days.append(t)
        t += rng.expovariate(per_month / 30.4)
    return days


def _ask(rng: random.Random, cast: Cast, asker: int, asked: int, day: float) -> AskRow:
    at = moment(int(day), rng.randrange(7 * 60, 20 * 60))
    what = f"Asked for {rng.choice(words.ASK_TOPICS)}"
    outcome: AskOutcome | None = rng.choices(_OUTCOMES, cum_weights=_ANSWERS[cast.profile[asked]])[
        0
    ]
    answered: int | None = at + 60 * rng.randrange(60, 6 * 24 * 60)
    if outcome is _O.NO_RESPONSE:
        answered = None
        if at > TODAY_SECONDS - 14 * 86_400:
            outcome = None  # too early to call it unanswered
    elif answered is not None and answered >= TODAY_SECONDS:
        outcome, answered = None, None
    return asker, asked, what, at, outcome, answered


def make_asks(rng: random.Random, cast: Cast, roster: Roster, ties: Ties) -> list[AskRow]:
    """Every ask, oldest first."""
    rows: list[AskRow] = []
    for layer, rate in _OWNER_ASKS.items():
        for pid in ties.owner_layers[layer]:
            rows.extend(_ask(rng, cast, OWNER_ID, pid, day) for day in _days(rng, rate))
    mine = set(ties.contacts[OWNER_ID])
    for group in (
        roster.core.paying_chamber,
        roster.core.costly_chamber,
        roster.core.referral_group,
    ):
        mine.update(pid for pid, _, _ in roster.plans[group - 1].members)
    mine.discard(OWNER_ID)
    for pid in sorted(mine):
        rate = _ASKING_OWNER[cast.profile[pid]]
        rows.extend(_ask(rng, cast, pid, OWNER_ID, day) for day in _days(rng, rate))
    for asker in range(2, cast.count + 1):
        contacts = [pid for pid in ties.contacts[asker] if pid not in (asker, OWNER_ID)]
        if contacts:
            for day in _days(rng, _ASKING[cast.profile[asker]]):
                rows.append(_ask(rng, cast, asker, rng.choice(contacts), day))
    rows.sort(key=lambda row: row[3])
    return rows


def make_follow_ups(
    rng: random.Random, cast: Cast, calendar: Calendar, log: InteractionLog
) -> list[FollowUpRow]:
    """The owner's follow-ups after events: on time, late, or still open; oldest first."""
    rows: list[FollowUpRow] = []
    for event, day, pid in calendar.owner_meets:
        # A plan to get to know someone better: mostly for people met for the first time.
        first = cast.met_day[pid] == day
        if rng.random() >= (0.6 if first else 0.1):
            continue
        due = day + 7
        reason = f"Book a one-on-one with {cast.given[pid]}"
        roll = rng.random()
        done_day = None
        if roll < 0.55:
            done_day = day + rng.randint(1, 7)
        elif roll < 0.8:
            done_day = day + rng.randint(8, 40)
        done = moment(done_day, rng.randrange(8 * 60, 17 * 60)) if done_day else None
        if done is not None and done >= TODAY_SECONDS:
            done = None
        meeting = moment(done_day + rng.randint(0, 5), rng.randrange(450, 960)) if done_day else 0
        if done is not None and meeting < TODAY_SECONDS:
            log.add(
                InteractionKind.ONE_ON_ONE,
                meeting,
                OWNER_ID,
                pid,
                minutes=rng.randint(30, 75),
                initiator=OWNER_ID,
            )
        rows.append((pid, due, reason, done, event))
    for pid in sorted({pid for _, _, pid in calendar.owner_meets})[:5]:
        due = HISTORY_DAYS + rng.randint(1, 14)
        rows.append((pid, due, f"Quarterly check-in with {cast.given[pid]}", None, 0))
    rows.sort(key=lambda row: (row[1], row[0]))
    return rows


def ask_record(rows: list[AskRow], number: int) -> Ask:
    asker, asked, what, at, outcome, answered = rows[number - 1]
    return Ask.model_validate(
        {
            "id": number,
            "asker_id": asker,
            "asked_id": asked,
            "what": what,
            "asked_at": as_datetime(at),
            "outcome": outcome,
            "answered_at": as_datetime(answered) if answered is not None else None,
        }
    )


def follow_up_record(rows: list[FollowUpRow], number: int) -> FollowUp:
    pid, due, reason, done, event = rows[number - 1]
    return FollowUp.model_validate(
        {
            "id": number,
            "person_id": pid,
            "due_on": day_of(due),
            "reason": reason,
            "done_at": as_datetime(done) if done is not None else None,
            "event_id": event or None,
        }
    )


__all__ = [
    "AskRow",
    "FollowUpRow",
    "ask_record",
    "follow_up_record",
    "make_asks",
    "make_follow_ups",
]
