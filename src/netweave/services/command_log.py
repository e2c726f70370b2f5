"""Every command is logged once it is carried out; a command sent again under the same
idempotency key gives back what the first one made and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from netweave.commands import Command
from netweave.errors import Conflict
from netweave.storage import Tx
from netweave.storage import commands as commands_db

R = TypeVar("R")


def replay(conn: Tx, ws: int, command: Command, load: Callable[[int], R]) -> R | None:
    """What ``command`` made the first time it was sent under its key; None if it was not."""
    key = command.idempotency_key
    if key is None:
        return None
    found = commands_db.replayed(conn, ws, key)
    if found is None:
        return None
    name, record_id = found
    if name != command.log_name or record_id is None:
        raise Conflict(
            f"the key {key!r} was already used for another change ({name})",
            code="key-reused",
            facts={"key": key, "command": name},
        )
    return load(record_id)


def record(conn: Tx, ws: int, command: Command, record_id: int | None, now: datetime) -> None:
    """Note that ``command`` was carried out, by whom and from where, with its key."""
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


__all__ = ["record", "replay"]
