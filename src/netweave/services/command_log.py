"""Every command is logged once it is carried out; a command sent again under the same
idempotency key gives back what the first one made and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from netweave.commands import Command
from netweave.errors import Conflict
from netweave.services import refs
from netweave.storage import Tx
from netweave.storage import commands as commands_db

R = TypeVar("R")


def replay(
    conn: Tx,
    ws: int,
    command: Command,
    load: Callable[[int], R],
    *,
    record_id: int | None = None,
) -> R | None:
    """What ``command`` made or changed the first time it was sent under its key; None if
    it was not. ``record_id``: the record the command changes (a referral moved, an ask
    answered), which the first one must have changed too."""
    key = command.idempotency_key
    if key is None:
        return None
    found = commands_db.replayed(conn, ws, key)
    if found is None:
        return None
    name, done_to = found
    if name != command.log_name or done_to is None or record_id not in (None, done_to):
        raise Conflict(
            f"the key {key!r} was already used for another change ({name})",
            code="key-reused",
            facts={"key": key, "command": name},
        )
    return load(done_to)


def seen(conn: Tx, ws: int, command: Command, record_id: int) -> bool:
    """Whether ``command`` was carried out already under its key, for ``record_id``."""
    return replay(conn, ws, command, lambda _: True, record_id=record_id) is not None


def record(conn: Tx, ws: int, command: Command, record_id: int | None, now: datetime) -> None:
    """Note that ``command`` was carried out, by whom and from where, with its key."""
    if command.actor_id is not None:
        refs.require_people(conn, ws, [command.actor_id])
    commands_db.log_command(
        conn,
        ws,
        command=command.log_name,
        record_id=record_id,
        source=command.source.value,
        actor_id=command.actor_id,
        key=command.idempotency_key,
        at=now,
    )


__all__ = ["record", "replay", "seen"]
