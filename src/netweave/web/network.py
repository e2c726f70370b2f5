"""The owner's network view, computed once and kept until the data changes.

Tie strengths come from every touch of the owner's circle: at 10,000 people
and 1M touches, the view and the panels built on it (the weekly review, the
strength backdrop) take about a second, too slow for a request. The app keeps
the last :class:`NetworkView` and the values derived from it while the store's
write generation and the minute stay the same; writes by another process (the
command line) are seen after at most :data:`KEEP_SECONDS`.

When the data changes, the rule depends on what computing costs (the time the last
view and the values made from it took, kept apart for a write within the minute, whose
histories are grown, and for a new minute, which weighs every pair again; of the cache's
cold first view, a quarter, :data:`COLD_SHARE`: its imports and first queries are not the
next one's, but a large network's still sends the next new minute behind; the first write
within a minute is tried in the request, :meth:`NetworkCache._estimate`):

- under the cache's budget (``netweave serve``: :data:`SYNC_BUDGET`; in-process
  apps and tests: no limit), the view is computed again at once, before
  the request that finds it out of date: a page right after a write shows it. This holds
  while a computation runs behind too (writes back to back: each would find the one for
  the write before still running): the request computes the later state itself, and the
  one behind stops at its next step and keeps nothing;
- above it, the request is answered from the view it had, and the view is
  computed again *behind* it, in one background thread (writes during that
  computation start one more): a page right after a write does not wait a
  second for the network. The values derived from the view (the weekly review,
  the strength backdrop, the dashboard's counts) are computed again in the same
  thread, those that were in use first; until each is ready, the previous one
  is served. What a page reads straight from the records (a person's touches,
  follow-ups, events) is current; the scores catch up within one computation.

Parts of the view and of the values made from it that read a few tables (everyone's
reciprocity, the review's standings, conflicts and fit, the counts) are kept apart
(:meth:`NetworkCache.keep`, :mod:`netweave.services.keeping`) until a write reaches one of
those tables (:meth:`netweave.storage.Store.changed`): a touch logged recomputes the ties,
not who gives and who takes.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from netweave.collector import paused
from netweave.services.database import Store
from netweave.services.network_view import NetworkView, network_view
from netweave.web.kept_values import KEEP_SECONDS, KEPT_VALUES, KeptValues

SYNC_BUDGET = 0.15
"""Seconds a computation of the view may take and still be done inside a request, in
``netweave serve``; in-process apps (tests) compute at once unless told otherwise. The
target of the dashboard right after a write (issue 16): after a touch logged, the view and
its values are grown, not computed again (about 0.1 s at 10,000 people and 1M touches on a
busy two-core machine), so the page shows the write; a costlier change (a new minute's
view, an edit, an import) is computed behind while the page says its scores catch up."""
COLD_SHARE = 0.25
"""The share of the cold first view's cost (and its values') the rule counts: at 10,000
people and 1M touches it took 1.3-1.8 s, a quarter of which still sends the next behind; a
small network's first view (imports, first queries) no longer does."""
T = TypeVar("T")
_log = logging.getLogger(__name__)


def view_moment(now: datetime) -> datetime:
    """The moment the view kept for ``now``'s minute is computed as of: the minute's last
    microsecond, so that a touch logged during the minute is in it (as of the minute's
    start it would lie after the moment, and the state kept on write would not hold)."""
    return now.replace(second=0, microsecond=0) + timedelta(minutes=1, microseconds=-1)


def _cost_clock(store: Store) -> Callable[[], float]:
    """What a computation costs: on SQLite, its thread's CPU time (the database works in
    that thread; the wall time of a computation behind also counts the requests served
    meanwhile, and a busy server would never be found cheap again); on PostgreSQL, its wall
    time (a thread's CPU time would leave out what the server computes in its process)."""
    return time.thread_time if store.dialect == "sqlite" else time.monotonic


@dataclass
class _Kept:
    view: NetworkView
    generation: int
    minute: datetime
    made: float
    """time.monotonic() when the computation started."""
    derived: dict[str, object] = field(default_factory=dict)
    cold: bool = False
    """The first view of the cache: its cost counts in part (:data:`COLD_SHARE`)."""
    kind: str = "cold"
    """What it was computed for (:meth:`NetworkCache._kind`): its values' cost adds to it."""


class NetworkCache(KeptValues):
    """One workspace's latest network view; safe across the server's threads."""

    def __init__(
        self,
        store: Store,
        ws: int,
        *,
        sync_budget: float = math.inf,
        compute: Callable[[Store, int, datetime], NetworkView] | None = None,
    ) -> None:
        super().__init__(store)
        self.ws = ws
        self.sync_budget = sync_budget
        self._compute = compute or self._network_view
        self._kept: _Kept | None = None
        self._previous: dict[str, object] = {}
        """Derived values of the view before, served until the current view's are made."""
        self._makers: dict[str, Callable[[NetworkView], object]] = {}
        self._cost = 0.0
        """The latest computation's cost, whatever it was for."""
        self._costs: dict[str, float] = {}
        """The latest cost of each kind of computation (:meth:`_kind`)."""
        self._worker: threading.Thread | None = None
        self._again = False
        self._wanted: datetime | None = None
        self._computing: tuple[int, datetime] | None = None
        self._failed = False
        self._inside = threading.local()
        self._spent = _cost_clock(store)

    # -- the view --------------------------------------------------------------------------

    def view(self, now: datetime) -> NetworkView:
        """The view of ``now``'s minute (as of its end, :func:`view_moment`); see the
        module's rule after a change."""
        minute = now.replace(second=0, microsecond=0)
        with self._lock:
            kept = self._kept
            if kept is not None and (self._current(kept, minute) or self._in_worker()):
                return kept.view
            if kept is None or self._failed:
                return self._make_now(minute).view
            if self._estimate(self._kind(kept, minute)) < self.sync_budget:
                # Cheap again (the last computation said so): computed here, even while one
                # runs behind for an older state; that one is superseded, its result dropped
                # (writes back to back would otherwise keep every page behind).
                self._supersede()
                return self._make_now(minute).view
            self._refresh_behind(minute)
            return kept.view

    def derived(self, name: str, now: datetime, make: Callable[[NetworkView], T]) -> T:
        """``make(view)``, kept as long as the view is (the weekly review built on it).

        Behind a change (see the module), the value made from the view before is
        served until this view's is ready.
        """
        view = self.view(now)
        with self._lock:
            self._makers[name] = make
            kept = self._kept
            assert kept is not None
            if kept.view is view and name in kept.derived:
                return kept.derived[name]  # type: ignore[return-value]
            if name in self._previous and not self._in_worker() and self._worker is not None:
                return self._previous[name]  # type: ignore[return-value]
            depth = getattr(self._inside, "depth", 0)
            self._inside.depth, started = depth + 1, self._spent()
            try:
                with paused():
                    made = make(view)
            finally:
                self._inside.depth = depth
            if kept.view is view:
                kept.derived[name] = made
                # A value made of others counts once; the cold first view's in part.
                if depth == 0 and not self._in_worker():
                    cost = (self._spent() - started) * (COLD_SHARE if kept.cold else 1.0)
                    self._cost += cost
                    self._costs[kept.kind] = self._costs.get(kept.kind, 0.0) + cost
                    _log.debug("%s made in a request for a %s view: %.3f s", name, kept.kind, cost)
            return made

    def latest(self, name: str) -> object | None:
        """The latest value made under ``name`` (:meth:`derived`), of this view or the one
        before: what a value made again may take over from (the strength backdrop)."""
        with self._lock:
            kept = self._kept
            if kept is not None and name in kept.derived:
                return kept.derived[name]
            return self._previous.get(name)

    def settle(self, timeout: float = 30.0) -> bool:
        """Wait until no computation runs behind (tests, benchmarks); whether none does."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                worker = self._worker
            if worker is None:
                return True
            worker.join(max(0.0, deadline - time.monotonic()))
            if time.monotonic() >= deadline:
                with self._lock:
                    return self._worker is None

    def is_current(self, view: NetworkView) -> bool:
        """Whether ``view`` (given by :meth:`view`) is the latest, with no write committed
        since it was computed: a page built on it shows every change (else it was served
        while the view is computed again behind, or a write came in meanwhile)."""
        with self._lock:
            kept = self._kept
            return kept is not None and kept.view is view and self._current(kept, kept.minute)

    @property
    def behind(self) -> bool:
        """Whether changes are computed behind the requests (the last view cost too much)."""
        return self._estimate("change") >= self.sync_budget

    # -- inside ----------------------------------------------------------------------------

    def _network_view(self, store: Store, ws: int, minute: datetime) -> NetworkView:
        """:func:`network_view`, its parts that a write may not reach kept (:meth:`keep`),
        the owner's histories grown by the touches added (:meth:`grow`)."""
        return network_view(store, ws, minute, self.keep, self.grow)

    def _current(self, kept: _Kept, minute: datetime) -> bool:
        fresh = time.monotonic() - kept.made < KEEP_SECONDS
        return kept.generation == self.store.generation and kept.minute == minute and fresh

    @staticmethod
    def _kind(kept: _Kept | None, minute: datetime) -> str:
        """What a computation for ``minute`` is, after ``kept``: the same minute after writes
        (a ``change``: the owner's histories grown by what was added, cheap) or a new
        ``minute`` (every pair weighed again at the new moment, costlier). Their costs are
        kept apart, so that a new minute's does not send the next write's page behind."""
        return "change" if kept is not None and kept.minute == minute else "minute"

    def _estimate(self, kind: str) -> float:
        """What a computation of ``kind`` will cost: the latest of that kind. The first write
        within a minute (a ``change``) is tried in the request, whatever the view before
        cost: it grows what that view kept (about 0.1 s at 10,000 people and 1M touches,
        where the cold first view takes 2 s), and its cost decides the next write's. The
        first new ``minute`` costs what the latest computation of any kind did."""
        if kind == "change":
            return self._costs.get(kind, 0.0)
        return self._costs.get(kind, self._cost)

    def _counted(self, cost: float, kind: str) -> None:
        """The cost the rule goes by: the latest view's and the values made from it (a
        computation behind that turns out cheap sends the next one back into the request)."""
        self._cost = cost
        self._costs[kind] = cost

    def _in_worker(self) -> bool:
        return bool(getattr(self._inside, "worker", False))

    def _make_now(self, minute: datetime) -> _Kept:
        """Compute the view in this thread (the lock held): the first one, or a cheap one."""
        generation, started, spent = self.store.generation, time.monotonic(), self._spent()
        with paused():
            view = self._compute(self.store, self.ws, view_moment(minute))
        cold = self._kept is None
        kind = "cold" if cold else self._kind(self._kept, minute)
        cost = (self._spent() - spent) * (COLD_SHARE if cold else 1.0)
        self._counted(cost, kind)
        _log.debug("%s view computed in a request: %.3f s (counted)", kind, cost)
        self._failed = False
        if self._kept is not None:
            # Merged, not replaced: a view superseded before its values were made leaves the
            # ones before it (a backdrop's points that still hold are taken over from them).
            self._previous = {**self._previous, **self._kept.derived}
        self._kept = _Kept(view, generation, minute, started, cold=cold, kind=kind)
        return self._kept

    def _supersede(self) -> None:
        """The computation running behind, if any, is no longer wanted: it stops at its next
        step and keeps nothing (:meth:`_work` checks that it is still the worker)."""
        self._worker, self._again, self._computing = None, False, None

    def _refresh_behind(self, minute: datetime) -> None:
        """Start the background computation, or ask the running one for one more."""
        self._wanted = max(self._wanted or minute, minute)
        if self._worker is not None:
            # One more only when the running one started before this change (or minute).
            if self._computing != (self.store.generation, self._wanted):
                self._again = True
            return
        worker = threading.Thread(target=self._work, name="netweave-network-view", daemon=True)
        self._worker = worker
        worker.start()

    def _work(self) -> None:
        me = threading.current_thread()
        self._inside.worker = True
        try:
            while True:
                with self._lock:
                    if self._worker is not me:
                        return  # superseded (a request computed a later state itself)
                    minute, self._again = self._wanted, False
                    assert minute is not None
                    generation, started = self.store.generation, time.monotonic()
                    spent = self._spent()
                    self._computing = (generation, minute)
                    kind = self._kind(self._kept, minute)
                with paused():
                    view = self._compute(self.store, self.ws, view_moment(minute))
                _log.debug("%s view computed behind: %.3f s", kind, self._spent() - spent)
                with self._lock:
                    if self._worker is not me:
                        return
                    old = self._kept
                    self._previous = {**self._previous, **(old.derived if old else {})}
                    self._kept = _Kept(view, generation, minute, started, kind=kind)
                    makers = dict(self._makers)
                # The values in use, made again for the new view (the previous ones served
                # meanwhile); a request may have made one already.
                for name, make in makers.items():
                    with self._lock:
                        if self._worker is not me:
                            return
                        if self._kept.view is not view or name in self._kept.derived:
                            continue
                    begun = self._spent()
                    with paused():
                        made = make(view)
                    _log.debug("%s made again behind: %.3f s", name, self._spent() - begun)
                    with self._lock:
                        if self._kept.view is view:
                            self._kept.derived.setdefault(name, made)
                with self._lock:
                    if self._worker is not me:
                        return
                    # Counted once, the view and its values made: a request that comes while
                    # the values are made must not find the view alone cheap and overtake.
                    self._counted(self._spent() - spent, kind)
                    _log.debug("%s computed behind, with its values: %.3f s", kind, self._cost)
                    if not self._again and self._kept.generation == self.store.generation:
                        self._worker = None
                        return
        except Exception:  # the next request computes in its own thread, and says what failed
            _log.exception("computing the network view behind the requests failed")
            with self._lock:
                if self._worker is me:
                    self._failed = True
                    self._worker = None
        finally:
            self._inside.worker = False


__all__ = [
    "COLD_SHARE",
    "KEEP_SECONDS",
    "KEPT_VALUES",
    "SYNC_BUDGET",
    "NetworkCache",
    "view_moment",
]
