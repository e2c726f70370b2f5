"""Adding, changing and removing an event; who attended it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from netweave.commands.base import Command, Edit, Moment, RecordId
from netweave.domain.base import Cents, Name, Text
from netweave.domain.event import MOST_LENGTH, Event, check_length
from netweave.domain.kinds import AttendanceStatus
from netweave.domain.messages import describe_error, spoken
from netweave.errors import InvalidInput

MOST_HOURS = MOST_LENGTH.days * 24
"""The domain's limit (two weeks) in the hours an interface asks for."""


def _hours(hours: float | None) -> float | None:
    if hours is not None and not 0 < hours <= MOST_HOURS:
        raise ValueError(
            f"an event lasts more than 0 and at most {MOST_HOURS:g} hours ({MOST_HOURS // 24} days)"
        )
    return hours


Hours = Annotated[float | None, AfterValidator(_hours)]
"""How long an event lasts, in hours (its end is that long after its start)."""


def end_after(starts_at: datetime, hours: float) -> datetime:
    """The end of an event from ``starts_at`` lasting ``hours``."""
    try:
        return starts_at + timedelta(hours=hours)
    except OverflowError:
        raise ValueError("the event would end after the calendar netweave keeps") from None


class AddEvent(Command):
    """An event at ``starts_at``, lasting ``hours`` or until ``ends_at`` (not both)."""

    log_name: ClassVar[str] = "add-event"

    name: Name
    starts_at: Moment
    hours: Hours = None
    ends_at: Moment | None = None
    group_id: RecordId | None = None
    place: Text = None
    cost_cents: Cents = 0
    notes: Text = None

    @model_validator(mode="after")
    def _length(self) -> AddEvent:
        if self.hours is not None and self.ends_at is not None:
            raise ValueError("give the hours or the end, not both")
        check_length(self.starts_at, self.end)
        return self

    @property
    def end(self) -> Moment | None:
        if self.hours is not None:
            return end_after(self.starts_at, self.hours)
        return self.ends_at


_MOMENT = TypeAdapter(Moment | None)
MOMENTS = ("starts_at", "ends_at")
"""An event's fields that are moments: an edit gives them with their offset, as an added
event does."""


class EditEvent(Edit):
    """Change an event: ``set`` gives fields new values (as :class:`Event` names and checks
    them; moments with their offset), ``clear`` empties fields (its end, place, group,
    notes), ``hours`` sets its end that many hours after its start (the new one when
    ``set`` moves it). The whole event is checked again: it lasts two weeks at most."""

    log_name: ClassVar[str] = "edit-event"
    edits: ClassVar[type[BaseModel]] = Event

    event_id: RecordId
    hours: Hours = None

    @field_validator("set")
    @classmethod
    def _moments(cls, values: dict[str, Any]) -> dict[str, Any]:
        read = dict(values)
        for name in MOMENTS:
            if name not in read:
                continue
            try:
                read[name] = _MOMENT.validate_python(read[name])
            except ValidationError as error:
                _, why = describe_error(error.errors()[0])
                # Named as the record names it (not "set"), as change() names the others.
                raise InvalidInput(why, field=name, label=spoken(name)) from None
        return read

    @model_validator(mode="after")
    def _hours_or_end(self) -> EditEvent:
        if self.hours is not None and ("ends_at" in self.set or "ends_at" in self.clear):
            raise ValueError("give the hours or the end, not both")
        return self

    def changes_from(self, starts_at: datetime) -> dict[str, Any]:
        """The fields to change on an event that starts at ``starts_at``: those set and
        cleared, and with ``hours`` the end that long after its (new) start."""
        changes = self.changes()
        if self.hours is not None:
            try:
                changes["ends_at"] = end_after(changes.get("starts_at", starts_at), self.hours)
            except ValueError as error:
                raise InvalidInput(str(error), field="hours") from None
        return changes


class RemoveEvent(Command):
    """Remove an event and its attendance; conversations held there stay, unlinked."""

    log_name: ClassVar[str] = "remove-event"

    event_id: RecordId


def _once(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(ids))


class MarkAttendance(Command):
    """``person_ids`` were at ``event_id`` (or were invited, said they will come, stayed
    away) as ``status``; ``met``: I talked with them there. Each person's attendance is
    replaced as a whole; several people are marked together or not at all."""

    log_name: ClassVar[str] = "mark-attendance"

    event_id: RecordId
    person_ids: Annotated[list[RecordId], Field(min_length=1), AfterValidator(_once)]
    status: AttendanceStatus = AttendanceStatus.ATTENDED
    met: bool = False


class RemoveAttendance(Command):
    """Take ``person_id`` off ``event_id``'s attendance list."""

    log_name: ClassVar[str] = "remove-attendance"

    event_id: RecordId
    person_id: RecordId


__all__ = [
    "MOMENTS",
    "MOST_HOURS",
    "AddEvent",
    "EditEvent",
    "Hours",
    "MarkAttendance",
    "RemoveAttendance",
    "RemoveEvent",
    "end_after",
]
