"""How fast the machine is today: two fixed workloads, so that runs on other days compare.

The figures of a run move with the machine under it: the same code, on the same 2-core kind
of machine, has been seen to take twice as long on one day as on another (and a busy
neighbour moves it within a run). These rows do no netweave work: a fixed CPython loop (the
interpreter's speed, what most of a request or an import costs) and a fixed SQLite job
(100,000 rows inserted into an indexed table in memory, then summed by group: the
database's speed), each the median of five runs, first in the run. Before comparing a figure across
days, compare these rows of the two runs.
"""

from __future__ import annotations

import sqlite3

from bench import Benchmark, Options, Result, timed

RUNS = 5
LOOP_STEPS = 2_000_000
SQLITE_ROWS = 100_000


def python_loop() -> int:
    """A fixed CPython workload: integer arithmetic, a dict and a list, in one loop."""
    seen: dict[int, int] = {}
    kept: list[int] = []
    total = 0
    for step in range(LOOP_STEPS):
        total += step * 7 % 13
        key = step & 1023
        seen[key] = seen.get(key, 0) + 1
        if not step % 64:
            kept.append(total)
    return total + len(kept) + len(seen)


def sqlite_job() -> int:
    """A fixed SQLite workload, in memory: 100,000 rows into an indexed table, then a
    grouped sum read back."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE TABLE t (a INTEGER, b INTEGER, c REAL)")
        db.execute("CREATE INDEX t_a ON t (a, b)")
        db.executemany(
            "INSERT INTO t VALUES (?, ?, ?)",
            ((n * 7919 % 10_007, n % 97, n * 0.5) for n in range(SQLITE_ROWS)),
        )
        (rows,) = db.execute(
            "SELECT count(*) FROM (SELECT a, sum(c) FROM t GROUP BY a ORDER BY 2 DESC)"
        ).fetchone()
        return int(rows)
    finally:
        db.close()


def run(options: Options) -> list[Result]:
    runs = RUNS if not options.quick else 3
    loop = timed(runs, python_loop)
    job = timed(runs, sqlite_job)
    return [
        Result.of(f"machine: CPython loop ({LOOP_STEPS:,} steps)", "-", LOOP_STEPS, loop, "s"),
        Result.of(
            f"machine: SQLite job ({SQLITE_ROWS:,} rows, in memory)", "-", SQLITE_ROWS, job, "s"
        ),
    ]


BENCHMARK = Benchmark("machine", run)

__all__ = ["BENCHMARK", "python_loop", "sqlite_job"]
