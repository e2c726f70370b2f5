"""The dashboard right after a write, part by part (issue 16: under 150 ms at 10,000 people).

In-process, on the web bench's sample (:func:`bench.web.sample_file`: 10,000 people
thickened to about 1M interactions; kept across runs, :mod:`bench.samples`), a
copy of it each run: the app (:func:`netweave.web.create_app`, the view kept as
``netweave serve`` keeps it but always computed at once) answers ``/`` once, then
``ROUNDS`` times a touch is logged through the API and ``/`` asked at once. Each
part of that request is timed in CPU seconds (``time.process_time``, so that other
sessions on the machine count less): the network view, the weekly review, the
activity counts, the strength lines (the backdrop, then the lines), and the whole
request. Rows: the median CPU milliseconds of each part.

The web bench (:mod:`bench.web`) adds these rows at its largest size, on the file it
served; ``python -m bench.dashboard [--size N] [--rounds N] [--profile FILE]`` prints
the same parts alone (``--profile``: cProfile's statistics of the last round's panels).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import Result
from bench.web import TODAY, sample_file

SIZE = 10_000
ROUNDS = 5

PARTS = (
    ("review", "netweave.services.review", "review"),
    ("activity", "netweave.services.overview", "workspace_overview"),
    ("activity", "netweave.services.listing", "monthly_touches"),
    ("strength backdrop", "netweave.web.state", "strength_backdrop"),
    ("strength lines (backdrop included)", "netweave.web.state", "Web.strength_history"),
)
"""(part, module, attribute): what is timed, wrapped in place for the run; the network
view is timed where the app's cache computes it."""


@contextmanager
def _timing(spent: dict[str, float]) -> Iterator[None]:
    """Each part's CPU seconds added to ``spent`` while inside (the functions wrapped)."""
    import importlib

    undo: list[Callable[[], None]] = []
    for part, module_name, name in PARTS:
        owner: Any = importlib.import_module(module_name)
        attribute = name
        if "." in name:
            owner_name, attribute = name.split(".")
            owner = getattr(owner, owner_name)
        if not hasattr(owner, attribute):
            continue
        original = getattr(owner, attribute)

        def wrapped(*args: Any, _f: Any = original, _part: str = part, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return _f(*args, **kwargs)
            finally:
                spent[_part] += time.process_time() - started

        setattr(owner, attribute, wrapped)
        undo.append(lambda o=owner, a=attribute, f=original: setattr(o, a, f))
    try:
        yield
    finally:
        for step in reversed(undo):
            step()


def measure(db: Path, rounds: int, *, profile: str | None = None) -> dict[str, list[float]]:
    """CPU seconds of each part of ``/`` right after a touch, ``rounds`` times."""
    from fastapi.testclient import TestClient

    from netweave.storage import Store
    from netweave.web import create_app

    now = datetime.fromisoformat(f"{TODAY}T12:00:00").replace(tzinfo=UTC)
    store = Store.open(f"sqlite:///{db}")
    found: dict[str, list[float]] = defaultdict(list)
    try:
        app = create_app(store, clock=lambda: now)
        cache = app.state.netweave.network
        compute = cache._compute
        with TestClient(app, base_url="http://localhost") as client:
            assert client.get("/").status_code == 200  # warm: templates, the view kept
            view = app.state.netweave.network.view(now)
            people = list(view.by_strength[-50:])
            for n in range(rounds):
                body = {"kind": "call", "with_ids": [people[(n * 7) % len(people)]]}
                assert client.post("/api/v1/interactions", json=body).status_code == 201
                spent: dict[str, float] = defaultdict(float)

                def view(*args: Any, _spent: dict[str, float] = spent) -> Any:
                    started = time.process_time()
                    try:
                        return compute(*args)
                    finally:
                        _spent["view"] += time.process_time() - started

                cache._compute = view
                if profile is not None and n == rounds - 1:
                    # The panels in this thread (the test client serves in another one).
                    with _profiler(profile):
                        _panels(app.state.netweave, now)
                    continue
                with _timing(spent):
                    started = time.process_time()
                    assert client.get("/").status_code == 200
                    spent["whole request"] = time.process_time() - started
                for part, seconds in spent.items():
                    found[part].append(seconds)
    finally:
        store.close()
    return found


def _panels(state: Any, now: datetime) -> None:
    from netweave.web.pages.dashboard import PANELS
    from netweave.web.state import Web

    nw = Web(state.store, state.ws, state.workspace_name, now, _network=state.network)
    for panel in PANELS:
        panel.load(nw)


@contextmanager
def _profiler(path: str | None) -> Iterator[None]:
    """cProfile's statistics of what is inside, saved to ``path`` (nothing without one)."""
    if path is None:
        yield
        return
    import cProfile

    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        profiler.dump_stats(path)


def _results(size: int, found: dict[str, list[float]]) -> list[Result]:
    return [
        Result.of(f"dashboard after a write, CPU: {part}", "sqlite", size, values, "s")
        for part, values in found.items()
    ]


def on_copy(built: Path, size: int, rounds: int) -> list[Result]:
    """The rows of :func:`measure` on a copy of the sample file ``built``."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "dashboard.db"
        _copy(built, copy)
        return _results(size, measure(copy, rounds))


def _copy(source: Path, target: Path) -> None:
    import sqlite3

    with sqlite3.connect(source) as read, sqlite3.connect(target) as write:
        read.backup(write)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--profile", help="save cProfile's statistics of the last round here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        built = sample_file(args.size)
        copy = Path(scratch) / "dashboard.db"
        _copy(built, copy)
        found = measure(copy, args.rounds, profile=args.profile)
    for part, values in found.items():
        print(
            f"{part:<20} median {statistics.median(values) * 1000:7.1f} ms CPU"
            f"  (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()

__all__ = ["ROUNDS", "measure", "on_copy"]
