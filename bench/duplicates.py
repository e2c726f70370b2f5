"""`netweave person duplicates` on the sample network: seconds to load everyone and score.

The sample is copied into each backend (not timed; built once, bench/samples.py); each
run then reads every person from the database and finds the probable duplicates, as the
command does. "score only" times the pure scorer on people already in memory.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench import Benchmark, Options, Result, postgres_reachable, postgres_schema
from bench.inputs import Input
from bench.samples import sample_input, sample_into
from netweave.domain.duplicates import find_duplicates
from netweave.sample import sample_network
from netweave.services import merge
from netweave.storage import Store

SIZES = (1_000, 10_000)
QUICK_SIZES = (1_000,)
SEED = 7


def _timed_service(url: str, size: int, runs: int) -> list[float]:
    ws = sample_into(url, size, seed=SEED)
    store = Store.open(url)
    try:
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            merge.duplicates(store, ws)
            seconds.append(time.perf_counter() - start)
        return seconds
    finally:
        store.close()


def _timed_scorer(size: int, runs: int) -> list[float]:
    people = list(sample_network(SEED, size).people)
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        find_duplicates(people)
        seconds.append(time.perf_counter() - start)
    return seconds


def run(options: Options) -> list[Result]:
    sizes = QUICK_SIZES if options.quick else SIZES
    with_postgres = "postgres" in options.backends and postgres_reachable(options.postgres_url)
    results = []
    for size in sizes:
        scored = _timed_scorer(size, options.runs)
        results.append(Result.of("duplicates: score only", "-", size, scored, "s"))
        if "sqlite" in options.backends:
            with tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder:
                url = f"sqlite:///{Path(folder) / 'bench.db'}"
                seconds = _timed_service(url, size, options.runs)
            results.append(Result.of("person duplicates", "sqlite", size, seconds, "s"))
        if with_postgres:
            with postgres_schema(options.postgres_url) as url:
                seconds = _timed_service(url, size, options.runs)
            results.append(Result.of("person duplicates", "postgres", size, seconds, "s"))
    return results


def _inputs(options: Options) -> list[Input]:
    return [sample_input(size, seed=SEED) for size in (QUICK_SIZES if options.quick else SIZES)]


BENCHMARK = Benchmark("duplicates", run, _inputs)

__all__ = ["BENCHMARK", "run"]
