"""Follow-ups: dated next actions with a person."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from netweave.domain import FollowUp, build, change
from netweave.errors import Conflict, NotFound
from netweave.services import refs
from netweave.storage import Store, Tx, rows
from netweave.storage import events as events_db
from netweave.storage import followups as followups_db
from netweave.storage import tables as t


def _get(conn: Tx, ws: int, follow_up_id: int) -> FollowUp:
    found = followups_db.get_follow_up(conn, ws, follow_up_id)
    if found is None:
        raise NotFound(f"there is no follow-up #{follow_up_id}")
    return found


def _check_links(conn: Tx, ws: int, follow_up: FollowUp) -> None:
    refs.require_people(conn, ws, [follow_up.person_id])
    if follow_up.event_id is not None and not events_db.get_event(conn, ws, follow_up.event_id):
        raise NotFound(f"there is no event #{follow_up.event_id}")


def add_follow_up(store: Store, ws: int, fields: dict[str, Any]) -> FollowUp:
    follow_up = build(FollowUp, {**fields, "id": None})
    with store.transaction() as conn:
        _check_links(conn, ws, follow_up)
        return followups_db.insert_follow_up(conn, ws, follow_up)


def complete_follow_up(store: Store, ws: int, follow_up_id: int, at: datetime) -> FollowUp:
    with store.transaction() as conn:
        current = _get(conn, ws, follow_up_id)
        if current.done_at is not None:
            raise Conflict(
                f"follow-up #{follow_up_id} was already done on {current.done_at:%Y-%m-%d}"
            )
        updated = change(current, {"done_at": at})
        rows.update_row(conn, t.follow_up, ws, follow_up_id, updated)
    return updated


def edit_follow_up(store: Store, ws: int, follow_up_id: int, changes: dict[str, Any]) -> FollowUp:
    with store.transaction() as conn:
        updated = change(_get(conn, ws, follow_up_id), changes)
        _check_links(conn, ws, updated)
        rows.update_row(conn, t.follow_up, ws, follow_up_id, updated)
    return updated


def remove_follow_up(store: Store, ws: int, follow_up_id: int) -> FollowUp:
    with store.transaction() as conn:
        found = _get(conn, ws, follow_up_id)
        rows.delete_row(conn, t.follow_up, ws, follow_up_id)
    return found


def list_follow_ups(
    store: Store,
    ws: int,
    *,
    person_id: int | None = None,
    open_only: bool = False,
    due_by: date | None = None,
) -> list[FollowUp]:
    with store.transaction() as conn:
        return followups_db.list_follow_ups(
            conn, ws, person_id=person_id, open_only=open_only, due_by=due_by
        )


__all__ = [
    "add_follow_up",
    "complete_follow_up",
    "edit_follow_up",
    "list_follow_ups",
    "remove_follow_up",
]
