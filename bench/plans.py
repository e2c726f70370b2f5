"""Event plans and giving suggestions on the sample network.

- plan: `netweave plan` for the next event with known attendees (reads the
  owner's ties, co-attendance, last talks; matches partners' needs; saves);
- referral ideas and introduction ideas: over everyone the owner knows.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from datetime import time as clock
from pathlib import Path

from bench import Benchmark, Options, Result, postgres_reachable, postgres_schema
from netweave.services import events, plans, suggestions
from netweave.services.seed import create_sample_workspace
from netweave.storage import Store
from netweave.testing import sample_network
from netweave.testing.clock import SAMPLE_TODAY

SIZES = (10_000,)
QUICK_SIZES = (1_000,)
NOW = datetime.combine(SAMPLE_TODAY, clock(12), UTC)


def _timed(runs: int, work: Callable[[], object]) -> list[float]:
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        values.append(time.perf_counter() - start)
    return values


def _measure(url: str, backend: str, size: int, runs: int) -> list[Result]:
    store = Store.open(url, create=True)
    try:
        ws = create_sample_workspace(store, sample_network(7, size), name="bench").id
        assert ws is not None
        event = events.list_events(store, ws, since=NOW)[0].id or 0
        return [
            Result.of(
                "plan",
                backend,
                size,
                _timed(runs, lambda: plans.make_plan(store, ws, event, NOW)),
                "s",
            ),
            Result.of(
                "referral ideas",
                backend,
                size,
                _timed(runs, lambda: suggestions.referral_ideas(store, ws, NOW)),
                "s",
            ),
            Result.of(
                "introduction ideas",
                backend,
                size,
                _timed(runs, lambda: suggestions.introduction_ideas(store, ws, NOW)),
                "s",
            ),
        ]
    finally:
        store.close()


def _run(options: Options) -> list[Result]:
    results: list[Result] = []
    for size in QUICK_SIZES if options.quick else SIZES:
        if "sqlite" in options.backends:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{Path(folder) / 'plans.db'}"
                results.extend(_measure(url, "sqlite", size, options.runs))
        if "postgres" in options.backends and postgres_reachable(options.postgres_url):
            with postgres_schema(options.postgres_url) as url:
                results.extend(_measure(url, "postgres", size, options.runs))
    return results


BENCHMARK = Benchmark("plans", _run)

__all__ = ["BENCHMARK"]
