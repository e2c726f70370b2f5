"""The plain records analytics work on: touches between two people, as numbers.

Analytics never read the database: the storage layer (or an importer's drafts)
hands them compact records, so the same formulas run on a workspace, on a
chapter's records or on a research data set such as SocioPatterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from netweave.domain.kinds import InteractionKind

DAY = 86_400.0
"""Seconds in a day; analytics count time in seconds since the Unix epoch (UTC)."""


def seconds(moment: datetime) -> float:
    """``moment`` as seconds since the epoch; a naive moment is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def moment(at: float) -> datetime:
    return datetime.fromtimestamp(at, UTC)


@dataclass(frozen=True, slots=True)
class Touch:
    """One interaction seen from one pair of its participants (``a < b``)."""

    a: int
    b: int
    at: float
    """When, in seconds since the epoch (UTC)."""
    kind: InteractionKind = InteractionKind.OTHER
    minutes: float | None = None
    initiator: int | None = None
    """``a``, ``b``, someone else or None when nobody recorded who started it."""

    @property
    def pair(self) -> tuple[int, int]:
        return (self.a, self.b)

    def other(self, person: int) -> int:
        return self.b if person == self.a else self.a


def pair_of(x: int, y: int) -> tuple[int, int]:
    return (x, y) if x < y else (y, x)


__all__ = ["DAY", "Touch", "moment", "pair_of", "seconds"]
