"""Asks: recording a request for help and how it was answered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netweave.domain import Ask, AskOutcome, build, change
from netweave.errors import NotFound
from netweave.services import refs
from netweave.storage import Store, Tx, rows
from netweave.storage import asks as asks_db
from netweave.storage import tables as t


def _get(conn: Tx, ws: int, ask_id: int) -> Ask:
    found = asks_db.get_ask(conn, ws, ask_id)
    if found is None:
        raise NotFound(f"there is no ask #{ask_id}")
    return found


def record_ask(store: Store, ws: int, fields: dict[str, Any]) -> Ask:
    ask = build(Ask, {**fields, "id": None})
    with store.transaction() as conn:
        refs.require_people(conn, ws, [ask.asker_id, ask.asked_id])
        return asks_db.insert_ask(conn, ws, ask)


def answer_ask(store: Store, ws: int, ask_id: int, outcome: AskOutcome, at: datetime | None) -> Ask:
    """Record the outcome; "no response" needs no answer time."""
    with store.transaction() as conn:
        updated = change(_get(conn, ws, ask_id), {"outcome": outcome, "answered_at": at})
        rows.update_row(conn, t.ask, ws, ask_id, updated)
    return updated


def edit_ask(store: Store, ws: int, ask_id: int, changes: dict[str, Any]) -> Ask:
    with store.transaction() as conn:
        updated = change(_get(conn, ws, ask_id), changes)
        refs.require_people(conn, ws, [updated.asker_id, updated.asked_id])
        rows.update_row(conn, t.ask, ws, ask_id, updated)
    return updated


def remove_ask(store: Store, ws: int, ask_id: int) -> Ask:
    with store.transaction() as conn:
        found = _get(conn, ws, ask_id)
        rows.delete_row(conn, t.ask, ws, ask_id)
    return found


def list_asks(
    store: Store, ws: int, *, person_id: int | None = None, open_only: bool = False
) -> list[Ask]:
    with store.transaction() as conn:
        return asks_db.list_asks(conn, ws, person_id=person_id, open_only=open_only)


__all__ = ["answer_ask", "edit_ask", "list_asks", "record_ask", "remove_ask"]
