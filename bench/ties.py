"""All-pairs tie strength against a named reference, and the review, on large files.

For each size (people, interactions) a SQLite file is generated once
(:mod:`bench.ties_data`), then, each as its own process on the same file:

- netweave: ``python -m netweave --db FILE ties --all-pairs --csv`` (start-up included);
- the reference: ``python bench/ties_reference.py FILE`` (ADBC → Arrow → DuckDB →
  CSV, imports included);
- their ratio (the target: at most 1.5), after a check that both CSVs give the
  same strengths;
- the review service (``services.review.review``, in process) on the same file.

Sizes: 100k and 1M interactions (10,000 people), and with
``NETWEAVE_BENCH_TIES_LARGE=1`` 10M interactions at 100,000 people (about 10
minutes more on 2 cores); ``--quick``: 100k only. SQLite only: the reference
reads a SQLite file.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Benchmark, Options, Result, timed
from bench.ties_data import AS_OF, bench_file
from bench.ties_reference import differences

SIZES = ((10_000, 100_000), (10_000, 1_000_000))
LARGE = ((100_000, 10_000_000),)
QUICK_SIZES = ((10_000, 100_000),)
LARGE_ENV = "NETWEAVE_BENCH_TIES_LARGE"
_ROOT = Path(__file__).resolve().parent.parent


def _run(argv: list[str], out: Path | None = None) -> float:
    env = {**os.environ, "PYTHONPATH": f"{_ROOT / 'src'}{os.pathsep}{_ROOT}"}
    start = time.perf_counter()
    if out is None:
        subprocess.run(argv, check=True, env=env, cwd=_ROOT)
    else:
        with out.open("w") as handle:
            subprocess.run(argv, check=True, env=env, cwd=_ROOT, stdout=handle)
    return time.perf_counter() - start


def _measure(people: int, interactions: int, runs: int) -> list[Result]:
    path = bench_file(people, interactions)
    at = AS_OF.isoformat()
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = Path(folder) / "netweave.csv", Path(folder) / "reference.csv"
        netweave = [sys.executable, "-m", "netweave", "--db", str(path), "ties", "--all-pairs"]
        reference = [sys.executable, str(_ROOT / "bench" / "ties_reference.py"), str(path)]
        mine = [_run([*netweave, "--csv", "--as-of", at], ours) for _ in range(runs)]
        other = [_run([*reference, "--as-of", at, "--out", str(theirs)]) for _ in range(runs)]
        found = differences(ours, theirs)
        if found:
            raise AssertionError(f"netweave and the reference differ: {found[:5]}")
    from netweave.services import review
    from netweave.storage import Store

    store = Store.open(f"sqlite:///{path}")
    try:
        briefing = timed(runs, lambda: review.review(store, 1, AS_OF, AS_OF.date()))
    finally:
        store.close()
    ratio = statistics.median(mine) / statistics.median(other)
    label = f"{interactions:,} interactions"
    return [
        Result.of(f"ties --all-pairs --csv ({label})", "sqlite", people, mine, "s"),
        Result.of(f"reference ADBC+DuckDB ({label})", "sqlite", people, other, "s"),
        Result.of(f"netweave / reference ({label})", "sqlite", people, [ratio], "x"),
        Result.of(f"review service ({label})", "sqlite", people, briefing, "s"),
    ]


def run(options: Options) -> list[Result]:
    if "sqlite" not in options.backends:
        return []
    sizes = QUICK_SIZES if options.quick else SIZES
    if os.environ.get(LARGE_ENV) and not options.quick:
        sizes += LARGE
    results: list[Result] = []
    for people, interactions in sizes:
        results.extend(_measure(people, interactions, options.runs))
    return results


BENCHMARK = Benchmark("ties", run)

__all__ = ["BENCHMARK", "run"]
