"""Planning an import: what a file changes in a workspace, decided before anything is written.

A :class:`Plan` holds every record the file creates or changes, numbered with
provisional ids (see :mod:`netweave.storage.bulk`), and the report's findings.
The planner reads the workspace once, in bulk; it never writes. Writing the
plan is :mod:`netweave.services.imports.write`'s job, so a dry run is a plan
that is not written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel

from netweave.domain import Attendance, Event, Group, Interaction, Membership, Person, build
from netweave.domain.identity import fold
from netweave.domain.kinds import AttendanceStatus
from netweave.domain.matching import (
    FieldConflict,
    PersonIndex,
    combine,
    keys_of,
    sourced_fields,
)
from netweave.errors import InvalidInput
from netweave.importers.model import (
    OWNER_REF,
    ContactDraft,
    EventDraft,
    Format,
    ParsedFile,
    Problem,
    Source,
)
from netweave.storage import Tx
from netweave.storage import events as events_db
from netweave.storage import imports as imports_db
from netweave.storage import people as people_db

M = TypeVar("M", bound=BaseModel)
Progress = Callable[[str, int, int], None]

_STATUS_RANK = {
    AttendanceStatus.INVITED: 0,
    AttendanceStatus.RSVP: 1,
    AttendanceStatus.ABSENT: 2,
    AttendanceStatus.ATTENDED: 3,
}


@dataclass(slots=True)
class PersonSlot:
    """A person the file names: a new one, or a stored one (``stored_id``) it may change."""

    slot: int
    person: Person
    stored_id: int | None = None
    before: Person | None = None
    sources: list[tuple[Source, list[str]]] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before is not None and self.person != self.before


@dataclass(slots=True)
class EventSlot:
    slot: int
    event: Event
    stored_id: int | None = None
    before: Event | None = None
    key: str | None = None

    @property
    def changed(self) -> bool:
        return self.before is not None and self.event != self.before


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the report tells about one record: a conflict, a probable duplicate."""

    source: Source
    text: str

    def __str__(self) -> str:
        return f"{self.source}: {self.text}"


@dataclass(slots=True)
class Plan:
    """Everything one import would write, with provisional ids, and what it found."""

    people: dict[int, PersonSlot] = field(default_factory=dict)
    groups: dict[int, Group] = field(default_factory=dict)
    stored_groups: dict[int, int] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    events: dict[int, EventSlot] = field(default_factory=dict)
    attendance: list[Attendance] = field(default_factory=list)
    attendance_updates: list[Attendance] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    failures: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)
    duplicates: list[Finding] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    def count_unchanged(self, kind: str) -> None:
        self.unchanged[kind] = self.unchanged.get(kind, 0) + 1


def _lenient(model: type[M], fields: dict[str, Any], source: Source, plan: Plan) -> M | None:
    """``build(model, fields)``, leaving out (and reporting) a field it refuses, or None."""
    fields = dict(fields)
    for _ in range(len(fields)):
        try:
            return build(model, fields)
        except InvalidInput as error:
            if error.field in (None, "name", "starts_at") or error.field not in fields:
                plan.failures.append(Problem(source, str(error)))
                return None
            plan.warnings.append(Problem(source, f"{error}; left out", skipped=False))
            del fields[error.field]
    return None


class Planner:
    """Plans the import of one parsed file into workspace ``ws`` (see the module doc)."""

    def __init__(
        self,
        conn: Tx,
        ws: int,
        parsed: ParsedFile,
        *,
        region: str,
        owner_id: int | None,
        progress: Progress | None = None,
    ) -> None:
        self.conn, self.ws, self.parsed, self.region = conn, ws, parsed, region
        self.owner_id = owner_id
        self.progress = progress or (lambda step, done, total: None)
        self.plan = Plan()
        self.plan.failures.extend(p for p in parsed.problems if p.skipped)
        self.plan.warnings.extend(p for p in parsed.problems if not p.skipped)
        self._next = 0
        self.index = PersonIndex()
        for known in imports_db.known_people(conn, ws):
            keys = keys_of(
                emails=known.emails,
                phones=known.phones,
                linkedin=known.linkedin,
                external=known.external,
                region=region,
            )
            self.index.add(known.id, known.name, known.company, keys)
        # Index ids: stored people by their id, new people by a negative number.
        self._slot_of: dict[int, int] = {}
        self._by_ref: dict[str, int | None] = {}
        self._pending: list[tuple[ContactDraft, Person, int, tuple[str, ...]]] = []
        self._wanted: list[tuple[int, str, AttendanceStatus]] = []

    def _slot(self) -> int:
        self._next += 1
        return self._next

    def _external(self, draft: ContactDraft) -> list[str]:
        if draft.external_id is None:
            return []
        if self.parsed.format is Format.SOCIOPATTERNS:
            # Badge numbers mean something only within one data set.
            return [f"badge:{self.parsed.file}:{draft.external_id}"]
        return [f"{self.parsed.format.value}-uid:{draft.external_id}"]

    # --- people: match first (index only), then combine in bulk -----------------

    def match(self, draft: ContactDraft) -> int | None:
        """The index id of the person ``draft`` is (creating a new one), or None if it failed."""
        if draft.ref in self._by_ref:
            return self._by_ref[draft.ref]
        person = _lenient(Person, draft.person_fields(), draft.source, self.plan)
        found_id: int | None = None
        if person is not None:
            external = self._external(draft)
            keys = keys_of(
                emails=person.emails,
                phones=person.phones,
                linkedin=person.linkedin,
                external=external,
                region=self.region,
            )
            found = self.index.find(keys, person.name, person.company)
            if found.ambiguous:
                who = ", ".join(f"#{i}" for i in found.ambiguous if i > 0) or "people in this file"
                self.plan.failures.append(
                    Problem(
                        draft.source,
                        f"'{person.name}' could be any of {who}: give an email to tell them apart",
                    )
                )
            else:
                found_id = (
                    found.person_id if found.person_id is not None else -(len(self._pending) + 1)
                )
                for other, how in found.others.items():
                    if other > 0:
                        self.plan.duplicates.append(
                            Finding(draft.source, f"{person.name} also matches #{other} by {how}")
                        )
                taken = {self.index.holder(k) for k in keys} - {None, found_id}
                if taken:
                    person = person.model_copy(
                        update={
                            "emails": [
                                e
                                for e in person.emails
                                if self.index.holder(f"email:{e}") in (None, found_id)
                            ]
                        }
                    )
                self.index.add(found_id, person.name, person.company, keys)
                self._pending.append((draft, person, found_id, tuple(external)))
        self._by_ref[draft.ref] = found_id
        return found_id

    def settle_people(self) -> None:
        """Turn matches into slots: load the stored people matched, fold the drafts in."""
        stored_ids = sorted({i for _, _, i, _ in self._pending if i > 0})
        stored = {p.id: p for p in people_db.get_people(self.conn, self.ws, stored_ids)}
        total = len(self._pending)
        for number, (draft, person, index_id, external) in enumerate(self._pending, 1):
            if number % 2_000 == 0:
                self.progress("matching", number, total)
            slot = self._slot_of.get(index_id)
            if slot is None:
                slot = self._slot()
                self._slot_of[index_id] = slot
                if index_id > 0:
                    current = stored[index_id]
                    self.plan.people[slot] = PersonSlot(slot, current, index_id, current)
                else:
                    fields = person.model_dump(exclude_defaults=True)
                    self.plan.people[slot] = PersonSlot(
                        slot, person, sources=[(draft.source, sourced_fields(fields))]
                    )
                    self.plan.people[slot].external.extend(external)
                    continue
            self._fold(self.plan.people[slot], draft.source, person, external)
        self.progress("matching", total, total)
        self._by_ref = {
            ref: (self._slot_of[i] if i is not None else None) for ref, i in self._by_ref.items()
        }

    def _fold(
        self, target: PersonSlot, source: Source, person: Person, external: tuple[str, ...]
    ) -> None:
        offered = person.model_dump(exclude_defaults=True)
        combined = combine(target.person, offered, region=self.region)
        if combined.changes:
            target.person = target.person.model_copy(update=combined.changes)
            target.sources.append((source, list(combined.filled)))
        for conflict in combined.conflicts:
            self.plan.conflicts.append(Finding(source, f"{target.person.name}: {conflict}"))
        target.external.extend(k for k in external if k not in target.external)

    def person_slot(self, ref: str) -> int | None:
        """The slot of the person a draft ``ref`` names (:data:`OWNER_REF`: the owner)."""
        if ref == OWNER_REF:
            if self.owner_id is None:
                return None
            slot = self._slot_of.get(self.owner_id)
            if slot is None:
                owner = people_db.get_person(self.conn, self.ws, self.owner_id)
                assert owner is not None
                slot = self._slot()
                self._slot_of[self.owner_id] = slot
                self.plan.people[slot] = PersonSlot(slot, owner, self.owner_id, owner)
            return slot
        return self._by_ref.get(ref)

    # --- groups and memberships ---------------------------------------------------

    def memberships(self) -> None:
        stored_groups = imports_db.groups_by_name(self.conn, self.ws)
        open_now = imports_db.open_memberships(self.conn, self.ws)
        group_slot: dict[str, int] = {}
        seen: set[tuple[int, int]] = set()
        for draft in self.parsed.memberships:
            person = self.person_slot(draft.person)
            name = " ".join(draft.group.split())
            if person is None or not name:
                continue
            key = name.lower()
            if key not in group_slot:
                slot = self._slot()
                group_slot[key] = slot
                if key in stored_groups:
                    self.plan.stored_groups[slot] = stored_groups[key]
                else:
                    made = _lenient(Group, {"name": name, "id": slot}, draft.source, self.plan)
                    if made is None:
                        continue
                    self.plan.groups[slot] = made
            group = group_slot[key]
            pair = (group, person)
            if pair in seen:
                continue
            seen.add(pair)
            stored = (self.plan.stored_groups.get(group), self.plan.people[person].stored_id)
            if stored in open_now:
                self.plan.count_unchanged("memberships")
                continue
            self.plan.memberships.append(
                build(Membership, {"group_id": group, "person_id": person})
            )

    # --- events and attendance ------------------------------------------------------

    def events(self) -> None:
        drafts = self.parsed.events
        if not drafts:
            return
        by_key = imports_db.event_keys(self.conn, self.ws)
        start = min(d.starts_at for d in drafts) - timedelta(seconds=1)
        end = max(d.starts_at for d in drafts) + timedelta(seconds=1)
        by_name = {
            (fold(name), starts): event_id
            for event_id, name, starts in imports_db.events_between(self.conn, self.ws, start, end)
        }
        matched: list[tuple[EventDraft, int | None, str | None]] = []
        for draft in drafts:
            key = self._event_key(draft)
            stored = by_key.get(key) if key else None
            if stored is None:
                stored = by_name.get((fold(draft.name), draft.starts_at))
            matched.append((draft, stored, key))
        stored_events = {
            e.id: e
            for e in events_db.get_events(self.conn, self.ws, [i for _, i, _ in matched if i])
        }
        slots: dict[int, int] = {}
        for draft, stored_id, key in matched:
            if stored_id is not None and stored_id in slots:
                slot = slots[stored_id]
            elif stored_id is not None:
                slot = slots[stored_id] = self._slot()
                current = stored_events[stored_id]
                self.plan.events[slot] = EventSlot(slot, current, stored_id, current, key)
                self._fold_event(self.plan.events[slot], draft)
            else:
                event = _lenient(
                    Event, {**draft.event_fields(), "id": None}, draft.source, self.plan
                )
                if event is None:
                    continue
                slot = self._slot()
                self.plan.events[slot] = EventSlot(
                    slot, event.model_copy(update={"id": slot}), key=key
                )
            self._attendance(slot, draft)
        self._settle_attendance()

    @staticmethod
    def _event_key(draft: EventDraft) -> str | None:
        if draft.uid is None:
            return None
        return f"ical:{draft.uid}" + (
            f"@{draft.occurrence.isoformat()}" if draft.occurrence else ""
        )

    def _fold_event(self, target: EventSlot, draft: EventDraft) -> None:
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
                self.plan.conflicts.append(Finding(draft.source, text))
        if changes:
            target.event = target.event.model_copy(update=changes)

    def _attendance(self, event_slot: int, draft: EventDraft) -> None:
        now = datetime.now(draft.starts_at.tzinfo)
        if draft.organizer is not None:
            status = AttendanceStatus.ATTENDED if draft.starts_at <= now else AttendanceStatus.RSVP
            self._wanted.append((event_slot, draft.organizer.ref, status))
        for attendee in draft.attendees:
            self._wanted.append((event_slot, attendee.contact.ref, attendee.status))

    def _settle_attendance(self) -> None:
        stored_ids = [s.stored_id for s in self.plan.events.values() if s.stored_id]
        stored = imports_db.attendance_of(self.conn, self.ws, [i for i in stored_ids if i])
        best: dict[tuple[int, int], AttendanceStatus] = {}
        for event_slot, ref, status in self._wanted:
            person = self.person_slot(ref)
            if person is None:
                continue
            key = (event_slot, person)
            if key not in best or _STATUS_RANK[status] > _STATUS_RANK[best[key]]:
                best[key] = status
        for (event_slot, person), status in best.items():
            record = Attendance(event_id=event_slot, person_id=person, status=status)
            event_id = self.plan.events[event_slot].stored_id
            person_id = self.plan.people[person].stored_id
            had = stored.get((event_id, person_id)) if event_id and person_id else None
            if had is None:
                self.plan.attendance.append(record)
            elif _STATUS_RANK[status] > _STATUS_RANK[AttendanceStatus(had)]:
                self.plan.attendance_updates.append(record)
            else:
                self.plan.count_unchanged("attendance")

    # --- interactions ---------------------------------------------------------------

    def interactions(self) -> None:
        drafts = self.parsed.interactions
        if not drafts:
            return
        start = min(d.occurred_at for d in drafts)
        end = max(d.occurred_at for d in drafts)
        stored = imports_db.interaction_signatures(self.conn, self.ws, start, end)
        seen: set[tuple[datetime, str, frozenset[int]]] = set()
        for draft in drafts:
            slots = [self.person_slot(ref) for ref in draft.participants]
            if any(s is None for s in slots):
                self.plan.skipped += 1
                continue
            people = frozenset(s for s in slots if s is not None)
            if len(people) < 2:
                self.plan.skipped += 1
                self.plan.warnings.append(
                    Problem(
                        draft.source, "its participants are one person; left out", skipped=False
                    )
                )
                continue
            signature = (draft.occurred_at, draft.kind.value, people)
            stored_ids = [self.plan.people[s].stored_id for s in people]
            stored_signature = (
                (draft.occurred_at, draft.kind.value, frozenset(i for i in stored_ids if i))
                if all(stored_ids)
                else None
            )
            if signature in seen or stored_signature in stored:
                self.plan.count_unchanged("interactions")
                continue
            seen.add(signature)
            fields = {
                "kind": draft.kind,
                "occurred_at": draft.occurred_at,
                "participant_ids": sorted(people),
                "duration_minutes": draft.duration_minutes,
                "notes": draft.notes,
            }
            if draft.in_person is not None:
                fields["in_person"] = draft.in_person
            interaction = _lenient(Interaction, fields, draft.source, self.plan)
            if interaction is not None:
                self.plan.interactions.append(interaction)

    # --- the whole file ---------------------------------------------------------------

    def run(self) -> Plan:
        contacts = list(self.parsed.contacts)
        for event in self.parsed.events:
            contacts += [event.organizer] if event.organizer else []
            contacts += [a.contact for a in event.attendees]
        for draft in contacts:
            self.match(draft)
        self.settle_people()
        self.memberships()
        self.events()
        self.interactions()
        return self.plan


__all__ = ["EventSlot", "Finding", "PersonSlot", "Plan", "Planner", "Progress"]
