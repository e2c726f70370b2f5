"""Follow-ups."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, select

from netweave.domain import FollowUp, FollowUpDraft
from netweave.storage import tables as t
from netweave.storage.rows import fetch_row, insert_row, to_record, with_id


def insert_follow_up(conn: Connection, ws: int, follow_up: FollowUpDraft) -> FollowUp:
    return with_id(FollowUp, follow_up, insert_row(conn, t.follow_up, ws, follow_up))


def get_follow_up(conn: Connection, ws: int, follow_up_id: int) -> FollowUp | None:
    row = fetch_row(conn, t.follow_up, ws, follow_up_id)
    return to_record(FollowUp, row) if row else None


def follow_ups_query(
    ws: int,
    *,
    person_id: int | None = None,
    open_only: bool = False,
    due_by: date | None = None,
    event_id: int | None = None,
) -> Select[Any]:
    """The follow-up rows that pass the filters, by due day (to list or to page)."""
    query = select(t.follow_up).where(t.follow_up.c.workspace_id == ws)
    if person_id is not None:
        query = query.where(t.follow_up.c.person_id == person_id)
    if open_only:
        query = query.where(t.follow_up.c.done_at.is_(None))
    if due_by is not None:
        query = query.where(t.follow_up.c.due_on <= due_by)
    if event_id is not None:
        query = query.where(t.follow_up.c.event_id == event_id)
    return query.order_by(t.follow_up.c.due_on, t.follow_up.c.id)


def list_follow_ups(
    conn: Connection,
    ws: int,
    *,
    person_id: int | None = None,
    open_only: bool = False,
    due_by: date | None = None,
    event_id: int | None = None,
) -> list[FollowUp]:
    query = follow_ups_query(
        ws, person_id=person_id, open_only=open_only, due_by=due_by, event_id=event_id
    )
    return [to_record(FollowUp, row) for row in conn.execute(query)]


__all__ = ["follow_ups_query", "get_follow_up", "insert_follow_up", "list_follow_ups"]
