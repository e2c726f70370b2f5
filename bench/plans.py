"""Event plans and giving suggestions on the sample network.

- plan: `netweave plan` for the next event with known attendees (reads the
  owner's ties, co-attendance, last talks; matches partners' needs; saves);
- referral ideas and introduction ideas: over everyone the owner knows;
- calendar feed: the .ics the web app serves (planned events, every open follow-up).
"""

from __future__ import annotations

from datetime import UTC, datetime
from datetime import time as clock

from bench import Benchmark, Options, Result, on_backends, timed
from bench.inputs import Input
from bench.samples import sample_input, sample_into
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import calendar, events, plans, suggestions
from netweave.storage import Store

SIZES = (10_000,)
QUICK_SIZES = (1_000,)
NOW = datetime.combine(SAMPLE_TODAY, clock(12), UTC)


def _measure(url: str, backend: str, size: int, runs: int) -> list[Result]:
    ws = sample_into(url, size)
    store = Store.open(url)
    try:
        event = events.list_events(store, ws, since=NOW)[0].id or 0
        return [
            Result.of(
                "plan",
                backend,
                size,
                timed(runs, lambda: plans.make_plan(store, ws, event, NOW)),
                "s",
            ),
            Result.of(
                "referral ideas",
                backend,
                size,
                timed(runs, lambda: suggestions.referral_ideas(store, ws, NOW)),
                "s",
            ),
            Result.of(
                "introduction ideas",
                backend,
                size,
                timed(runs, lambda: suggestions.introduction_ideas(store, ws, NOW)),
                "s",
            ),
            # After the plans above: the feed holds a planned event and the open follow-ups.
            Result.of(
                "calendar feed",
                backend,
                size,
                timed(runs, lambda: calendar.calendar(store, ws, NOW)),
                "s",
            ),
        ]
    finally:
        store.close()


def _run(options: Options) -> list[Result]:
    return on_backends(options, QUICK_SIZES if options.quick else SIZES, _measure)


def _inputs(options: Options) -> list[Input]:
    return [sample_input(size) for size in (QUICK_SIZES if options.quick else SIZES)]


BENCHMARK = Benchmark("plans", _run, _inputs)

__all__ = ["BENCHMARK"]
