"""Values the web app keeps between requests until a write reaches what they read.

:class:`KeptValues` is the part of :class:`netweave.web.network.NetworkCache` that keeps
values apart from the network view: counts that read every record (:meth:`counted`),
values that read a few tables (:meth:`keep`), and values grown by the rows added since
(:meth:`grow`). Writes by other processes (the command line) are not seen by the store's
generation: a value is made again once it is :data:`KEEP_SECONDS` old.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Hashable
from typing import TypeVar

from netweave.services.database import Store

KEEP_SECONDS = 60.0
KEPT_VALUES = 256
"""The most values :meth:`KeptValues.keep` holds (a few per minute are in use)."""
T = TypeVar("T")


class KeptValues:
    """Counts and values kept while no committed write reaches them; safe across threads."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # Reentrant: a derived value may be made of other derived values.
        self._lock = threading.RLock()
        self._counts: dict[str, tuple[int, float, int]] = {}
        self._values: dict[Hashable, tuple[int, float, object]] = {}
        """Key → (the store's generation, time.monotonic() when made, the value): keep()."""

    def counted(self, name: str, count: Callable[[], int]) -> int:
        """``count()`` (a count that reads every record, not the view), kept while the
        store's generation is the same, for at most :data:`KEEP_SECONDS`."""
        with self._lock:
            found = self._counts.get(name)
            if found is not None:
                generation, made, value = found
                if generation == self.store.generation and time.monotonic() - made < KEEP_SECONDS:
                    return value
            generation, made = self.store.generation, time.monotonic()
        value = count()
        with self._lock:
            self._counts[name] = (generation, made, value)
        return value

    def keep(self, key: Hashable, reads: Collection[str], make: Callable[[], T]) -> T:
        """``make()``, kept while no committed write reaches the tables it ``reads`` (and for
        at most :data:`KEEP_SECONDS`: writes by other processes): the
        :class:`netweave.services.keeping.Keeper` of the services. ``key`` names the value
        and what it is of, its moment included. A write to the workspace (its owner, its
        settings) reaches every value."""
        reads = (*reads, "workspace")
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                generation, made, value = found
                fresh = time.monotonic() - made < KEEP_SECONDS
                if fresh and not self.store.changed(generation, reads):
                    return value  # type: ignore[return-value]
            generation, made = self.store.generation, time.monotonic()
        value = make()
        with self._lock:
            if len(self._values) >= KEPT_VALUES:
                self._values.clear()  # the moments before: a new minute's keys replace them
            self._values[key] = (generation, made, value)
        return value

    def grow(self, key: Hashable, reads: Collection[str], make: Callable[[T | None], T]) -> T:
        """As :meth:`keep`, and where the writes since the value was made only added rows
        to the tables it ``reads``, ``make(value)`` (the added rows counted into it) instead
        of ``make(None)``: the :class:`netweave.services.keeping.Grower` of the services."""
        reads = (*reads, "workspace")
        before: T | None = None
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                generation, made, value = found
                if time.monotonic() - made < KEEP_SECONDS:
                    if not self.store.changed(generation, reads):
                        return value  # type: ignore[return-value]
                    if self.store.only_added(generation, reads):
                        before = value  # type: ignore[assignment]
            generation = self.store.generation
            made = time.monotonic() if before is None else found[1]  # type: ignore[index]
        value = make(before)
        with self._lock:
            if len(self._values) >= KEPT_VALUES:
                self._values.clear()
            self._values[key] = (generation, made, value)
        return value


__all__ = ["KEEP_SECONDS", "KEPT_VALUES", "KeptValues"]
