"""The dashboard right after writes in ``netweave serve``, pair by pair, with what each
computation of the network view cost (issue 16's "dashboard right after a write").

``PYTHONPATH=src:. python -m bench.serve_writes SIZE [--pairs N] [--newcomers] [--warm S]
[--postgres URL]``

The web benchmark's sample at ``SIZE`` people (:func:`bench.web.sample_file`, built once and
kept) is copied to a temporary file and served with ``NETWEAVE_DEBUG`` set, so the server
logs what each view and each value made from it cost, and whether it ran in a request or
behind. First the open loop of the web benchmark for ``--warm`` seconds (0: the dashboard
once), as the benchmark runs before its pairs; then ``N`` touches POSTed, each with someone
of the owner's circle (``--newcomers``: someone new to it), each followed at once by the
dashboard. Printed: per pair, the two latencies and whether the page's scores were current,
each followed by the server's log lines written meanwhile. ``--postgres URL``: the sample
is copied into a fresh schema of that server (:func:`bench.copy_postgres.copy_to_postgres`,
dropped afterwards) and served from there.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2

from bench import postgres_schema
from bench.copy_postgres import copy_to_postgres
from bench.load import TIMEOUT, WARM_TIMEOUT, Load, open_loop
from bench.web import RATE, routes, sample_file, server, who_in
from netweave.web.pages.dashboard import SCORES_HEADER


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int, choices=(100, 1_000, 10_000))
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--newcomers", action="store_true")
    parser.add_argument("--warm", type=float, default=20.0, help="seconds of the open loop")
    parser.add_argument("--postgres", metavar="URL", help="serve a copy on this PostgreSQL server")
    args = parser.parse_args()
    built = sample_file(args.size)
    who = who_in(built, args.pairs)
    people = who.newcomers if args.newcomers else who.circle
    with tempfile.TemporaryDirectory(prefix="netweave-serve-writes-") as folder:
        log = Path(folder) / "server.log"
        served = _served(built, Path(folder) / "served.db", args.postgres)
        with served as db, server(db, log) as (base, _pid), log.open() as lines:
            if args.warm > 0:
                open_loop(base, routes(args.size), Load(RATE, args.warm))
            with httpx2.Client(base_url=base, timeout=TIMEOUT) as client:
                client.get("/", timeout=WARM_TIMEOUT)  # the cold view (a fresh copy: longer)
                print("warm-up:", _indented(lines.readlines()), sep="\n", end="")
                for n, person in enumerate(people):
                    begun = time.perf_counter()
                    client.post("/api/v1/interactions", json={"kind": "call", "with_ids": [person]})
                    wrote = time.perf_counter()
                    page = client.get("/")
                    read = time.perf_counter()
                    scores = page.headers.get(SCORES_HEADER)
                    print(
                        f"\npair {n + 1} (person {person}): POST {1000 * (wrote - begun):.0f} ms, "
                        f"dashboard {1000 * (read - wrote):.0f} ms, scores {scores}"
                    )
                    time.sleep(0.05)  # the log lines of the request's thread
                    print(_indented(lines.readlines()), end="")


@contextmanager
def _served(built: Path, copy: Path, postgres: str | None) -> Iterator[str]:
    """What the server serves: a copy of ``built`` at ``copy``, or in a fresh schema of the
    PostgreSQL server at ``postgres`` (its URL)."""
    if postgres is None:
        with sqlite3.connect(built) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        yield str(copy)
        return
    with postgres_schema(postgres) as url:
        started = time.perf_counter()
        copy_to_postgres(built, url)
        print(f"copied into PostgreSQL in {time.perf_counter() - started:.0f} s")
        yield url


def _indented(lines: list[str]) -> str:
    return "".join(f"  {line}" for line in lines)


if __name__ == "__main__":
    main()
