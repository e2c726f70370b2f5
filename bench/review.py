"""`netweave review` and all-pairs tie strength on the sample network.

- review: the owner's weekly briefing at 10,000 people with five years of
  ties (about 1,000,000 interactions), from a loaded database, as the CLI
  computes it;
- all-pairs strength: every pair's strength in the same workspace, and in a
  300-member chapter with five years of dense records (a sample of 300);
- the per pair and kind sums behind tie strength (touches, first and last,
  recent, initiators, decayed sums) as netweave has SQLite count them, as
  Python counts them over loaded touches, and as DuckDB does over the same
  rows, as a reference, with the ratios.
"""

from __future__ import annotations

import csv
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as clock
from functools import partial
from pathlib import Path

import duckdb
from sqlalchemy import func, select

from bench import Benchmark, Options, Result, on_backends, timed
from bench.inputs import Input
from bench.samples import sample_input, sample_into
from netweave.analytics import read_rhythm, seconds, weigh
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import review
from netweave.storage import Store
from netweave.storage import analytics as analytics_db
from netweave.storage import tables as t
from netweave.storage.pair_sums import pair_sums

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


def _interactions(store: Store, ws: int) -> int:
    with store.transaction() as conn:
        found = conn.execute(
            select(func.count())
            .select_from(t.interaction)
            .where(t.interaction.c.workspace_id == ws)
        )
        return int(found.scalar_one())


@contextmanager
def _sample(url: str, shape: Shape) -> Iterator[tuple[Store, int, int]]:
    """The kept sample of ``shape`` copied to ``url``: its store, workspace, interactions."""
    ws = sample_into(url, shape.size, density=shape.density, years=shape.years)
    store = Store.open(url)
    try:
        yield store, ws, _interactions(store, ws)
    finally:
        store.close()


def _measure(quick: bool, url: str, backend: str, _size: int, runs: int) -> list[Result]:
    shape = QUICK_NETWORK if quick else NETWORK
    with _sample(url, shape) as (store, ws, count):
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
        if backend == "sqlite":
            found.extend(_reference(store, ws, shape.size, runs))
        return found


def _chapter(quick: bool, url: str, backend: str, _size: int, runs: int) -> list[Result]:
    chapter = QUICK_CHAPTER if quick else CHAPTER
    with _sample(url, chapter) as (store, ws, count):
        timings = timed(runs, lambda: review.tie_table(store, ws, AS_OF, all_pairs=True))
    label = f"all-pairs strength, chapter ({count:,} interactions)"
    return [Result.of(label, backend, chapter.size, timings, "s")]


_DUCK_SUMS = """
SELECT a, b, kind, count(*),
       sum(CASE WHEN t <= $earlier THEN 0 ELSE 1 END),
       sum(len * exp((t - $at) * ln(2) / ($half_life + last - first))),
       sum(CASE WHEN t <= $earlier THEN len * exp((t - $at) * ln(2) / ($half_life + last - first))
                ELSE 0 END),
       sum(CASE WHEN starter = a THEN 1 ELSE 0 END),
       sum(CASE WHEN starter = b THEN 1 ELSE 0 END),
       min(first), max(last)
FROM (SELECT *, min(t) OVER (PARTITION BY a, b) AS first, max(t) OVER (PARTITION BY a, b) AS last,
             CASE WHEN minutes IS NULL OR minutes = 0 OR typical IS NULL OR typical = 0 THEN 1.0
                  ELSE log2(1 + minutes / typical) END AS len
      FROM touch LEFT JOIN typical USING (kind))
GROUP BY a, b, kind
"""


def _ratio(slow: list[float], fast: list[float]) -> float:
    return statistics.median(slow) / statistics.median(fast)


def _reference(store: Store, ws: int, size: int, runs: int) -> list[Result]:
    """The per pair and kind sums of tie strength: in SQLite (as netweave reads them), in
    Python over the loaded touches, and in DuckDB over the same touches, as a reference."""
    with store.transaction() as conn:
        touches = analytics_db.touches(conn, ws, until=AS_OF)

    def in_sqlite() -> None:
        with store.transaction() as conn:
            pair_sums(conn, ws, until=AS_OF)

    sql = timed(runs, in_sqlite)
    at = seconds(AS_OF)
    rhythm = read_rhythm(touches)
    python = timed(runs, lambda: weigh(touches, at, rhythm))
    db = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:
        # Through a CSV file: row-by-row inserts of a million touches take minutes.
        path = Path(folder) / "touches.csv"
        with path.open("w", newline="") as out:
            csv.writer(out).writerows(
                (t.a, t.b, repr(t.at), t.kind.value, t.minutes, t.initiator) for t in touches
            )
        db.execute(
            "CREATE TABLE touch AS SELECT * FROM read_csv(?, header = false, columns = "
            "{'a': 'INTEGER', 'b': 'INTEGER', 't': 'DOUBLE', 'kind': 'VARCHAR', "
            "'minutes': 'DOUBLE', 'starter': 'INTEGER'})",
            [str(path)],
        )
    db.execute("CREATE TABLE typical (kind VARCHAR, typical DOUBLE)")
    db.executemany(
        "INSERT INTO typical VALUES (?, ?)",
        [(kind.value, minutes) for kind, minutes in rhythm.typical_minutes.items()],
    )
    values = {"at": at, "earlier": at - rhythm.half_life / 2, "half_life": rhythm.half_life}
    duck = timed(runs, lambda: db.execute(_DUCK_SUMS, values).fetchall())
    db.close()
    return [
        Result.of("pair sums, SQLite (netweave)", "sqlite", size, sql, "s"),
        Result.of("pair sums, Python over loaded touches", "memory", size, python, "s"),
        Result.of("pair sums, DuckDB", "memory", size, duck, "s"),
        Result.of("SQLite / DuckDB", "memory", size, [_ratio(sql, duck)], "x"),
        Result.of("Python / DuckDB", "memory", size, [_ratio(python, duck)], "x"),
    ]


def _run(options: Options) -> list[Result]:
    # One "size" per run: the shapes are chosen by --quick inside the measurement.
    network = on_backends(options, (1,), partial(_measure, options.quick))
    return network + on_backends(options, (1,), partial(_chapter, options.quick))


def _inputs(options: Options) -> list[Input]:
    shapes = (QUICK_NETWORK, QUICK_CHAPTER) if options.quick else (NETWORK, CHAPTER)
    return [sample_input(s.size, density=s.density, years=s.years) for s in shapes]


BENCHMARK = Benchmark("review", _run, _inputs)

__all__ = ["BENCHMARK"]
