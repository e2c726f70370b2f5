"""Analytics: pure functions from records to scores, each with its reasons in words.

Each module loads when one of its names is first asked for (as in the domain package):
a command that only needs :func:`netweave.analytics.wording.counted` does not pay for the
tie-strength model (issue 16).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netweave.lazy import lazy

if TYPE_CHECKING:
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

_RHYTHM = ("Rhythm", "read_rhythm", "usual_gap")
_TIES = ("KIND_WEIGHTS", "PairHistory", "PairStrength", "StrengthRules", "pair_strengths", "weigh")
_TOUCH = ("DAY", "Touch", "moment", "pair_of", "seconds")
_HOMES = (
    dict.fromkeys(_RHYTHM, "netweave.analytics.rhythm")
    | dict.fromkeys(_TIES, "netweave.analytics.ties")
    | dict.fromkeys(_TOUCH, "netweave.domain.touch")
)


__getattr__ = lazy(__name__, _HOMES)


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
