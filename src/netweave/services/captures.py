"""Captures from the event screen that take more than one command: a person quick-added in
the room is added and marked met at the event.

Each half is its own command under its own key (the person's key, and that key with
``:met`` for the attendance), so a capture sent again, or cut off between the two, ends
with one person met once: the first half replays, the second is carried out or replays.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from netweave.commands import AddPerson, MarkAttendance
from netweave.domain import Attendance, AttendanceStatus, Person, build
from netweave.services import events, people
from netweave.storage import Store

MET_KEY_SUFFIX = ":met"


@dataclass(frozen=True, slots=True)
class MetInTheRoom:
    person: Person
    attendance: Attendance


def met_key(key: str) -> str:
    """The attendance's key beside a quick add's ``key`` (a long key is shortened to its
    digest, so that the two stay within a key's 200 characters)."""
    base = key if len(key) <= 150 else hashlib.sha256(key.encode()).hexdigest()
    return base + MET_KEY_SUFFIX


def add_met_at_event(
    store: Store, ws: int, command: AddPerson, event_id: int, *, now: datetime | None = None
) -> MetInTheRoom:
    """Carry out ``command`` and mark the new person attended and met at ``event_id``
    (which must exist before anyone is added)."""
    events.find_event(store, ws, f"#{event_id}")
    person = people.add_person(store, ws, command, now=now)
    key = command.idempotency_key
    marked = build(
        MarkAttendance,
        {
            "event_id": event_id,
            "person_ids": [person.id],
            "status": AttendanceStatus.ATTENDED,
            "met": True,
            "source": command.source,
            "idempotency_key": met_key(key) if key else None,
            "actor_id": command.actor_id,
        },
    )
    [attendance] = events.mark_attendance(store, ws, marked, now=now)
    return MetInTheRoom(person, attendance)


__all__ = ["MET_KEY_SUFFIX", "MetInTheRoom", "add_met_at_event", "met_key"]
