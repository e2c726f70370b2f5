"""An open-loop load generator: requests sent at a fixed arrival rate, whatever the answers.

A closed-loop client (ask, wait, ask again) slows down with the server and so
hides its queue. Here request ``i`` is due at ``start + i / rate`` by the clock;
its latency counts from that due moment, so time spent waiting behind a slow
answer (for a connection, or in the server) is part of the number. The load is
bounded: ``rate * seconds`` requests in all, at most ``connections`` in flight
over keep-alive HTTP/1.1 connections (httpx2's pool), each with a timeout, to
127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx2

Paths = Callable[[int], str]
"""The path of a route's ``n``-th request (so a route can walk pages or people)."""

TIMEOUT = 30.0
"""Seconds a request may take before it counts as an error."""
WARM_TIMEOUT = 300.0
"""Seconds the first request of each route may take (cold caches, a large network)."""


@dataclass
class Latencies:
    """One route's latencies in milliseconds, and its errors (non-2xx, timeouts, refusals)."""

    times: list[float] = field(default_factory=list)
    errors: int = 0

    def percentile(self, share: float) -> float:
        """The nearest-rank percentile (``share`` in 0..1); NaN with no answer at all."""
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        rank = min(len(ordered), max(1, math.ceil(share * len(ordered))))
        return ordered[rank - 1]

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


@dataclass(frozen=True)
class Load:
    """``rate`` requests a second for ``seconds``, spread round-robin over the routes."""

    rate: float
    seconds: float
    connections: int = 32

    @property
    def requests(self) -> int:
        return round(self.rate * self.seconds)


CPU_BEFORE = "(before)"
"""The key of ``before()``'s value (in ``times``, times 1000) in :func:`open_loop`'s answer."""


def open_loop(
    base: str,
    routes: Sequence[tuple[str, Paths]],
    load: Load,
    *,
    before: Callable[[], float] | None = None,
) -> dict[str, Latencies]:
    """Run ``load`` against ``base`` (``http://127.0.0.1:PORT``); latencies per route name.

    ``before()`` is called after the warm-up, as the load starts (the server's CPU time).
    """
    if not base.startswith("http://127.0.0.1:"):
        raise ValueError(f"the load generator only speaks to 127.0.0.1, not {base}")
    return asyncio.run(_open_loop(base, routes, load, before))


async def _open_loop(
    base: str,
    routes: Sequence[tuple[str, Paths]],
    load: Load,
    before: Callable[[], float] | None,
) -> dict[str, Latencies]:
    found = {name: Latencies() for name, _ in routes}
    limits = httpx2.Limits(
        max_connections=load.connections, max_keepalive_connections=load.connections
    )
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=TIMEOUT) as client:
        # Each route once first: templates compiled, caches filled, connections opened.
        for _name, paths in routes:  # the first view may refresh the kept rhythm: minutes
            await client.get(paths(0), timeout=WARM_TIMEOUT)
        if before is not None:
            found[CPU_BEFORE] = Latencies([before() * 1000])
        loop = asyncio.get_running_loop()
        start = loop.time() + 0.05
        gate = asyncio.Semaphore(load.connections)

        async def one(i: int) -> None:
            name, paths = routes[i % len(routes)]
            due = start + i / load.rate
            await asyncio.sleep(max(0.0, due - loop.time()))
            async with gate:
                try:
                    response = await client.get(paths(i // len(routes) + 1))
                    await response.aread()
                    ok = response.status_code == 200
                except httpx2.HTTPError:
                    ok = False
            if ok:
                found[name].times.append((loop.time() - due) * 1000)
            else:
                found[name].errors += 1

        await asyncio.gather(*(one(i) for i in range(load.requests)))
    return found


def _timed(into: Latencies, send: Callable[[], httpx2.Response]) -> httpx2.Response | None:
    """``send()`` timed into ``into``; its response when it succeeded."""
    started = time.perf_counter()
    try:
        response = send()
    except httpx2.HTTPError:
        response = None
    if response is not None and response.status_code in (200, 201):
        into.times.append((time.perf_counter() - started) * 1000)
        return response
    into.errors += 1
    return None


def write_then_read(
    base: str,
    write: Callable[[int], tuple[str, dict[str, object]]],
    read: str,
    pairs: int,
    *,
    current: Callable[[httpx2.Response], bool] = lambda _: True,
) -> tuple[Latencies, Latencies, int]:
    """``pairs`` times: POST a write, then GET ``read`` at once; (writes, reads) latencies,
    and how many reads ``current`` says showed the write."""
    if not base.startswith("http://127.0.0.1:"):
        raise ValueError(f"the load generator only speaks to 127.0.0.1, not {base}")
    writes, reads, shown = Latencies(), Latencies(), 0
    with httpx2.Client(base_url=base, timeout=TIMEOUT) as client:
        client.get(read)
        for n in range(pairs):
            path, body = write(n)
            _timed(writes, lambda p=path, b=body: client.post(p, json=b))  # type: ignore[misc]
            answer = _timed(reads, lambda: client.get(read))
            shown += answer is not None and current(answer)
    return writes, reads, shown


__all__ = ["CPU_BEFORE", "Latencies", "Load", "open_loop", "write_then_read"]
