"""Building the sample network: generation alone, and generation plus loading.

Each run loads into a fresh database (a new SQLite file, a new PostgreSQL
schema), so runs do not disturb each other; schema creation is not timed.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench import Benchmark, Options, Result, postgres_reachable, postgres_schema
from netweave.sample import RECORD_KINDS, SampleNetwork, sample_network
from netweave.services.seed import create_sample_workspace
from netweave.storage import Store

SIZES = (1_000, 10_000)
QUICK_SIZES = (1_000,)
GENERATION_ONLY = (100_000,)
"""Sizes generated without a database: the largest sample the generator supports."""
SEED = 7


def _records(network: SampleNetwork) -> int:
    return sum(network.counts().values())


def _generate(size: int) -> float:
    """Records per second of generating the sample and reading every record of it."""
    start = time.perf_counter()
    network = sample_network(SEED, size)
    for kind in RECORD_KINDS:
        for _ in getattr(network, kind):
            pass
    return _records(network) / (time.perf_counter() - start)


def _build(url: str, size: int) -> float:
    """Records per second of generating the sample and loading it into the database at ``url``."""
    store = Store.open(url, create=True)
    try:
        start = time.perf_counter()
        network = sample_network(SEED, size)
        create_sample_workspace(store, network, name="bench")
        return _records(network) / (time.perf_counter() - start)
    finally:
        store.close()


def _sqlite_run(size: int) -> tuple[float, float]:
    """(records per second, MB of database file per 1,000 people) on a fresh SQLite file."""
    with tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder:
        path = Path(folder) / "bench.db"
        rate = _build(f"sqlite:///{path}", size)
        # Closing the store checkpoints the write-ahead log into the file.
        megabytes = path.stat().st_size / 1_000_000
    return rate, megabytes / (size / 1_000)


def run(options: Options) -> list[Result]:
    sizes = QUICK_SIZES if options.quick else SIZES
    with_postgres = "postgres" in options.backends and postgres_reachable(options.postgres_url)
    results = []
    for size in sizes:
        # The largest size once: a build of 10,000 people takes most of a minute, and one
        # run of that length varies little (`make bench` stays within its 20 minutes).
        runs = 1 if size == sizes[-1] and len(sizes) > 1 else options.runs
        rates = [_generate(size) for _ in range(runs)]
        results.append(Result.of("generate sample", "-", size, rates, "records/s"))
        if "sqlite" in options.backends:
            built = [_sqlite_run(size) for _ in range(runs)]
            rates = [rate for rate, _ in built]
            results.append(Result.of("build sample", "sqlite", size, rates, "records/s"))
            sizes_mb = [mb for _, mb in built]
            results.append(
                Result.of("sqlite file per 1,000 people", "sqlite", size, sizes_mb, "MB")
            )
        if with_postgres:
            rates = []
            for _ in range(runs):
                with postgres_schema(options.postgres_url) as url:
                    rates.append(_build(url, size))
            results.append(Result.of("build sample", "postgres", size, rates, "records/s"))
    for size in () if options.quick else GENERATION_ONLY:
        rates = [_generate(size)]  # once, as the largest size above
        results.append(Result.of("generate sample", "-", size, rates, "records/s"))
    return results


BENCHMARK = Benchmark("build_sample", run)

__all__ = ["BENCHMARK", "run"]
