"""A large workspace for the tie-strength benchmarks, written straight into a SQLite file.

The schema comes from netweave (``Store.open(create=True)``, every migration);
the rows go in with ``executemany`` in a few large transactions, so 10M
interactions take minutes, not the hours the sample generator would. The
shape: people on a ring, each touching the 10 nearest on either side (so ties
have mutual contacts), the owner (person 1) in one interaction of 2,000, one
interaction in 10 with a third participant, seven kinds, half with a length,
a third started by each side, five years up to :data:`AS_OF`; one group per
200 neighbours and a second group for one person in 5.

:func:`bench_file` keeps each generated file under one temporary folder for
the process (keyed by size and seed), so the benchmarks of one run share it.
"""

from __future__ import annotations

import atexit
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netweave.storage import Store, tie_state

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
_BATCH = 200_000
_folder: Path | None = None


def _stamp(moment: datetime) -> str:
    """How SQLAlchemy's SQLite dialect stores a (naive UTC) moment."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _interactions(people: int, count: int, seed: int) -> Iterator[tuple[object, ...]]:
    """(id, kind, at, minutes, starter, participants) of each interaction."""
    rng = random.Random(seed)
    kinds = [kind for kind, weight in _KINDS for _ in range(weight)]
    start = AS_OF - timedelta(days=365.25 * YEARS)
    span = int(YEARS * 365.25 * 86400)
    stamps: dict[int, str] = {}
    for number in range(1, count + 1):
        a = 1 if number % OWNER_SHARE == 0 else rng.randrange(1, people + 1)
        b = (a - 1 + rng.randrange(1, REACH + 1)) % people + 1 if a != 1 else 0
        if a == 1:
            b = rng.randrange(2, people + 1)
        who = [a, b]
        if rng.random() < 0.1:
            c = (b - 1 + rng.randrange(1, REACH + 1)) % people + 1
            if c not in who:
                who.append(c)
        # Whole minutes: the stamps repeat, so format each minute once.
        minute = rng.randrange(span // 60)
        at = stamps.get(minute)
        if at is None:
            at = stamps[minute] = _stamp(start + timedelta(minutes=minute))
        minutes = rng.choice(_LENGTHS) if rng.random() < 0.5 else None
        roll = rng.random()
        starter = a if roll < 1 / 3 else b if roll < 2 / 3 else None
        yield number, rng.choice(kinds), at, minutes, starter, who


def write(path: Path, people: int, interactions: int, seed: int = 7) -> None:
    """A netweave SQLite file at ``path`` holding workspace 1 ("bench") of that size."""
    Store.open(f"sqlite:///{path}", create=True).close()
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")
        now = _stamp(AS_OF)
        # The triggers that keep tie strength's state stand aside; it is built at the end.
        db.execute("INSERT INTO tie_quiet (flag) VALUES (1)")
        db.commit()
        with db:
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
            rng = random.Random(seed + 1)
            members = [(p, (p - 1) // 200 % groups + 1) for p in range(1, people + 1)]
            members += [(p, rng.randrange(1, groups + 1)) for p in range(1, people + 1, 5)]
            db.executemany(
                "INSERT INTO membership (workspace_id, group_id, person_id, role) "
                "VALUES (1, ?, ?, 'member')",
                ((g, p) for p, g in members),
            )
        rows: list[tuple[object, ...]] = []
        pairs: list[tuple[int, int]] = []
        for number, kind, at, minutes, starter, who in _interactions(people, interactions, seed):
            rows.append((number, kind, at, minutes, starter))
            pairs.extend((number, p) for p in who)  # type: ignore[union-attr]
            if len(rows) >= _BATCH:
                _flush(db, rows, pairs)
        _flush(db, rows, pairs)
        with db:
            db.execute("DELETE FROM tie_quiet")
    finally:
        db.close()
    store = Store.open(f"sqlite:///{path}")
    try:
        with store.transaction() as conn:
            tie_state.rebuild(conn, 1)
            conn.exec_driver_sql("ANALYZE")
    finally:
        store.close()


def _flush(
    db: sqlite3.Connection, rows: list[tuple[object, ...]], pairs: list[tuple[int, int]]
) -> None:
    with db:
        db.executemany(
            "INSERT INTO interaction (id, workspace_id, kind, occurred_at, in_person, "
            "duration_minutes, initiated_by_id) VALUES (?, 1, ?, ?, 0, ?, ?)",
            rows,
        )
        db.executemany(
            "INSERT INTO interaction_participant (workspace_id, interaction_id, person_id) "
            "VALUES (1, ?, ?)",
            pairs,
        )
    rows.clear()
    pairs.clear()


def bench_file(people: int, interactions: int, seed: int = 7) -> Path:
    """The generated file of that size and seed, made once per process (kept in a temp dir)."""
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="netweave-ties-"))
        atexit.register(shutil.rmtree, _folder, True)
    path = _folder / f"ties-{people}-{interactions}-{seed}.db"
    if not path.exists():
        write(path, people, interactions, seed)
    return path


__all__ = ["AS_OF", "bench_file", "write"]
