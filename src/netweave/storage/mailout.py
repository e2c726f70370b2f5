"""Mail-out settings and the record of every message sent: recorded before it is sent,
marked sent or failed after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, insert, select, update

from netweave.domain.mailout import MailOut
from netweave.storage import tables as t
from netweave.storage.rows import to_record, values

SENDING = "sending"
SENT = "sent"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SentMessage:
    """One message (or one reminder in it) to one destination, and how its send went."""

    id: int
    key: str
    route: str
    kind: str
    message_id: str
    subject: str
    status: str
    attempts: int
    error: str | None
    recorded_at: datetime
    sent_at: datetime | None


def get_mail_out(conn: Connection, ws: int) -> MailOut:
    """The workspace's mail-out settings (the defaults before anything was set)."""
    row = conn.execute(select(t.mail_out).where(t.mail_out.c.workspace_id == ws)).first()
    return to_record(MailOut, row) if row else MailOut()


def save_mail_out(conn: Connection, ws: int, mail: MailOut, now: datetime) -> None:
    row = {**values(mail, t.mail_out), "updated_at": now}
    done = conn.execute(
        update(t.mail_out).where(t.mail_out.c.workspace_id == ws).values(row)
    ).rowcount
    if not done:
        conn.execute(insert(t.mail_out).values(workspace_id=ws, **row))


def lock_sending(conn: Connection, ws: int) -> bool:
    """Take the workspace's sending lock until the transaction ends (two senders, a
    server and a cron job, then record one after the other). Must be the transaction's
    first statement: on SQLite it takes the write lock before anything is read. False
    when the workspace has no settings row yet (then there is nothing to lock)."""
    found = conn.execute(
        update(t.mail_out)
        .where(t.mail_out.c.workspace_id == ws)
        .values(updated_at=t.mail_out.c.updated_at)
    ).rowcount
    return bool(found)


def _message(row: object) -> SentMessage:
    return SentMessage(**{name: getattr(row, name) for name in SentMessage.__slots__})


def messages(conn: Connection, ws: int, keys: Sequence[str], route: str) -> dict[str, SentMessage]:
    """The records of ``keys`` to ``route``, by key."""
    if not keys:
        return {}
    found: dict[str, SentMessage] = {}
    table = t.sent_message
    for start in range(0, len(keys), 500):
        query = select(table).where(
            table.c.workspace_id == ws,
            table.c.route == route,
            table.c.key.in_(keys[start : start + 500]),
        )
        found.update((row.key, _message(row)) for row in conn.execute(query))
    return found


def record_sending(
    conn: Connection,
    ws: int,
    *,
    key: str,
    route: str,
    kind: str,
    message_id: str,
    subject: str,
    now: datetime,
    retry_of: SentMessage | None = None,
) -> bool:
    """Record that the message is about to be sent. A message that failed before is
    taken again only if it is still as it was read (``retry_of``): False when another
    sender took it meanwhile."""
    table = t.sent_message
    fields = {
        "message_id": message_id,
        "subject": subject,
        "status": SENDING,
        "error": None,
        "recorded_at": now,
        "sent_at": None,
    }
    if retry_of is None:
        conn.execute(
            insert(table).values(
                workspace_id=ws, key=key, route=route, kind=kind, attempts=1, **fields
            )
        )
        return True
    taken = conn.execute(
        update(table)
        .where(
            and_(
                table.c.id == retry_of.id,
                table.c.status == FAILED,
                table.c.attempts == retry_of.attempts,
            )
        )
        .values(attempts=retry_of.attempts + 1, **fields)
    ).rowcount
    return bool(taken)


def record_outcome(
    conn: Connection,
    ws: int,
    *,
    keys: Sequence[str],
    route: str,
    message_id: str,
    error: str | None,
    now: datetime,
) -> None:
    """Mark the records of one message sent (``error`` None) or failed."""
    table = t.sent_message
    conn.execute(
        update(table)
        .where(
            table.c.workspace_id == ws,
            table.c.route == route,
            table.c.message_id == message_id,
            table.c.key.in_(list(keys)),
        )
        .values(
            status=FAILED if error else SENT,
            error=error,
            sent_at=None if error else now,
        )
    )


def sent_log(conn: Connection, ws: int, *, limit: int = 50) -> list[SentMessage]:
    """The latest records, newest first."""
    table = t.sent_message
    query = (
        select(table)
        .where(table.c.workspace_id == ws)
        .order_by(table.c.recorded_at.desc(), table.c.id.desc())
        .limit(limit)
    )
    return [_message(row) for row in conn.execute(query)]


__all__ = [
    "FAILED",
    "SENDING",
    "SENT",
    "SentMessage",
    "get_mail_out",
    "lock_sending",
    "messages",
    "record_outcome",
    "record_sending",
    "save_mail_out",
    "sent_log",
]
