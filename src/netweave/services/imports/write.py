"""Writing a plan: new records in bulk, changed ones one by one, with their sources;
its people first, a chunk at a time as they are settled (:func:`write_people`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netweave.services.imports.plan import PersonSlot, Plan, Progress
from netweave.storage import Tx
from netweave.storage import events as events_db
from netweave.storage import imports as imports_db
from netweave.storage import people as people_db
from netweave.storage.bulk import BulkLoader, chunked

PEOPLE_CHUNK = 1_000
"""People written at a time (each held as a whole record until then)."""


def write_people(
    conn: Tx,
    ws: int,
    slots: Iterable[PersonSlot],
    loader: BulkLoader,
    *,
    import_id: int,
    progress: Progress,
    total: int,
) -> list[tuple[str, int]]:
    """Write the people of ``slots`` (:meth:`PeoplePlanner.settle_people`) a chunk at a
    time, with their sources: new ones in bulk, changed ones one by one. ``loader``
    learns each one's real id; the (external key, person id) pairs to keep are returned
    (:func:`write_plan` writes them with the others). ``total`` counts the file's
    contacts, for ``progress``."""
    keys: list[tuple[str, int]] = []
    progress("writing people", 0, total)
    done = 0
    for chunk in chunked(slots, PEOPLE_CHUNK):
        loader.adopt("person", {s.slot: s.stored_id for s in chunk if s.stored_id is not None})
        loader.numbered_people((s.slot, s.held) for s in chunk if s.stored_id is None)
        for slot in chunk:
            changed = slot.changed_person()
            if changed is not None:
                people_db.update_person(conn, ws, changed, loader.now)
        sources: list[tuple[int, int, list[str], int, str]] = []
        for slot in chunk:
            person_id = loader.person_id(slot.slot)
            # Loops, not generators: a person has one source or two, and no key or one.
            for source, fields in slot.sources:
                if fields:
                    sources.append((ws, person_id, fields, import_id, source.locator[:120]))
            for value in slot.external:
                keys.append((value[:500], person_id))
        imports_db.insert_sources(conn, sources)
        done += sum(len(s.sources) for s in chunk)
        progress("writing people", min(done, total), total)
    progress("writing people", total, total)
    return keys


def write_plan(
    conn: Tx,
    ws: int,
    plan: Plan,
    loader: BulkLoader,
    *,
    person_keys: list[tuple[str, int]],
    progress: Progress,
) -> None:
    """Write everything but the people (:func:`write_people`) ``plan`` holds, inside
    ``conn``'s transaction; ``loader`` knows each provisional id's real one."""
    total = len(plan.interactions) + len(plan.attendance) + 1
    progress("writing", 0, total)
    # People the rest of the plan named once theirs were written: the owner ("me").
    loader.adopt(
        "person", {s.slot: s.stored_id for s in plan.people.values() if s.stored_id is not None}
    )
    keys: list[dict[str, Any]] = [
        {"workspace_id": ws, "kind": "person", "value": value, "person_id": person_id}
        for value, person_id in person_keys
    ]
    loader.adopt("group", plan.stored_groups)
    loader.groups(plan.groups.values())
    loader.memberships(plan.memberships)
    events = plan.events.values()
    loader.adopt("event", {e.slot: e.stored_id for e in events if e.stored_id is not None})
    loader.events(e.event for e in events if e.stored_id is None)
    for event in events:
        if event.changed:
            events_db.update_event(conn, ws, event.event)
    keys.extend(
        {
            "workspace_id": ws,
            "kind": "event",
            "value": e.key[:500],
            "event_id": loader.event_id(e.slot),
            "revision": e.revision,
        }
        for e in events
        if e.key and e.stored_id is None
    )
    imports_db.set_revisions(
        conn,
        ws,
        {
            e.key[:500]: e.revision
            for e in events
            if e.key and e.stored_id is not None and e.revision is not None
        },
    )
    loader.attendance(plan.attendance)
    imports_db.set_attendance_status(
        conn,
        ws,
        (
            {
                "event_id": loader.event_id(a.event_id),
                "person_id": loader.person_id(a.person_id),
                "status": a.status.value,
            }
            for a in plan.attendance_updates
        ),
    )
    progress("writing", len(plan.attendance), total)
    loader.interactions(plan.interactions)
    keys.extend(
        {
            "workspace_id": ws,
            "kind": "meeting",
            "value": value[:500],
            "event_id": loader.event_id(slot),
        }
        for slot, value in plan.meeting_keys
    )
    imports_db.insert_rows(conn, "external_key", _new_keys(conn, ws, keys))
    progress("writing", total, total)


def _new_keys(conn: Tx, ws: int, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keys not stored yet (a person found by email may already hold their vCard UID)."""
    stored = set(imports_db.external_values(conn, ws))
    fresh: dict[tuple[str, str], dict[str, Any]] = {}
    for key in keys:
        identity = (key["kind"], key["value"])
        if identity not in stored:
            # One insert takes them all: every row names every column.
            fresh.setdefault(
                identity, {"person_id": None, "event_id": None, "revision": None, **key}
            )
    return list(fresh.values())


__all__ = ["PEOPLE_CHUNK", "write_people", "write_plan"]
