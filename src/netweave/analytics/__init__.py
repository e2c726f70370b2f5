"""Analytics: pure functions from records to scores, each with its reasons in words."""

from netweave.analytics.rhythm import Rhythm, read_rhythm, usual_gap
from netweave.analytics.ties import (
    KIND_WEIGHTS,
    PairHistory,
    PairStrength,
    StrengthRules,
    pair_strengths,
    weigh,
)
from netweave.domain.touch import DAY, Touch, moment, pair_of, seconds

__all__ = [
    "DAY",
    "KIND_WEIGHTS",
    "PairHistory",
    "PairStrength",
    "Rhythm",
    "StrengthRules",
    "Touch",
    "moment",
    "pair_of",
    "pair_strengths",
    "read_rhythm",
    "seconds",
    "usual_gap",
    "weigh",
]
