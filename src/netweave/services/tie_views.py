"""A tie as it is shown: :class:`TieView`, named and rounded, and the analytics' tie behind
one (the cadence rules take those). One rounding of what a view keeps: the last touch to
the microsecond, the own gap to a thousandth of a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from netweave.analytics import seconds
from netweave.analytics.layers import Layer, Tie, Trend
from netweave.domain.touch import DAY, moment


@dataclass(frozen=True, slots=True)
class TieView:
    """One tie of the ego, named and explained, ready to show."""

    person_id: int
    name: str
    strength: float
    layer: str
    trend: str
    last_touch: datetime
    touches: int
    reasons: tuple[str, ...]
    own_gap_days: float | None = None
    """The pair's own mean gap between touches, in days, once it has three touches."""


def tie_view(tie: Tie, names: dict[int, str]) -> TieView:
    """``tie`` named (``#id`` for one without a name) and rounded as it is shown."""
    return TieView(
        person_id=tie.other,
        name=names.get(tie.other, f"#{tie.other}"),
        strength=tie.strength,
        layer=tie.layer.value,
        trend=tie.trend.value,
        last_touch=moment(tie.last_touch),
        touches=tie.touches,
        reasons=tie.reasons,
        own_gap_days=_gap_days(tie.own_gap),
    )


def _gap_days(gap: float | None) -> float | None:
    """A tie's own gap as its view keeps it: in days, to a thousandth (the one rounding)."""
    return None if gap is None else round(gap / DAY, 3)


def _gap_seconds(days: float | None) -> float | None:
    """A view's own gap in days back in seconds."""
    return None if days is None else days * DAY


def as_tie(view: TieView) -> Tie:
    """The analytics' tie behind a tie view (for the cadence rules)."""
    return Tie(
        other=view.person_id,
        strength=view.strength,
        layer=Layer(view.layer),
        trend=Trend(view.trend),
        last_touch=seconds(view.last_touch),
        touches=view.touches,
        reasons=view.reasons,
        own_gap=_gap_seconds(view.own_gap_days),
    )


def as_shown(tie: Tie) -> Tie:
    """``tie`` as its view gives it back (:func:`as_tie` of :func:`tie_view`, with the same
    rounding of what a view keeps: the last touch to the microsecond, the own gap to a
    thousandth of a day), without making the view (the review checks thousands)."""
    return Tie(
        other=tie.other,
        strength=tie.strength,
        layer=tie.layer,
        trend=tie.trend,
        last_touch=seconds(moment(tie.last_touch)),
        touches=tie.touches,
        reasons=tie.reasons,
        own_gap=_gap_seconds(_gap_days(tie.own_gap)),
    )


__all__ = ["TieView", "as_shown", "as_tie", "tie_view"]
