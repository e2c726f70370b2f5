"""Asks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, or_, select

from netweave.domain import Ask, AskDraft
from netweave.storage import tables as t
from netweave.storage.rows import fetch_row, insert_row, to_record, with_id


def insert_ask(conn: Connection, ws: int, ask: AskDraft) -> Ask:
    return with_id(Ask, ask, insert_row(conn, t.ask, ws, ask))


def get_ask(conn: Connection, ws: int, ask_id: int) -> Ask | None:
    row = fetch_row(conn, t.ask, ws, ask_id)
    return to_record(Ask, row) if row else None


def asks_query(
    ws: int, *, person_id: int | None = None, open_only: bool = False, answered_only: bool = False
) -> Select[Any]:
    """The ask rows that pass the filters, newest first (to list or to page)."""
    query = select(t.ask).where(t.ask.c.workspace_id == ws)
    if person_id is not None:
        query = query.where(or_(t.ask.c.asker_id == person_id, t.ask.c.asked_id == person_id))
    if open_only:
        query = query.where(t.ask.c.outcome.is_(None))
    if answered_only:
        query = query.where(t.ask.c.outcome.is_not(None))
    return query.order_by(t.ask.c.asked_at.desc(), t.ask.c.id)


def list_asks(
    conn: Connection, ws: int, *, person_id: int | None = None, open_only: bool = False
) -> list[Ask]:
    query = asks_query(ws, person_id=person_id, open_only=open_only)
    return [to_record(Ask, row) for row in conn.execute(query)]


__all__ = ["asks_query", "get_ask", "insert_ask", "list_asks"]
