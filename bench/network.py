"""`netweave network`: connectors and brokers, end to end and for a dense chapter.

- network view: the service on the sample network (all-pairs strengths from
  the database, then the graph measures), at 300 people (a chapter) and 1,000;
- chapter graph: the graph measures alone on a denser chapter than the
  sample's 18 months give, as five years of weekly meetings would: 300
  members in 8 circles (committees, trades), a tie with 30 % of one's own
  circle and 6 % of the rest (about 4,000 ties), strengths drawn at random.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime
from datetime import time as clock
from pathlib import Path

from bench import Benchmark, Options, Result
from netweave.analytics.network import network_view
from netweave.sample import sample_network
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import network
from netweave.services.seed import create_sample_workspace
from netweave.storage import Store

SIZES = (300, 1_000)
QUICK_SIZES = (300,)
AS_OF = datetime.combine(SAMPLE_TODAY, clock(12), UTC)


def _timed(runs: int, work: object) -> list[float]:
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        values.append(time.perf_counter() - start)
    return values


def chapter(members: int = 300, circles: int = 8, seed: int = 5) -> dict[tuple[int, int], float]:
    """Tie strengths of a dense chapter (see the module docstring)."""
    rng = random.Random(seed)
    circle = [rng.randrange(circles) for _ in range(members)]
    return {
        (a, b): rng.expovariate(1.0) + 0.25
        for a in range(members)
        for b in range(a + 1, members)
        if rng.random() < (0.3 if circle[a] == circle[b] else 0.06)
    }


def _sample(size: int, runs: int) -> Result:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'network.db'}", create=True)
        try:
            ws = create_sample_workspace(store, sample_network(7, size), name="bench").id
            assert ws is not None
            timed = _timed(runs, lambda: network.network(store, ws, AS_OF))
            return Result.of("network view", "sqlite", size, timed, "s")
        finally:
            store.close()


def _run(options: Options) -> list[Result]:
    results = [_sample(size, options.runs) for size in (QUICK_SIZES if options.quick else SIZES)]
    strengths = chapter()
    timed = _timed(options.runs, lambda: network_view(strengths, {}))
    results.append(Result.of("network, chapter graph", "memory", 300, timed, "s"))
    return results


BENCHMARK = Benchmark("network", _run)

__all__ = ["BENCHMARK", "chapter"]
