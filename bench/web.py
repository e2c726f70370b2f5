"""The web app under an open-loop load (issue 16: p95 under 100 ms at 10,000 people, 1M touches).

The real server (``netweave serve``, uvicorn) runs in its own process on a
SQLite file holding the sample network, thickened to about 100 touches a person
(1M interactions at 10,000 people). :mod:`bench.load` sends a fixed 20 requests a
second, round-robin over the hot pages and API lists, for 60 s at the largest size (20 s at
the smaller ones, 10 s in
``--quick``); latency counts from each request's due moment, so queueing shows.
Then "the dashboard right after a write": a touch POSTed through the API, then
``/`` at once, measured per pair; and, on SQLite at the largest size, where that
request's CPU time goes, part by part (:mod:`bench.dashboard`, in-process). Rows:
p50, p95, p99 and errors per route and size, three sizes a factor of 10 apart (two in
``--quick``). Everything goes to 127.0.0.1 only, bounded in count and time.

On PostgreSQL the same sample, the SQLite file copied row for row into a fresh schema
(bench/copy_postgres.py), is served and measured the same way. The sample files are
built once and kept with the other benchmarks' (:mod:`bench.samples`). The open loop runs
60 s at the largest size, 20 s at the smaller ones (10 s in ``--quick``).
"""

from __future__ import annotations

import inspect
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bench import Benchmark, Options, Result, on_backends
from bench.copy_postgres import copy_to_postgres
from bench.inputs import Input
from bench.load import CPU_BEFORE, Latencies, Load, Paths, open_loop, write_then_read
from bench.samples import cached_file, cached_path
from netweave.sample import build_sample_workspace
from netweave.storage import Store

SIZES = (100, 1_000, 10_000)
QUICK_SIZES = (100, 1_000)
DENSITY = 2.0
"""The sample's touchpoints per tie times two: about 20 interactions a person."""
COPIES = 5
"""Each sampled touch is written this many times (shifted by days): ~100 touches a person."""
RATE = 20.0
SECONDS = 60.0
SHORT = 20.0
"""Seconds of the open loop at the smaller sizes (the target is at the largest)."""
QUICK_SECONDS = 10.0
PAIRS = 20
"""Write-then-dashboard pairs per size (10 in ``--quick``)."""
TODAY = "2026-11-02"

SEARCHES = ("an", "smith", "consult", "dental", "erik", "llc", "mar", "insurance")
FILTERS = ("layer=active", "overdue=1", "giving=giver", "giving=taker&q=an", "layer=close")


def routes(size: int) -> list[tuple[str, Paths]]:
    """The routes of the open loop and the path of each one's ``n``-th request."""
    pages = max(1, min(20, size // 100))
    return [
        ("dashboard", lambda n: "/"),
        ("people list", lambda n: f"/people?page={1 + n % pages}"),
        ("people search", lambda n: f"/people?q={SEARCHES[n % len(SEARCHES)]}"),
        ("people by strength", lambda n: f"/people?sort=strength&page={1 + n % pages}"),
        ("people filtered", lambda n: f"/people?{FILTERS[n % len(FILTERS)]}"),
        ("person page", lambda n: f"/people/{1 + (n * 37) % size}"),
        ("api people", lambda n: f"/api/v1/people?limit=50&offset={(n * 50) % size}"),
        ("api interactions", lambda n: f"/api/v1/interactions?limit=50&offset={n * 50}"),
        ("api follow-ups", lambda n: "/api/v1/follow-ups?limit=50"),
        ("api referrals", lambda n: "/api/v1/referrals?limit=50"),
    ]


def sample_file(size: int) -> Path:
    """A SQLite file of the sample at ``size`` people with ~100 touches each (made once, and
    kept with the other benchmarks' files: :mod:`bench.samples`)."""

    def build(db: Path) -> None:
        store = Store.open(f"sqlite:///{db}", create=True)
        try:
            build_sample_workspace(store, size=size, name="bench", density=DENSITY)
        finally:
            store.close()
        _thicken(db, COPIES)

    db = cached_file(_web_name(size), build, *_making())
    Store.open(f"sqlite:///{db}").close()  # a kept file brought to the newest schema
    return db


def _web_name(size: int) -> str:
    return f"web-{size}-d{DENSITY:g}-c{COPIES}.db"


def _making() -> tuple[str, str]:
    """The source of what makes a web sample (its key, beside the sample generator's: an edit
    elsewhere in this module keeps the files made)."""
    return inspect.getsource(sample_file), inspect.getsource(_thicken)


def web_input(size: int) -> Input:
    """:func:`sample_file` of that size as an input the benchmark reads."""
    return Input(
        f"web sample of {size:,} people",
        size / 10_000 * 100,  # about 100 s at 10,000 people on the 2-core machine
        lambda: cached_path(_web_name(size), *_making()).exists(),
        partial(sample_file, size),
    )


def _thicken(db: Path, copies: int) -> None:
    """Every interaction written ``copies`` times in all, each copy a few days earlier.

    Set-based SQL inside SQLite (INSERT ... SELECT), so 1M rows take seconds;
    copies keep their people, kind and who started them, not their event.
    """
    with sqlite3.connect(db) as conn:
        (top,) = conn.execute("SELECT coalesce(max(id), 0) FROM interaction").fetchone()
        for k in range(1, copies):
            shift = k * top
            conn.execute(
                "INSERT INTO interaction (id, workspace_id, kind, occurred_at, in_person,"
                " duration_minutes, initiated_by_id, event_id, notes)"
                " SELECT id + ?, workspace_id, kind,"
                " strftime('%Y-%m-%d %H:%M:%S', occurred_at, ?) || '.000000',"
                " in_person, duration_minutes, initiated_by_id, NULL, notes"
                " FROM interaction WHERE id <= ?",
                (shift, f"-{3 * k} days", top),
            )
            conn.execute(
                "INSERT INTO interaction_participant (workspace_id, interaction_id, person_id)"
                " SELECT workspace_id, interaction_id + ?, person_id"
                " FROM interaction_participant WHERE interaction_id <= ?",
                (shift, top),
            )
        conn.execute("ANALYZE")


def interactions(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT count(*) FROM interaction").fetchone()
    return int(count)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """The user and system CPU time process ``pid`` has used (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(db: str, log: Path | None = None) -> Iterator[tuple[str, int]]:
    """``netweave serve`` on ``db`` (a file or a database URL) in a child process; its base
    URL on 127.0.0.1, its pid. With ``log``, its standard error goes there, and its debug
    messages too (``NETWEAVE_DEBUG``: what each computation of the network view cost)."""
    port = _free_port()
    netweave = Path(sys.executable).with_name("netweave")
    command = [str(netweave), "--db", db, "serve", "--port", str(port), "--today", TODAY]
    env = {**os.environ, "NETWEAVE_DEBUG": "1"} if log else None
    with log.open("w") if log else nullcontext(subprocess.DEVNULL) as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"the server did not start: {command}") from None
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}", process.pid
        finally:
            process.terminate()
            process.wait(timeout=10)


def _touch(size: int) -> Paths:
    return lambda n: f"{2 + (n * 53) % (size - 1)}"


def _rows(name: str, backend: str, size: int, found: Latencies) -> list[Result]:
    rows = [
        Result.of(f"web {name}: {label}", backend, size, [found.percentile(share)], "ms")
        for label, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))
    ]
    rows.append(Result.of(f"web {name}: errors", backend, size, [found.errors], "requests"))
    return rows


def measure(
    db: str, backend: str, size: int, load: Load, pairs: int, who: Who | None = None
) -> list[Result]:
    """The open loop, then the write-then-dashboard pairs, against one server on ``db``:
    touches with people of the owner's circle (``who``), then with people new to it."""
    who = who or Who(circle=[int(_touch(size)(n)) for n in range(pairs)], newcomers=[])
    results: list[Result] = []
    with server(db) as (base, pid):
        found = open_loop(base, routes(size), load, before=lambda: cpu_seconds(pid))
        spent = cpu_seconds(pid) - found.pop(CPU_BEFORE).times[0] / 1000
        served = sum(len(f.times) + f.errors for f in found.values())
        busy = f"web server CPU per request ({load.rate:g}/s open loop)"
        results.append(Result.of(busy, backend, size, [spent / served * 1000], "ms"))
        print(
            f"  {backend} {size:>6} server CPU {spent / served * 1000:.1f} ms a request; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
            file=sys.stderr,
        )
        for name, latencies in found.items():
            results.extend(_rows(f"{name} ({load.rate:g}/s open loop)", backend, size, latencies))
            print(
                f"  {backend} {size:>6} {name:<20} p50 {latencies.median:7.1f}  p95 "
                f"{latencies.percentile(0.95):7.1f}  p99 {latencies.percentile(0.99):7.1f} ms"
                f"  errors {latencies.errors}",
                file=sys.stderr,
            )

        from netweave.web.pages.dashboard import SCORES_HEADER

        for kind, people in (("", who.circle), (", new to the circle", who.newcomers)):
            if not people:
                continue
            count = pairs if not kind else max(1, pairs // 2)

            def write(n: int, people: list[int] = people) -> tuple[str, dict[str, object]]:
                return "/api/v1/interactions", {"kind": "call", "with_ids": [people[n]]}

            writes, reads, current = write_then_read(
                base,
                write,
                "/",
                min(count, len(people)),
                current=lambda r: r.headers.get(SCORES_HEADER) == "current",
            )
            done = min(count, len(people))
            results.extend(_rows(f"touch POST (then the dashboard){kind}", backend, size, writes))
            results.extend(_rows(f"dashboard right after a write{kind}", backend, size, reads))
            # Served from the view before the write (computed again behind: the page says so)?
            results.append(
                Result.of(
                    f"dashboard right after a write{kind}: scores current",
                    backend,
                    size,
                    [current],
                    f"of {done}",
                )
            )
            print(
                f"  {backend} {size:>6} dashboard after write{kind} p50 "
                f"{reads.percentile(0.5):7.1f}  p95 {reads.percentile(0.95):7.1f} ms  errors "
                f"{reads.errors}; scores current in {current} of {done}",
                file=sys.stderr,
            )
    return results


@dataclass(frozen=True)
class Who:
    """Whom the written touches are with: people the owner has touched before (their circle:
    a touch grows what is kept), and people the owner never touched (new to the circle:
    their touches with the circle join it, and every moment's rhythm is counted again)."""

    circle: list[int]
    newcomers: list[int]


def who_in(built: Path, pairs: int) -> Who:
    """``pairs`` people of each kind in the sample file, spread over its people."""
    with sqlite3.connect(built) as conn:
        (owner,) = conn.execute("SELECT owner_id FROM workspace").fetchone()
        touched = {
            a if b == owner else b
            for a, b in conn.execute(
                "SELECT a, b FROM tie_pair WHERE a = ? OR b = ?", (owner, owner)
            )
        }
        everyone = [p for (p,) in conn.execute("SELECT id FROM person ORDER BY id") if p != owner]
    circle = sorted(touched)
    newcomers = [p for p in everyone if p not in touched]

    def spread(people: list[int]) -> list[int]:
        return [people[(n * 53) % len(people)] for n in range(min(pairs, len(people)))]

    return Who(circle=spread(circle), newcomers=spread(newcomers))


def _served(built: Path, url: str, backend: str) -> str:
    """The sample file ``built`` where ``url`` (a new SQLite file or PostgreSQL schema) is."""
    if backend == "postgres":
        copy_to_postgres(built, url)
        return url
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(built) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    return path


def run(options: Options) -> list[Result]:
    pairs = PAIRS // 2 if options.quick else PAIRS
    sizes = QUICK_SIZES if options.quick else SIZES

    def measure_on(url: str, backend: str, size: int, runs: int) -> list[Result]:
        if backend == "postgres" and size != sizes[-1]:
            return []  # PostgreSQL beside SQLite at the target's size (the 20 minutes)
        # The target's size for the whole minute; the smaller ones, for the growth, shorter.
        seconds = QUICK_SECONDS if options.quick else SECONDS if size == sizes[-1] else SHORT
        built = sample_file(size)
        touches = interactions(built)
        print(f"web: {backend}, {size} people, {touches:,} touches", file=sys.stderr)
        who = who_in(built, pairs)
        found = measure(
            _served(built, url, backend), backend, size, Load(RATE, seconds), pairs, who
        )
        if backend == "sqlite" and size == sizes[-1]:
            # Where the dashboard's time goes right after a write (bench/dashboard.py).
            from bench import dashboard

            found.extend(dashboard.on_copy(built, size, max(runs, dashboard.ROUNDS)))
        return found

    return on_backends(options, sizes, measure_on)


def _inputs(options: Options) -> list[Input]:
    return [web_input(size) for size in (QUICK_SIZES if options.quick else SIZES)]


BENCHMARK = Benchmark("web", run, _inputs)

__all__ = ["BENCHMARK", "measure", "routes", "run", "sample_file"]
