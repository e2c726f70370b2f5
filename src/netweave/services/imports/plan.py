"""An import's plan: what a file changes in a workspace, decided before anything is written.

A :class:`Plan` holds every record the file creates or changes, numbered with
provisional ids (see :mod:`netweave.storage.bulk`), and the report's findings.
Planning (:mod:`.people`, :mod:`.links`) reads the workspace once, in bulk, and
never writes; :mod:`.write` writes a plan. A dry run is a plan not written.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from netweave.domain import (
    Attendance,
    Event,
    Group,
    Interaction,
    MembershipDraft,
    Person,
    PersonDraft,
    build,
)
from netweave.domain.base import shared_fields_set, with_id, with_shared_fields_set
from netweave.domain.checked import checked_values
from netweave.domain.packed import Packed, unpacked
from netweave.errors import InvalidInput
from netweave.importers.model import Problem, Source

M = TypeVar("M", bound=BaseModel)
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class PersonSlot:
    """A person the file names: a new one, or a stored one (``stored_id``) it may change."""

    slot: int
    held: PersonDraft | Packed
    """The person as the import leaves them (:attr:`person`): stored ones keep their id in
    ``stored_id``. A new person nothing was folded into stays packed as matching kept them
    (:mod:`netweave.domain.packed`), and is written from that (issue 16)."""
    stored_id: int | None = None
    before: Person | None = None
    sources: list[tuple[Source, list[str]]] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    @property
    def person(self) -> PersonDraft:
        """The person as the import leaves them (unpacked when first asked for)."""
        held = self.held
        if isinstance(held, PersonDraft):
            return held
        person = self.held = unpacked(PersonDraft, held)
        return person

    @person.setter
    def person(self, person: PersonDraft) -> None:
        self.held = person

    @property
    def changed(self) -> bool:
        # The same object: nothing was folded in (the comparison costs a re-import much).
        before = self.before
        return before is not None and self.person is not before and self.person != before

    def outcome(self) -> str:
        """What the import does to the person: created, updated or unchanged."""
        return "created" if self.stored_id is None else "updated" if self.changed else "unchanged"

    def changed_person(self) -> Person | None:
        """The stored person as the import changes them (None: a new person, or unchanged)."""
        if self.before is None or not self.changed:
            return None
        return with_id(Person, self.person, self.before.id)


@dataclass(slots=True)
class EventSlot:
    slot: int
    event: Event
    stored_id: int | None = None
    before: Event | None = None
    key: str | None = None
    revision: int | None = None
    """The calendar's revision (SEQUENCE) to keep with ``key``."""

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
    """The people being planned; once written (:meth:`settled`) only their counts are kept."""
    settled_people: dict[str, int] = field(default_factory=dict)
    """People written, by what the import did to them: created, updated, unchanged."""
    stored_people: dict[int, int] = field(default_factory=dict)
    """The stored id of each person written who was stored before the import, by slot."""
    groups: dict[int, Group] = field(default_factory=dict)
    stored_groups: dict[int, int] = field(default_factory=dict)
    memberships: list[MembershipDraft] = field(default_factory=list)
    events: dict[int, EventSlot] = field(default_factory=dict)
    attendance: list[Attendance] = field(default_factory=list)
    attendance_updates: list[Attendance] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    """Made by the plan itself (calendar meetings); a file's own are :mod:`.stream`'s."""
    interactions_written: int = 0
    """The file's interactions written a chunk at a time (:mod:`.stream`): counted, not held."""
    meeting_keys: list[tuple[int, str]] = field(default_factory=list)
    """(event slot, key) of the calendar meetings made touches (services.imports.meetings)."""
    failures: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)
    duplicates: list[Finding] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    def count_unchanged(self, kind: str) -> None:
        self.unchanged[kind] = self.unchanged.get(kind, 0) + 1

    def settled(self, slot: PersonSlot) -> None:
        """``slot`` is complete and about to be written: keep its count and stored id only."""
        del self.people[slot.slot]
        if slot.stored_id is not None:
            self.stored_people[slot.slot] = slot.stored_id
        what = slot.outcome()
        self.settled_people[what] = self.settled_people.get(what, 0) + 1

    def stored_id(self, slot: int) -> int | None:
        """The id the person of ``slot`` had before the import (None: a new person)."""
        planned = self.people.get(slot)
        return planned.stored_id if planned is not None else self.stored_people.get(slot)

    def people_counts(self) -> dict[str, int]:
        """People created, updated and unchanged: those written and those still planned."""
        counts = dict(self.settled_people)
        for slot in self.people.values():
            what = slot.outcome()
            counts[what] = counts.get(what, 0) + 1
        return counts


def lenient_person(
    fields: dict[str, Any], source: Source, plan: Plan, *, ruled: Collection[str] = ()
) -> tuple[dict[str, Any], set[str]] | None:
    """The record ``lenient(PersonDraft, fields, ...)`` gives, as the values of the fields it
    sets (by name: the others hold their defaults) and that set of names, or None. Without
    making the record when every value passes the person's rules
    (:func:`netweave.domain.checked.checked_values`; ``ruled``: the fields already put
    through them): an import keeps a new person packed (issue 16). Pydantic reads only a
    contact with a value refused, for the messages of what is left out."""
    try:
        return checked_values(fields, ruled=ruled), shared_fields_set(fields)
    except ValueError:
        person = lenient(PersonDraft, fields, source, plan)
    return None if person is None else (person.__dict__, person.__pydantic_fields_set__)


def lenient(model: type[M], fields: dict[str, Any], source: Source, plan: Plan) -> M | None:
    """``build(model, fields)``, leaving out (and reporting) a field it refuses, or None.

    The record shares its set of set-field names with its likes (a plan holds one
    record per row: :func:`netweave.domain.base.with_shared_fields_set`)."""
    try:
        return with_shared_fields_set(build(model, fields))
    except InvalidInput:
        fields = dict(fields)  # the caller's stay as they are while refused ones are left out
    for _ in range(len(fields)):
        try:
            return with_shared_fields_set(build(model, fields))
        except InvalidInput as error:
            if error.field in (None, "name", "starts_at") or error.field not in fields:
                plan.failures.append(Problem(source, str(error)))
                return None
            plan.warnings.append(Problem(source, f"{error}; left out", skipped=False))
            del fields[error.field]
    return None


__all__ = ["EventSlot", "Finding", "PersonSlot", "Plan", "Progress", "lenient", "lenient_person"]
