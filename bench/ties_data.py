"""A large workspace for the tie-strength benchmarks, written straight into a SQLite file.

The schema comes from netweave (``Store.open(create=True)``, every migration);
the rows are drawn by numpy and go in with ``executemany`` in large
transactions, with the indexes and triggers of the records set aside until the
end (then the indexes built by a sort, each person's last touch and tie
strength's state counted set-based by netweave's own functions), so 10M
interactions take minutes, not the hours the sample generator would. The
shape: people on a ring, each touching the 10 nearest on either side (so ties
have mutual contacts), the owner (person 1) in one interaction of 2,000, one
interaction in 10 with a third participant, seven kinds, half with a length,
a third started by each side, five years up to :data:`AS_OF`; one group per
200 neighbours and a second group for one person in 5.

:func:`bench_file` keeps each generated file in the cache folder
(:func:`bench.inputs.cache_folder`), named by size, seed, :data:`GENERATOR` and the
migration head, so a second run of the benchmarks does not generate it again
(:func:`ties_input` names it as a benchmark's input). ``python -m bench.ties_data PEOPLE
INTERACTIONS [--again]`` writes one there and prints how long each phase took.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import numpy as np

from bench import building
from bench.inputs import Input, cache_folder
from netweave.analytics.tie_arrays import Floats, Ints
from netweave.storage import Store, tie_state
from netweave.storage.migrate import HEAD

GENERATOR = 2
"""Bumped whenever the rows written change (part of a cached file's name)."""
AS_OF = datetime(2026, 6, 1, 12, tzinfo=UTC)
YEARS = 5.0
REACH = 10
"""Each person touches the ``REACH`` nearest on either side of the ring."""
_KINDS = (
    ("one-on-one", 3),
    ("call", 3),
    ("meal", 1),
    ("event-conversation", 2),
    ("email", 4),
    ("message", 3),
    ("other", 1),
)
OWNER_SHARE = 2_000
"""The owner ("me", person 1) is in one interaction of this many: 500 touches at 1M, 5,000 at
10M, with people all over the ring (a circle of 5 % of the network at 100,000 people)."""
_LENGTHS = (5.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0)
_BATCH = 1_000_000
_SET_ASIDE = ("interaction", "interaction_participant", "tie_touch")
"""The tables whose indexes and triggers stand aside while the rows go in."""


def _stamp(moment: datetime) -> str:
    """How SQLAlchemy's SQLite dialect stores a (naive UTC) moment."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass(frozen=True, slots=True)
class _Batch:
    """Interactions ``number`` (ids) with their columns; ``c`` is 0 without a third person,
    ``minutes`` 0 without a length, ``starter`` 0 when nobody is said to have started it."""

    number: Ints
    kind: list[str]
    sec: Ints
    minutes: Floats
    starter: Ints
    a: Ints
    b: Ints
    c: Ints


def _interactions(people: int, count: int, seed: int) -> Iterator[_Batch]:
    """The interactions, :data:`_BATCH` at a time."""
    rng = np.random.default_rng(seed)
    kinds = np.array([kind for kind, weight in _KINDS for _ in range(weight)], dtype=object)
    lengths = np.array(_LENGTHS)
    start = int((AS_OF - timedelta(days=365.25 * YEARS)).timestamp())
    minutes_in_span = int(YEARS * 365.25 * 86400) // 60
    for first in range(1, count + 1, _BATCH):
        number = np.arange(first, min(first + _BATCH, count + 1), dtype=np.int64)
        n = len(number)
        a = rng.integers(1, people + 1, n)
        a[number % OWNER_SHARE == 0] = 1
        b = (a - 1 + rng.integers(1, REACH + 1, n)) % people + 1
        mine = a == 1
        b[mine] = rng.integers(2, people + 1, int(mine.sum()))
        c = (b - 1 + rng.integers(1, REACH + 1, n)) % people + 1
        c[(rng.random(n) >= 0.1) | (c == a)] = 0  # one in 10 has a third participant
        # Whole minutes: the moments repeat, as a calendar's do.
        sec = start + 60 * rng.integers(0, minutes_in_span, n)
        minutes = np.where(rng.random(n) < 0.5, lengths[rng.integers(0, len(lengths), n)], 0.0)
        roll = rng.random(n)
        starter = np.where(roll < 1 / 3, a, np.where(roll < 2 / 3, b, 0))
        kind = kinds[rng.integers(0, len(kinds), n)].tolist()
        yield _Batch(number, kind, sec, minutes, starter, a, b, c)


@contextmanager
def _set_aside(db: sqlite3.Connection) -> Iterator[None]:
    """The indexes and triggers of :data:`_SET_ASIDE` dropped inside, made again after (the
    indexes by one sort each, not row by row)."""
    found = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        f"AND tbl_name IN ({', '.join('?' * len(_SET_ASIDE))}) AND sql IS NOT NULL",
        _SET_ASIDE,
    ).fetchall()
    with db:
        for kind, name, _ in found:
            db.execute(f"DROP {kind.upper()} {name}")
    yield
    with db:
        for _, _, sql in sorted(found, key=lambda row: row[0]):  # the indexes first
            db.execute(sql)


def write(
    path: Path,
    people: int,
    interactions: int,
    seed: int = 7,
    *,
    phases: dict[str, float] | None = None,
) -> None:
    """A netweave SQLite file at ``path`` holding workspace 1 ("bench") of that size;
    ``phases``, when given, gets the CPU seconds of each phase."""
    clock = _Clock(phases)
    Store.open(f"sqlite:///{path}", create=True).close()
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -500000")
        db.execute("BEGIN")
        now = _stamp(AS_OF)
        db.execute(
            "INSERT INTO workspace (id, name, hourly_value_cents, currency, time_zone, "
            "default_region, my_addresses, created_at) "
            "VALUES (1, 'bench', 0, 'EUR', 'UTC', 'US', '[]', ?)",
            (now,),
        )
        db.executemany(
            "INSERT INTO person (id, workspace_id, name, admired, intriguing, urls, "
            "created_at, updated_at) VALUES (?, 1, ?, 0, 0, '[]', ?, ?)",
            ((i, f"P{i:07d}", now, now) for i in range(1, people + 1)),
        )
        db.execute("UPDATE workspace SET owner_id = 1")
        groups = max(1, people // 200)
        db.executemany(
            "INSERT INTO network_group (id, workspace_id, name, kind, cadence, dues_cents, "
            "hours_per_meeting, purpose) VALUES (?, 1, ?, 'club', 'monthly', 0, 1.0, 'peers')",
            ((g, f"G{g:05d}") for g in range(1, groups + 1)),
        )
        rng = np.random.default_rng(seed + 1)
        every = np.arange(1, people + 1)
        fifth = every[::5]
        members = zip(
            np.concatenate(
                [(every - 1) // 200 % groups + 1, rng.integers(1, groups + 1, len(fifth))]
            ).tolist(),
            np.concatenate([every, fifth]).tolist(),
            strict=True,
        )
        db.executemany(
            "INSERT INTO membership (workspace_id, group_id, person_id, role) "
            "VALUES (1, ?, ?, 'member')",
            members,
        )
        db.execute("COMMIT")
        clock.lap("people and groups")
        with _set_aside(db):
            last = np.zeros(people + 1, dtype=np.int64)
            for batch in _interactions(people, interactions, seed):
                clock.lap("rows drawn")
                _insert(db, batch)
                for who in (batch.a, batch.b, batch.c):
                    np.maximum.at(last, who, batch.sec)
                clock.lap("rows inserted")
            _last_touches(db, last)
            clock.lap("last touches")
            with _store(path) as store, store.transaction() as conn:
                conn.exec_driver_sql("PRAGMA cache_size = -500000")
                tie_state.rebuild(conn, 1)
            clock.lap("tie state")
        clock.lap("indexes and triggers")
    finally:
        db.close()
    with _store(path) as store, store.transaction() as conn:
        conn.exec_driver_sql("ANALYZE")
        clock.lap("analyze")


class _Clock:
    def __init__(self, phases: dict[str, float] | None) -> None:
        self.phases = phases
        self.mark = time.process_time()

    def lap(self, name: str) -> None:
        now = time.process_time()
        if self.phases is not None:
            self.phases[name] = self.phases.get(name, 0.0) + now - self.mark
        self.mark = now


@contextmanager
def _store(path: Path) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{path}")
    try:
        yield store
    finally:
        store.close()


_AT = "strftime('%Y-%m-%d %H:%M:%S.000000', ?, 'unixepoch')"
"""A moment in seconds as SQLAlchemy's SQLite dialect stores it (naive UTC)."""


def _insert(db: sqlite3.Connection, batch: _Batch) -> None:
    rows = zip(
        batch.number.tolist(),
        batch.kind,
        batch.sec.tolist(),
        batch.minutes.tolist(),
        batch.starter.tolist(),
        strict=True,
    )
    who = np.stack([batch.a, batch.b, batch.c], axis=1).ravel()
    number = np.repeat(batch.number, 3)[who != 0]
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO interaction (id, workspace_id, kind, occurred_at, in_person, "
        f"duration_minutes, initiated_by_id) VALUES (?, 1, ?, {_AT}, 0, nullif(?, 0.0), "
        "nullif(?, 0))",
        rows,
    )
    db.executemany(
        "INSERT INTO interaction_participant (workspace_id, interaction_id, person_id) "
        "VALUES (1, ?, ?)",
        zip(number.tolist(), who[who != 0].tolist(), strict=True),
    )
    db.execute("COMMIT")


def _last_touches(db: sqlite3.Connection, last: Ints) -> None:
    """Each person's latest interaction (``last[person]`` in seconds, 0: none), what
    :mod:`netweave.storage.last_touch`'s triggers keep (they stand aside meanwhile): counted
    here from the drawn columns, as :func:`netweave.storage.last_touch.fill` would from the
    records (about a minute at 10M; the test of this module holds the two equal)."""
    last[0] = 0  # where the interactions without a third person counted theirs
    people = np.flatnonzero(last)
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO person_last_touch (person_id, workspace_id, occurred_at) "
        f"VALUES (?, 1, {_AT})",
        zip(people.tolist(), last[people].tolist(), strict=True),
    )
    db.execute("COMMIT")


def cached_path(people: int, interactions: int, seed: int = 7) -> Path:
    """Where the generated file of that size and seed is kept."""
    name = f"ties-{people}-{interactions}-{seed}-g{GENERATOR}-m{HEAD}.db"
    return cache_folder() / name


def bench_file(
    people: int, interactions: int, seed: int = 7, *, phases: dict[str, float] | None = None
) -> Path:
    """The generated file of that size and seed, from the cache folder (written there first
    when missing: under another name, renamed once complete)."""
    path = cached_path(people, interactions, seed)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        unfinished = path.with_name(f"{path.name}.{os.getpid()}.partial")
        _remove(unfinished)
        try:
            with building():
                write(unfinished, people, interactions, seed, phases=phases)
            _checkpoint(unfinished)
            unfinished.rename(path)
        finally:
            _remove(unfinished)
    return path


def ties_input(people: int, interactions: int, seed: int = 7) -> Input:
    """:func:`bench_file` of that size as an input a benchmark reads (made before the run
    measures anything: :func:`bench.inputs.prepare`)."""
    return Input(
        f"ties file of {people:,} people, {interactions:,} interactions (seed {seed})",
        interactions / 35_000,  # about 290 s at 10M on the 2-core machine
        lambda: cached_path(people, interactions, seed).exists(),
        partial(bench_file, people, interactions, seed),
    )


def _checkpoint(path: Path) -> None:
    """One file: the write-ahead log folded in (the file is renamed after)."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    for suffix in ("-wal", "-shm"):
        _remove(path.with_name(path.name + suffix))


def _remove(path: Path) -> None:
    for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        each.unlink(missing_ok=True)


def _main(argv: list[str]) -> None:
    people, interactions = int(argv[0]), int(argv[1])
    path = cached_path(people, interactions)
    if "--again" in argv:
        _remove(path)
    if path.exists():
        print(f"{path} is there already (--again: write it again)")
        return
    phases: dict[str, float] = {}
    started = time.perf_counter()
    bench_file(people, interactions, phases=phases)
    wall = time.perf_counter() - started
    for name, spent in phases.items():
        print(f"{name:>22}: {spent:7.1f} s CPU")
    print(f"{'total':>22}: {sum(phases.values()):7.1f} s CPU, {wall:.1f} s wall: {path}")


if __name__ == "__main__":
    _main(sys.argv[1:])


__all__ = ["AS_OF", "GENERATOR", "bench_file", "cached_path", "ties_input", "write"]
