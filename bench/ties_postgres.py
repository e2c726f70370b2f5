"""The tie-strength benchmark's workspace on PostgreSQL, beside the SQLite figures.

:func:`copy_workspace` moves the rows :mod:`bench.ties_data` wrote into a SQLite file
(workspace, people, groups, memberships, interactions, participants) into an empty
PostgreSQL schema made by netweave's migrations, with ``COPY`` and the tie triggers
standing aside, then builds the tie state there as netweave does after a bulk write
(:func:`netweave.storage.tie_state.rebuild`). :func:`measure` then times, on that schema,
``netweave ties --all-pairs --csv`` (its own process, start-up included; its CSV
checked equal to the SQLite run's) and the review service.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from bench import Options, Result, postgres_reachable, postgres_schema, timed
from bench.ties_reference import differences
from netweave.storage import Store, tie_state

TABLES = (
    "workspace",
    "person",
    "network_group",
    "membership",
    "interaction",
    "interaction_participant",
)
"""What :mod:`bench.ties_data` writes, in the order their references allow."""
_BATCH = 100_000


def copy_workspace(path: Path, url: str) -> None:
    """The workspaces of the SQLite file at ``path`` into the empty schema at ``url``."""
    Store.open(url, create=True).close()
    source = sqlite3.connect(path)
    store = Store.open(url)
    try:
        with store.transaction() as conn:
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            with tie_state.quietly(conn):
                for table in TABLES:
                    _copy(source, cursor, table)
                owners = source.execute("SELECT id, owner_id FROM workspace").fetchall()
                for ws, owner in owners:
                    conn.execute(
                        text("UPDATE workspace SET owner_id = :owner WHERE id = :ws"),
                        {"owner": owner, "ws": ws},
                    )
                for table in TABLES:
                    _follow_ids(conn, table)
            for (ws,) in source.execute("SELECT id FROM workspace").fetchall():
                tie_state.rebuild(conn, ws)
        with store.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    finally:
        store.close()
        source.close()


def _copy(source: sqlite3.Connection, cursor: object, table: str) -> None:
    rows = source.execute(f"SELECT * FROM {table}")
    columns = [d[0] for d in rows.description]
    # The owner is set once the people are there (the workspace row comes first).
    owner = columns.index("owner_id") if table == "workspace" else None
    names = ", ".join(columns)
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # type: ignore[attr-defined]
        while batch := rows.fetchmany(_BATCH):
            for row in batch:
                if owner is not None:
                    row = (*row[:owner], None, *row[owner + 1 :])
                copy.write_row(row)


def _follow_ids(conn: object, table: str) -> None:
    """The table's id sequence (if it has one) set past the copied ids."""
    found = conn.execute(  # type: ignore[attr-defined]
        text(
            "SELECT pg_get_serial_sequence(:table, 'id') FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = :table AND column_name = 'id'"
        ),
        {"table": table},
    ).scalar()
    if found:
        conn.execute(  # type: ignore[attr-defined]
            text(f"SELECT setval('{found}', (SELECT coalesce(max(id), 1) FROM {table}))")
        )


def measure(
    path: Path,
    sqlite_csv: Path,
    label: str,
    people: int,
    options: Options,
    run: Callable[[list[str], Path | None], float],
    netweave: Callable[[str], list[str]],
    as_of: datetime,
) -> list[Result]:
    """``ties --all-pairs --csv`` and the review service on PostgreSQL, on the workspace of
    the SQLite file at ``path`` (whose own CSV is ``sqlite_csv``): ``[]`` when PostgreSQL is
    not chosen or not reachable."""
    if "postgres" not in options.backends or not postgres_reachable(options.postgres_url):
        return []
    from netweave.services import review

    with postgres_schema(options.postgres_url) as url:
        copy_workspace(path, url)
        ours = sqlite_csv.with_name("postgres.csv")
        argv = [*netweave(url), "--csv", "--as-of", as_of.isoformat()]
        mine = [run(argv, ours) for _ in range(options.runs)]
        found = differences(ours, sqlite_csv)
        if found:
            raise AssertionError(f"PostgreSQL and SQLite differ: {found[:5]}")
        store = Store.open(url)
        try:
            briefing = timed(options.runs, lambda: review.review(store, 1, as_of, as_of.date()))
        finally:
            store.close()
    return [
        Result.of(f"ties --all-pairs --csv ({label})", "postgres", people, mine, "s"),
        Result.of(f"review service ({label})", "postgres", people, briefing, "s"),
    ]


__all__ = ["copy_workspace", "measure"]
