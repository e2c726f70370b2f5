"""The command log: one row per command carried out, and the idempotency keys that make
sending a command twice (a phone retrying a capture) create nothing twice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from netweave.errors import Conflict
from netweave.storage import Tx
from netweave.storage import tables as t


def replayed(conn: Tx, ws: int, key: str) -> tuple[str, int | None] | None:
    """(command, record id) of the command already carried out under ``key``, if any."""
    row = conn.execute(
        select(t.command_log.c.command, t.command_log.c.record_id).where(
            t.command_log.c.workspace_id == ws, t.command_log.c.idempotency_key == key
        )
    ).first()
    return (row.command, row.record_id) if row is not None else None


def replayed_many(conn: Tx, ws: int, keys: Iterable[str]) -> dict[str, tuple[str, int | None]]:
    """:func:`replayed` for many keys: key → (command, record id), for the keys used."""
    found: dict[str, tuple[str, int | None]] = {}
    wanted = sorted(set(keys))
    for start in range(0, len(wanted), 500):
        rows = conn.execute(
            select(
                t.command_log.c.idempotency_key, t.command_log.c.command, t.command_log.c.record_id
            ).where(
                t.command_log.c.workspace_id == ws,
                t.command_log.c.idempotency_key.in_(wanted[start : start + 500]),
            )
        )
        found.update((row[0], (row[1], row[2])) for row in rows)
    return found


def log_commands(conn: Tx, ws: int, rows: Sequence[dict[str, Any]]) -> None:
    """:func:`log_command` for many (each a dict of the log's columns but the workspace)."""
    if not rows:
        return
    try:
        conn.execute(insert(t.command_log), [{**row, "workspace_id": ws} for row in rows])
    except IntegrityError:
        keys = [row["idempotency_key"] for row in rows if row["idempotency_key"]]
        raise Conflict(
            "a change with one of these keys is being made at this moment",
            code="key-in-flight",
            facts={"keys": keys[:10]},
        ) from None


def log_command(
    conn: Tx,
    ws: int,
    *,
    command: str,
    record_id: int | None,
    source: str,
    actor_id: int | None,
    key: str | None,
    at: datetime,
) -> None:
    try:
        conn.execute(
            insert(t.command_log).values(
                workspace_id=ws,
                command=command,
                record_id=record_id,
                source=source,
                actor_id=actor_id,
                idempotency_key=key,
                done_at=at,
            )
        )
    except IntegrityError:
        if key is None:
            raise
        # The same key sent twice at once: the other one got there first and stands; this
        # one is rolled back, and sent again it gets the first one's record.
        raise Conflict(
            f"a change with the key {key!r} is being made at this moment",
            code="key-in-flight",
            facts={"key": key},
        ) from None


def latest_keyed(
    conn: Tx, ws: int, commands: Sequence[str], prefix: str
) -> tuple[str, int | None] | None:
    """(command, record id) of the latest of ``commands`` logged under a key starting
    with ``prefix``, if any."""
    log = t.command_log.c
    row = conn.execute(
        select(log.command, log.record_id)
        .where(
            log.workspace_id == ws,
            log.command.in_(list(commands)),
            log.idempotency_key.startswith(prefix, autoescape=True),
        )
        .order_by(log.id.desc())
        .limit(1)
    ).first()
    return (row.command, row.record_id) if row is not None else None


__all__ = ["latest_keyed", "log_command", "log_commands", "replayed", "replayed_many"]
