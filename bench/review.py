"""`netweave review` and all-pairs tie strength on the sample network.

- review: the owner's weekly briefing at 10,000 people (about 106,000
  interactions), from a loaded database, as the CLI computes it;
- all-pairs strength: every pair's strength in the same workspace;
- the same per-pair aggregation (touch count, last touch, decayed sum) done
  by DuckDB over the same rows, as a reference for the Python formulas.
"""

from __future__ import annotations

import statistics
from datetime import UTC, datetime
from datetime import time as clock

import duckdb

from bench import Benchmark, Options, Result, on_backends, timed
from netweave.analytics import read_rhythm, seconds, weigh
from netweave.services import review
from netweave.services.seed import create_sample_workspace
from netweave.storage import Store
from netweave.storage import analytics as analytics_db
from netweave.testing import sample_network
from netweave.testing.clock import SAMPLE_TODAY

SIZES = (10_000,)
QUICK_SIZES = (1_000,)
AS_OF = datetime.combine(SAMPLE_TODAY, clock(12), UTC)


def _measure(url: str, backend: str, size: int, runs: int) -> list[Result]:
    store = Store.open(url, create=True)
    try:
        ws = create_sample_workspace(store, sample_network(7, size), name="bench").id
        assert ws is not None
        found = [
            Result.of(
                "review",
                backend,
                size,
                timed(runs, lambda: review.review(store, ws, AS_OF, SAMPLE_TODAY)),
                "s",
            ),
            Result.of(
                "all-pairs strength",
                backend,
                size,
                timed(runs, lambda: review.tie_table(store, ws, AS_OF, all_pairs=True)),
                "s",
            ),
        ]
        if backend == "sqlite":
            found.extend(_reference(store, ws, size, runs))
        return found
    finally:
        store.close()


def _reference(store: Store, ws: int, size: int, runs: int) -> list[Result]:
    """The decayed per-pair sums in Python and in DuckDB, over the same touches."""
    with store.transaction() as conn:
        touches = analytics_db.touches(conn, ws, until=AS_OF)
    at = seconds(AS_OF)
    rhythm = read_rhythm(touches)
    python = timed(runs, lambda: weigh(touches, at, rhythm))
    db = duckdb.connect()
    db.execute("CREATE TABLE touch (a INTEGER, b INTEGER, t DOUBLE, w DOUBLE)")
    db.executemany(
        "INSERT INTO touch VALUES (?, ?, ?, ?)", [(t.a, t.b, t.at, 1.0) for t in touches]
    )
    query = "SELECT a, b, count(*), max(t), sum(w * pow(2, -(? - t) / ?)) FROM touch GROUP BY a, b"
    duck = timed(runs, lambda: db.execute(query, [at, rhythm.half_life]).fetchall())
    db.close()
    ratio = statistics.median(python) / statistics.median(duck)
    return [
        Result.of("pair sums, Python", "memory", size, python, "s"),
        Result.of("pair sums, DuckDB", "memory", size, duck, "s"),
        Result.of("Python / DuckDB", "memory", size, [ratio], "x"),
    ]


def _run(options: Options) -> list[Result]:
    return on_backends(options, QUICK_SIZES if options.quick else SIZES, _measure)


BENCHMARK = Benchmark("review", _run)

__all__ = ["BENCHMARK"]
