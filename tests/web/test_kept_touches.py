"""The touches the web app keeps between requests are rows the cycle collector leaves alone.

The owner's touches by pair (netweave.services.own_histories) and the strength backdrop's
circle (netweave.services.strength_history) stay alive as long as the view: at 10,000
people some 32,000 touches, which every full collection walked as Touch objects (0.2-0.4 s
in ``netweave serve``). They are kept as rows of numbers and a kind's name (tuples that the
collector stops tracking) and made touches when weighed.
"""

from __future__ import annotations

import gc

from netweave.services.own_histories import OwnTouches
from netweave.services.strength_history import StrengthBackdrop
from netweave.storage import Store
from netweave.web.network import NetworkCache
from tests.web.test_kept_dashboard import NOW, _apply, _same, _setup


def test_the_kept_touches_are_not_tracked_by_the_collector(sqlite_store: Store) -> None:
    ws, people, _ = _setup(sqlite_store)
    cache = NetworkCache(sqlite_store, ws)
    _same(sqlite_store, ws, cache, NOW)
    # Grown by a touch logged, still the same kind of rows; and equal to fresh (_same).
    _apply(sqlite_store, ws, people, [], ("log", [0, 1], 7_000, "call", 30.0, True))
    _same(sqlite_store, ws, cache, NOW)
    gc.collect()
    kept = [value for _, _, value in cache._values.values()]
    assert cache._kept is not None
    kept += list(cache._kept.derived.values())
    own = [v for v in kept if isinstance(v, OwnTouches)]
    backdrops = [v for v in kept if isinstance(v, StrengthBackdrop)]
    assert own
    assert backdrops
    rows = [row for found in own for pair in found.by_pair.values() for row in pair]
    rows += [row for b in backdrops for found in b.by_person.values() for row in found]
    assert rows
    assert not any(gc.is_tracked(row) for row in rows)
