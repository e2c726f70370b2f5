"""The owner's network view, computed once and kept until the data changes.

Tie strengths come from every touch of the owner's circle: at 10,000 people
that is a few hundred milliseconds, too slow for every person page and every
filtered list. The app keeps the last :class:`NetworkView` while the store's
write generation and the minute stay the same; writes by another process (the
command line) are seen after at most :data:`KEEP_SECONDS`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from netweave.services.database import Store
from netweave.services.network_view import NetworkView, network_view

KEEP_SECONDS = 60.0
T = TypeVar("T")


class NetworkCache:
    """One workspace's latest network view; safe across the server's threads."""

    def __init__(self, store: Store, ws: int) -> None:
        self.store = store
        self.ws = ws
        # Reentrant: a derived value may be made of other derived values.
        self._lock = threading.RLock()
        self._key: tuple[int, datetime] | None = None
        self._made = 0.0
        self._view: NetworkView | None = None
        self._derived: dict[str, object] = {}

    def view(self, now: datetime) -> NetworkView:
        """The view as of ``now`` (to the minute), computed again after any write."""
        minute = now.replace(second=0, microsecond=0)
        with self._lock:
            key = (self.store.generation, minute)
            fresh = time.monotonic() - self._made < KEEP_SECONDS
            if self._view is None or self._key != key or not fresh:
                self._view = network_view(self.store, self.ws, minute)
                self._key = (self.store.generation, minute)
                self._made = time.monotonic()
                self._derived = {}
            return self._view

    def derived(self, name: str, now: datetime, make: Callable[[NetworkView], T]) -> T:
        """``make(view)``, kept as long as the view is (the weekly review built on it)."""
        view = self.view(now)
        with self._lock:
            if name not in self._derived or self._view is not view:
                self._derived[name] = make(view)
            found: T = self._derived[name]  # type: ignore[assignment]
            return found


__all__ = ["KEEP_SECONDS", "NetworkCache"]
