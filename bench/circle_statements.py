"""A circle's ids written into the statement (``storage.analytics.among``) in a long run.

``PYTHONPATH=src:. python -m bench.circle_statements [FILE] [--views N]`` (default: a copy
of the kept 10,000-people sample, :func:`bench.samples.sample_file`): each person's view
(``services.ties.stored_ego``) makes statements of its own circle, so each new circle is
a new entry of SQLAlchemy's compiled cache (an LRU of 500, pruned back to 500 when it
passes 750). Prints how full the cache gets after ``N`` views and the memory it holds,
then one circle's pairs read with the ids written in (compiled afresh, as a new circle
is) against an expanding bound parameter (compiled once, the ids bound at each run), by
circle size: CPU time, medians of 9.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.samples import sample_file
from netweave.services.ties import stored_ego
from netweave.storage import Store, tie_circle
from netweave.storage import tables as t

AS_OF = datetime(2026, 12, 1, tzinfo=UTC)


def _median_cpu(run: Callable[[], object], times: int = 9) -> float:
    spent = []
    for _ in range(times):
        started = time.process_time()
        run()
        spent.append(time.process_time() - started)
    return statistics.median(spent)


def _expanding(column: Any, people: Iterable[int]) -> Any:
    return column.in_(list(people))


def measure(path: Path, views: int) -> None:
    store = Store.open(f"sqlite:///{path}")
    cache = store.engine._compiled_cache  # what is measured
    try:
        with store.engine.connect() as conn:
            ws = conn.execute(select(func.min(t.workspace.c.id))).scalar_one()
            ids = list(conn.scalars(select(t.person.c.id).where(t.person.c.workspace_id == ws)))
        tracemalloc.start()
        peak = 0
        for person in ids[1 : views + 1]:
            with store.transaction() as conn:
                stored_ego(conn, ws, person, AS_OF)
            peak = max(peak, len(cache))
        gc.collect()
        held, entries = tracemalloc.get_traced_memory()[0], len(cache)
        cache.clear()
        gc.collect()
        freed = held - tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        print(
            f"{views} views: {entries} cache entries (at most {peak}), "
            f"{freed / 1e6:.1f} MB held by the cache, {freed / max(entries, 1) / 1e3:.1f} kB each"
        )
        written = tie_circle.among
        with store.transaction() as conn:
            owner = tie_circle.circle(conn, ws, ids[0])
            for people in (ids[100:105], ids[200:240], owner, ids[:1500], ids[:5500]):
                spent = {}
                for name, among in (("written in", written), ("expanding", _expanding)):
                    tie_circle.among = among  # type: ignore[assignment]

                    def run(fresh: bool = among is written, people: list[int] = people) -> None:
                        if fresh:
                            cache.clear()  # a new circle: a new statement to compile
                        tie_circle.circle_pair_rows(conn, people)

                    run()
                    spent[name] = _median_cpu(run)
                tie_circle.among = written
                print(
                    f"circle of {len(people):>5}: "
                    + ", ".join(f"{k} {v * 1e3:.2f} ms" for k, v in spent.items())
                )
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, nargs="?")
    parser.add_argument("--views", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "sample.db"  # opening migrates it: never the kept file
        shutil.copyfile(args.file or sample_file(10_000), copy)
        measure(copy, args.views)


if __name__ == "__main__":
    main()
