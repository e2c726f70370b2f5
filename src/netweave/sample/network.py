"""The sample network as a whole: domain records with provisional ids, built on access.

Provisional ids
    Every kind of record is numbered on its own, ``1..n`` in the order of its
    sequence: ``network.people[0].id == 1``. References between records
    (``person_id``, ``group_id``, ``event_id``, ``giver_id``, ...) use those
    provisional ids of the kind they point at. The loader
    (:mod:`netweave.storage.bulk`) maps them to the database's ids.

Compactness
    A sample of 100,000 people holds about a million interactions. As pydantic
    objects they would take gigabytes, so the generator keeps compact rows
    (tuples and typed arrays) and :class:`Records` builds and validates each
    domain record when it is read. Reading the same index twice gives equal,
    separate objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar, overload

from netweave.domain import (
    Ask,
    Attendance,
    Event,
    FollowUp,
    Group,
    Interaction,
    Membership,
    Person,
    Referral,
    Settings,
    TargetMarket,
)

R = TypeVar("R")


class Profile(StrEnum):
    """How a person behaves, hidden from the records: only their deeds show it.

    Givers pass many referrals and help when asked; takers ask a lot, give
    little and often decline; matchers sit in between and return favours.
    """

    GIVER = "giver"
    MATCHER = "matcher"
    TAKER = "taker"


class Records(Sequence[R]):
    """A read-only sequence of records made on access from compact rows.

    ``make(n)`` builds the record whose provisional id is ``n`` (1-based).
    """

    __slots__ = ("_count", "_make")

    def __init__(self, count: int, make: Callable[[int], R]) -> None:
        self._count = count
        self._make = make

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> list[R]: ...

    def __getitem__(self, index: int | slice) -> R | list[R]:
        if isinstance(index, slice):
            return [self._make(i + 1) for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(f"record index {index} out of range")
        return self._make(index + 1)

    def __iter__(self) -> Iterator[R]:
        make = self._make
        for number in range(1, self._count + 1):
            yield make(number)

    def __repr__(self) -> str:
        return f"<Records of {self._count}>"


@dataclass(frozen=True)
class CoreGroups:
    """Provisional ids of the groups that tell the sample's story."""

    paying_chamber: int
    """A chamber full of the owner's target market; referrals come back."""
    costly_chamber: int
    """A chamber with high dues and long lunches; nothing comes back."""
    referral_group: int
    """A weekly referral group, one member per business category."""
    online_community: int
    former_group: int
    """An association the owner left during the history."""


@dataclass(frozen=True)
class SampleNetwork:
    """One professional's network: records, settings, and the hidden truth about people."""

    seed: int
    size: int
    today: date
    settings: Settings
    target_market: TargetMarket
    owner_id: int
    """Provisional id of the owner ("me"): always 1, the first person."""
    core: CoreGroups
    people: Records[Person]
    groups: Records[Group]
    memberships: Records[Membership]
    events: Records[Event]
    attendance: Records[Attendance]
    interactions: Records[Interaction]
    referrals: Records[Referral]
    asks: Records[Ask]
    follow_ups: Records[FollowUp]
    profiles: Sequence[Profile]
    """The hidden profile of each person, by provisional id minus one."""

    def profile(self, person_id: int) -> Profile:
        """The hidden profile of the person with this provisional id."""
        return self.profiles[person_id - 1]

    def counts(self) -> dict[str, int]:
        """How many records of each kind, named as the loader reports them."""
        return {kind.replace("_", "-"): len(getattr(self, kind)) for kind in RECORD_KINDS}


RECORD_KINDS = (
    "people",
    "groups",
    "memberships",
    "events",
    "attendance",
    "interactions",
    "referrals",
    "asks",
    "follow_ups",
)
"""The record lists of a :class:`SampleNetwork`, in the order they are loaded."""


__all__ = ["RECORD_KINDS", "CoreGroups", "Profile", "Records", "SampleNetwork"]
