"""Events and who attended them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netweave.commands import AddEvent
from netweave.domain import Attendance, Event, EventDraft, Person, build, change
from netweave.domain.dates import utc_now
from netweave.errors import NotFound
from netweave.services import command_log, refs
from netweave.storage import Store, Tx, rows
from netweave.storage import events as events_db
from netweave.storage import groups as groups_db
from netweave.storage import people as people_db
from netweave.storage import tables as t


def _get(conn: Tx, ws: int, event_id: int) -> Event:
    found = events_db.get_event(conn, ws, event_id)
    if found is None:
        raise NotFound(f"there is no event #{event_id}")
    return found


def _check_group(conn: Tx, ws: int, event: EventDraft) -> None:
    if event.group_id is not None and groups_db.get_group(conn, ws, event.group_id) is None:
        raise NotFound(f"there is no group #{event.group_id}")


def add_event(store: Store, ws: int, command: AddEvent, *, now: datetime | None = None) -> Event:
    """Carry out ``command``: one event (its length from hours or its end)."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda rid: _get(conn, ws, rid))
        if again is not None:
            return again
        if command.group_id is not None and not groups_db.get_group(conn, ws, command.group_id):
            raise NotFound(f"there is no group #{command.group_id}")
        event = build(
            EventDraft,
            {
                "name": command.name,
                "group_id": command.group_id,
                "starts_at": command.starts_at,
                "ends_at": command.end,
                "place": command.place,
                "cost_cents": command.cost_cents,
                "notes": command.notes,
            },
        )
        stored = events_db.insert_event(conn, ws, event)
        command_log.record(conn, ws, command, stored.id, now)
        return stored


def edit_event(store: Store, ws: int, event_id: int, changes: dict[str, Any]) -> Event:
    with store.transaction() as conn:
        updated = change(_get(conn, ws, event_id), changes)
        _check_group(conn, ws, updated)
        rows.update_row(conn, t.event, ws, event_id, updated)
    return updated


def remove_event(store: Store, ws: int, event_id: int) -> Event:
    """Remove an event and its attendance; conversations held there stay, unlinked."""
    with store.transaction() as conn:
        event = _get(conn, ws, event_id)
        rows.delete_row(conn, t.event, ws, event_id)
    return event


def find_event(store: Store, ws: int, ref: str) -> Event:
    with store.transaction() as conn:
        return _get(conn, ws, refs.event_id(conn, ws, ref))


def list_events(
    store: Store,
    ws: int,
    *,
    group_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
) -> list[Event]:
    with store.transaction() as conn:
        return events_db.list_events(
            conn, ws, group_id=group_id, since=since, until=until, limit=limit
        )


def record_attendance(
    store: Store, ws: int, entries: dict[str, Any] | list[dict[str, Any]]
) -> list[Attendance]:
    """Add or update attendance of events, all or nothing."""
    records = [build(Attendance, e) for e in (entries if isinstance(entries, list) else [entries])]
    with store.transaction() as conn:
        for event_id in {r.event_id for r in records}:
            _get(conn, ws, event_id)
        refs.require_people(conn, ws, [r.person_id for r in records])
        for record in records:
            events_db.upsert_attendance(conn, ws, record)
    return records


def remove_attendance(store: Store, ws: int, event_id: int, person_id: int) -> None:
    with store.transaction() as conn:
        if not events_db.remove_attendance(conn, ws, event_id, person_id):
            raise NotFound(f"person #{person_id} is not listed at event #{event_id}")


def attendees(store: Store, ws: int, event_id: int) -> list[tuple[Attendance, Person]]:
    with store.transaction() as conn:
        _get(conn, ws, event_id)
        found = events_db.attendance(conn, ws, event_id=event_id)
        people = {p.id: p for p in people_db.get_people(conn, ws, [a.person_id for a in found])}
    return [(a, people[a.person_id]) for a in found]


__all__ = [
    "add_event",
    "attendees",
    "edit_event",
    "find_event",
    "list_events",
    "record_attendance",
    "remove_attendance",
    "remove_event",
]
