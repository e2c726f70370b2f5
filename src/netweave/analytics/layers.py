"""One person's ties in layers (after Dunbar), with a trend and the reasons in words.

Layers follow Dunbar's nested circles of about 5, 15, 50 and 150 people: a
person's ties are ranked by strength, the first 5 are *inner*, up to 15
*close*, up to 50 *active*, the rest *acquaintance*; each layer also needs a
minimum strength (4, 2, 1, 0.25 typical touches today), so that a thin
network has no inner circle by default. Below 0.25 a tie is *dormant*.

The trend compares the direct strength today with half a half-life ago:
silence alone multiplies it by 2^(−½) ≈ 0.71, steady contact keeps it level.
Below 0.85 it is *fading*, above 1.2 *rising*; and a tie silent for more
than 8 of its own usual gaps is fading whatever the ratio (Navarro et al. 2017).
Rising needs contact still going on: a tie silent for more than 2 usual gaps
(the pair's own mean gap or the network's, whichever is longer) is never
rising; where the ratio says rising it is *fading*, a burst that stopped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from netweave.analytics.rhythm import GAPS_PER_HALF_LIFE, Rhythm, span
from netweave.analytics.ties import PairHistory, PairStrength
from netweave.domain.kinds import InteractionKind
from netweave.domain.touch import pair_of


class Layer(StrEnum):
    INNER = "inner"
    CLOSE = "close"
    ACTIVE = "active"
    ACQUAINTANCE = "acquaintance"
    DORMANT = "dormant"


class Trend(StrEnum):
    RISING = "rising"
    STEADY = "steady"
    FADING = "fading"


# (layer, most people in it and the layers inside it, least strength)
LAYERS = (
    (Layer.INNER, 5, 4.0),
    (Layer.CLOSE, 15, 2.0),
    (Layer.ACTIVE, 50, 1.0),
    (Layer.ACQUAINTANCE, None, 0.25),
)
FADING_RATIO = 0.85
RISING_RATIO = 1.2
STOPPED_GAPS = 2.0
"""A tie silent for more than this many usual gaps is no longer rising."""


@dataclass(frozen=True, slots=True)
class Tie:
    """One tie of a person, explained."""

    other: int
    strength: float
    layer: Layer
    trend: Trend
    last_touch: float
    touches: int
    reasons: tuple[str, ...]
    own_gap: float | None = None
    """The pair's own mean gap between touches (seconds), once it has three touches."""

    @property
    def because(self) -> str:
        return "; ".join(self.reasons)


def layers_by_rank(strengths: Mapping[int, float]) -> dict[int, Layer]:
    """Each tie's layer: by rank among the person's ties, and by strength."""
    ranked = sorted(strengths.items(), key=lambda item: (-item[1], item[0]))
    found = {}
    for rank, (other, value) in enumerate(ranked, 1):
        layer = Layer.DORMANT
        for candidate, size, least in LAYERS:
            if (size is None or rank <= size) and value >= least:
                layer = candidate
                break
        found[other] = layer
    return found


def usual_gap_of(history: PairHistory, rhythm: Rhythm) -> float:
    """What counts as a usual gap for this pair: its own mean gap or the network's
    (``half-life / GAPS_PER_HALF_LIFE``), whichever is longer.

    The longer one, so that two touches a day apart do not make a day's silence long.
    """
    network = rhythm.half_life / GAPS_PER_HALF_LIFE
    own = history.mean_gap
    return network if own is None else max(own, network)


def stopped(history: PairHistory, rhythm: Rhythm, as_of: float) -> bool:
    """Whether the tie has been silent for more than :data:`STOPPED_GAPS` usual gaps."""
    return as_of - history.last > STOPPED_GAPS * usual_gap_of(history, rhythm)


def trend_of(history: PairHistory, as_of: float, rhythm: Rhythm) -> Trend:
    """Rising, steady or fading (see the module): the ratio, then the rules of silence."""
    gap = history.mean_gap
    if gap is not None and history.touches >= 3 and as_of - history.last > 8 * gap:
        return Trend.FADING
    if history.earlier == 0:
        trend = Trend.RISING if history.direct > 0 else Trend.STEADY
    else:
        ratio = history.direct / history.earlier
        if ratio < FADING_RATIO:
            return Trend.FADING
        trend = Trend.RISING if ratio > RISING_RATIO else Trend.STEADY
    if trend is Trend.RISING and stopped(history, rhythm, as_of):
        return Trend.FADING  # the burst that made it rise is over
    return trend


_NAMES = {
    InteractionKind.ONE_ON_ONE: ("one-on-one", "one-on-ones"),
    InteractionKind.MEAL: ("meal", "meals"),
    InteractionKind.CALL: ("call", "calls"),
    InteractionKind.EVENT_CONVERSATION: ("conversation at events", "conversations at events"),
    InteractionKind.EMAIL: ("email", "emails"),
    InteractionKind.MESSAGE: ("message", "messages"),
    InteractionKind.OTHER: ("other touch", "other touches"),
}


def _count(n: int, kind: InteractionKind) -> str:
    one, many = _NAMES[kind]
    return f"{n} {one if n == 1 else many}"


def explain(
    ego: int,
    other: int,
    history: PairHistory,
    strength: PairStrength,
    rhythm: Rhythm,
    as_of: float,
) -> tuple[str, ...]:
    """The reasons behind a tie's strength, most telling first."""
    reasons = []
    if history.recent:
        kinds = sorted(history.recent.items(), key=lambda item: (-item[1], item[0].value))
        listed = ", ".join(_count(n, kind) for kind, n in kinds[:3])
        reasons.append(f"{listed} in the last {span(rhythm.half_life / 2)}")
    else:
        reasons.append(f"no touch in the last {span(rhythm.half_life / 2)}")
    reasons.append(f"last touch {span(max(0.0, as_of - history.last))} ago")
    balance = history.balance
    if balance is not None:
        mine = history.started.get(ego, 0)
        theirs = history.started.get(other, 0)
        if balance >= 0.6:
            reasons.append("you both start conversations")
        elif mine > theirs:
            reasons.append("you start most conversations")
        else:
            reasons.append("they start most conversations")
    gap = history.mean_gap
    if gap is not None and history.touches >= 3 and as_of - history.last > GAPS_PER_HALF_LIFE * gap:
        reasons.append(f"silent for over 8 times the usual {span(gap)} between touches")
    elif stopped(history, rhythm, as_of):
        usual = span(usual_gap_of(history, rhythm))
        reasons.append(f"silent for over twice the usual {usual} between touches")
    if strength.mutual:
        reasons.append(f"{strength.mutual} mutual contact{'s' if strength.mutual > 1 else ''}")
    if strength.shared:
        reasons.append(f"{strength.shared} shared group{'s' if strength.shared > 1 else ''}")
    return tuple(reasons)


def ties_of(
    ego: int,
    histories: Mapping[tuple[int, int], PairHistory],
    strengths: Mapping[tuple[int, int], PairStrength],
    rhythm: Rhythm,
    as_of: float,
    *,
    explained: bool = True,
) -> list[Tie]:
    """Every tie of ``ego`` with history, strongest first, in layers with trends and reasons
    (without ``explained``, no reasons: :func:`explain` gives them for the ties shown)."""
    mine = {}
    for a, b in strengths:
        if ego in (a, b):
            mine[b if a == ego else a] = strengths[(a, b)]
    layers = layers_by_rank({other: s.strength for other, s in mine.items()})
    ties = []
    for other, strength in mine.items():
        history = histories[pair_of(ego, other)]
        ties.append(
            Tie(
                other=other,
                strength=round(strength.strength, 3),
                layer=layers[other],
                trend=trend_of(history, as_of, rhythm),
                last_touch=history.last,
                touches=history.touches,
                reasons=explain(ego, other, history, strength, rhythm, as_of) if explained else (),
                own_gap=history.mean_gap if history.touches >= 3 else None,
            )
        )
    ties.sort(key=lambda tie: (-tie.strength, tie.other))
    return ties


__all__ = [
    "FADING_RATIO",
    "LAYERS",
    "RISING_RATIO",
    "STOPPED_GAPS",
    "Layer",
    "Tie",
    "Trend",
    "explain",
    "layers_by_rank",
    "stopped",
    "ties_of",
    "trend_of",
    "usual_gap_of",
]
