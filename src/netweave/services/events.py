"""Events and who attended them."""

from __future__ import annotations

from datetime import datetime, timedelta

from netweave.commands import AddEvent, EditEvent, MarkAttendance, RemoveAttendance, RemoveEvent
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


def edit_event(store: Store, ws: int, command: EditEvent, *, now: datetime | None = None) -> Event:
    """Carry out ``command``: the event's fields set and cleared (its end from hours after
    its start, when given so), the whole event checked again (two weeks at most)."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda rid: _get(conn, ws, rid), record_id=command.event_id
        )
        if again is not None:
            return again
        current = _get(conn, ws, command.event_id)
        updated = change(current, command.changes_from(current.starts_at))
        _check_group(conn, ws, updated)
        rows.update_row(conn, t.event, ws, command.event_id, updated)
        command_log.record(conn, ws, command, command.event_id, now)
    return updated


def remove_event(
    store: Store, ws: int, command: RemoveEvent, *, now: datetime | None = None
) -> Event | None:
    """Carry out ``command``: the event goes with its attendance; conversations held there
    stay, unlinked. The event as it was; None when the command was carried out already
    (its key sent again: there is nothing left to give back)."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.event_id):
            return None
        event = _get(conn, ws, command.event_id)
        rows.delete_row(conn, t.event, ws, command.event_id)
        command_log.record(conn, ws, command, command.event_id, now)
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
        refs.require_filtered(conn, ws, group_id=group_id)
        return events_db.list_events(
            conn, ws, group_id=group_id, since=since, until=until, limit=limit
        )


SOON = timedelta(hours=12)
"""An event starting within this long is the one to get ready for (the dashboard offers
its event screen)."""
LASTS = timedelta(hours=4)
"""How long an event without an end is taken to go on."""


def happening(store: Store, ws: int, now: datetime) -> list[Event]:
    """The events to have at hand now: starting within :data:`SOON`, or going on (until
    their end, or :data:`LASTS` after their start without one), soonest first."""
    with store.transaction() as conn:
        found = events_db.list_events(conn, ws, since=now - timedelta(days=2), until=now + SOON)
    return sorted(
        (e for e in found if (e.ends_at or e.starts_at + LASTS) > now),
        key=lambda e: (e.starts_at, e.id),
    )


def mark_attendance(
    store: Store, ws: int, command: MarkAttendance, *, now: datetime | None = None
) -> list[Attendance]:
    """Carry out ``command``: each person's attendance of the event, added or replaced, all
    or nothing."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn,
            ws,
            command,
            lambda rid: _attendance(conn, ws, rid, command.person_ids),
            record_id=command.event_id,
        )
        if again is not None:
            return again
        _get(conn, ws, command.event_id)
        wanted: list[int | None] = [*command.person_ids]
        refs.require_people(conn, ws, wanted)
        records = [
            build(
                Attendance,
                {
                    "event_id": command.event_id,
                    "person_id": person_id,
                    "status": command.status,
                    "met": command.met,
                },
            )
            for person_id in command.person_ids
        ]
        for record in records:
            events_db.upsert_attendance(conn, ws, record)
        command_log.record(conn, ws, command, command.event_id, now)
    return records


def _attendance(conn: Tx, ws: int, event_id: int, person_ids: list[int]) -> list[Attendance]:
    """The attendance of ``person_ids`` at the event, in their order."""
    found = {a.person_id: a for a in events_db.attendance(conn, ws, event_id=event_id)}
    return [found[p] for p in person_ids if p in found]


def remove_attendance(
    store: Store, ws: int, command: RemoveAttendance, *, now: datetime | None = None
) -> None:
    """Carry out ``command``: the person is no longer listed at the event."""
    now = now or utc_now()
    with store.transaction() as conn:
        if command_log.seen(conn, ws, command, command.event_id):
            return
        if not events_db.remove_attendance(conn, ws, command.event_id, command.person_id):
            raise NotFound(
                f"person #{command.person_id} is not listed at event #{command.event_id}"
            )
        command_log.record(conn, ws, command, command.event_id, now)


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
    "mark_attendance",
    "remove_attendance",
    "remove_event",
]
