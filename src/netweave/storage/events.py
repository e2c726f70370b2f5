"""Events and attendance."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from netweave.domain import Attendance, Event, EventDraft
from netweave.domain.base import at_most
from netweave.storage import tables as t
from netweave.storage.bulk import chunked
from netweave.storage.rows import (
    fetch_row,
    fetch_rows,
    insert_row,
    to_record,
    update_row,
    values,
    with_id,
)


def insert_event(conn: Connection, ws: int, event: EventDraft) -> Event:
    return with_id(Event, event, insert_row(conn, t.event, ws, event))


def get_event(conn: Connection, ws: int, event_id: int) -> Event | None:
    row = fetch_row(conn, t.event, ws, event_id)
    return to_record(Event, row) if row else None


def get_events(conn: Connection, ws: int, ids: Sequence[int]) -> list[Event]:
    """The events with these ids, in id order (missing ids are left out)."""
    found: list[Event] = []
    for chunk in chunked(sorted(set(ids)), 10_000):
        found.extend(to_record(Event, row) for row in fetch_rows(conn, t.event, ws, chunk))
    return sorted(found, key=lambda event: event.id)


def update_event(conn: Connection, ws: int, event: Event) -> None:
    update_row(conn, t.event, ws, event.id, event)


def list_events(
    conn: Connection,
    ws: int,
    *,
    group_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
) -> list[Event]:
    query = select(t.event).where(t.event.c.workspace_id == ws)
    if group_id is not None:
        query = query.where(t.event.c.group_id == group_id)
    if since is not None:
        query = query.where(t.event.c.starts_at >= since)
    if until is not None:
        query = query.where(t.event.c.starts_at < until)
    query = query.order_by(t.event.c.starts_at, t.event.c.id)
    if limit is not None:
        query = query.limit(at_most(limit))
    return [to_record(Event, row) for row in conn.execute(query)]


def ids_by_event_name(conn: Connection, ws: int, name: str, *, partial: bool = False) -> list[int]:
    lowered = " ".join(name.lower().split())
    column = func.lower(t.event.c.name)
    # autoescape: a "%" or "_" in the name is that character, not a wildcard.
    condition = column.contains(lowered, autoescape=True) if partial else column == lowered
    rows = conn.execute(
        select(t.event.c.id)
        .where(t.event.c.workspace_id == ws, condition)
        .order_by(t.event.c.starts_at)
    )
    return [row.id for row in rows]


def upsert_attendance(conn: Connection, ws: int, attendance: Attendance) -> None:
    row = values(attendance, t.attendance)
    changed = conn.execute(
        update(t.attendance)
        .where(
            t.attendance.c.event_id == attendance.event_id,
            t.attendance.c.person_id == attendance.person_id,
        )
        .values(status=row["status"], met=row["met"])
    ).rowcount
    if not changed:
        conn.execute(insert(t.attendance).values(workspace_id=ws, **row))


def remove_attendance(conn: Connection, ws: int, event_id: int, person_id: int) -> bool:
    result = conn.execute(
        delete(t.attendance).where(
            t.attendance.c.workspace_id == ws,
            t.attendance.c.event_id == event_id,
            t.attendance.c.person_id == person_id,
        )
    )
    return result.rowcount > 0


def attendance(
    conn: Connection, ws: int, *, event_id: int | None = None, person_id: int | None = None
) -> list[Attendance]:
    query = select(t.attendance).where(t.attendance.c.workspace_id == ws)
    if event_id is not None:
        query = query.where(t.attendance.c.event_id == event_id)
    if person_id is not None:
        query = query.where(t.attendance.c.person_id == person_id)
    query = query.order_by(t.attendance.c.event_id, t.attendance.c.person_id)
    return [to_record(Attendance, row) for row in conn.execute(query)]


__all__ = [
    "attendance",
    "get_event",
    "get_events",
    "ids_by_event_name",
    "insert_event",
    "list_events",
    "remove_attendance",
    "update_event",
    "upsert_attendance",
]
