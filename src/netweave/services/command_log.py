"""Every command is logged once it is carried out; a command sent again under the same
idempotency key gives back what the first one made and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from netweave.errors import Conflict
from netweave.services import refs
from netweave.storage import Tx
from netweave.storage import commands as commands_db

if TYPE_CHECKING:
    from netweave.commands import Command

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
    return load(_done_to(command, key, found, record_id))


def _done_to(
    command: Command, key: str, found: tuple[str, int | None], record_id: int | None = None
) -> int:
    name, done_to = found
    if name != command.log_name or done_to is None or record_id not in (None, done_to):
        raise Conflict(
            f"the key {key!r} was already used for another change ({name})",
            code="key-reused",
            facts={"key": key, "command": name},
        )
    return done_to


def replay_many(
    conn: Tx, ws: int, commands: Sequence[Command], load: Callable[[int], R]
) -> dict[int, R]:
    """:func:`replay` for many commands at once (one query): position → what the command
    sent before under its key made."""
    keys = {c.idempotency_key for c in commands if c.idempotency_key is not None}
    found = commands_db.replayed_many(conn, ws, keys)
    again: dict[int, R] = {}
    for position, command in enumerate(commands):
        key = command.idempotency_key
        if key is not None and key in found:
            again[position] = load(_done_to(command, key, found[key]))
    return again


def seen(conn: Tx, ws: int, command: Command, record_id: int) -> bool:
    """Whether ``command`` was carried out already under its key, for ``record_id``."""
    return replay(conn, ws, command, lambda _: True, record_id=record_id) is not None


def record_many(
    conn: Tx, ws: int, done: Sequence[tuple[Command, int | None]], now: datetime
) -> None:
    """:func:`record` for many commands at once; their actors were checked by the caller."""
    if len(done) == 1:
        ((command, record_id),) = done
        record(conn, ws, command, record_id, now)
        return
    commands_db.log_commands(
        conn,
        ws,
        [
            {
                "command": command.log_name,
                "record_id": record_id,
                "source": command.source.value,
                "actor_id": command.actor_id,
                "idempotency_key": command.idempotency_key,
                "done_at": now,
            }
            for command, record_id in done
        ],
    )


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


__all__ = ["record", "record_many", "replay", "replay_many", "seen"]
