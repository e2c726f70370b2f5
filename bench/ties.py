"""All-pairs tie strength against a named reference, and the review, on large files.

For each size (people, interactions) a SQLite file is generated once
(:mod:`bench.ties_data`), then, each as its own process on the same file:

- netweave: ``python -m netweave --db FILE ties --all-pairs --csv`` (start-up included);
- the reference: ``python bench/ties_reference.py FILE`` (ADBC → Arrow → DuckDB →
  CSV, imports included);
- their ratio (the target: at most 1.5), after a check that both CSVs give the
  same strengths;
- the review service (``services.review.review``, in process) on the same file;
- both again on PostgreSQL, on the same rows copied there (:mod:`bench.ties_postgres`),
  the CSV checked equal to SQLite's: at 100k and 1M interactions only. At 10M the copy
  alone (the records, 10M interactions and 21M participations, and the tie state) would
  take longer than the rest of the benchmark; the SQLite rows there are the targets'.

Sizes: 100k and 1M interactions (10,000 people) and 10M interactions at 100,000
people; ``--quick``: 100k only. Each file is generated once and kept in the cache
folder (:func:`bench.inputs.cache_folder`), so only the first run pays for it
(the 10M file: about 8 minutes of CPU, 14 wall on the shared 2 cores; 3.2 GB). The
reference reads the SQLite file: it runs on SQLite only.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Benchmark, Options, Result, ties_postgres, timed
from bench.inputs import Input
from bench.ties_data import AS_OF, bench_file, ties_input
from bench.ties_reference import differences

SIZES = ((10_000, 100_000), (10_000, 1_000_000), (100_000, 10_000_000))
QUICK_SIZES = ((10_000, 100_000),)
ONE_RUN = 10_000_000
"""From this many interactions netweave and the reference run once each."""
POSTGRES_UP_TO = 1_000_000
"""The largest size also measured on PostgreSQL (see the module)."""
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


def _netweave(db: str) -> list[str]:
    return [sys.executable, "-m", "netweave", "--db", db, "ties", "--all-pairs"]


def _measure(people: int, interactions: int, options: Options) -> list[Result]:
    path, runs = bench_file(people, interactions), options.runs
    at = AS_OF.isoformat()
    label = f"{interactions:,} interactions"
    with tempfile.TemporaryDirectory() as folder:
        ours, theirs = Path(folder) / "netweave.csv", Path(folder) / "reference.csv"
        reference = [sys.executable, str(_ROOT / "bench" / "ties_reference.py"), str(path)]
        # At 10M the reference takes a minute or more a run, five times netweave's: one run
        # of each shows the ratio (`make bench` stays within its 20 minutes).
        once = 1 if interactions >= ONE_RUN else runs
        mine = [_run([*_netweave(str(path)), "--csv", "--as-of", at], ours) for _ in range(once)]
        other = [_run([*reference, "--as-of", at, "--out", str(theirs)]) for _ in range(once)]
        found = differences(ours, theirs)
        if found:
            raise AssertionError(f"netweave and the reference differ: {found[:5]}")
        on_postgres = []
        if interactions <= POSTGRES_UP_TO:
            on_postgres = ties_postgres.measure(
                path, ours, label, people, options, _run, _netweave, AS_OF
            )
    from netweave.services import review
    from netweave.storage import Store

    store = Store.open(f"sqlite:///{path}")
    try:
        briefing = timed(runs, lambda: review.review(store, 1, AS_OF, AS_OF.date()))
    finally:
        store.close()
    ratio = statistics.median(mine) / statistics.median(other)
    return [
        Result.of(f"ties --all-pairs --csv ({label})", "sqlite", people, mine, "s"),
        Result.of(f"reference ADBC+DuckDB ({label})", "sqlite", people, other, "s"),
        Result.of(f"netweave / reference ({label})", "sqlite", people, [ratio], "x"),
        Result.of(f"review service ({label})", "sqlite", people, briefing, "s"),
        *on_postgres,
    ]


def run(options: Options) -> list[Result]:
    if "sqlite" not in options.backends:
        # The reference reads the SQLite file, and PostgreSQL's rows are checked against it.
        return []
    sizes = QUICK_SIZES if options.quick else SIZES
    results: list[Result] = []
    for people, interactions in sizes:
        results.extend(_measure(people, interactions, options))
    return results


def _inputs(options: Options) -> list[Input]:
    if "sqlite" not in options.backends:
        return []
    return [ties_input(p, i) for p, i in (QUICK_SIZES if options.quick else SIZES)]


BENCHMARK = Benchmark("ties", run, _inputs)

__all__ = ["BENCHMARK", "run"]
