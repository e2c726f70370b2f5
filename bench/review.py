"""`netweave review` and all-pairs tie strength on the sample network.

- review: the owner's weekly briefing at 10,000 people with five years of
  ties (about 1,000,000 interactions), from a loaded database, as the CLI
  computes it;
- all-pairs strength: every pair's strength in the same workspace, and in a
  300-member chapter with five years of dense records (a sample of 300);
- the same per-pair aggregation (touch count, last touch, decayed sum) done
  by DuckDB over the same rows, as a reference.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
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

AS_OF = datetime.combine(SAMPLE_TODAY, clock(12), UTC)


@dataclass(frozen=True)
class Shape:
    """A sample to measure on: people, touchpoints per tie (x the usual) and years of ties."""

    size: int
    density: float
    years: float


NETWORK = Shape(10_000, 3.2, 5.0)
"""About 1,000,000 interactions."""
CHAPTER = Shape(300, 4.0, 5.0)
"""A 300-member chapter with five years of records: about 43,000 interactions."""
QUICK_NETWORK = Shape(1_000, 1.0, 1.5)
QUICK_CHAPTER = Shape(100, 1.0, 1.5)


def _load(store: Store, shape: Shape) -> tuple[int, int]:
    """(workspace, interactions) of a new workspace holding the sample of ``shape``."""
    network = sample_network(7, shape.size, density=shape.density, years=shape.years)
    ws = create_sample_workspace(store, network, name=f"bench-{shape.size}").id
    assert ws is not None
    return ws, len(network.interactions)


def _measure(url: str, backend: str, quick: bool, runs: int) -> list[Result]:
    shape, chapter = (QUICK_NETWORK, QUICK_CHAPTER) if quick else (NETWORK, CHAPTER)
    store = Store.open(url, create=True)
    try:
        ws, count = _load(store, shape)
        found = [
            Result.of(
                f"review ({count:,} interactions)",
                backend,
                shape.size,
                timed(runs, lambda: review.review(store, ws, AS_OF, SAMPLE_TODAY)),
                "s",
            ),
            Result.of(
                f"all-pairs strength ({count:,} interactions)",
                backend,
                shape.size,
                timed(runs, lambda: review.tie_table(store, ws, AS_OF, all_pairs=True)),
                "s",
            ),
        ]
        small, small_count = _load(store, chapter)
        found.append(
            Result.of(
                f"all-pairs strength, chapter ({small_count:,} interactions)",
                backend,
                chapter.size,
                timed(runs, lambda: review.tie_table(store, small, AS_OF, all_pairs=True)),
                "s",
            )
        )
        if backend == "sqlite":
            found.extend(_reference(store, ws, shape.size, runs))
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
    # One "size" per run: the shapes are chosen by --quick inside the measurement.
    return on_backends(
        options, (1,), lambda url, backend, _, runs: _measure(url, backend, options.quick, runs)
    )


BENCHMARK = Benchmark("review", _run)

__all__ = ["BENCHMARK"]
