"""Where the review service's time goes on a generated tie file (:mod:`bench.ties_data`).

``PYTHONPATH=src:. python -m bench.review_profile [PEOPLE INTERACTIONS] [--runs N] [--top N]``
(default: 100,000 people, 10M interactions, the ``ties`` benchmark's largest file, from
the cache folder or generated there first): the CPU time of ``services.review.review``
in process (median of the runs, after one to warm up), then one run under cProfile,
the functions that take the most time of their own and the most time in all.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time

from bench.ties_data import AS_OF, bench_file
from netweave.services import review
from netweave.storage import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("people", type=int, nargs="?", default=100_000)
    parser.add_argument("interactions", type=int, nargs="?", default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    path = bench_file(args.people, args.interactions)
    store = Store.open(f"sqlite:///{path}")
    try:

        def once() -> None:
            review.review(store, 1, AS_OF, AS_OF.date())

        once()
        spent = []
        for _ in range(args.runs):
            cpu, wall = time.process_time(), time.perf_counter()
            once()
            spent.append((time.process_time() - cpu, time.perf_counter() - wall))
        cpu = statistics.median(s[0] for s in spent)
        wall = statistics.median(s[1] for s in spent)
        print(f"review service: {cpu:.3f} s CPU, {wall:.3f} s wall (medians of {args.runs})")
        profile = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
        profile.runcall(once)
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)
    finally:
        store.close()


if __name__ == "__main__":
    main()
