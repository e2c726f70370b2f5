"""Values kept between reads until a write reaches the tables they read.

A service that computes something costly from a few tables (the weekly review's lead
conflicts from the referrals, its groups' member fit from the members and the target
market) asks a :class:`Keeper` for it by a key (what the value is of, its moment included)
and the tables it reads. :func:`fresh` computes every time (the command line, the Python
API); the web app's keeper (:meth:`netweave.web.network.NetworkCache.keep`) gives back the
value it made while no committed write has reached one of those tables since
(:meth:`netweave.storage.Store.changed`, :mod:`netweave.storage.reach`). So the rule of
each value stays in its one function; the keeper only decides whether to call it.

A value that counts rows may instead be *grown* (:class:`Grower`): its function takes the
value made before when every write since only added rows to the tables it reads, and
counts the added rows into it (the rows after the highest row it saw), or ``None`` to count
from scratch; :func:`fresh_growth` always passes ``None``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Keeper(Protocol):
    def __call__(self, key: Hashable, reads: Collection[str], make: Callable[[], T]) -> T:
        """``make()``, or the value it gave for ``key`` while no write reached ``reads``."""
        ...


class Grower(Protocol):
    def __call__(self, key: Hashable, reads: Collection[str], make: Callable[[T | None], T]) -> T:
        """``make(None)``; the value made before while no write reached ``reads``; or
        ``make(before)`` while the writes since only added rows to ``reads``."""
        ...


def fresh_growth(key: Hashable, reads: Collection[str], make: Callable[[T | None], T]) -> T:
    """The grower that keeps nothing: ``make(None)`` every time."""
    return make(None)


def fresh(key: Hashable, reads: Collection[str], make: Callable[[], T]) -> T:
    """The keeper that keeps nothing: ``make()`` every time."""
    return make()


__all__ = ["Grower", "Keeper", "fresh", "fresh_growth"]
