"""Tie strength: decayed, weighted touches, plus reciprocity, embeddedness and shared contexts.

For a pair (a, b) as of moment T (only touches up to T count):

    direct(a, b) = Σ_i  kind_weight(i) · length(i) · 2^(−(T − t_i) / half_life(a, b))
                   · (1 + reciprocity · (balance − ½))
    strength     = direct(a, b)
                   + embeddedness · Σ_{m mutual} min(direct(a, m), direct(b, m))
                   + shared_context · |contexts(a) ∩ contexts(b)|

``length(i) = log2(1 + minutes / typical minutes of that kind)`` (1 when not
recorded), ``balance = 2 · min(started by a, started by b) / (started by
either)``. The half-life of a pair is the network's, read from the records'
rhythm (:mod:`netweave.analytics.rhythm`), plus the age of the tie (Burt:
old ties decay slower; :func:`pair_half_life`). The weights were chosen on principle and
checked on the SocioPatterns data (docs/analytics.md); one unit of strength is
one typical touch today.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from netweave.analytics.rhythm import Rhythm
from netweave.domain.kinds import InteractionKind
from netweave.domain.touch import Touch

_K = InteractionKind
KIND_WEIGHTS: Mapping[InteractionKind, float] = {
    _K.ONE_ON_ONE: 1.0,
    _K.MEAL: 1.0,
    _K.CALL: 0.7,
    # Marsden & Campbell 1984: meeting at a shared group inflates contact; it says less.
    _K.EVENT_CONVERSATION: 0.5,
    _K.OTHER: 0.5,
    _K.MESSAGE: 0.3,
    _K.EMAIL: 0.3,
}


@dataclass(frozen=True, slots=True)
class StrengthRules:
    """The parameters of the formula (see the module); the defaults are the documented ones."""

    kind_weights: Mapping[InteractionKind, float] = field(default_factory=lambda: KIND_WEIGHTS)
    reciprocity: float = 0.5
    embeddedness: float = 0.2
    shared_context: float = 0.5
    """About one chance conversation: a shared group is a context, not a tie."""


@dataclass(slots=True)
class PairHistory:
    """What the touches of one pair add up to, as of a moment."""

    direct: float = 0.0
    earlier: float = 0.0
    """The direct strength half a half-life before, for the trend."""
    touches: int = 0
    first: float = math.inf
    last: float = -math.inf
    recent: dict[InteractionKind, int] = field(default_factory=dict)
    """Touches of each kind within the last half-life."""
    started: dict[int, int] = field(default_factory=dict)

    @property
    def balance(self) -> float | None:
        """1 when both start equally often, 0 when one always does; None when unknown."""
        counts = list(self.started.values())
        total = sum(counts)
        if total == 0:
            return None
        both = min(counts) if len(counts) == 2 else 0
        return 2 * both / total

    @property
    def mean_gap(self) -> float | None:
        return (self.last - self.first) / (self.touches - 1) if self.touches > 1 else None


def _length(touch: Touch, rhythm: Rhythm) -> float:
    typical = rhythm.typical_minutes.get(touch.kind)
    if not touch.minutes or not typical:
        return 1.0
    return math.log2(1 + touch.minutes / typical)


def pair_half_life(history: PairHistory, rhythm: Rhythm) -> float:
    """The network's half-life plus the age of the tie (first to last touch).

    Burt (2000, 2002): the longer a relationship has lasted, the slower it
    decays (new ties die fast). A tie of one touch decays at the network's
    pace; one kept up for a month gains a month of half-life.
    """
    return rhythm.half_life + max(history.last - history.first, 0.0)


def weigh(
    touches: Iterable[Touch],
    as_of: float,
    rhythm: Rhythm,
    rules: StrengthRules | None = None,
) -> dict[tuple[int, int], PairHistory]:
    """Each pair's decayed history as of ``as_of``; later touches are ignored."""
    rules = rules or StrengthRules()
    earlier_at = as_of - rhythm.half_life / 2
    # The decay of a pair depends on its age, known only after all its touches: group first.
    by_pair: dict[tuple[int, int], list[Touch]] = defaultdict(list)
    for touch in touches:
        if touch.at <= as_of:
            by_pair[(touch.a, touch.b)].append(touch)
    kind_weights = rules.kind_weights
    exp, ln2, gap = math.exp, math.log(2), as_of - earlier_at
    histories: dict[tuple[int, int], PairHistory] = {}
    for pair, group in by_pair.items():
        if len(group) == 1:
            first = last = group[0].at
        else:
            moments = [t.at for t in group]
            first, last = min(moments), max(moments)
        history = PairHistory(touches=len(group), first=first, last=last)
        rate = ln2 / pair_half_life(history, rhythm)
        direct = earlier = 0.0
        for touch in group:
            value = kind_weights.get(touch.kind, 0.5) * _length(touch, rhythm)
            value *= exp(rate * (touch.at - as_of))
            direct += value
            if touch.at <= earlier_at:
                earlier += value
            else:
                history.recent[touch.kind] = history.recent.get(touch.kind, 0) + 1
            if touch.initiator in pair:
                history.started.setdefault(touch.a, 0)
                history.started.setdefault(touch.b, 0)
                history.started[touch.initiator] += 1
        history.direct = direct
        # The same touches seen from the earlier moment: 2^(gap / half-life) more each.
        history.earlier = earlier * exp(rate * gap) if earlier else 0.0
        histories[pair] = history
    return histories


@dataclass(frozen=True, slots=True)
class KindSums:
    """What the database adds up for one pair and one kind of touch, as of a moment.

    ``decayed`` is Σ length · 2^(−(T − t) / pair half-life) over the touches,
    ``decayed_earlier`` the same over those at or before half a half-life ago
    (still decayed to T); ``recent`` counts the others. ``first`` and ``last``
    are the pair's (all kinds), so every row of a pair carries the same.
    """

    a: int
    b: int
    kind: InteractionKind
    touches: int
    recent: int
    decayed: float
    decayed_earlier: float
    started_a: int
    started_b: int
    first: float
    last: float


def histories_of(
    sums: Iterable[KindSums],
    as_of: float,
    rhythm: Rhythm,
    rules: StrengthRules | None = None,
) -> dict[tuple[int, int], PairHistory]:
    """Each pair's history from the database's sums: what :func:`weigh` gives from touches."""
    rules = rules or StrengthRules()
    kind_weights = rules.kind_weights
    gap = as_of - (as_of - rhythm.half_life / 2)  # as weigh() has it, to the last bit
    histories: dict[tuple[int, int], PairHistory] = {}
    earlier: dict[tuple[int, int], float] = defaultdict(float)
    for row in sums:
        pair = (row.a, row.b)
        history = histories.get(pair)
        if history is None:
            history = histories[pair] = PairHistory(first=row.first, last=row.last)
        weight = kind_weights.get(row.kind, 0.5)
        history.touches += row.touches
        history.direct += weight * row.decayed
        earlier[pair] += weight * row.decayed_earlier
        if row.recent:
            history.recent[row.kind] = history.recent.get(row.kind, 0) + row.recent
        if row.started_a or row.started_b:
            history.started[row.a] = history.started.get(row.a, 0) + row.started_a
            history.started[row.b] = history.started.get(row.b, 0) + row.started_b
    for pair, history in histories.items():
        value = earlier.get(pair, 0.0)
        rate = math.log(2) / pair_half_life(history, rhythm)
        # The same touches seen from the earlier moment: 2^(gap / half-life) more each.
        history.earlier = value * math.exp(rate * gap) if value else 0.0
    return histories


@dataclass(frozen=True, slots=True)
class PairStrength:
    """A pair's strength and its parts."""

    strength: float
    direct: float
    embedded: float
    mutual: int
    shared: int


def pair_strengths(
    histories: Mapping[tuple[int, int], PairHistory],
    *,
    contexts: Mapping[int, frozenset[int]] | None = None,
    rules: StrengthRules | None = None,
    pairs: Iterable[tuple[int, int]] | None = None,
) -> dict[tuple[int, int], PairStrength]:
    """The strength of every pair with history (or of ``pairs`` among them)."""
    if not histories:
        return {}
    import numpy as np  # with the first strength, not with the module (start-up)

    from netweave.analytics.tie_arrays import reciprocity_factors

    rules = rules or StrengthRules()
    count = len(histories)
    raw = np.fromiter((h.direct for h in histories.values()), np.float64, count)
    started = np.fromiter(
        (h.started.get(x, 0) for (a, b), h in histories.items() for x in (a, b)),
        np.int64,
        2 * count,
    ).reshape(count, 2)
    factors = reciprocity_factors(started[:, 0], started[:, 1], rules.reciprocity)
    direct = dict(zip(histories, (raw * factors).tolist(), strict=True))
    return strengths_of(direct, contexts=contexts, rules=rules, pairs=pairs)


def strengths_of(
    direct: Mapping[tuple[int, int], float],
    *,
    contexts: Mapping[int, frozenset[int]] | None = None,
    rules: StrengthRules | None = None,
    pairs: Iterable[tuple[int, int]] | None = None,
) -> dict[tuple[int, int], PairStrength]:
    """Each pair's strength from every pair's direct strength (reciprocity included):
    plus the embeddedness through mutual contacts and the shared contexts, computed over all
    pairs at once (:func:`netweave.analytics.tie_arrays.strength_arrays`). The pairs are of
    two different people, each pair once (in one order); with ``pairs``, only those (in
    that order) that have a direct strength."""
    if not direct:
        return {}  # before numpy loads (start-up)
    import numpy as np

    from netweave.analytics.tie_arrays import strength_arrays

    ends = np.array(list(direct), dtype=np.int64).reshape(-1, 2)
    values = np.fromiter(direct.values(), np.float64, len(direct))
    chosen = None
    if pairs is not None:
        place = {pair: number for number, pair in enumerate(direct)}
        picked = [place[pair] for pair in dict.fromkeys(pairs) if pair in place]
        chosen = np.array(picked, dtype=np.int64)
    found = strength_arrays(
        ends[:, 0], ends[:, 1], values, contexts=contexts, rules=rules, chosen=chosen
    )
    return found.by_pair()


__all__ = [
    "KIND_WEIGHTS",
    "KindSums",
    "PairHistory",
    "PairStrength",
    "StrengthRules",
    "histories_of",
    "pair_half_life",
    "pair_strengths",
    "strengths_of",
    "weigh",
]
