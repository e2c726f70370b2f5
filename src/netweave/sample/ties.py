"""Relationships and the touchpoints that keep them alive.

Everyone has a few ties: to people in their groups, to neighbours in the
network and to the odd stranger. A tie is strong, medium or weak, starts
before or during the history, and some fade (stop) months before today.
Touchpoints follow a Poisson process at the tie's rate. The owner's ties are
laid out in layers (inner circle, close, active, fading) so that tie-strength
analytics have something to find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import accumulate

from netweave.domain import InteractionKind
from netweave.sample.clock import HISTORY_DAYS, moment, weekday
from netweave.sample.groups import Roster
from netweave.sample.logs import NOTES, InteractionLog
from netweave.sample.network import Profile
from netweave.sample.people import OWNER_ID, Cast

_K = InteractionKind
_KINDS = (_K.ONE_ON_ONE, _K.MEAL, _K.CALL, _K.EMAIL, _K.MESSAGE)
# Cumulative weights of the kinds above, by tie strength.
_MIX = {
    "strong": list(accumulate((0.22, 0.12, 0.24, 0.18, 0.24))),
    "medium": list(accumulate((0.12, 0.04, 0.22, 0.34, 0.28))),
    "weak": list(accumulate((0.05, 0.0, 0.15, 0.50, 0.30))),
}
_RATE_PER_MONTH = {"strong": 1.2, "medium": 0.4, "weak": 0.12}
_HOURS = {  # (earliest, latest) local minute of the day
    _K.ONE_ON_ONE: (7 * 60 + 30, 16 * 60),
    _K.MEAL: (11 * 60 + 30, 13 * 60),
    _K.CALL: (8 * 60, 17 * 60 + 30),
    _K.EMAIL: (6 * 60 + 30, 21 * 60),
    _K.MESSAGE: (7 * 60, 22 * 60),
}
_HOW_MET = ("Former colleague", "LinkedIn", "Client", "Neighbour", "Met at a conference")
# The owner's layers: (how many at most, at most one in how many people).
_LAYERS = {"inner": (6, 10), "close": (15, 5), "fading": (5, 12), "active": (35, 4)}
# (touchpoints per month, mix of kinds) of the owner's ties, by layer.
_LAYER_TIES = {
    "inner": (4.0, "strong"),
    "close": (1.8, "strong"),
    "active": (0.7, "medium"),
    "fading": (2.0, "strong"),
}
# How much more (or less) than half of the touchpoints someone starts, by profile.
_LEAN = {Profile.GIVER: 0.15, Profile.MATCHER: 0.0, Profile.TAKER: -0.1}
# How often the owner starts the touchpoint rather than the other person.
_OWNER_STARTS = 0.55


@dataclass
class Ties:
    """Who is tied to whom, and the owner's layers."""

    contacts: list[list[int]]
    """Each person's tie partners, by provisional id."""
    owner_layers: dict[str, list[int]] = field(default_factory=dict)
    """"inner", "close", "active" and "fading": the owner's ties by layer."""


class _TieWriter:
    def __init__(
        self, rng: random.Random, cast: Cast, log: InteractionLog, *, density: float, first_day: int
    ) -> None:
        self.rng = rng
        self.cast = cast
        self.log = log
        self.density = density
        """Touchpoints per tie, as a multiple of the usual rate."""
        self.first_day = first_day
        """The first day a tie can have touchpoints (0 or earlier, for a longer history)."""
        self.contacts: list[list[int]] = [[] for _ in range(cast.count + 1)]

    def tie(self, a: int, b: int, rate: float, mix: list[float], start: int, end: int) -> None:
        """Touchpoints between ``a`` and ``b`` from day ``start`` to day ``end``."""
        rng, log = self.rng, self.log
        self.contacts[a].append(b)
        self.contacts[b].append(a)
        a_starts = _OWNER_STARTS if a == OWNER_ID else self._initiative(a, b)
        per_day = rate * self.density / 30.4
        t = start + rng.expovariate(per_day)
        while t < end:
            day = int(t)
            kind = rng.choices(_KINDS, cum_weights=mix)[0]
            if kind is not _K.MESSAGE and weekday(day) >= 5:
                day -= weekday(day) - 4  # business happens on Friday rather than at the weekend
            earliest, latest = _HOURS[kind]
            at = moment(day, rng.randrange(earliest, latest))
            starter = a if rng.random() < a_starts else b
            if kind is _K.ONE_ON_ONE:
                virtual = rng.random() < 0.2
                note = rng.randrange(len(NOTES)) if rng.random() < 0.3 else 0
                log.add(
                    kind, at, a, b, minutes=rng.randint(30, 90), initiator=starter,
                    in_person=not virtual, note=note,
                )  # fmt: skip
            elif kind is _K.MEAL:
                log.add(kind, at, a, b, minutes=rng.randint(60, 120), initiator=starter)
            elif kind is _K.CALL:
                log.add(kind, at, a, b, minutes=rng.randint(5, 45), initiator=starter)
            else:
                log.add(kind, at, a, b, initiator=starter)
            t += rng.expovariate(per_day)

    def _initiative(self, a: int, b: int) -> float:
        """How likely ``a`` starts a touchpoint with ``b``: givers reach out more."""
        return 0.5 + _LEAN[self.cast.profile[a]] - _LEAN[self.cast.profile[b]]


def _span(rng: random.Random, first_day: int) -> tuple[int, int]:
    start = first_day if rng.random() < 0.6 else rng.randrange(first_day, HISTORY_DAYS - 30)
    end = HISTORY_DAYS
    if rng.random() < 0.15 and start + 60 < HISTORY_DAYS - 1:
        end = rng.randrange(start + 60, HISTORY_DAYS)
    return start, end


def _partner(rng: random.Random, roster: Roster, pid: int, people: int) -> int:
    groups = roster.groups_of[pid]
    roll = rng.random()
    if groups and roll < 0.5:
        members = roster.plans[rng.choice(groups) - 1].members
        return members[rng.randrange(len(members))][0]
    if roll < 0.8:
        return min(people, max(2, pid + rng.randint(-60, 60)))
    return rng.randint(2, people)


def _everyone(writer: _TieWriter, roster: Roster) -> None:
    rng, people = writer.rng, writer.cast.count
    strengths = ("strong", "medium", "weak")
    strength_weights = list(accumulate((0.08, 0.27, 0.65)))
    for pid in range(2, people + 1):
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            other = _partner(rng, roster, pid, people)
            if other in (pid, OWNER_ID):
                continue
            strength = rng.choices(strengths, cum_weights=strength_weights)[0]
            start, end = _span(rng, writer.first_day)
            writer.tie(pid, other, _RATE_PER_MONTH[strength], _MIX[strength], start, end)


def _owner_pool(cast: Cast, roster: Roster) -> tuple[list[int], list[int]]:
    """People the owner could be close to: partners-to-be first, then everyone met."""
    core = roster.core
    partners = [
        pid
        for group in (core.paying_chamber, core.referral_group)
        for pid, _, left in roster.plans[group - 1].members
        if pid != OWNER_ID and left is None and cast.profile[pid] is not Profile.TAKER
    ]
    met = [pid for pid in range(2, cast.count + 1) if cast.met_day[pid] is not None]
    return sorted(set(partners)), met


def _owner(writer: _TieWriter, roster: Roster) -> dict[str, list[int]]:
    rng, cast = writer.rng, writer.cast
    partners, met = _owner_pool(cast, roster)
    others = cast.count - 1
    rng.shuffle(partners)
    rng.shuffle(met)
    # Close ties take time: partners the owner met late in the history come last.
    partners.sort(key=lambda pid: (cast.met_day[pid] or 0) > HISTORY_DAYS // 3)
    layers: dict[str, list[int]] = {}
    taken: set[int] = set()
    early = [pid for pid in met if (cast.met_day[pid] or 0) < HISTORY_DAYS - 300]
    for layer, pool in (
        ("inner", partners + met),
        ("close", partners + met),
        ("fading", early + [pid for pid in partners if cast.met_day[pid] is None]),
        ("active", met + list(range(2, cast.count + 1))),
    ):
        wanted, share = _LAYERS[layer]
        limit = min(wanted, max(1, others // share))
        chosen = [pid for pid in dict.fromkeys(pool) if pid not in taken][:limit]
        taken.update(chosen)
        layers[layer] = chosen
    for layer, chosen in layers.items():
        for pid in chosen:
            met_day = cast.met_day[pid]
            if met_day is None:
                latest = HISTORY_DAYS - 300 if layer == "fading" else HISTORY_DAYS // 2
                met_day = rng.randrange(-900, latest)
                cast.meet(pid, met_day, rng.choice(_HOW_MET))
            start = max(writer.first_day, met_day)
            end = HISTORY_DAYS
            if layer == "fading":
                end = min(HISTORY_DAYS, max(start + 30, HISTORY_DAYS - rng.randint(120, 220)))
            rate, strength = _LAYER_TIES[layer]
            writer.tie(OWNER_ID, pid, rate, _MIX[strength], start, end)
    return layers


def _introductions(rng: random.Random, cast: Cast, layers: dict[str, list[int]]) -> None:
    """Some people the owner knows were introduced by someone in the owner's circle."""
    circle = layers["inner"] + layers["close"]
    if not circle:
        return
    inside = set(circle)
    for pid in range(2, cast.count + 1):
        if cast.met_day[pid] is not None and pid not in inside and rng.random() < 0.12:
            introducer = rng.choice(circle)
            cast.how_met[pid] = f"Introduced by {cast.name(introducer)}"
            cast.introduced_by[pid] = introducer


def weave_ties(
    rng: random.Random,
    cast: Cast,
    roster: Roster,
    log: InteractionLog,
    *,
    density: float = 1.0,
    first_day: int = 0,
) -> Ties:
    """Everyone's ties and their touchpoints, the owner's in layers.

    ``density`` multiplies every tie's rate of touchpoints; ties may start as
    early as ``first_day`` (negative: before the calendar's 18 months).
    """
    writer = _TieWriter(rng, cast, log, density=density, first_day=first_day)
    layers = _owner(writer, roster)
    _introductions(rng, cast, layers)
    _everyone(writer, roster)
    return Ties(writer.contacts, layers)


__all__ = ["Ties", "weave_ties"]
