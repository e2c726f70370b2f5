"""Planning what links people: group memberships, events with attendance (interactions: .stream).

Each function adds to the plan of a :class:`PeoplePlanner` that has settled
the file's people, and reads what it compares against in one query per kind.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from netweave.domain import Attendance, Group, MembershipDraft, build
from netweave.domain import EventDraft as NewEvent
from netweave.domain.base import with_id
from netweave.domain.event import Event
from netweave.domain.identity import fold
from netweave.domain.kinds import AttendanceStatus
from netweave.domain.matching import FieldConflict
from netweave.importers.model import ContactStream, EventDraft, ParsedFile
from netweave.services.imports import meetings
from netweave.services.imports.people import PeoplePlanner
from netweave.services.imports.plan import EventSlot, Finding, Progress, lenient
from netweave.storage import Tx
from netweave.storage import events as events_db
from netweave.storage import imports as imports_db

_STATUS_RANK = {
    AttendanceStatus.INVITED: 0,
    AttendanceStatus.RSVP: 1,
    AttendanceStatus.ABSENT: 2,
    AttendanceStatus.ATTENDED: 3,
}

Wanted = tuple[int, str, AttendanceStatus]
"""An attendance the file asks for: (event slot, contact ref, status)."""


def memberships(p: PeoplePlanner) -> None:
    """Groups named in the file (found by name, else new) and the memberships not held yet."""
    stored_groups = imports_db.groups_by_name(p.conn, p.ws)
    open_now = imports_db.open_memberships(p.conn, p.ws)
    group_slot: dict[str, int] = {}
    seen: set[tuple[int, int]] = set()
    for draft in p.parsed.memberships:
        person = p.person_slot(draft.person)
        name = " ".join(draft.group.split())
        if person is None or not name:
            continue
        key = name.lower()
        if key not in group_slot:
            slot = p.new_slot()
            group_slot[key] = slot
            if key in stored_groups:
                p.plan.stored_groups[slot] = stored_groups[key]
            else:
                made = lenient(Group, {"name": name, "id": slot}, draft.source, p.plan)
                if made is None:
                    continue
                p.plan.groups[slot] = made
        group = group_slot[key]
        pair = (group, person)
        if pair in seen:
            continue
        seen.add(pair)
        stored = (p.plan.stored_groups.get(group), p.plan.stored_id(person))
        if stored in open_now:
            p.plan.count_unchanged("memberships")
            continue
        p.plan.memberships.append(build(MembershipDraft, {"group_id": group, "person_id": person}))


CALENDAR_FIELDS = ("name", "starts_at", "ends_at", "place", "notes")
"""An event's fields its calendar owns: a later revision of the event replaces them."""


def events(p: PeoplePlanner) -> None:
    """Events found by calendar UID (else by name and start), or new; and who attends."""
    drafts = p.parsed.events
    if not drafts:
        return
    wanted: list[Wanted] = []
    by_key = imports_db.event_keys(p.conn, p.ws)
    start = min(d.starts_at for d in drafts) - timedelta(seconds=1)
    end = max(d.starts_at for d in drafts) + timedelta(seconds=1)
    by_name = {
        (fold(name), starts): event_id
        for event_id, name, starts in imports_db.events_between(p.conn, p.ws, start, end)
    }
    matched: list[tuple[EventDraft, int | None, str | None, int | None]] = []
    for draft in drafts:
        key = _event_key(draft)
        stored, revision = by_key.get(key, (None, None)) if key else (None, None)
        if stored is None:
            stored = by_name.get((fold(draft.name), draft.starts_at))
        matched.append((draft, stored, key, revision))
    stored_events = {
        e.id: e for e in events_db.get_events(p.conn, p.ws, [m[1] for m in matched if m[1]])
    }
    slots: dict[int, int] = {}
    made = meetings.Meetings(p)
    for draft, stored_id, key, revision in matched:
        if stored_id is not None and stored_id in slots:
            slot = slots[stored_id]
        elif stored_id is not None:
            slot = slots[stored_id] = p.new_slot()
            current = stored_events[stored_id]
            target = EventSlot(slot, current, stored_id, current, key, revision)
            p.plan.events[slot] = target
            if key in by_key and newer(draft.sequence, revision):
                _revise_event(p, target, draft)
            else:
                _fold_event(p, target, draft)
        else:
            event = lenient(NewEvent, draft.event_fields(), draft.source, p.plan)
            if event is None:
                continue
            slot = p.new_slot()
            new = with_id(Event, event, slot)
            p.plan.events[slot] = EventSlot(slot, new, key=key, revision=draft.sequence)
        _attendance(wanted, slot, draft)
        meetings.plan_touch(p, made, slot, key, draft)
    _settle_attendance(p, wanted)


def _event_key(draft: EventDraft) -> str | None:
    if draft.uid is None:
        return None
    return f"ical:{draft.uid}" + (f"@{draft.occurrence.isoformat()}" if draft.occurrence else "")


def newer(incoming: int | None, stored: int | None) -> bool:
    """Whether a calendar's event at revision ``incoming`` (its SEQUENCE) is a later version
    than the one imported at ``stored`` (an event imported before revisions were kept
    counts as revision 0)."""
    return incoming is not None and incoming > (stored or 0)


def _revise_event(p: PeoplePlanner, target: EventSlot, draft: EventDraft) -> None:
    """A later version of the event from its calendar: the calendar's fields replace the
    stored ones (a field the calendar emptied is emptied); its revision is kept."""
    fields = draft.event_fields()
    checked = lenient(NewEvent, fields, draft.source, p.plan)
    if checked is None:
        return
    calendar = {name: getattr(checked, name) for name in CALENDAR_FIELDS}
    target.event = target.event.model_copy(update=calendar)
    target.revision = draft.sequence


def _fold_event(p: PeoplePlanner, target: EventSlot, draft: EventDraft) -> None:
    changes: dict[str, Any] = {}
    for name, value in draft.event_fields().items():
        kept = getattr(target.event, name)
        if kept is None:
            changes[name] = value
        elif kept != value and not (isinstance(kept, str) and fold(kept) == fold(str(value))):
            shown = kept.isoformat() if isinstance(kept, datetime) else kept
            offered = value.isoformat() if isinstance(value, datetime) else value
            conflict = FieldConflict(name, str(shown), str(offered))
            text = f"event '{target.event.name}': {conflict}"
            p.plan.conflicts.append(Finding(draft.source, text))
    if changes:
        target.event = target.event.model_copy(update=changes)


def _attendance(wanted: list[Wanted], event_slot: int, draft: EventDraft) -> None:
    now = datetime.now(draft.starts_at.tzinfo)
    if draft.organizer is not None:
        status = AttendanceStatus.ATTENDED if draft.starts_at <= now else AttendanceStatus.RSVP
        wanted.append((event_slot, draft.organizer.ref, status))
    for attendee in draft.attendees:
        wanted.append((event_slot, attendee.contact.ref, attendee.status))


def _settle_attendance(p: PeoplePlanner, wanted: list[Wanted]) -> None:
    stored_ids = [s.stored_id for s in p.plan.events.values() if s.stored_id]
    stored = imports_db.attendance_of(p.conn, p.ws, [i for i in stored_ids if i])
    best: dict[tuple[int, int], AttendanceStatus] = {}
    for event_slot, ref, status in wanted:
        person = p.person_slot(ref)
        if person is None:
            continue
        key = (event_slot, person)
        if key not in best or _STATUS_RANK[status] > _STATUS_RANK[best[key]]:
            best[key] = status
    for (event_slot, person), status in best.items():
        record = Attendance(event_id=event_slot, person_id=person, status=status)
        event_id = p.plan.events[event_slot].stored_id
        person_id = p.plan.stored_id(person)
        had = stored.get((event_id, person_id)) if event_id and person_id else None
        if had is None:
            p.plan.attendance.append(record)
        elif _STATUS_RANK[status] > _STATUS_RANK[AttendanceStatus(had)]:
            p.plan.attendance_updates.append(record)
        else:
            p.plan.count_unchanged("attendance")


# --- the whole file ---------------------------------------------------------------


def plan_people(
    conn: Tx,
    ws: int,
    parsed: ParsedFile | ContactStream,
    *,
    region: str,
    owner_id: int | None,
    progress: Progress,
) -> PeoplePlanner:
    """Which person each contact of ``parsed`` is (nothing is written): the people are
    then settled as they are written (:meth:`PeoplePlanner.settle_people`), and the rest
    planned (:func:`plan_links`)."""
    planner = PeoplePlanner(conn, ws, parsed, region=region, owner_id=owner_id, progress=progress)
    planner.run()
    return planner


def plan_links(planner: PeoplePlanner) -> None:
    """What importing the file changes besides its people, once those are settled, but
    its interactions: those are planned a chunk at a time as they are written
    (:mod:`.stream`)."""
    memberships(planner)
    events(planner)


__all__ = ["events", "memberships", "plan_links", "plan_people"]
