"""Benchmarks: ``python -m bench`` runs every registered one and prints one table.

A benchmark module exposes a :class:`Benchmark`; register it in
``bench/__main__.py``'s ``BENCHMARKS`` list. Each returns :class:`Result` rows
(one per name, backend and size), with the median over several runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from bench.inputs import Input

POSTGRES_ENV = "NETWEAVE_BENCH_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass(frozen=True)
class Options:
    quick: bool = False
    runs: int = 3
    postgres_url: str = DEFAULT_POSTGRES_URL
    backends: tuple[str, ...] = ("sqlite", "postgres")

    @classmethod
    def from_env(cls, *, quick: bool, runs: int, backends: tuple[str, ...]) -> Options:
        url = os.environ.get(POSTGRES_ENV) or DEFAULT_POSTGRES_URL
        return cls(quick=quick, runs=runs, postgres_url=url, backends=backends)


@dataclass(frozen=True)
class Result:
    name: str
    backend: str
    size: int
    median: float
    unit: str
    runs: int
    per_item: str = ""
    """The median per item of ``size`` ("41 µs/row"), so that growth shows at a glance."""

    @classmethod
    def of(
        cls,
        name: str,
        backend: str,
        size: int,
        values: list[float],
        unit: str,
        *,
        item: str | None = None,
        above: float = 0.0,
    ) -> Result:
        """The median of ``values``; with ``item``, also per item of ``size`` (seconds as
        microseconds, megabytes as kilobytes) of what is ``above`` a base (the memory a
        process holds before it starts its work)."""
        median = statistics.median(values)
        per_item = _per_item(median - above, unit, size, item)
        return cls(name, backend, size, median, unit, len(values), per_item)


def _per_item(median: float, unit: str, size: int, item: str | None) -> str:
    if item is None or size <= 0:
        return ""
    scaled = {"s": (1e6, "µs"), "MB": (1024.0, "KB")}.get(unit)
    if scaled is None:
        return f"{median / size:.3g} {unit}/{item}"
    factor, smaller = scaled
    return f"{median * factor / size:.3g} {smaller}/{item}"


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[Options], list[Result]]
    inputs: Callable[[Options], list[Input]] | None = None
    """The input files ``run`` reads from the cache folder with these options, made before
    the run measures anything (:func:`bench.inputs.prepare`)."""


def postgres_reachable(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect():
            return True
    except OperationalError as error:
        print(f"PostgreSQL is not reachable at {url}: {error.orig}; skipped", file=sys.stderr)
        return False
    finally:
        engine.dispose()


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A URL to a fresh schema on the server at ``url``, dropped afterwards."""
    admin = create_engine(url)
    name = f"bench_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{name}"
    finally:
        try:
            drop_schema(admin, name)
        finally:
            admin.dispose()


DEADLOCK = "40P01"
"""PostgreSQL's SQLSTATE for a deadlock: the server rolled the victim back; try again."""


def drop_schema(admin: Engine, name: str, attempts: int = 5) -> None:
    """``DROP SCHEMA ... CASCADE``, again after a deadlock: an autovacuum worker analysing the
    schema's tables takes their locks in another order than the cascade does, and the server
    may choose the drop as the victim (seen once in CI, on a busy machine). The tests' schemas
    are dropped by it too (tests/conftest.py)."""
    for attempt in range(1, attempts + 1):
        try:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
            return
        except OperationalError as error:
            if getattr(error.orig, "sqlstate", None) != DEADLOCK or attempt == attempts:
                raise
            time.sleep(0.1 * attempt)


_building = {"depth": 0, "seconds": 0.0}


@contextmanager
def building() -> Iterator[None]:
    """Marks the making of a benchmark's input files (samples, generated files, photos): what a
    second run reads from the cache folder instead. The time is counted apart, so the run's
    summary can say how long it took without it; nested calls count once."""
    _building["depth"] += 1
    start = time.perf_counter()
    try:
        yield
    finally:
        _building["depth"] -= 1
        if not _building["depth"]:
            _building["seconds"] += time.perf_counter() - start


def building_seconds() -> float:
    """Seconds spent inside :func:`building` so far in this process."""
    return _building["seconds"]


def timed(runs: int, work: Callable[[], object]) -> list[float]:
    """Seconds each of ``runs`` calls of ``work`` took."""
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        values.append(time.perf_counter() - start)
    return values


def on_backends(
    options: Options,
    sizes: tuple[int, ...],
    measure: Callable[[str, str, int, int], list[Result]],
) -> list[Result]:
    """``measure(url, backend, size, runs)`` on a fresh SQLite file and PostgreSQL schema."""
    results: list[Result] = []
    for size in sizes:
        if "sqlite" in options.backends:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{Path(folder) / 'bench.db'}"
                results.extend(measure(url, "sqlite", size, options.runs))
        if "postgres" in options.backends and postgres_reachable(options.postgres_url):
            with postgres_schema(options.postgres_url) as url:
                results.extend(measure(url, "postgres", size, options.runs))
    return results


__all__ = [
    "DEFAULT_POSTGRES_URL",
    "POSTGRES_ENV",
    "Benchmark",
    "Options",
    "Result",
    "building",
    "building_seconds",
    "drop_schema",
    "on_backends",
    "postgres_reachable",
    "postgres_schema",
    "timed",
]
