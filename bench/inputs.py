"""The benchmarks' input files: where they are kept, and the missing ones made first, on both cores.

Several benchmarks read large files that take minutes to make (the 10M-interaction ties
file, the 10,000-person samples, the web bench's thickened samples, 200 card photos). Each is
made once into the cache folder (``$NETWEAVE_BENCH_CACHE``, ``off`` for a temporary folder
per run; by default ``~/.cache/netweave-bench``) and read from there by later runs. A
benchmark names what it reads as :class:`Input` rows (``Benchmark.inputs``); before anything
is measured, ``python -m bench`` makes the missing ones (:func:`prepare`) in a pool of one
process per core, the costliest first, so that a fresh machine's first run spends about half
the time it would making them one after the other. That time is counted as building
(:func:`bench.building`), apart from the measurements; nothing measured runs meanwhile.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from bench import building

CACHE_ENV = "NETWEAVE_BENCH_CACHE"
_temporary: Path | None = None


def cache_folder() -> Path:
    """Where the input files are kept across runs (made when missing); a temporary folder,
    removed at exit, when ``$NETWEAVE_BENCH_CACHE`` is ``off``."""
    global _temporary
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() == "off":
        if _temporary is None:
            _temporary = Path(tempfile.mkdtemp(prefix="netweave-bench-cache-"))
            os.environ[CACHE_ENV] = str(_temporary)  # the pool's processes keep theirs there
            atexit.register(shutil.rmtree, _temporary, True)
        return _temporary
    folder = Path(chosen) if chosen else Path.home() / ".cache" / "netweave-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Input:
    """One input file a benchmark reads: ``ready()`` tells whether it is in the cache folder;
    ``make()`` puts it there (run in another process: a module-level function or a
    ``functools.partial`` of one); ``seconds``, roughly what making it takes, puts the
    costliest first."""

    label: str
    seconds: float
    ready: Callable[[], bool]
    make: Callable[[], object]


def missing(inputs: Iterable[Input]) -> list[Input]:
    """The inputs not made yet, each once (by label), the costliest first."""
    unique = {each.label: each for each in inputs}
    return sorted(
        (each for each in unique.values() if not each.ready()), key=lambda each: -each.seconds
    )


def prepare(inputs: Iterable[Input], workers: int | None = None) -> int:
    """Makes the inputs not made yet, ``workers`` at a time (by default one per core, at most
    two: the machine the budget is set on has two); how many were made."""
    todo = missing(inputs)
    if not todo:
        return 0
    count = workers or max(1, min(2, os.cpu_count() or 1))
    cost = sum(each.seconds for each in todo)
    print(
        f"making {len(todo)} input files (about {cost / count / 60:.0f} min on {count} cores) ...",
        file=sys.stderr,
        flush=True,
    )
    started = time.perf_counter()
    # Processes started afresh (spawn), not forked from this one: it may hold threads (numpy's,
    # OpenCV's) that a fork would copy in the middle of their work.
    context = multiprocessing.get_context("spawn")
    with building(), ProcessPoolExecutor(count, mp_context=context) as pool:
        pending = {pool.submit(each.make): each for each in todo}
        for done in as_completed(pending):
            done.result()  # a failure stops the run, with its traceback
            made = pending[done]
            if made.seconds >= 10:
                took = time.perf_counter() - started
                print(f"  made {made.label} ({took:.0f} s in)", file=sys.stderr, flush=True)
    took = time.perf_counter() - started
    print(f"  input files made in {took:.0f} s", file=sys.stderr, flush=True)
    return len(todo)


__all__ = ["CACHE_ENV", "Input", "cache_folder", "missing", "prepare"]
