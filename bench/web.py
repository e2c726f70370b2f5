"""The web app under load: latency of the hot pages and requests per second on loopback.

The real server (`netweave serve`, uvicorn) runs in its own process on a
SQLite file holding the sample network; clients in this process speak HTTP/1.1
over keep-alive connections, so the numbers include parsing, the services,
the database and rendering, but no network beyond loopback. Every request is
bounded in count and time and goes to 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import Benchmark, Options, Result
from netweave.sample import build_sample_workspace
from netweave.storage import Store

SIZE = 10_000
QUICK_SIZE = 1_000
DENSITY = 2.0
"""Touchpoints per tie as a multiple of the sample's: about 200,000 interactions at 10,000."""
REQUESTS = 200
"""Sequential requests per page and run, for the latency percentiles."""
LOAD_CLIENTS = 4
LOAD_SECONDS = 3.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _server(db: Path) -> Iterator[int]:
    port = _free_port()
    netweave = Path(sys.executable).with_name("netweave")
    command = [
        str(netweave),
        "--db",
        str(db),
        "serve",
        "--port",
        str(port),
        "--today",
        "2026-11-02",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start: {process.stderr}") from None
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(connection: http.client.HTTPConnection, path: str) -> float:
    """Seconds for one GET, body read; fails on anything but 200."""
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return time.perf_counter() - start


def _latencies(port: int, paths: Callable[[int], str]) -> tuple[float, float]:
    """(median, 95th percentile) in milliseconds over :data:`REQUESTS` requests."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        _get(connection, paths(0))  # warm up templates and caches
        times = sorted(_get(connection, paths(n)) * 1000 for n in range(REQUESTS))
    finally:
        connection.close()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _throughput(port: int, path: str) -> float:
    """Requests per second of :data:`LOAD_CLIENTS` clients asking as fast as they can."""
    done = [0] * LOAD_CLIENTS
    stop = time.monotonic() + LOAD_SECONDS

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.monotonic() < stop:
                _get(connection, path)
                done[index] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(LOAD_CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - start)


SEARCHES = ("an", "smith", "consult", "dental", "erik", "llc", "mar", "insurance")
FILTERS = ("layer=active", "overdue=1", "giving=giver", "giving=taker&q=an", "layer=close")


def run(options: Options) -> list[Result]:
    if "sqlite" not in options.backends:
        return []
    size = QUICK_SIZE if options.quick else SIZE
    pages: dict[str, Callable[[int], str]] = {
        "people list": lambda n: f"/people?page={1 + n % 20}",
        "people search": lambda n: f"/people?q={SEARCHES[n % len(SEARCHES)]}",
        "people by strength": lambda n: f"/people?sort=strength&page={1 + n % 20}",
        "people filtered": lambda n: f"/people?{FILTERS[n % len(FILTERS)]}",
        "person page": lambda n: f"/people/{1 + (n * 37) % size}",
        "dashboard": lambda n: "/",
        "event page": lambda n: f"/events/{1 + (n * 7) % 100}",  # past: with the debrief form
        "calendar feed": lambda n: "/api/v1/calendar.ics",
        "api people": lambda n: f"/api/v1/people?limit=50&offset={(n * 50) % size}",
    }
    measured: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in pages}
    rates: list[float] = []
    with tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder:
        db = Path(folder) / "web.db"
        store = Store.open(f"sqlite:///{db}", create=True)
        try:
            build_sample_workspace(
                store, size=size, name="bench", density=1.0 if options.quick else DENSITY
            )
        finally:
            store.close()
        with _server(db) as port:
            for _ in range(options.runs):
                for name, paths in pages.items():
                    median, p95 = _latencies(port, paths)
                    measured[name][0].append(median)
                    measured[name][1].append(p95)
                rates.append(_throughput(port, "/people"))
    results = []
    for name, (medians, p95s) in measured.items():
        results.append(Result.of(f"web {name}: median", "sqlite", size, medians, "ms"))
        results.append(Result.of(f"web {name}: p95", "sqlite", size, p95s, "ms"))
    label = f"web people list, {LOAD_CLIENTS} clients"
    results.append(Result.of(label, "sqlite", size, rates, "requests/s"))
    return results


BENCHMARK = Benchmark("web", run)

__all__ = ["BENCHMARK", "run"]
